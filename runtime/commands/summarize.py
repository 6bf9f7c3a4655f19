"""``penna summarize [FILE... | -] [--length ...] [--style ...] [--sources]``: streams the summary to stdout,
progress to stderr; with ``--sources``, then each part of the summary with the pages or sections it came from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from runtime.commands.generate import open_engine
from runtime.commands.task_io import add_task_arguments, read_text, warn_if_too_small, write_stream
from runtime.tasks.language import get_language
from runtime.tasks.result_check import FINDINGS
from runtime.tasks.summarize import LENGTHS, STYLES

if TYPE_CHECKING:
    from runtime.tasks.summary_sources import SummaryPart


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("summarize", aliases=["summarise"], help="summarise a text or documents",
                                   description="Summarise .txt, .md, .pdf, .docx or .html files (several are "
                                               "summarised together), images, or standard input.")
    parser.add_argument("files", nargs="*", default=[], metavar="FILE",
                        help="the documents (none, or -: standard input)")
    parser.add_argument("--length", choices=LENGTHS, default="short")
    parser.add_argument("--style", choices=STYLES, default="paragraph")
    parser.add_argument("--language", default="auto", help="language of the summary (default: that of the text)")
    parser.add_argument("--sources", action="store_true",
                        help="then print each part of the summary with the pages or sections it came from")
    add_task_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from runtime.store import HistoryStore
    from runtime.tasks.summarize import summarize
    from runtime.tasks.summary_sources import summary_sources

    if args.language != "auto":
        get_language(args.language)  # an unknown language fails before the model loads
    with HistoryStore.open() as store:
        if args.files in ([], ["-"]):
            text, title, path, ids = read_text([], "summarise"), "standard input", None, []
        else:
            from runtime.commands.documents import add_files

            documents = add_files(store, [Path(file) for file in args.files])
            ids = [document.id for document in documents]
            from runtime.tasks.library import joined_text

            text = joined_text([(document.title, store.document_text(document.id)) for document in documents])
            title = " + ".join(document.title for document in documents)
            path = str(Path(args.files[0]).resolve()) if len(ids) == 1 else None
        engine = open_engine(args)
        warn_if_too_small(engine, "summaries")

        def progress(done: int, total: int) -> None:
            if total > 1:
                print(f"penna: step {done} of {total} (each part, then combining)", file=sys.stderr, flush=True)

        summary = summarize(engine, text, length=args.length, style=args.style, language=args.language,
                            progress=progress)
        result = write_stream(summary)
        for finding in summary.findings:
            print(f"penna: warning: {FINDINGS[finding]}", file=sys.stderr, flush=True)
        parts = summary_sources(store, ids, result) if ids and not summary.cancelled else []
        if args.sources:
            _print_sources(parts)
        if not args.no_history and not summary.cancelled:
            record = store.add_document(title, text, path=path)
            store.add_summary(record.id, result, model=engine.model_name,
                              options={"length": args.length, "style": args.style, "language": args.language},
                              sources=[[stored.id for stored in part.passages] for part in parts] if parts else None)
    return 0


def _print_sources(parts: list[SummaryPart]) -> None:
    if parts:
        print("\nSources:")
    for number, part in enumerate(parts, start=1):
        where = "; ".join(f"{stored.title}, {stored.passage.anchor}" for stored in part.passages) or "-"
        print(f"{number}. {part.text[:60]}{'…' if len(part.text) > 60 else ''}\n   {where}")
