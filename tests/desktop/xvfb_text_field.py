"""Another application for the Replace test (run as a child process on the test's X display): a window with a
text field holding a sentence, all of it selected (also as the PRIMARY selection, as selecting it by mouse does),
and the CLIPBOARD holding text and HTML of its own.

Prints {"event": "ready", "window": <X window id>} once shown and focused, then {"event": "changed", "text": ...}
whenever the field's text changes. Reads commands from stdin: "focus" gives the window the focus again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.desktop.xvfb_child import on_stdin_closed, say

CLIPBOARD_TEXT = "what the clipboard held before"
CLIPBOARD_HTML = "<b>what the clipboard</b> held before"


def main() -> int:
    app = QApplication(sys.argv)
    field = QLineEdit(sys.argv[1])
    field.setWindowTitle("Penna test: a text field")
    field.resize(900, 40)

    def focus() -> None:
        field.activateWindow()
        field.setFocus()
        field.selectAll()
        app.clipboard().setText(field.text(), QClipboard.Mode.Selection)

    def ready() -> None:
        focus()
        data = QMimeData()
        data.setText(CLIPBOARD_TEXT)
        data.setHtml(CLIPBOARD_HTML)
        app.clipboard().setMimeData(data, QClipboard.Mode.Clipboard)
        say("ready", window=int(field.winId()))

    def command(line: str) -> None:
        if line == "focus":
            focus()
            say("focused")

    _commands = on_stdin_closed(app.quit, command)
    field.textChanged.connect(lambda text: say("changed", text=text))
    field.show()
    QTimer.singleShot(300, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
