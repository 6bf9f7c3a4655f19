"""The real Penna window on an X display, for the end-to-end selection test (run as a child process).

Prints one JSON line when the model is loaded and the global shortcut is grabbed ({"event": "ready"}), then
one when the popup has shown a finished translation ({"event": "translated", ...}), and exits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer

from tests.desktop.xvfb_child import penna_window, run, say


def main() -> int:
    from desktop.settings import Settings

    settings = Settings()
    settings.primary_language = "fr"
    app, window = penna_window(settings)
    popup = window.selection.popup

    def on_ready(_engine: object) -> None:
        window.start_selection_services()
        grabbed = window.hotkey is not None and window.hotkey.shortcut == "Ctrl+Alt+Y"
        say("ready", grabbed=grabbed, status=window.status.currentMessage())

    def on_translated(text: str) -> None:
        say("translated", text=text, shown=popup.text.text(), languages=popup.languages.text(),
            visible=popup.isVisible(), on_top=bool(popup.windowFlags() & Qt.WindowType.WindowStaysOnTopHint),
            source=window.selection.source_text)
        QTimer.singleShot(0, window.quit)

    window.session.ready.connect(on_ready)
    window.selection.finished.connect(on_translated)
    return run(app, window)


if __name__ == "__main__":
    sys.exit(main())
