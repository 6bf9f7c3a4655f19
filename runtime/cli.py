"""The ``penna`` command line: the sub-commands that need no window.

The console script enters through ``desktop.launcher``, which adds the commands that show Qt (the window
when no command is given, ``translate --selection``) to this parser: nothing here imports desktop or Qt.
``python -m runtime.cli`` is the headless CLI on its own.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

from runtime.errors import PennaError

Command = Callable[[argparse.Namespace], int | None]


def build_parser() -> argparse.ArgumentParser:
    from runtime.commands import register_all

    parser = argparse.ArgumentParser(prog="penna", description="Local, offline chat and writing assistant.")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="where to run the model")
    parser.add_argument("--model", default=None, help="installed model name (see `penna models list`), or with "
                        "--remote a model the server offers (default: its first)")
    parser.add_argument("--remote", metavar="URL", default=None,
                        help="use the model of an OpenAI-compatible server (vLLM, Ollama, penna serve...) at URL")
    parser.add_argument("--api-key", metavar="KEY", default=os.environ.get("PENNA_API_KEY"),
                        help="the --remote server's API key (or set PENNA_API_KEY)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(subparsers)
    parser.set_defaults(func=None)
    return parser


def subcommand(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """The parser of sub-command ``name``, for front ends that add options of their own to it."""
    action = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    return action.choices[name]


def parse_arguments(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """``argv`` parsed, where words after an option still join a command's text (`penna write translate --to fr
    Bonjour`): argparse alone fills a positional only up to the first option, and calls the rest unrecognised."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        if not isinstance(getattr(args, "text", None), list) or any(word.startswith("-") for word in extra):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        args.text += extra
    return args


def main(argv: list[str] | None = None, parser: argparse.ArgumentParser | None = None,
         no_command: Command | None = None) -> int:
    """Run ``penna ARGV``. ``no_command`` runs when no sub-command is given (default: print the help)."""
    parser = parser or build_parser()
    args = parse_arguments(parser, argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    command = args.func or no_command
    if command is None:
        parser.print_help()
        return 0
    try:
        return int(command(args) or 0)
    except PennaError as error:
        print(f"penna: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
