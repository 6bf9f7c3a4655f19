"""``penna translate --selection``: ask the running Penna over D-Bus, else show a popup of our own."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QProcess

from desktop.workers import running_tasks

log = logging.getLogger(__name__)


def translate_selection_popup() -> int:
    """Translate the current selection in a popup; returns once the popup has closed."""
    from desktop.app import application
    from desktop.i18n import set_language
    from desktop.model_session import ModelSession
    from desktop.selection.controller import SelectionTranslator
    from desktop.selection.dbus import ask_running_instance
    from desktop.settings import Settings
    from desktop.theme import apply_theme
    from runtime.store import HistoryStore

    app = application([sys.argv[0]])
    if ask_running_instance():
        log.info("the running Penna shows the translation")
        return 0
    settings = Settings()
    set_language(settings.language)
    apply_theme(app, settings.theme)
    with HistoryStore.open() as store:
        session = ModelSession(settings, None)
        translator = SelectionTranslator(session, settings, store)
        translator.popup.closed.connect(app.quit)
        translator.open_requested.connect(lambda *_: QProcess.startDetached(sys.executable, ["-m", "desktop.launcher"]))
        session.failed.connect(lambda error: translator.popup.set_status(str(error)))
        translator.translate_selection()
        session.start()
        code = app.exec()
        for task in running_tasks():
            task.cancel()
        for task in running_tasks():
            task.wait()
    return code
