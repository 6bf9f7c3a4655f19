"""The conversation list (pinned first, newest first) with a search box and a context menu."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop.accessible import set_accessible, name_clear_button
from desktop.i18n import Retranslatable

MARKERS = ("\x02", "\x03")  # what the store puts around matches in snippets; turned into bold here
ID_ROLE = Qt.ItemDataRole.UserRole
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


def snippet_html(snippet: str) -> str:
    """Escape a snippet and make its marked matches bold."""
    return html.escape(snippet).replace(MARKERS[0], "<b>").replace(MARKERS[1], "</b>")


class Sidebar(Retranslatable, QWidget):
    """Emits what the user wants; the chat session does it."""

    conversation_chosen = Signal(int)
    result_chosen = Signal(int, int)  # conversation id, message id
    new_requested = Signal()
    search_changed = Signal(str)
    action_requested = Signal(str, int)  # "rename" | "pin" | "unpin" | "delete" | "export_md" | "export_json", id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_requested)
        self.search_box = QLineEdit(self)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_search_text)
        self.conversations = QListWidget(self)
        self.conversations.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversations.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.conversations.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversations.customContextMenuRequested.connect(self._context_menu)
        self.conversations.itemActivated.connect(lambda item: self.conversation_chosen.emit(item.data(ID_ROLE)))
        self.conversations.itemClicked.connect(lambda item: self.conversation_chosen.emit(item.data(ID_ROLE)))
        self.results = QListWidget(self)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._open_result)
        self.results.itemClicked.connect(self._open_result)
        self.no_results = QLabel(self)
        self.lists = QStackedWidget(self)
        for widget in (self.conversations, self.results):
            self.lists.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search_box)
        layout.addWidget(self.no_results)
        layout.addWidget(self.lists, 1)
        self.no_results.hide()
        self.setTabOrder(self.new_button, self.search_box)
        self.setTabOrder(self.search_box, self.conversations)
        # The context menu's actions from the keyboard too: F2, Delete, and the menu itself on Menu or Shift+F10.
        for keys, slot in (("F2", lambda: self._act_on_current("rename")), ("Del", lambda: self._act_on_current("delete")),
                           ("Menu", self._keyboard_menu), ("Shift+F10", self._keyboard_menu)):
            QShortcut(QKeySequence(keys), self.conversations, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self.retranslate()

    def set_conversations(self, conversations: list, current: int | None) -> None:
        """Show store Conversation records (already ordered pinned first, newest first)."""
        self.conversations.clear()
        for conversation in conversations:
            item = QListWidgetItem(("📌 " if conversation.pinned else "") + conversation.title)
            item.setData(ID_ROLE, conversation.id)
            item.setData(TARGET_ROLE, conversation.pinned)
            item.setToolTip(conversation.title)
            self.conversations.addItem(item)
            if conversation.id == current:
                self.conversations.setCurrentItem(item)

    def set_results(self, hits: list) -> None:
        """Show store SearchHit records for chat messages and conversation titles."""
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(ID_ROLE, hit.conversation_id)
            item.setData(TARGET_ROLE, hit.id if hit.kind == "message" else -1)
            label = QLabel(f"<b>{html.escape(hit.title)}</b><br>{snippet_html(hit.snippet)}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 2, 4, 2)
            item.setSizeHint(label.sizeHint())
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        self.no_results.setVisible(not hits and bool(self.search_box.text().strip()))

    def clear_search(self) -> None:
        """Back to the conversation list (a new chat is not among the results of an earlier search)."""
        self.search_box.clear()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _on_search_text(self, text: str) -> None:
        searching = bool(text.strip())
        self.lists.setCurrentWidget(self.results if searching else self.conversations)
        if not searching:
            self.no_results.hide()
        self.search_changed.emit(text.strip())

    def _open_result(self, item: QListWidgetItem) -> None:
        self.result_chosen.emit(item.data(ID_ROLE), item.data(TARGET_ROLE))

    def _context_menu(self, position: QPoint) -> None:
        item = self.conversations.itemAt(position)
        if item is not None:
            self.menu_for(item).popup(self.conversations.viewport().mapToGlobal(position))

    def _keyboard_menu(self) -> None:
        if (item := self.conversations.currentItem()) is not None:
            corner = self.conversations.visualItemRect(item).bottomLeft()
            self.menu_for(item).popup(self.conversations.viewport().mapToGlobal(corner))

    def _act_on_current(self, action: str) -> None:
        if (item := self.conversations.currentItem()) is not None:
            self.action_requested.emit(action, item.data(ID_ROLE))

    def menu_for(self, item: QListWidgetItem) -> QMenu:
        """The context menu of one conversation."""
        conversation_id, pinned = item.data(ID_ROLE), item.data(TARGET_ROLE)
        menu = QMenu(self)
        entries = [
            ("rename", self.tr("Rename…")),
            ("unpin" if pinned else "pin", self.tr("Unpin") if pinned else self.tr("Pin to the top")),
            ("export_md", self.tr("Export as Markdown…")),
            ("export_json", self.tr("Export as JSON…")),
            ("delete", self.tr("Delete…")),
        ]
        for name, text in entries:
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, n=name: self.action_requested.emit(n, conversation_id))
        return menu

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.search_box.setPlaceholderText(self.tr("Search all chats (Ctrl+F)"))
        self.no_results.setText(self.tr("Nothing found."))
        set_accessible(self.search_box, self.tr("Search all chats"))
        name_clear_button(self.search_box, self.tr("Clear"))
        set_accessible(self.conversations, self.tr("Conversations"), self.tr("Enter opens one; F2 renames it, Delete deletes it, the menu key or Shift+F10 shows all its actions"))
        set_accessible(self.results, self.tr("Search results"), self.tr("Enter opens the conversation at the match"))
