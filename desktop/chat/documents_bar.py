"""Above the composer: the documents attached to the conversation, the progress of one being added, and the
passage a clicked citation leads to."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from desktop.i18n import Retranslatable
from runtime.store import Document, StoredPassage


class DocumentChip(Retranslatable, QFrame):
    """One attached document: its name and a button that takes it out of the conversation."""

    remove_requested = Signal(int)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentChip")
        self.document = document
        self.name = QLabel(document.title, self)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(document.id))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addWidget(self.remove_button)
        self.retranslate()

    def retranslate(self) -> None:
        where = self.tr("{pages} pages").format(pages=self.document.pages) if self.document.pages else ""
        self.setToolTip(" · ".join(part for part in (self.document.path or self.document.title, where) if part))
        self.remove_button.setToolTip(self.tr("Take this document out of the conversation (it stays in the library)"))
        self.remove_button.setAccessibleName(self.tr("Remove {name} from the conversation").format(
            name=self.document.title))


class DocumentsBar(Retranslatable, QWidget):
    """The conversation's documents, and "Reading…" with a progress bar and Cancel while one is being added."""

    remove_requested = Signal(int)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.chips: list[DocumentChip] = []
        self._chips = QHBoxLayout()
        self._chips.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 0)
        row.addWidget(self.caption)
        row.addLayout(self._chips)
        row.addStretch(1)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        self._stage = ""
        self.set_busy(None)
        self.set_documents([])

    def set_documents(self, documents: list[Document]) -> None:
        for chip in self.chips:
            self._chips.removeWidget(chip)
            chip.deleteLater()
        self.chips = [DocumentChip(document, self) for document in documents]
        for chip in self.chips:
            chip.remove_requested.connect(self.remove_requested)
            self._chips.addWidget(chip)
        self.caption.setVisible(bool(documents))
        self._update_visibility()

    def set_busy(self, name: str | None) -> None:
        """Show that ``name`` is being read and indexed; None: nothing is."""
        self._busy = name
        for widget in (self.progress_label, self.progress, self.cancel_button):
            widget.setVisible(name is not None)
        self.progress.setRange(0, 0)
        self._stage = ""
        self._update_visibility()
        self.retranslate()

    def set_progress(self, stage: str, done: int, total: int) -> None:
        """``stage``: "reading" (pages, OCR) or "indexing" (passages)."""
        self._stage = stage
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.retranslate()

    def _update_visibility(self) -> None:
        self.setVisible(bool(self.chips) or self._busy is not None)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Documents:"))
        stages = {"reading": self.tr("Reading {name} (text recognition)…"), "indexing": self.tr("Indexing {name}…")}
        self.progress_label.setText(stages.get(self._stage, self.tr("Opening {name}…")).format(name=self._busy or ""))
        self.progress.setAccessibleName(self.tr("Progress of adding the document"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel adding the document"))


class PassagePanel(Retranslatable, QFrame):
    """The passage a citation points to: where it is (file, page or section) and its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passagePanel")
        self.where = QLabel(self)
        self.where.setObjectName("passageWhere")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(140)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        header = QHBoxLayout()
        header.addWidget(self.where, 1)
        header.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(header)
        layout.addWidget(self.text)
        self.hide()
        self.retranslate()

    def show_passage(self, number: int, stored: StoredPassage) -> None:
        """Show ``stored``, as citation ``number`` (0: not a citation)."""
        where = f"{stored.title}, {stored.passage.anchor}"
        self.where.setText(f"[{number}] {where}" if number else where)
        self.text.setPlainText(stored.passage.text)
        self.show()

    def retranslate(self) -> None:
        self.text.setAccessibleName(self.tr("Cited passage"))
        self.close_button.setToolTip(self.tr("Close the passage"))
        self.close_button.setAccessibleName(self.tr("Close the passage"))
