"""The system tray icon: Translate selection, the writing tools on the selection, Translate clipboard, Translate a
screen region, Show Penna, Settings…, Quit."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from assets import app_icon


class PennaTray(QSystemTrayIcon):
    """The icon and its menu; each action is a signal the window connects. Clicking the icon shows Penna."""

    translate_selection = Signal()
    action_requested = Signal(str)  # a writing action's name, to run on the selection
    translate_clipboard = Signal()
    translate_region = Signal()
    show_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(QIcon(str(app_icon())), parent)
        self.menu = QMenu()
        self.actions_by_name: dict[str, QAction] = {}
        for name, signal in (("translate_selection", self.translate_selection), ("translate_clipboard", self.translate_clipboard),
                             ("translate_region", self.translate_region), ("show", self.show_requested), ("settings", self.settings_requested),
                             ("quit", self.quit_requested)):
            if name == "quit":
                self.menu.addSeparator()
            action = self.menu.addAction("")
            action.triggered.connect(signal)
            self.actions_by_name[name] = action
        self.writing_menu = QMenu()
        self.menu.insertMenu(self.actions_by_name["translate_clipboard"], self.writing_menu)
        self.writing_menu.aboutToShow.connect(self._fill_writing_menu)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        self.retranslate()

    def _fill_writing_menu(self) -> None:
        """The actions as they are now (the user's own may have changed in Settings)."""
        from desktop.selection.popup import action_title
        from runtime.tasks.actions import TRANSLATE, all_actions

        self.writing_menu.clear()
        for action in all_actions():
            if action.name != TRANSLATE:
                entry = self.writing_menu.addAction(action_title(action))
                entry.triggered.connect(lambda _checked=False, name=action.name: self.action_requested.emit(name))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_requested.emit()

    def retranslate(self) -> None:
        """Called by the window when the interface language changes (a tray icon is not a widget)."""
        self.setToolTip(self.tr("Penna"))
        self.writing_menu.setTitle(self.tr("Writing tools on the selection"))
        for name, text in (("translate_selection", self.tr("Translate selection")),
                           ("translate_clipboard", self.tr("Translate clipboard")),
                           ("translate_region", self.tr("Translate a screen region…")),
                           ("show", self.tr("Show Penna")), ("settings", self.tr("Settings…")),
                           ("quit", self.tr("Quit"))):
            self.actions_by_name[name].setText(text)
