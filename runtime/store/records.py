"""The records the history store hands out: plain frozen dataclasses, no database attached."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, UTC
from typing import Any, Literal

from runtime.tasks.passages import Passage

Role = Literal["system", "user", "assistant"]
FinishReason = Literal["stop", "length", "cancelled", "error"]
HitKind = Literal["message", "conversation", "translation", "summary", "writing"]

ROLES: tuple[str, ...] = ("system", "user", "assistant")
FINISH_REASONS: tuple[str, ...] = ("stop", "length", "cancelled", "error")


def now() -> datetime:
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """UTC ISO-8601 with microseconds: a fixed width, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def to_db_json(options: dict[str, Any] | None) -> str | None:
    return None if options is None else json.dumps(options, ensure_ascii=False, sort_keys=True)


def from_db_json(text: str | None) -> dict[str, Any] | None:
    return None if text is None else json.loads(text)


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created: datetime
    updated: datetime
    model: str | None = None
    system_prompt: str | None = None
    pinned: bool = False
    archived: bool = False
    active_leaf_id: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Conversation:
        return cls(
            id=row["id"],
            title=row["title"],
            created=from_db_time(row["created"]),
            updated=from_db_time(row["updated"]),
            model=row["model"],
            system_prompt=row["system_prompt"],
            pinned=bool(row["pinned"]),
            archived=bool(row["archived"]),
            active_leaf_id=row["active_leaf_id"],
        )


@dataclass(frozen=True)
class Message:
    """One message. ``finish_reason`` is None while an answer streams, or if its writer died."""

    id: int
    conversation_id: int
    parent_id: int | None
    role: Role
    content: str
    created: datetime
    model: str | None = None
    options: dict[str, Any] | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    ttft_s: float | None = None
    tokens_per_s: float | None = None
    finish_reason: FinishReason | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Message:
        return cls(
            id=row["id"],
            conversation_id=row["conversation_id"],
            parent_id=row["parent_id"],
            role=row["role"],
            content=row["content"],
            created=from_db_time(row["created"]),
            model=row["model"],
            options=from_db_json(row["options"]),
            prompt_tokens=row["prompt_tokens"],
            completion_tokens=row["completion_tokens"],
            ttft_s=row["ttft_s"],
            tokens_per_s=row["tokens_per_s"],
            finish_reason=row["finish_reason"],
        )


@dataclass(frozen=True)
class Translation:
    id: int
    source_text: str
    source_language: str | None
    target_language: str
    result: str
    model: str | None
    created: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Translation:
        return cls(**{**row, "created": from_db_time(row["created"])})


@dataclass(frozen=True)
class Writing:
    """A writing action's result: ``action`` names it (a built-in such as "proofread", or a user action)."""

    id: int
    action: str
    source_text: str
    result: str
    language: str | None
    model: str | None
    created: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Writing:
        return cls(**{**row, "created": from_db_time(row["created"])})


@dataclass(frozen=True)
class Document:
    """A summarised or indexed file or text, identified by the sha256 of its UTF-8 content. ``indexed``: kept in
    the library with its text and passages (``kind`` "text" | "pdf" | "docx" | "html" | "image", ``pages``)."""

    id: int
    title: str
    path: str | None
    sha256: str
    length: int
    created: datetime
    kind: str | None = None
    pages: int | None = None
    indexed: bool = False

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Document:
        return cls(id=row["id"], title=row["title"], path=row["path"], sha256=row["sha256"], length=row["length"],
                   created=from_db_time(row["created"]), kind=row.get("kind"), pages=row.get("pages"),
                   indexed=row.get("content") is not None)


@dataclass(frozen=True)
class StoredPassage:
    """A passage of a document in the library: ``passage`` has its text and anchor."""

    id: int
    document_id: int
    title: str  # of its document
    seq: int
    passage: Passage

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> StoredPassage:
        return cls(id=row["id"], document_id=row["document_id"], title=row["title"], seq=row["seq"],
                   passage=Passage(row["text"], row["page"], row["heading"], row["first_line"], row["last_line"]))


@dataclass(frozen=True)
class Summary:
    id: int
    document_id: int
    summary: str
    model: str | None
    options: dict[str, Any] | None
    created: datetime
    sources: list[Any] | None = None  # per part of the summary, the ids of the passages it came from

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Summary:
        sources = row.get("sources")
        return cls(**{**row, "options": from_db_json(row["options"]), "created": from_db_time(row["created"]),
                      "sources": None if sources is None else json.loads(sources)})


@dataclass(frozen=True)
class SearchHit:
    """One search result. ``rank``: lower is better (FTS5 bm25). ``snippet`` marks matches."""

    kind: HitKind
    id: int
    conversation_id: int | None
    title: str
    rank: float
    snippet: str
