"""Take the README's pictures with the default model: docs/screenshot.png (a real conversation, light theme),
docs/screenshot-dark.png (the same in the dark theme), docs/translate.png (the Translate pane) and docs/popup.png
(the selection popup).

    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python docs/make_screenshot.py

A real X server: offscreen, the popup (a Qt.Popup, which cannot grab the mouse there) closes while it translates.

Needs the default model prepared (run `penna` once). History and settings go to a temporary
folder, so the user's own chats are neither shown nor touched.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import application, create_window
from desktop.settings import Sampling, Settings
from runtime.store import HistoryStore

QUESTIONS = (
    "Give me three tips for writing clearly, as a bulleted list.",
    "Show a short Python function that reverses a string.",
)
TO_TRANSLATE = "The weather is nice today. Let's have lunch in the garden."
TO_TRANSLATE_IN_POPUP = "Thank you for your help yesterday."
DOCS = Path(__file__).resolve().parent


def wait_for(signal, timeout_ms: int = 300_000) -> None:  # noqa: ANN001
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def main() -> int:
    logging.basicConfig(level=logging.INFO)
    app = application([])
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(Path(folder) / "settings.ini")
        settings.sampling = Sampling(temperature=0.0, max_new_tokens=160)
        settings.primary_language = "fr"  # the popup's target, whatever this machine's language
        settings.theme = "light"  # not the desktop's, whatever it is
        with HistoryStore.open(Path(folder) / "history.db") as store:
            window = create_window(app, settings, store)
            window.resize(1200, 780)
            window.show()
            window.start()
            wait_for(window.session.ready)
            for question in QUESTIONS:
                window.chat.composer.input.setPlainText(question)
                window.chat.composer.send_button.click()
                wait_for(window.chat.session.answer_finished)
            app.processEvents()
            window.chat.view.verticalScrollBar().setValue(0)
            save(window, "screenshot.png")
            settings.theme = "dark"
            save(window, "screenshot-dark.png")
            settings.theme = "light"

            window.translate_pane.target_box.set_code("fr")
            window.translate_text(TO_TRANSLATE)
            wait_for(window.translate_pane.runner.finished)
            save(window, "translate.png")

            window.selection.translate(TO_TRANSLATE_IN_POPUP, QPoint(200, 200))
            wait_for(window.selection.runner.finished)
            save(window.selection.popup, "popup.png")
            window.close()
    return 0


def save(widget, name: str) -> None:  # noqa: ANN001 - any QWidget
    QApplication.processEvents()
    widget.grab().save(str(DOCS / name))
    logging.info("wrote %s", DOCS / name)


if __name__ == "__main__":
    sys.exit(main())
