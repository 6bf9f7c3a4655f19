"""Translate, Summarize and the writing tools in the context menu of selected text, anywhere in the window.

One application-wide event filter sees every context-menu request; when it comes from a text widget of
its window (a text box, a line edit, a selectable label such as a chat message) with text selected, the
widget's usual menu gets actions that send the selection to the Translate or Summarize pane, and a submenu of
writing actions (Proofread, the Rewrites, Explain, the user's own) whose results show in the selection popup.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget


def selected_text(widget: QWidget) -> str:
    """The text selected in ``widget`` (paragraph separators as line breaks), or ""."""
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textCursor().selectedText().replace("\u2029", "\n")
    if isinstance(widget, (QLineEdit, QLabel)):
        return widget.selectedText()
    return ""


class TextActions(QObject):
    """Adds the actions to context menus inside ``window``; the chosen text arrives as a signal."""

    translate_requested = Signal(str)
    summarize_requested = Signal(str)
    write_requested = Signal(str, str)  # the action's name, the text

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.menu: QMenu | None = None  # the menu shown last
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ContextMenu or not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        parent = watched.parentWidget()
        widget = parent if isinstance(parent, QAbstractScrollArea) and parent.viewport() is watched else watched
        menu = self.menu_for(widget)
        if menu is None:
            return False
        self.menu = menu
        menu.popup(event.globalPos())
        return True

    def menu_for(self, widget: QWidget) -> QMenu | None:
        """The widget's menu plus Translate and Summarize, or None when no text is selected in it."""
        text = selected_text(widget)
        if not text.strip():
            return None
        if isinstance(widget, QLabel):
            menu = QMenu(widget)
            menu.addAction(self.tr("Copy"), lambda: QGuiApplication.clipboard().setText(text))
        else:
            menu = widget.createStandardContextMenu()
            menu.setParent(widget, menu.windowFlags())
        menu.addSeparator()
        menu.addAction(self.tr("Translate"), lambda: self.translate_requested.emit(text))
        menu.addAction(self.tr("Summarize"), lambda: self.summarize_requested.emit(text))
        self._add_writing_menu(menu, text)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def _add_writing_menu(self, menu: QMenu, text: str) -> None:
        from desktop.selection.popup import action_title
        from runtime.tasks.actions import TRANSLATE, all_actions

        writing = menu.addMenu(self.tr("Writing tools"))
        for action in all_actions():
            if action.name != TRANSLATE:
                writing.addAction(action_title(action),
                                  lambda name=action.name: self.write_requested.emit(name, text))
