"""Past results (translations, summaries) in a list with a search box that filters it as one types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from desktop.accessible import set_accessible, name_clear_button
from desktop.i18n import Retranslatable
from runtime.chat import title_from

TITLE_LENGTH = 60


@dataclass(frozen=True)
class Entry:
    """One row: ``title`` is shown, ``text`` is searched, ``record`` goes back to the pane when chosen."""

    title: str
    text: str
    record: Any


def shorten(text: str, length: int = TITLE_LENGTH) -> str:
    """The first line of ``text``, cut to ``length`` characters."""
    return title_from(text, length)


def matches(text: str, query: str) -> bool:
    """Every word of ``query`` occurs in ``text``, ignoring case."""
    folded = text.casefold()
    return all(word in folded for word in query.casefold().split())


def beside_history(owner: QWidget, main: QWidget, history: QWidget) -> None:
    """Lay out a pane: its ``main`` part, and its history list at the right in a splitter."""
    splitter = QSplitter(owner)
    splitter.addWidget(main)
    splitter.addWidget(history)
    splitter.setStretchFactor(0, 1)
    splitter.setSizes([760, 240])
    QVBoxLayout(owner).addWidget(splitter)


class HistoryList(Retranslatable, QWidget):
    """A heading (``heading()`` gives its translated text), a search box, and the entries that match it."""

    chosen = Signal(object)  # the record of the clicked entry

    def __init__(self, heading: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heading = heading
        self.heading = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self._entries: list[Entry] = []
        self.search.textChanged.connect(self._fill)
        self.list.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.retranslate()

    def set_entries(self, entries: list[Entry]) -> None:
        self._entries = entries
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        query = self.search.text()
        for entry in self._entries:
            if matches(f"{entry.title}\n{entry.text}", query):
                item = QListWidgetItem(entry.title)
                item.setToolTip(shorten(entry.text, 400))
                item.setData(Qt.ItemDataRole.UserRole, entry.record)
                self.list.addItem(item)

    def retranslate(self) -> None:
        self.heading.setText(self._heading())
        self.search.setPlaceholderText(self.tr("Search…"))
        set_accessible(self.search, self.tr("Search: {heading}").format(heading=self._heading()))
        set_accessible(self.list, self._heading(), self.tr("Enter opens the entry"))
        name_clear_button(self.search, self.tr("Clear"))
