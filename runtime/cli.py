"""The ``penna`` command. With no arguments it opens the desktop window."""

from __future__ import annotations

import argparse
import logging
import sys

from runtime.errors import PennaError


def build_parser() -> argparse.ArgumentParser:
    from runtime.commands import register_all

    parser = argparse.ArgumentParser(prog="penna", description="Local, offline chat and writing assistant.")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="where to run the model")
    parser.add_argument("--model", default=None, help="installed model name (see `penna models list`)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command is None:
            from desktop.app import run_app

            return run_app()
        return int(args.func(args) or 0)
    except PennaError as error:
        print(f"penna: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
