"""Replace when the window the text came from has closed (run as a child process on the test's X display): prints
{"message": ..., "clipboard": ...} once Replace is done, then exits."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from Xlib import X, display

from desktop.selection.replace import Replacer


def main() -> int:
    app = QApplication(sys.argv)
    connection = display.Display()
    window = connection.screen().root.create_window(0, 0, 200, 40, 0, X.CopyFromParent)
    window.map()
    window.set_input_focus(X.RevertToParent, X.CurrentTime)
    connection.sync()
    replacer = Replacer()
    replacer.remember_source()
    remembered = replacer.source_window == window.id
    window.destroy()  # the application closed its window before Replace
    connection.sync()

    def done(message: str) -> None:
        print(json.dumps({"remembered": remembered, "message": message, "clipboard": app.clipboard().text()}),
              flush=True)
        QTimer.singleShot(0, app.quit)

    replacer.done.connect(done)
    replacer.replace(sys.argv[1])
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
