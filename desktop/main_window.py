"""The Penna window: a rail switching the Chat, Translate and Summarize panes, and the status bar."""

from __future__ import annotations

import logging

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QSystemTrayIcon, QToolButton, QVBoxLayout,
    QWidget,
)

from desktop.accessible import set_accessible
from desktop.chat.pane import ChatPane
from desktop.first_run import PreparationBanner
from desktop.i18n import Retranslatable
from desktop.icons import themed_icon
from desktop.model_session import ModelSession
from desktop.selection.controller import SelectionActions
from desktop.selection.tray import PennaTray
from desktop.server_control import ServerControl
from desktop.settings import Settings
from desktop.status_bar import PennaStatusBar
from desktop.summarize.pane import SummarizePane
from desktop.task_engine import TaskEngine
from desktop.text_actions import TextActions
from desktop.translate.pane import TranslatePane
from desktop.welcome import WelcomePanel
from desktop.workers import running_tasks
from runtime.engine import EngineProtocol

log = logging.getLogger(__name__)


class MainWindow(Retranslatable, QMainWindow):
    """Top-level window. ``session`` owns the engine; ``chat``, ``translate_pane``, ``summarize_pane`` are the panes;
    ``selection`` translates the selection into a popup for the tray, the global shortcut and D-Bus."""

    quit_requested = Signal()  # Quit from the tray: the window has closed, the application should end

    def __init__(self, settings: Settings, store: object) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.session = ModelSession(settings, self)
        self.server_control = ServerControl(self)
        self.translate_engine = TaskEngine(settings, "translate", self.session, self)  # the chat's engine, or its own
        self.summarize_engine = TaskEngine(settings, "summarize", self.session, self)
        self.status = PennaStatusBar(self)
        self.setStatusBar(self.status)

        self.rail = QListWidget(self)
        self.rail.setObjectName("rail")
        self.rail.setFixedWidth(156)  # the names beside their icons, in English and Chinese
        self.rail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rail.setIconSize(QSize(20, 20))
        for _ in range(3):
            self.rail.addItem(QListWidgetItem())
        self.chat = ChatPane(store, self.session, settings, self)
        self.translate_pane = TranslatePane(store, self.translate_engine, settings, self)
        self.summarize_pane = SummarizePane(store, self.summarize_engine, self)
        self.stack = QStackedWidget(self)
        for pane in (self.chat, self.translate_pane, self.summarize_pane):
            self.stack.addWidget(pane)
        self.rail.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.rail.currentRowChanged.connect(lambda row: self.status.set_pane(("chat", "translate", "summarize")[row]))
        self.banner = PreparationBanner(self.session, self)
        self.welcome = WelcomePanel(settings, self)  # the first run only: what the built-in model is for, and a better one

        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.welcome)
        column.addWidget(self.banner)
        # The gear under the rail: Settings must be found without knowing Ctrl+,.
        self.settings_button = QToolButton(self)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setIconSize(QSize(20, 20))
        self.settings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.settings_button.setFixedWidth(self.rail.width())
        self.settings_button.clicked.connect(self.open_settings)
        QWidget.setTabOrder(self.rail, self.settings_button)  # as laid out: the gear under the rail, then the pane
        rail_column = QVBoxLayout()
        rail_column.setSpacing(0)
        rail_column.addWidget(self.rail, 1)
        rail_column.addWidget(self.settings_button)
        panes = QHBoxLayout()
        panes.addLayout(rail_column)
        panes.addWidget(self.stack, 1)
        column.addLayout(panes, 1)
        self.setCentralWidget(central)

        # Changed settings reload the engines, but not under an answer or a task that runs on them.
        self.session.follow_settings(in_use=self.chat.is_generating)
        self.translate_engine.follow_settings(in_use=self.translate_pane.runner.is_running)
        self.summarize_engine.follow_settings(in_use=self.summarize_pane.runner.is_running)
        self.session.loading.connect(self.status.set_loading)
        self.server_control.changed.connect(self.status.set_server)
        self.session.preparing.connect(lambda *_: self.status.set_preparing())
        self.session.failed.connect(lambda _error: self.status.set_not_ready())
        self.session.ready.connect(self._on_engine_ready)
        self.chat.stats_changed.connect(self.status.set_stats)
        self.chat.stats_cleared.connect(self.status.clear_stats)
        self.chat.context_changed.connect(self.status.set_context)
        self._make_actions()
        self._make_selection_tools()
        self.rail.setCurrentRow(0)
        self.chat.composer.input.setFocus()  # a new user can type at once, even while the model is prepared
        self.resize(1100, 720)
        if geometry := settings.geometry():
            self.restoreGeometry(geometry)
        self._draw_icons()
        self.retranslate()

    def _draw_icons(self) -> None:
        """The rail's and the gear's icons, in the current theme's colours."""
        for row, name in enumerate(("chat", "translate", "summarize")):
            self.rail.item(row).setIcon(themed_icon(name, self.palette()))
        self.settings_button.setIcon(themed_icon("settings", self.palette()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed
            self._draw_icons()

    def _make_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        specs = [
            ("new_chat", QKeySequence.StandardKey.New, self.show_chat_and(self.chat.new_conversation)),
            ("search", QKeySequence.StandardKey.Find, self.show_chat_and(self.chat.focus_search)),
            ("stop", QKeySequence(Qt.Key.Key_Escape), self.chat.stop),
            ("regenerate", QKeySequence("Ctrl+Shift+R"), self.show_chat_and(self.chat.regenerate)),
            ("settings", QKeySequence("Ctrl+,"), self.open_settings),
            ("quit", QKeySequence("Ctrl+Q"), self.quit),
        ] + [(f"pane{index + 1}", QKeySequence(f"Ctrl+{index + 1}"), self._pane_switcher(index)) for index in range(3)]
        for name, shortcut, slot in specs:
            action = QAction(self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action

    def _make_selection_tools(self) -> None:
        self.text_actions = TextActions(self)
        self.text_actions.translate_requested.connect(self.translate_text)
        self.text_actions.summarize_requested.connect(self.summarize_text)
        self.text_actions.write_requested.connect(lambda action, text: self.selection.run(text, action))
        self.selection = SelectionActions(self.translate_engine, self.settings, self.store, self)
        self.selection.finished.connect(lambda _text: self.translate_pane.refresh_history())
        self.selection.open_requested.connect(self.open_translation)
        self.tray = PennaTray(self)
        self.tray.translate_selection.connect(self.selection.translate_selection)
        self.tray.translate_clipboard.connect(self.selection.translate_clipboard)
        self.tray.translate_region.connect(self.selection.translate_region)
        self.tray.action_requested.connect(self.selection.run_on_selection)
        self.tray.show_requested.connect(self.show_window)
        self.tray.settings_requested.connect(self.show_settings)
        self.tray.quit_requested.connect(self.quit)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()
        self.hotkey: Any = None
        self.action_hotkeys: list[Any] = []
        self.portal: Any = None
        self._portal_address: str | None = None
        self.dbus_service: Any = None
        self._quitting = False

    def start_selection_services(self, bus: Any = None, portal_address: str | None = None) -> None:
        """The global shortcuts — on X11 grabbed here, elsewhere through the desktop portal (on the bus at
        ``portal_address``) where it offers them — and the D-Bus methods on ``bus`` (default: the session bus); a
        shortcut that cannot be had is said in the status bar."""
        from desktop.selection.dbus import PennaService
        from desktop.selection.hotkey import GlobalHotkey, unavailable_reason
        from desktop.selection.portal_shortcuts import PortalShortcuts

        self.selection.portal_address = portal_address  # a region of the screen on Wayland: the Screenshot portal
        self.dbus_service = PennaService(self)
        self.dbus_service.translate_selection.connect(self.selection.translate_selection)
        self.dbus_service.write_selection.connect(self.selection.run_on_selection)
        self.dbus_service.register(bus)
        if unavailable_reason() is None:
            self.hotkey = GlobalHotkey(self)
            self.hotkey.activated.connect(self.selection.translate_selection)
            self.hotkey.failed.connect(self.status.showMessage)
            self.hotkey.follow(self.settings)
        else:
            self.portal = PortalShortcuts(self)
            self.portal.activated.connect(self.selection.run_on_selection)
            self.portal.failed.connect(self.status.showMessage)
            self._portal_address = portal_address
            self.settings.on_change("translate_shortcut", lambda _shortcut: self.bind_action_shortcuts())
        self.bind_action_shortcuts()

    def _portal_shortcuts(self) -> list[tuple[str, str, str]]:
        """(id, description, preferred trigger) of each action: Translate's is the settings' shortcut."""
        from desktop.selection.popup import action_title
        from runtime.tasks.actions import TRANSLATE, all_actions

        return [(action.name, action_title(action),
                 self.settings.translate_shortcut if action.name == TRANSLATE else action.shortcut)
                for action in all_actions()]

    def bind_action_shortcuts(self) -> None:
        """The actions' global shortcuts, again after Settings changed them: on X11 the user actions' own keys are
        grabbed; through the portal every action is bound in a new session."""
        from desktop.selection.hotkey import GlobalHotkey, HotkeyError
        from runtime.tasks.actions import user_actions

        if self.portal is not None:
            self.portal.close()
            self.portal.start(self._portal_shortcuts(), self._portal_address)
        if self.hotkey is None:
            return
        for hotkey in self.action_hotkeys:
            hotkey.close()
        self.action_hotkeys = []
        for action in user_actions():
            if not action.shortcut:
                continue
            hotkey = GlobalHotkey(self)
            try:
                hotkey.set_shortcut(action.shortcut)
            except HotkeyError as error:
                self.status.showMessage(str(error))
                continue
            hotkey.activated.connect(lambda name=action.name: self.selection.run_on_selection(name))
            self.action_hotkeys.append(hotkey)

    # sending text to the panes ---------------------------------------------------------------
    def translate_text(self, text: str) -> None:
        self.rail.setCurrentRow(1)
        self.translate_pane.translate(text)

    def summarize_text(self, text: str) -> None:
        self.rail.setCurrentRow(2)
        self.summarize_pane.summarize(text)

    def open_translation(self, text: str, record: Any, doubts: list[str] | None = None) -> None:
        """The popup's Open in Penna: the finished result with the popup's ⚠ mark when the checks doubted it, or
        the text translated again in the pane."""
        self.show_window()
        self.rail.setCurrentRow(1)
        if record is not None:
            self.translate_pane.show_record(record, doubts or [])
        else:
            self.translate_pane.translate(text)

    def show_window(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit(self) -> None:
        """Close for good, even when Penna would stay in the tray."""
        self._quitting = True
        self.close()
        self.quit_requested.emit()

    def show_chat_and(self, slot):  # noqa: ANN001, ANN201 - a tiny closure factory
        def run() -> None:
            self.rail.setCurrentRow(0)
            slot()

        return run

    def _pane_switcher(self, index: int):  # noqa: ANN202
        """Ctrl+1/2/3: show the pane and put the keyboard in its text box (the focus stayed on a hidden pane)."""
        def switch() -> None:
            self.rail.setCurrentRow(index)
            boxes = (self.chat.composer.input, self.translate_pane.source, self.summarize_pane.input)
            boxes[index].setFocus(Qt.FocusReason.ShortcutFocusReason)

        return switch

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Penna"))
        for row, text in enumerate((self.tr("Chat"), self.tr("Translate"), self.tr("Summarize"))):
            item = self.rail.item(row)
            item.setText(text)
            item.setToolTip(self.tr("{pane} (Ctrl+{key})").format(pane=text, key=row + 1))
        names = {
            "new_chat": self.tr("New chat"), "search": self.tr("Search conversations"), "stop": self.tr("Stop the answer"),
            "regenerate": self.tr("Regenerate the last answer"), "settings": self.tr("Settings"), "quit": self.tr("Quit"),
        }
        for name, text in names.items():
            self.actions_by_name[name].setText(text)
        self.settings_button.setText(self.tr("Settings"))
        self.settings_button.setAccessibleName(self.tr("Settings"))
        set_accessible(self.rail, self.tr("Panes"), self.tr("Chat, Translate and Summarize: the arrow keys switch (Ctrl+1, Ctrl+2, Ctrl+3)"))
        self.settings_button.setToolTip(self.tr("Model, tasks, appearance, server and shortcut (Ctrl+,)"))
        self.tray.retranslate()

    def start(self) -> None:
        """Begin preparing/loading the model (after the window is shown)."""
        self.session.start()
        self.translate_engine.start()
        self.summarize_engine.start()

    def _on_engine_ready(self, engine: EngineProtocol) -> None:
        from runtime.engine.remote import RemoteEngine

        self.status.set_engine(engine.model_name, engine.device, engine.fallback_reason, engine.precision)
        self.status.set_source(engine.url if isinstance(engine, RemoteEngine) else None)

    def open_settings(self) -> None:
        """The Settings dialog, modal to the window without blocking the event loop; OK applies it (whatever
        follows a setting that changed reacts to it)."""
        from desktop.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self, engine=self.session.engine, server_control=self.server_control)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(dialog.apply)
        dialog.finished.connect(lambda _result: self.activateWindow())  # the keyboard comes back here, even where
        # no window manager hands it back
        dialog.accepted.connect(self.bind_action_shortcuts)
        dialog.open()

    def show_settings(self) -> None:
        """The tray's Settings…: the window comes back with the dialog over it."""
        self.show_window()
        self.open_settings()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Hide to the tray when the user wants that; else cancel whatever runs (the partial answer is kept),
        wait for the threads, let go of the shortcut and the D-Bus name, and remember the geometry."""
        if self.settings.keep_in_tray and self.tray.isVisible() and not self._quitting:
            event.ignore()
            self.hide()
            return
        self.chat.shutdown()
        self.server_control.stop()
        self.selection.popup.close()
        for hotkey in [self.hotkey, *self.action_hotkeys]:
            if hotkey is not None:
                hotkey.close()
        if self.portal is not None:
            self.portal.close()
        if self.dbus_service is not None:
            self.dbus_service.unregister()
        for task in running_tasks():
            task.cancel()
        for task in running_tasks():
            task.wait()
        self.settings.set_geometry(bytes(self.saveGeometry()))
        self.settings.sync()
        super().closeEvent(event)
