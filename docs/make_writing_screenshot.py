"""Take docs/popup-write.png: the selection popup with its row of writing actions, the selected text, and the
default model's proofread shown as a word diff.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_writing_screenshot.py

Needs the default model prepared (run `penna` once). History and settings go to a temporary folder.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint

from desktop.app import application, create_window
from desktop.settings import Settings
from make_screenshot import wait_for
from runtime.store import HistoryStore

FOLDER = Path(__file__).resolve().parent
TEXT = "I has went to the store yesterday and buyed three apple for my freind."


def main() -> int:
    logging.basicConfig(level=logging.INFO)
    app = application([])
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(Path(folder) / "settings.ini")
        with HistoryStore.open(Path(folder) / "history.db") as store:
            window = create_window(app, settings, store)
            window.start()
            wait_for(window.translate_engine.session.ready)
            window.selection.run(TEXT, "proofread", at=QPoint(40, 40))
            wait_for(window.selection.finished)
            app.processEvents()
            window.selection.popup.grab().save(str(FOLDER / "popup-write.png"))
            window.selection.popup.close()
            window.close()
    logging.info("wrote popup-write.png in %s", FOLDER)
    return 0


if __name__ == "__main__":
    sys.exit(main())
