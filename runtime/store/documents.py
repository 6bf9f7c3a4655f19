"""The document library: documents kept with their text and passages, a bm25 index over the passages, and the
documents attached to each conversation."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from runtime.store.library import LibraryMixin
from runtime.store.errors import guarded
from runtime.store.records import Document, StoredPassage, now, to_db_time

# Words that say nothing about which passage answers a question; left out of the search.
_STOPWORDS = frozenset(
    "a an and are as at be been but by can could did do does for from had has have how i if in into is it its "
    "me my no not of on or our she so than that the their them then there these they this those to was we were "
    "what when where which who whom whose why will with would you your about after all also any before between "
    "both each few more most other over same some such only own too very just should now tell say says said".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Passages written per transaction while indexing: progress shows and a cancel is seen between batches.
_BATCH = 200


class PassageLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def page(self) -> int | None: ...
    @property
    def heading(self) -> str | None: ...
    @property
    def first_line(self) -> int: ...
    @property
    def last_line(self) -> int: ...


def search_terms(question: str) -> list[str]:
    """The words of ``question`` worth searching for: no stop words, no repeats, in order."""
    terms: list[str] = []
    for word in _WORD.findall(question.lower()):
        if word not in _STOPWORDS and word not in terms and (len(word) > 1 or not word.isascii()):
            terms.append(word)
    return terms


class DocumentsMixin(LibraryMixin):
    @guarded
    def find_document(self, content: str) -> Document | None:
        """The library's document with exactly this text, if it is indexed."""
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        rows = self._rows("SELECT * FROM documents WHERE sha256 = ? AND content IS NOT NULL", [digest])
        return Document.from_row(rows[0]) if rows else None

    @guarded
    def index_document(
        self,
        title: str,
        content: str,
        passages: Sequence[PassageLike],
        path: str | None = None,
        kind: str | None = None,
        pages: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Document | None:
        """Keep a document with its text and passages, indexed. A text already in the library is not indexed
        again: its record is returned. Written in batches, calling ``progress(done, total)`` after each; when
        ``cancelled()`` turns true between batches, everything written for it is removed and None returned."""
        existing = self.find_document(content)
        if existing is not None:
            return existing
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        values = {"title": title, "path": path, "kind": kind, "pages": pages, "content": content,
                  "length": len(content)}
        with self._write():
            rows = self._rows("SELECT id FROM documents WHERE sha256 = ?", [digest])
            if rows:  # summarised before, without its text: keep its summaries
                document_id = rows[0]["id"]
                self._update_row("documents", document_id, values)
            else:
                document_id = self._insert_row("documents", {**values, "sha256": digest, "created": to_db_time(now())})
        for start in range(0, len(passages), _BATCH):
            if cancelled():
                self.remove_document(document_id)
                return None
            with self._write():
                self.db.table("passages").insert_all(
                    {"document_id": document_id, "seq": seq, "text": passage.text, "page": passage.page,
                     "heading": passage.heading, "first_line": passage.first_line, "last_line": passage.last_line}
                    for seq, passage in enumerate(passages[start : start + _BATCH], start=start)
                )
            if progress is not None:
                progress(min(start + _BATCH, len(passages)), len(passages))
        return self.get_document(document_id)

    @guarded
    def list_library(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """The indexed documents, newest first."""
        rows = self._rows("SELECT * FROM documents WHERE content IS NOT NULL ORDER BY created DESC, id DESC "
                          "LIMIT ? OFFSET ?", [limit, offset])
        return [Document.from_row(row) for row in rows]

    @guarded
    def document_text(self, document_id: int) -> str:
        row = self._row("SELECT content FROM documents WHERE id = ?", [document_id], f"document {document_id}")
        return row["content"] or ""

    @guarded
    def remove_document(self, document_id: int) -> None:
        """Remove a document with its passages, their index entries, its summaries and its place in chats."""
        with self._write():
            self.get_document(document_id)
            self.db.execute("DELETE FROM documents WHERE id = ?", [document_id])

    @guarded
    def passages_of(self, document_id: int) -> list[StoredPassage]:
        """All passages of a document, in order."""
        return self._passages("p.document_id = ? ORDER BY p.seq", [document_id])

    @guarded
    def get_passages(self, passage_ids: Iterable[int]) -> list[StoredPassage]:
        ids = list(passage_ids)
        found = {passage.id: passage for passage in self._passages(
            f"p.id IN ({', '.join('?' * len(ids))})", ids)} if ids else {}
        return [found[passage_id] for passage_id in ids if passage_id in found]

    @guarded
    def search_passages(self, query: str, document_ids: Sequence[int], limit: int = 5) -> list[StoredPassage]:
        """The passages of ``document_ids`` that best match the words of ``query`` (bm25), best first; any one
        word may match."""
        terms = search_terms(query)
        if not terms or not document_ids:
            return []
        match = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
        marks = ", ".join("?" * len(document_ids))
        rows = self._rows(
            "SELECT f.rowid AS id FROM passages_fts f JOIN passages p ON p.id = f.rowid "
            f"WHERE passages_fts MATCH ? AND p.document_id IN ({marks}) ORDER BY bm25(passages_fts, 1.0, 2.0) LIMIT ?",
            [match, *document_ids, limit],
        )
        return self.get_passages(row["id"] for row in rows)

    @guarded
    def attach_document(self, conversation_id: int, document_id: int) -> None:
        with self._write():
            self._require_conversation(conversation_id)
            self.get_document(document_id)
            self.db.execute("INSERT OR IGNORE INTO conversation_documents VALUES (?, ?, ?)",
                            [conversation_id, document_id, to_db_time(now())])

    @guarded
    def detach_document(self, conversation_id: int, document_id: int) -> None:
        with self._write():
            self.db.execute("DELETE FROM conversation_documents WHERE conversation_id = ? AND document_id = ?",
                            [conversation_id, document_id])

    @guarded
    def conversation_documents(self, conversation_id: int) -> list[Document]:
        """The documents attached to a conversation, in the order they were added."""
        rows = self._rows("SELECT d.* FROM documents d JOIN conversation_documents c ON c.document_id = d.id "
                          "WHERE c.conversation_id = ? ORDER BY c.added, d.id", [conversation_id])
        return [Document.from_row(row) for row in rows]

    def _require_conversation(self, conversation_id: int) -> None:
        self._row("SELECT id FROM conversations WHERE id = ?", [conversation_id], f"conversation {conversation_id}")

    def _passages(self, where: str, params: list[int]) -> list[StoredPassage]:
        rows = self._rows(f"SELECT p.*, d.title FROM passages p JOIN documents d ON d.id = p.document_id WHERE {where}",
                          params)
        return [StoredPassage.from_row(row) for row in rows]
