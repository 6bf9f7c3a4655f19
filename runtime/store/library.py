"""Translations, writing actions' results, and documents with their summaries."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from runtime.store.base import StoreBase
from runtime.store.errors import guarded
from runtime.store.records import Document, Summary, Translation, Writing, now, to_db_json, to_db_time


class LibraryMixin(StoreBase):
    @guarded
    def add_translation(
        self,
        source_text: str,
        target_language: str,
        result: str,
        source_language: str | None = None,
        model: str | None = None,
    ) -> Translation:
        """``source_language``: as the user gave it or as detected; None if unknown."""
        with self._write():
            translation_id = self._insert_row(
                "translations",
                {
                    "source_text": source_text,
                    "source_language": source_language,
                    "target_language": target_language,
                    "result": result,
                    "model": model,
                    "created": to_db_time(now()),
                },
            )
        return self.get_translation(translation_id)

    @guarded
    def get_translation(self, translation_id: int) -> Translation:
        row = self._row("SELECT * FROM translations WHERE id = ?", [translation_id], f"translation {translation_id}")
        return Translation.from_row(row)

    @guarded
    def list_translations(self, limit: int = 50, offset: int = 0) -> list[Translation]:
        """Newest first."""
        rows = self._rows("SELECT * FROM translations ORDER BY created DESC, id DESC LIMIT ? OFFSET ?", [limit, offset])
        return [Translation.from_row(row) for row in rows]

    @guarded
    def add_writing(self, action: str, source_text: str, result: str, language: str | None = None,
                    model: str | None = None) -> Writing:
        """``language``: the code of the language the result is in (None if unknown)."""
        with self._write():
            writing_id = self._insert_row(
                "writings",
                {"action": action, "source_text": source_text, "result": result, "language": language,
                 "model": model, "created": to_db_time(now())},
            )
        return self.get_writing(writing_id)

    @guarded
    def get_writing(self, writing_id: int) -> Writing:
        return Writing.from_row(self._row("SELECT * FROM writings WHERE id = ?", [writing_id], f"writing {writing_id}"))

    @guarded
    def list_writings(self, limit: int = 50, offset: int = 0) -> list[Writing]:
        """Newest first."""
        rows = self._rows("SELECT * FROM writings ORDER BY created DESC, id DESC LIMIT ? OFFSET ?", [limit, offset])
        return [Writing.from_row(row) for row in rows]

    @guarded
    def add_document(self, title: str, content: str, path: str | None = None) -> Document:
        """Record a document by the sha256 of its UTF-8 text; the same text again returns the
        existing record (so its earlier summaries show up)."""
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        with self._write():
            existing = self._rows("SELECT * FROM documents WHERE sha256 = ?", [digest])
            if existing:
                return Document.from_row(existing[0])
            document_id = self._insert_row(
                "documents",
                {"title": title, "path": path, "sha256": digest, "length": len(content), "created": to_db_time(now())},
            )
        return self.get_document(document_id)

    @guarded
    def get_document(self, document_id: int) -> Document:
        return Document.from_row(self._row("SELECT * FROM documents WHERE id = ?", [document_id], f"document {document_id}"))

    @guarded
    def add_summary(
        self, document_id: int, summary: str, model: str | None = None, options: dict[str, Any] | None = None,
        sources: list[list[int]] | None = None,
    ) -> Summary:
        """``sources``: for each part of the summary (its paragraphs or bullets, in order), the ids of the
        passages it came from."""
        with self._write():
            self.get_document(document_id)
            summary_id = self._insert_row(
                "summaries",
                {
                    "document_id": document_id,
                    "summary": summary,
                    "model": model,
                    "options": to_db_json(options),
                    "sources": None if sources is None else json.dumps(sources),
                    "created": to_db_time(now()),
                },
            )
        return Summary.from_row(self._row("SELECT * FROM summaries WHERE id = ?", [summary_id], "summary"))

    @guarded
    def list_summaries(self, document_id: int | None = None, limit: int = 50, offset: int = 0) -> list[Summary]:
        """Newest first; of one document, or of all."""
        rows = self._rows(
            "SELECT * FROM summaries WHERE ? IS NULL OR document_id = ? ORDER BY created DESC, id DESC LIMIT ? OFFSET ?",
            [document_id, document_id, limit, offset],
        )
        return [Summary.from_row(row) for row in rows]
