"""``penna translate --selection`` and ``penna write ACTION --selection``: ask the running Penna over D-Bus, else
show a popup of our own; ``penna translate --region``: a region of the screen, read by OCR, in a popup of our own."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QProcess, QTimer
from PySide6.QtWidgets import QApplication

from desktop.workers import running_tasks

log = logging.getLogger(__name__)


def selection_popup(action: str = "translate", region: bool = False) -> int:
    """Run ``action`` on the current selection (or, with ``region``, translate a region of the screen the user drags)
    in a popup; returns once the popup has closed."""
    from desktop.app import application
    from desktop.i18n import set_language
    from desktop.model_session import ModelSession
    from desktop.selection.controller import SelectionActions
    from desktop.selection.dbus import ask_running_instance
    from desktop.settings import Settings
    from desktop.theme import apply_theme
    from desktop.task_engine import TaskEngine
    from runtime.store import HistoryStore

    app = application([sys.argv[0]])
    if not region and ask_running_instance(action):
        log.info("the running Penna shows the result")
        return 0
    settings = Settings()
    set_language(settings.language)
    apply_theme(app, settings.theme)
    with HistoryStore.open() as store:
        session = ModelSession(settings, None)
        translate_engine = TaskEngine(settings, "translate", session, None)
        translator = SelectionActions(translate_engine, settings, store)
        translator.popup.closed.connect(lambda: QTimer.singleShot(0, lambda: _quit_unless_a_window_shows(app)))
        translator.open_requested.connect(lambda *_: QProcess.startDetached(sys.executable, ["-m", "desktop.launcher"]))
        translate_engine.session.failed.connect(lambda error: translator.popup.set_status(str(error)))
        if region:
            translator.region_closed.connect(lambda: QTimer.singleShot(0, lambda: _quit_unless_a_window_shows(app)))
            translator.translate_region()
        else:
            translator.run_on_selection(action)
        if not translate_engine.own_model:
            session.start()  # Translate runs the chat's model: load that one
        translate_engine.start()
        code = app.exec()
        for task in running_tasks():
            task.cancel()
        for task in running_tasks():
            task.wait()
    return code


def _quit_unless_a_window_shows(app: QApplication) -> None:
    """The popup has closed: quit, unless it opened a window (the catalogue), which then ends the app when closed."""
    if not any(widget.isVisible() for widget in app.topLevelWidgets()):
        app.quit()
