"""The real Penna window on an X display, driven from the keyboard only (run as a child process by
test_keyboard_xvfb.py, which sends xdotool key events).

Prints one JSON line per step: "ready" (the model is loaded and the window has the keyboard), "answered" (a chat
answer finished), "translated" (the Translate pane finished), "settings" (the Settings dialog is shown) and
"settings_closed" (with where the keyboard is then); Ctrl+Q then ends it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from tests.desktop.xvfb_child import focused_name, penna_window, run, say


class DialogWatcher(QObject):
    """Says when the Settings dialog shows and hides."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        from desktop.settings_dialog import SettingsDialog

        if isinstance(watched, SettingsDialog) and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            if event.type() == QEvent.Type.Show:
                QTimer.singleShot(200, lambda: say("settings", title=watched.windowTitle(), active=watched.isActiveWindow()))
            else:
                QTimer.singleShot(300, lambda: say("settings_closed", active=QApplication.activeWindow() is not None,
                                                   focus=focused_name()))
        return False


def main() -> int:
    from desktop.settings import Sampling, Settings

    settings = Settings()
    settings.sampling = Sampling(temperature=0.0, max_new_tokens=12, seed=1)
    app, window = penna_window(settings)
    watcher = DialogWatcher(app)
    app.installEventFilter(watcher)

    def ready(_engine: object) -> None:
        window.activateWindow()
        QTimer.singleShot(500, lambda: say("ready", active=window.isActiveWindow(), focus=focused_name()))

    window.session.ready.connect(ready)
    window.chat.session.answer_finished.connect(
        lambda item: say("answered", text=item.content, focus=focused_name()))
    window.translate_pane.runner.finished.connect(
        lambda _translation: say("translated", source=window.translate_pane.source.toPlainText(),
                                 text=window.translate_pane.runner.text, target=window.translate_pane.target_box.code()))
    return run(app, window)


if __name__ == "__main__":
    sys.exit(main())
