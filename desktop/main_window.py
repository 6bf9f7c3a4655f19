"""The Penna window: a rail switching the Chat, Translate and Summarize panes, and the status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from desktop.chat.pane import ChatPane
from desktop.i18n import Retranslatable, set_language
from desktop.model_session import ModelSession
from desktop.placeholder_pane import PlaceholderPane
from desktop.settings import Settings
from desktop.status_bar import PennaStatusBar
from desktop.theme import apply_theme
from desktop.workers import running_tasks

log = logging.getLogger(__name__)


class MainWindow(Retranslatable, QMainWindow):
    """Top-level window. ``session`` owns the engine; ``chat`` is the chat pane."""

    def __init__(self, settings: Settings, store: object) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.session = ModelSession(settings, self)
        self.status = PennaStatusBar(self)
        self.setStatusBar(self.status)

        self.rail = QListWidget(self)
        self.rail.setObjectName("rail")
        self.rail.setFixedWidth(128)
        self.rail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for _ in range(3):
            self.rail.addItem(QListWidgetItem())
        self.chat = ChatPane(store, self.session, settings, self)
        self.translate_pane = PlaceholderPane(lambda: self.tr("Translate text between languages — coming in this pane."))
        self.summarize_pane = PlaceholderPane(lambda: self.tr("Summarize long text and documents — coming in this pane."))
        self.stack = QStackedWidget(self)
        for pane in (self.chat, self.translate_pane, self.summarize_pane):
            self.stack.addWidget(pane)
        self.rail.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.session.loading.connect(self.status.set_loading)
        self.session.ready.connect(self._on_engine_ready)
        self.chat.stats_changed.connect(self.status.set_stats)
        self.chat.context_changed.connect(self.status.set_context)
        self._make_actions()
        self.rail.setCurrentRow(0)
        self.resize(1100, 720)
        if geometry := settings.geometry():
            self.restoreGeometry(geometry)
        self.retranslate()

    def _make_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        specs = [
            ("new_chat", QKeySequence.StandardKey.New, self.show_chat_and(self.chat.new_conversation)),
            ("search", QKeySequence.StandardKey.Find, self.show_chat_and(self.chat.focus_search)),
            ("stop", QKeySequence(Qt.Key.Key_Escape), self.chat.stop),
            ("regenerate", QKeySequence("Ctrl+Shift+R"), self.show_chat_and(self.chat.regenerate)),
            ("settings", QKeySequence("Ctrl+,"), self.open_settings),
        ] + [(f"pane{index + 1}", QKeySequence(f"Ctrl+{index + 1}"), self._pane_switcher(index)) for index in range(3)]
        for name, shortcut, slot in specs:
            action = QAction(self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action

    def show_chat_and(self, slot):  # noqa: ANN001, ANN201 - a tiny closure factory
        def run() -> None:
            self.rail.setCurrentRow(0)
            slot()

        return run

    def _pane_switcher(self, index: int):  # noqa: ANN202
        return lambda: self.rail.setCurrentRow(index)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Penna"))
        for row, text in enumerate((self.tr("Chat"), self.tr("Translate"), self.tr("Summarize"))):
            item = self.rail.item(row)
            item.setText(text)
            item.setToolTip(self.tr("{pane} (Ctrl+{key})").format(pane=text, key=row + 1))
        names = {
            "new_chat": self.tr("New chat"), "search": self.tr("Search conversations"), "stop": self.tr("Stop the answer"),
            "regenerate": self.tr("Regenerate the last answer"), "settings": self.tr("Settings"),
        }
        for name, text in names.items():
            self.actions_by_name[name].setText(text)

    def start(self) -> None:
        """Begin preparing/loading the model (after the window is shown)."""
        self.session.start()

    def _on_engine_ready(self, engine: object) -> None:
        self.status.set_engine(engine.model_name, engine.device, engine.fallback_reason)

    def open_settings(self) -> None:
        from desktop.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.apply())

    def apply_settings(self, changes: set[str]) -> None:
        """React to settings that changed: language and theme at once, the model when no answer runs."""
        if "language" in changes:
            set_language(self.settings.language)
        if "theme" in changes:
            apply_theme(QApplication.instance(), self.settings.theme)
        if changes & {"model", "device", "precision"} and not self.chat.is_generating():
            self.session.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Cancel whatever runs (the partial answer is kept), wait for the threads, remember the geometry."""
        self.chat.shutdown()
        for task in running_tasks():
            task.cancel()
        for task in running_tasks():
            task.wait()
        self.settings.set_geometry(bytes(self.saveGeometry()))
        self.settings.sync()
        super().closeEvent(event)
