"""The ``penna`` console script: runtime's command line plus the commands that show a window.

With no command it opens the window; ``penna translate --selection`` opens the selection popup. Qt is
imported only on those two paths, so the headless commands start as light as ``python -m runtime.cli``.
"""

from __future__ import annotations

import argparse
import sys

from runtime import cli


def _open_window(_args: argparse.Namespace) -> int:
    from desktop.app import run_app

    return run_app()


def _add_selection_option(parser: argparse.ArgumentParser) -> None:
    translate = cli.subcommand(parser, "translate")
    translate.add_argument("--selection", action="store_true",
                           help="translate the text selected in any application in a popup (asks a running Penna first)")
    headless = translate.get_default("func")

    def run(args: argparse.Namespace) -> int | None:
        if args.selection:
            from desktop.selection.standalone import translate_selection_popup

            return translate_selection_popup()
        return headless(args)

    translate.set_defaults(func=run)


def build_parser() -> argparse.ArgumentParser:
    parser = cli.build_parser()
    _add_selection_option(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, build_parser(), no_command=_open_window)


if __name__ == "__main__":
    sys.exit(main())
