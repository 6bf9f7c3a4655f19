"""A file manager's stand-in for the documents test (run as a child process on the test's X display): a small window
at the right edge of the screen that starts a real drag (QDrag: XDND to whichever window the pointer is over, in
another process) of the file given as its argument when the left button is pressed on it.

Prints {"event": "ready", "geometry": [x, y, width, height]} once shown, {"event": "dragging"} when the drag has
begun and {"event": "dropped", "action": ...} when it has ended; exits when its stdin closes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel

from tests.desktop.xvfb_child import on_stdin_closed, say


class DragSource(QLabel):
    def __init__(self, file: Path) -> None:
        super().__init__(f"Drag me:\n{file.name}")
        self.file = file
        self.setWindowTitle("Penna test: a file to drag")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: #fff3c4; color: black; border: 2px dashed #a07800;")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton:
            return
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(self.file))])
        drag = QDrag(self)
        drag.setMimeData(data)
        say("dragging")
        action = drag.exec(Qt.DropAction.CopyAction)  # returns once dropped (or cancelled)
        say("dropped", action=action.name)


def main() -> int:
    app = QApplication(sys.argv)
    source = DragSource(Path(sys.argv[1]).resolve())
    screen = app.primaryScreen().geometry()
    source.setGeometry(screen.right() - 160, screen.top() + 40, 150, 120)  # beside Penna's window, not under it

    def ready() -> None:
        if not source.windowHandle().isExposed():  # mapped on the screen, where a press reaches it
            QTimer.singleShot(50, ready)
            return
        frame = source.geometry()
        say("ready", geometry=[frame.x(), frame.y(), frame.width(), frame.height()])

    _closing = on_stdin_closed(app.quit)
    source.show()
    ready()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
