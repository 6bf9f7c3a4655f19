"""Full-text search over messages, conversation titles, translations, writing actions' results and summaries.

What the user types is taken literally: each word (or "quoted phrase") must occur as a
substring, case-insensitively; punctuation such as quotes, ``AND(`` or ``*`` is just text.
Terms of three or more characters go to the FTS5 trigram index (ranked with bm25); shorter
ones (common in Chinese, e.g. 你好) are beyond a trigram index and filter with LIKE instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from runtime.store.base import StoreBase
from runtime.store.errors import guarded
from runtime.store.records import HitKind, SearchHit

_MIN_TRIGRAM = 3
_LIKE_ESCAPE = "\\"


@dataclass(frozen=True)
class _Source:
    """Where one kind of hit comes from. Only these constants are formatted into SQL."""

    kind: HitKind
    table: str
    columns: tuple[str, ...]
    details: str  # selects id, conversation_id, title and the searched columns for ids in (...)


_SOURCES = (
    _Source(
        "message",
        "messages",
        ("content",),
        "SELECT m.id, m.conversation_id, c.title, m.content FROM messages m "
        "JOIN conversations c ON c.id = m.conversation_id WHERE m.id IN ({ids})",
    ),
    _Source("conversation", "conversations", ("title",), "SELECT id, id AS conversation_id, title, title AS text FROM conversations WHERE id IN ({ids})"),
    _Source(
        "translation",
        "translations",
        ("source_text", "result"),
        "SELECT id, NULL AS conversation_id, coalesce(source_language, '?') || ' → ' || target_language AS title, "
        "source_text, result FROM translations WHERE id IN ({ids})",
    ),
    _Source(
        "writing",
        "writings",
        ("source_text", "result"),
        "SELECT id, NULL AS conversation_id, action AS title, source_text, result FROM writings WHERE id IN ({ids})",
    ),
    _Source(
        "summary",
        "summaries",
        ("summary",),
        "SELECT s.id, NULL AS conversation_id, d.title, s.summary FROM summaries s "
        "JOIN documents d ON d.id = s.document_id WHERE s.id IN ({ids})",
    ),
)


def parse_query(query: str) -> list[str]:
    """Split into terms: "quoted phrases" and whitespace-separated words, taken literally."""
    terms = (phrase or word for phrase, word in re.findall(r'"([^"]+)"|(\S+)', query))
    return [term for term in terms if term.strip()]


def fts_phrase(term: str) -> str:
    """One term as an FTS5 string: inside double quotes, every character is literal."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2).replace("%", _LIKE_ESCAPE + "%").replace("_", _LIKE_ESCAPE + "_")
    return f"%{escaped}%"


def make_snippet(text: str, terms: list[str], markers: tuple[str, str], width: int = 60) -> str:
    """The stretch of ``text`` around the first match, each match wrapped in ``markers``."""
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        start, end = 0, min(len(text), 2 * width)
    else:
        start, end = max(0, first.start() - width), min(len(text), first.end() + width)
    window = " ".join(text[start:end].split())
    marked = pattern.sub(lambda match: f"{markers[0]}{match.group(0)}{markers[1]}", window)
    return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")


def _candidates(source: _Source, long_terms: list[str], short_terms: list[str]) -> tuple[str, list[Any]]:
    """SQL selecting (kind, id, rank) of one source's matches, and its parameters."""
    params: list[Any] = [source.kind]
    likes = []
    for term in short_terms:
        likes.append("(" + " OR ".join(f"t.{column} LIKE ? ESCAPE '{_LIKE_ESCAPE}'" for column in source.columns) + ")")
        params.extend([like_pattern(term)] * len(source.columns))
    if long_terms:
        fts = f"{source.table}_fts"
        # The join to the table is needed only to filter on short terms; ranking alone reads the index.
        joined = f" JOIN {source.table} t ON t.id = {fts}.rowid" if likes else ""
        sql = f"SELECT ? AS kind, {fts}.rowid AS id, bm25({fts}) AS rank FROM {fts}{joined} WHERE {fts} MATCH ?"
        params.insert(1, " ".join(fts_phrase(term) for term in long_terms))
    else:
        sql = f"SELECT ? AS kind, t.id AS id, 0.0 AS rank FROM {source.table} t WHERE 1"
    return f"SELECT * FROM ({sql}{''.join(f' AND {like}' for like in likes)} ORDER BY rank LIMIT ?)", params


class SearchMixin(StoreBase):
    @guarded
    def search(self, query: str, limit: int = 20, markers: tuple[str, str] = ("**", "**")) -> list[SearchHit]:
        """Best matches first across messages, conversation titles, translations, writings and summaries."""
        terms = parse_query(query)
        if not terms:
            return []
        long_terms = [term for term in terms if len(term) >= _MIN_TRIGRAM]
        short_terms = [term for term in terms if len(term) < _MIN_TRIGRAM]
        parts, params = [], []
        for source in _SOURCES:
            sql, source_params = _candidates(source, long_terms, short_terms)
            parts.append(sql)
            params.extend([*source_params, limit])
        union = " UNION ALL ".join(parts) + " ORDER BY rank, id DESC LIMIT ?"
        ranked = self.db.execute(union, [*params, limit]).fetchall()
        return self._describe(ranked, terms, markers)

    def _describe(self, ranked: list[tuple[HitKind, int, float]], terms: list[str], markers: tuple[str, str]) -> list[SearchHit]:
        """Fetch title, owner and text for the ranked (kind, id, rank) rows; keep their order."""
        found: dict[tuple[str, int], dict[str, Any]] = {}
        for source in _SOURCES:
            ids = [row_id for kind, row_id, _ in ranked if kind == source.kind]
            if ids:
                sql = source.details.format(ids=", ".join("?" * len(ids)))
                for row in self.db.query(sql, ids):
                    found[(source.kind, row["id"])] = row
        hits = []
        for kind, row_id, rank in ranked:
            row = found[(kind, row_id)]
            texts = list(row.values())[3:]
            text = next((t for t in texts if any(term.casefold() in t.casefold() for term in terms)), texts[0])
            hits.append(
                SearchHit(kind, row_id, row["conversation_id"], row["title"], rank, make_snippet(text, terms, markers))
            )
        return hits
