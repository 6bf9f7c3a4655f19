"""The real Penna window on an X display, for the end-to-end selection test (run as a child process).

Prints one JSON line when the model is loaded and the global shortcut is grabbed ({"event": "ready"}), then
one when the popup has shown a finished translation ({"event": "translated", ...}), and exits.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import Qt, QTimer


def main() -> int:
    from desktop.app import application, create_window
    from desktop.settings import Settings
    from runtime.store import HistoryStore

    app = application(sys.argv)
    settings = Settings()
    settings.primary_language = "fr"
    window = create_window(app, settings, HistoryStore.open())
    popup = window.selection.popup

    def say(event: str, **fields: object) -> None:
        print(json.dumps({"event": event, **fields}), flush=True)

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
    window.session.failed.connect(lambda error: say("failed", error=str(error)))
    window.selection.finished.connect(on_translated)
    window.quit_requested.connect(app.quit)
    window.show()
    window.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
