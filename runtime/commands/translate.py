"""``penna translate [--to LANG] [--from LANG|auto] [TEXT | -]``: streams the translation to stdout."""

from __future__ import annotations

import argparse
import sys

from runtime.commands.generate import open_engine
from runtime.commands.task_io import add_task_arguments, read_text, warn_if_too_small, write_stream
from runtime.tasks.language import LANGUAGES, get_language


def register(subparsers: argparse._SubParsersAction) -> None:
    codes = ", ".join(language.code for language in LANGUAGES)
    parser = subparsers.add_parser("translate", help="translate text, keeping its layout",
                                   description=f"Translate text offline. Languages: {codes}.")
    parser.add_argument("text", nargs="*", help="the text (default, or -: standard input)")
    parser.add_argument("--to", dest="target", default="en", help="target language code or name (default: en)")
    parser.add_argument("--from", dest="source", default="auto", help="source language, or auto (default) to detect")
    add_task_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from runtime.tasks.translate import translate

    text = read_text(args.text, "translate")
    for language in (args.target, args.source):
        if language != "auto":
            get_language(language)  # an unknown language fails before the model loads
    engine = open_engine(args)
    warn_if_too_small(engine, "translation")
    translation = translate(engine, text, target=args.target, source=args.source)
    if args.source == "auto":
        detected = translation.source.name if translation.source else "unknown (no letters to judge by)"
        print(f"penna: source language: {detected}", file=sys.stderr, flush=True)
    result = write_stream(translation)
    if translation.doubtful:
        print(f"penna: warning: this translation may be wrong ({'; '.join(dict.fromkeys(translation.doubts))}). "
              "A larger model translates better: see `penna models catalogue`.", file=sys.stderr, flush=True)
    if not args.no_history and not translation.cancelled:
        from runtime.store import HistoryStore

        with HistoryStore.open() as store:
            store.add_translation(text, translation.target.code, result,
                                  source_language=translation.source.code if translation.source else None,
                                  model=engine.model_name)
    return 0
