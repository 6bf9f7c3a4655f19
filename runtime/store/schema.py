"""Numbered schema migrations, applied in order at open, each exactly once.

Never edit a migration that has shipped: add the next number. Each runs inside the caller's
write transaction, together with the row that records it, so a crash applies all of it or none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlite_utils

from runtime.errors import SchemaTooNewError
from runtime.store.records import now, to_db_time

log = logging.getLogger(__name__)

# The trigram tokenizer finds any substring of three or more characters, in any script:
# Chinese and Japanese have no spaces between words, so word tokenizers would miss them.
FTS_TOKENIZER = "trigram"


def _conversations_and_messages(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            model TEXT,
            system_prompt TEXT,
            pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            active_leaf_id INTEGER REFERENCES messages(id) ON DELETE SET NULL
        );
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
            content TEXT NOT NULL,
            created TEXT NOT NULL,
            model TEXT,
            options TEXT CHECK (options IS NULL OR json_valid(options)),
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            ttft_s REAL,
            tokens_per_s REAL,
            finish_reason TEXT CHECK (finish_reason IS NULL OR finish_reason IN ('stop', 'length', 'cancelled', 'error'))
        );
        CREATE INDEX conversations_listing ON conversations (archived, pinned DESC, updated DESC);
        CREATE INDEX messages_conversation ON messages (conversation_id, id);
        CREATE INDEX messages_parent ON messages (parent_id);
        """
    )
    db.table("conversations").enable_fts(["title"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db.table("messages").enable_fts(["content"], create_triggers=True, tokenize=FTS_TOKENIZER)


def _translations_documents_summaries(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE translations (
            id INTEGER PRIMARY KEY,
            source_text TEXT NOT NULL,
            source_language TEXT,
            target_language TEXT NOT NULL,
            result TEXT NOT NULL,
            model TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            path TEXT,
            sha256 TEXT NOT NULL UNIQUE,
            length INTEGER NOT NULL,
            created TEXT NOT NULL
        );
        CREATE TABLE summaries (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            summary TEXT NOT NULL,
            model TEXT,
            options TEXT CHECK (options IS NULL OR json_valid(options)),
            created TEXT NOT NULL
        );
        CREATE INDEX translations_created ON translations (created DESC);
        CREATE INDEX summaries_document ON summaries (document_id, created DESC);
        """
    )
    db.table("translations").enable_fts(["source_text", "result"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db.table("summaries").enable_fts(["summary"], create_triggers=True, tokenize=FTS_TOKENIZER)


# Passages of documents are searched by words, stemmed (Porter), which finds "installing" for "install":
# bench/bench_documents.py compares it with the trigram tokenizer on its question set.
PASSAGE_TOKENIZER = "porter unicode61 remove_diacritics 2"


def _document_library(db: sqlite_utils.Database) -> None:
    """Documents kept with their text, cut into passages with anchors, indexed, and attached to conversations;
    summaries point back to the passages they came from."""
    db.executescript(
        """
        ALTER TABLE documents ADD COLUMN kind TEXT;
        ALTER TABLE documents ADD COLUMN pages INTEGER;
        ALTER TABLE documents ADD COLUMN content TEXT;
        ALTER TABLE summaries ADD COLUMN sources TEXT CHECK (sources IS NULL OR json_valid(sources));
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            text TEXT NOT NULL,
            page INTEGER,
            heading TEXT,
            first_line INTEGER NOT NULL,
            last_line INTEGER NOT NULL,
            UNIQUE (document_id, seq)
        );
        CREATE TABLE conversation_documents (
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            added TEXT NOT NULL,
            PRIMARY KEY (conversation_id, document_id)
        );
        CREATE INDEX conversation_documents_document ON conversation_documents (document_id);
        """
    )
    db.table("passages").enable_fts(["text", "heading"], create_triggers=True, tokenize=PASSAGE_TOKENIZER)
def _writings(db: sqlite_utils.Database) -> None:
    """The results of writing actions on a text (Proofread, Rewrite, Explain, Summarize, the user's own)."""
    db.executescript(
        """
        CREATE TABLE writings (
            id INTEGER PRIMARY KEY,
            action TEXT NOT NULL,
            source_text TEXT NOT NULL,
            result TEXT NOT NULL,
            language TEXT,
            model TEXT,
            created TEXT NOT NULL
        );
        CREATE INDEX writings_created ON writings (created DESC);
        """
    )
    db.table("writings").enable_fts(["source_text", "result"], create_triggers=True, tokenize=FTS_TOKENIZER)


MIGRATIONS: tuple[tuple[str, Callable[[sqlite_utils.Database], None]], ...] = (
    ("conversations and messages", _conversations_and_messages),
    ("translations, documents and summaries", _translations_documents_summaries),
    ("document library: texts, passages, their index, documents in conversations", _document_library),
    ("writing actions", _writings),
)
LATEST = len(MIGRATIONS)


def current_version(db: sqlite_utils.Database) -> int:
    if not db["_migrations"].exists():
        return 0
    return db.execute("SELECT coalesce(max(version), 0) FROM _migrations").fetchone()[0]


def migrate(db: sqlite_utils.Database, target: int = LATEST) -> int:
    """Apply the migrations after the current version up to ``target``; call inside a write
    transaction. Returns how many ran."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
    )
    version = current_version(db)
    if version > LATEST:
        raise SchemaTooNewError(
            f"The history database was made by a newer Penna (schema {version}; this Penna knows {LATEST}). "
            "Update Penna to open it."
        )
    for number in range(version + 1, target + 1):
        name, apply = MIGRATIONS[number - 1]
        log.info("applying history migration %d: %s", number, name)
        apply(db)
        db.table("_migrations").insert({"version": number, "name": name, "applied": to_db_time(now())})
    return max(0, target - version)
