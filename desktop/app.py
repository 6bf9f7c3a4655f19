"""Start the Penna window: `penna` with no arguments lands here."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLoggingCategory, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from assets import APP_ID, app_icon
from desktop.fonts import load_bundled_fonts
from desktop.i18n import follow_language
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.theme import follow_theme


# Qt's font database warns once per script it cannot shape ("OpenType support missing for … script 11"), about
# twenty lines at each start that say nothing a user can act on.
QUIET_LOG_RULES = "qt.text.font.db=false"


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named so that Qt's own folders and dialogs say Penna."""
    QLoggingCategory.setFilterRules(QUIET_LOG_RULES)  # before the application: its font database logs early
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Penna")
    app.setOrganizationName("Penna")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(app_icon())))
    load_bundled_fonts()
    return app


def create_window(app: QApplication, settings: Settings | None = None, store: object | None = None) -> MainWindow:
    """Build the window in the user's language and theme (both follow the settings); the model is loaded once it is
    shown."""
    from runtime.store import HistoryStore

    settings = settings or Settings()
    follow_language(settings)
    follow_theme(app, settings)
    return MainWindow(settings, store or HistoryStore.open())


def run_app(argv: list[str] | None = None, in_tray: bool = False) -> int:
    """Show the window (or, ``in_tray``, only the tray icon where there is a tray), then prepare and load the model
    in the background; returns the exit code."""
    app = application(argv)
    window = create_window(app)
    window.quit_requested.connect(app.quit)
    if not (in_tray and window.tray.isVisible()):
        window.show()
    QTimer.singleShot(0, window.start)
    QTimer.singleShot(0, window.start_selection_services)
    return app.exec()
