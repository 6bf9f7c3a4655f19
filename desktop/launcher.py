"""The ``penna`` console script: runtime's command line plus the commands that show a window.

With no command it opens the window (``--in-tray``: hidden in the tray); ``penna translate --selection`` (or
``penna write ACTION --selection``) opens the selection popup; ``--install-desktop`` / ``--uninstall-desktop`` manage
the menu entry. Qt is imported only on the first two paths, so the headless commands start as light as ``python -m runtime.cli``.
"""

from __future__ import annotations

import argparse
import sys

from runtime import cli


def _open_window(args: argparse.Namespace) -> int:
    if args.install_desktop or args.uninstall_desktop:
        return _desktop_integration(install=args.install_desktop)
    from desktop.app import run_app

    return run_app(in_tray=args.in_tray)


def _desktop_integration(install: bool) -> int:
    from desktop import xdg

    if install:
        for path in xdg.install_desktop():
            print(f"installed {path}")
        print("Penna is in the applications menu (some desktops show it after logging in again).")
    else:
        removed = xdg.uninstall_desktop()
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print("Penna's menu entry was not installed; nothing to remove.")
    return 0


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    from desktop.xdg import IN_TRAY_OPTION

    integration = parser.add_mutually_exclusive_group()
    integration.add_argument("--install-desktop", action="store_true",
                             help="add Penna to the applications menu (desktop entry, icons, metainfo under XDG_DATA_HOME)")
    integration.add_argument("--uninstall-desktop", action="store_true", help="remove what --install-desktop added")
    parser.add_argument(IN_TRAY_OPTION, action="store_true",
                        help="start hidden in the system tray (how the login autostart entry starts Penna)")


def _add_selection_option(parser: argparse.ArgumentParser) -> None:
    helps = {"translate": "translate the text selected in any application in a popup (asks a running Penna first)",
             "write": "run the action on the text selected in any application, in a popup (asks a running Penna first)"}
    for name, help_text in helps.items():
        command = cli.subcommand(parser, name)
        command.add_argument("--selection", action="store_true", help=help_text)
        if name == "translate":
            command.add_argument("--region", action="store_true", help="drag a rectangle over the screen; its text "
                                 "is read by OCR and translated in a popup (on Wayland the picture comes from the "
                                 "desktop's Screenshot portal)")
        command.set_defaults(func=_selection_or(command.get_default("func"), name))


def _selection_or(headless: cli.Command, command: str) -> cli.Command:
    """``headless``, or the selection popup when ``--selection`` (or translate's ``--region``) is given."""

    def run(args: argparse.Namespace) -> int | None:
        region = getattr(args, "region", False)
        if args.selection or region:
            from desktop.selection.standalone import selection_popup
            from runtime.tasks.actions import find_action

            action = "translate" if command == "translate" else find_action(args.action or "").name
            return selection_popup(action, region=region)
        return headless(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = cli.build_parser()
    _add_window_options(parser)
    _add_selection_option(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, build_parser(), no_command=_open_window)


if __name__ == "__main__":
    sys.exit(main())
