"""``penna ask FILE... QUESTION`` and ``penna documents list|add|remove``: the document library from the terminal."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from runtime.commands.generate import interrupt_cancels, open_engine
from runtime.commands.task_io import add_task_arguments, write_stream
from runtime.store import HistoryStore

if TYPE_CHECKING:
    from runtime.store import Document
    from runtime.tasks.ask import Source


def register(subparsers: argparse._SubParsersAction) -> None:
    ask = subparsers.add_parser("ask", help="ask a question about documents; the answer cites its sources",
                                description="Answer a question from .pdf, .docx, .html, .md, .txt files or images "
                                            "(kept in the document library), then list the sources it cites.")
    ask.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the documents")
    ask.add_argument("question", help="the question (quote it)")
    add_task_arguments(ask)
    ask.set_defaults(func=_ask)

    documents = subparsers.add_parser("documents", help="the document library (files kept with their index)")
    actions = documents.add_subparsers(dest="documents_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="the documents in the library, newest first").set_defaults(func=_list)
    add = actions.add_parser("add", help="read and index files (OCR for scans and images)")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.set_defaults(func=_add)
    remove = actions.add_parser("remove", help="remove documents with their passages and index")
    remove.add_argument("ids", nargs="+", type=int, metavar="ID")
    remove.set_defaults(func=_remove)


def add_files(store: HistoryStore, files: Sequence[Path]) -> list[Document]:
    """The library's records of ``files``, each read and indexed first if it is new; progress on stderr, Ctrl+C
    cancels (nothing of the unfinished file is kept)."""
    from runtime.tasks.library import add_file

    def progress(stage: str, done: int, total: int) -> None:
        what = "page" if stage == "reading" else "passage"
        print(f"penna: {stage} {path.name}: {what} {done} of {total}", file=sys.stderr, flush=True)

    records = []
    for path in files:
        cancel = threading.Event()
        with interrupt_cancels(_CancelEvent(cancel)):
            records.append(add_file(store, path, progress, cancel))
    return records


class _CancelEvent:
    """An Event that ``interrupt_cancels`` sets (it calls ``cancel()``)."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event

    def cancel(self) -> None:
        self.event.set()


def print_sources(sources: Sequence[Source]) -> None:
    if sources:
        print("\nSources:")
    for source in sources:
        print(f"[{source.number}] {source.where}: {source.snippet}")


def _ask(args: argparse.Namespace) -> int:
    from runtime.tasks.ask import ask

    with HistoryStore.open() as store:
        ids = [document.id for document in add_files(store, args.files)]
        engine = open_engine(args)
        answer = ask(store, engine, ids, args.question)
        write_stream(answer)
    print_sources(answer.cited())
    return 0


def _list(args: argparse.Namespace) -> int:
    with HistoryStore.open() as store:
        documents = store.list_library()
    for document in documents:
        pages = f"{document.pages} p." if document.pages else f"{document.length} ch."
        print(f"{document.id:>6}  {document.created:%Y-%m-%d %H:%M}  {document.kind or '-':<6} {pages:>9}  {document.title}")
    return 0


def _add(args: argparse.Namespace) -> int:
    with HistoryStore.open() as store:
        for document in add_files(store, args.files):
            print(f"{document.id:>6}  {document.title}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    with HistoryStore.open() as store:
        for document_id in args.ids:
            store.remove_document(document_id)
    return 0
