"""Adding files to the document library: read (OCR for scans and images), cut into passages, indexed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from runtime.errors import DocumentError
from runtime.tasks.documents import Document as FileText
from runtime.tasks.documents import load_document
from runtime.tasks.ocr import OcrCancelledError
from runtime.tasks.passages import split_passages

if TYPE_CHECKING:
    from runtime.store import Document, HistoryStore

log = logging.getLogger(__name__)

# progress(stage, done, total): stage "reading" counts pages (OCR), "indexing" counts passages.
IndexProgress = Callable[[str, int, int], None]


class IndexCancelledError(DocumentError):
    """Adding a document was cancelled; nothing of it was kept."""


def add_file(store: HistoryStore, path: str | Path, progress: IndexProgress | None = None,
             cancel: threading.Event | None = None) -> Document:
    """The library's record of the file at ``path``, read and indexed unless its text is there already."""
    cancel = cancel or threading.Event()

    def reading(done: int, total: int) -> None:
        if progress is not None:
            progress("reading", done, total)

    try:
        document = load_document(path, progress=reading, cancel=cancel)
    except OcrCancelledError as error:
        raise IndexCancelledError(f"Adding {Path(path).name} was cancelled; nothing of it was kept.") from error
    return add_document(store, document, progress, cancel)


def add_document(store: HistoryStore, document: FileText, progress: IndexProgress | None = None,
                 cancel: threading.Event | None = None) -> Document:
    """The library's record of a document already read, indexed unless its text is there already."""
    cancel = cancel or threading.Event()

    def indexing(done: int, total: int) -> None:
        if progress is not None:
            progress("indexing", done, total)

    record = store.find_document(document.text)
    if record is None:
        record = store.index_document(
            document.path.name, document.text, split_passages(document), path=str(document.path.resolve()),
            kind=document.kind, pages=document.pages, progress=indexing, cancelled=cancel.is_set)
    if record is None:
        raise IndexCancelledError(f"Adding {document.path.name} was cancelled; nothing of it was kept.")
    log.info("library: %s is document %d", document.path, record.id)
    return record


def joined_text(titled: list[tuple[str, str]]) -> str:
    """Several documents' texts as one, each under its title as a heading (one document: its text as it is)."""
    if len(titled) == 1:
        return titled[0][1]
    return "\n\n".join(f"# {title}\n\n{text}" for title, text in titled)
