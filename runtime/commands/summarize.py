"""``penna summarize [FILE | -] [--length ...] [--style ...]``: streams the summary to stdout, progress to stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runtime.commands.generate import open_engine
from runtime.commands.task_io import add_task_arguments, read_text, warn_if_too_small, write_stream
from runtime.tasks.language import get_language
from runtime.tasks.result_check import FINDINGS
from runtime.tasks.summarize import LENGTHS, STYLES


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("summarize", aliases=["summarise"], help="summarise a text or a document",
                                   description="Summarise a .txt, .md, .pdf, .docx or .html file, or standard input.")
    parser.add_argument("file", nargs="?", default="-", help="the document (default, or -: standard input)")
    parser.add_argument("--length", choices=LENGTHS, default="short")
    parser.add_argument("--style", choices=STYLES, default="paragraph")
    parser.add_argument("--language", default="auto", help="language of the summary (default: that of the text)")
    add_task_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from runtime.tasks.documents import load_document
    from runtime.tasks.summarize import summarize

    if args.file == "-":
        text, title, path = read_text([], "summarise"), "standard input", None
    else:
        document = load_document(args.file)
        text, title, path = document.text, document.path.name, str(Path(args.file).resolve())
    if args.language != "auto":
        get_language(args.language)  # an unknown language fails before the model loads
    engine = open_engine(args)

    def progress(done: int, total: int) -> None:
        if total > 1:
            print(f"penna: step {done} of {total} (each part, then combining)", file=sys.stderr, flush=True)

    warn_if_too_small(engine, "summaries")
    summary = summarize(engine, text, length=args.length, style=args.style, language=args.language, progress=progress)
    result = write_stream(summary)
    for finding in summary.findings:
        print(f"penna: warning: {FINDINGS[finding]}", file=sys.stderr, flush=True)
    if not args.no_history and not summary.cancelled:
        from runtime.store import HistoryStore

        with HistoryStore.open() as store:
            record = store.add_document(title, text, path=path)
            store.add_summary(record.id, result, model=engine.model_name,
                              options={"length": args.length, "style": args.style, "language": args.language})
    return 0
