"""Where the user writes: Enter sends, Shift+Enter breaks the line; Send turns into Stop while answering; the
paperclip attaches documents."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from desktop.accessible import set_accessible, name_clear_button
from desktop.i18n import Retranslatable


class MessageInput(QPlainTextEdit):
    """A plain-text box that emits ``submitted`` on Enter and inserts a newline on Shift+Enter."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        if enter:
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


class FilesPassBy(QObject):
    """Makes the text boxes it watches let drags of files pass on to the chat pane they sit in, which attaches the
    files: a text box takes them as text (a file manager's drag carries the files' URLs as text too) and would write
    "file:///…" into the message instead."""

    _DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in self._DRAGS and isinstance(event, QDropEvent) and any(
                url.isLocalFile() for url in event.mimeData().urls()):
            event.ignore()  # ignored, the drag goes on to the widgets below (Qt offers it to each parent in turn)
            return True
        return False


class Composer(Retranslatable, QWidget):
    """Input box, Send/Stop button, an editing banner and the conversation's system prompt."""

    send_requested = Signal(str)
    stop_requested = Signal()
    edit_cancelled = Signal()
    system_prompt_edited = Signal(str)
    attach_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.system_prompt = QLineEdit(self)
        self.system_prompt.setClearButtonEnabled(True)
        self.system_prompt.editingFinished.connect(lambda: self.system_prompt_edited.emit(self.system_prompt.text()))
        self.edit_banner = QLabel(self)
        self.edit_banner.setObjectName("editBanner")
        self.cancel_edit_button = QPushButton(self)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.input = MessageInput(self)
        self.input.setTabChangesFocus(True)
        self.input.setMaximumHeight(96)
        self.input.submitted.connect(self._submit)
        self.send_button = QPushButton(self)
        self.send_button.setDefault(False)
        self.send_button.clicked.connect(self._on_button)
        self.attach_button = QToolButton(self)
        self.attach_button.setIcon(QIcon.fromTheme("mail-attachment"))
        self.attach_button.clicked.connect(self.attach_requested)
        self.generating = False
        self.editing_id: int | None = None

        banner = QHBoxLayout()
        banner.addWidget(self.edit_banner, 1)
        banner.addWidget(self.cancel_edit_button)
        row = QHBoxLayout()
        row.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.input, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.system_prompt)
        layout.addLayout(banner)
        layout.addLayout(row)
        self.files_pass_by = FilesPassBy(self)
        for box in (self.input, self.input.viewport(), self.system_prompt):
            box.installEventFilter(self.files_pass_by)
        self.setTabOrder(self.system_prompt, self.input)  # as laid out: the prompt above the box, Send beside it
        self.setTabOrder(self.input, self.send_button)
        self.setTabOrder(self.send_button, self.attach_button)
        self._show_edit_banner(False)
        self.retranslate()

    def set_generating(self, generating: bool) -> None:
        self.generating = generating
        self.retranslate()

    def begin_edit(self, message_id: int, text: str) -> None:
        """Put an earlier message in the box; sending it makes a new branch."""
        self.editing_id = message_id
        self.input.setPlainText(text)
        self.input.setFocus()
        self._show_edit_banner(True)

    def cancel_edit(self) -> None:
        if self.editing_id is not None:
            self.editing_id = None
            self.input.clear()
            self._show_edit_banner(False)
            self.edit_cancelled.emit()

    def finish_edit(self) -> None:
        self.editing_id = None
        self._show_edit_banner(False)

    def _show_edit_banner(self, visible: bool) -> None:
        self.edit_banner.setVisible(visible)
        self.cancel_edit_button.setVisible(visible)

    def _submit(self) -> None:
        text = self.input.toPlainText().strip()
        if text and not self.generating:
            self.input.clear()
            self.send_requested.emit(text)

    def _on_button(self) -> None:
        if self.generating:
            self.stop_requested.emit()
        else:
            self._submit()

    def retranslate(self) -> None:
        self.system_prompt.setPlaceholderText(self.tr("System prompt for this conversation (optional)"))
        self.input.setPlaceholderText(self.tr("Write a message — Enter sends, Shift+Enter starts a new line"))
        self.edit_banner.setText(self.tr("Editing an earlier message: sending starts a new branch, the old one is kept."))
        self.cancel_edit_button.setText(self.tr("Cancel editing"))
        self.send_button.setText(self.tr("Stop") if self.generating else self.tr("Send"))
        self.send_button.setToolTip(self.tr("Stop the answer (Esc)") if self.generating else self.tr("Send (Enter)"))
        set_accessible(self.input, self.tr("Message"), self.tr("Enter sends, Shift+Enter starts a new line, Tab moves on"))
        set_accessible(self.system_prompt, self.tr("System prompt"), self.tr("Instructions the model follows in this conversation"))
        name_clear_button(self.system_prompt, self.tr("Clear"))
        self.attach_button.setToolTip(self.tr("Attach documents to this conversation: PDF, Word, HTML, Markdown, "
                                              "text or images (or drop files on the chat)"))
        self.attach_button.setAccessibleName(self.tr("Attach documents"))
        if self.attach_button.icon().isNull():  # no icon theme: a paperclip where the font has one, else a word
            has_clip = self.attach_button.fontMetrics().inFontUcs4(ord("📎"))
            self.attach_button.setText("📎" if has_clip else self.tr("Attach…"))
