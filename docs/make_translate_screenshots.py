"""Take docs/translate.png, docs/popup.png and docs/catalogue.png: the Translate pane and the selection popup with
real translations by the default model, which is too small to translate well (the advice to download a better model
shows, and a result in the wrong language comes marked), and the catalogue with speeds scaled from that model's.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_translate_screenshots.py

Needs the default model prepared (run `penna` once). History and settings go to a temporary folder.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint

from desktop.app import application, create_window
from desktop.catalogue_dialog import CatalogueDialog
from desktop.settings import Settings
from make_screenshot import wait_for
from runtime.store import HistoryStore

FOLDER = Path(__file__).resolve().parent
PANE_TEXT = "आज मौसम बहुत अच्छा है, चलो पार्क में टहलने चलते हैं।"  # Hindi: its font ships with Penna, so it shows anywhere
POPUP_TEXT = "The weather is nice today."


def main() -> int:
    logging.basicConfig(level=logging.INFO)
    app = application([])
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(Path(folder) / "settings.ini")
        settings.primary_language = "fr"
        settings.theme = "light"  # not the desktop's, whatever it is
        with HistoryStore.open(Path(folder) / "history.db") as store:
            window = create_window(app, settings, store)
            window.resize(1200, 640)
            window.show()
            window.start()
            wait_for(window.translate_engine.session.ready)
            window.rail.setCurrentRow(1)
            pane = window.translate_pane
            pane.target_box.set_code("en")
            pane.translate(PANE_TEXT)
            wait_for(pane.runner.finished)
            app.processEvents()
            window.grab().save(str(FOLDER / "translate.png"))
            window.selection.translate(POPUP_TEXT, at=QPoint(40, 40))
            wait_for(window.selection.finished)
            app.processEvents()
            window.selection.popup.grab().save(str(FOLDER / "popup.png"))
            window.selection.popup.close()
            catalogue = CatalogueDialog(window, engine=window.session.engine)
            catalogue.show()
            wait_for(catalogue.speed_measured)
            catalogue.fits_box.setChecked(False)
            catalogue.select("qwen2.5-1.5b-instruct")
            app.processEvents()
            catalogue.grab().save(str(FOLDER / "catalogue.png"))
            catalogue.close()
            window.close()
    logging.info("wrote translate.png, popup.png and catalogue.png in %s", FOLDER)
    return 0


if __name__ == "__main__":
    sys.exit(main())
