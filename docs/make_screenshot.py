"""Take the README's pictures of the chat with the default model: docs/screenshot.png (a real conversation, light
theme) and docs/screenshot-dark.png (the same in the dark theme). docs/make_translate_screenshots.py takes the
Translate pane, the popup and the catalogue; docs/make_writing_screenshot.py the popup proofreading.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshot.py

Needs the default model prepared (run `penna` once). History and settings go to a temporary
folder, so the user's own chats are neither shown nor touched.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import application, create_window
from desktop.settings import Sampling, Settings
from runtime.store import HistoryStore

QUESTIONS = (
    "Give me three tips for writing clearly, as a bulleted list.",
    "Show a short Python function that reverses a string.",
)
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
            window.close()
    return 0


def save(widget, name: str) -> None:  # noqa: ANN001 - any QWidget
    QApplication.processEvents()
    widget.grab().save(str(DOCS / name))
    logging.info("wrote %s", DOCS / name)


if __name__ == "__main__":
    sys.exit(main())
