"""What the child processes of the end-to-end tests on a real X server share: the JSON lines they print for the test
to read (tests/desktop/xvfb.py's read_event), the real Penna window on a fresh history, and ending when the test
closes their stdin."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier


def say(event: str, **fields: object) -> None:
    """One event for the test: a JSON line on stdout."""
    print(json.dumps({"event": event, **fields}), flush=True)


def focused_name() -> str:
    """The accessible name of the widget with the keyboard focus ("" where none has it)."""
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    return widget.accessibleName() if widget is not None else ""


def penna_window(settings: object | None = None):  # noqa: ANN201 - (QApplication, MainWindow), imported late
    """The application and the real window (not shown yet) on the PENNA_HOME the test gave; a model that fails to
    load is said as a "failed" event, and Ctrl+Q (the window's Quit) ends the application."""
    from desktop.app import application, create_window
    from desktop.settings import Settings
    from runtime.store import HistoryStore

    app = application(sys.argv)
    window = create_window(app, settings or Settings(), HistoryStore.open())
    window.session.failed.connect(lambda error: say("failed", error=str(error)))
    window.quit_requested.connect(app.quit)
    return app, window


def run(app, window, show: bool = True) -> int:  # noqa: ANN001 - penna_window's pair
    """Show the window (unless ``show`` is False), load the model and run until the application quits."""
    if show:
        window.show()
    window.start()
    return app.exec()


def on_stdin_closed(then: Callable[[], object], on_line: Callable[[str], object] = lambda line: None) -> QSocketNotifier:
    """Call ``then`` when the test closes this process's stdin, ``on_line`` with each line before; keep the returned
    notifier alive."""
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def read() -> None:
        line = sys.stdin.readline()
        if line:
            on_line(line.strip())
        else:
            notifier.setEnabled(False)
            then()

    notifier.activated.connect(read)
    return notifier
