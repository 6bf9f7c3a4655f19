"""Take docs/screenshot.png: the window with a real conversation with the default model.

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

from desktop.app import application, create_window
from desktop.settings import Sampling, Settings
from runtime.store import HistoryStore

QUESTIONS = (
    "Give me three tips for writing clearly, as a bulleted list.",
    "Show a short Python function that reverses a string.",
)
OUTPUT = Path(__file__).resolve().parent / "screenshot.png"


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
            app.processEvents()
            window.grab().save(str(OUTPUT))
            window.close()
    logging.info("wrote %s", OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
