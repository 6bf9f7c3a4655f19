"""The user's own writing actions in Settings: a list, and for the chosen one its name, its prompt (with {text}, and
optionally {language}) and an optional global shortcut of its own. Saved to the profile's actions.json on OK."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QKeySequenceEdit, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from desktop.accessible import name_key_sequence_edit
from runtime.errors import PennaError
from runtime.tasks.actions import WritingAction, check_user_action, save_user_actions, user_actions

_PROMPT_HEIGHT = 84  # px: three or four lines; the page must fit a 1366x768 screen


class WritingActionsGroup(QGroupBox):
    """Edits a copy of the saved user actions; ``save()`` writes them, ``problem()`` says what stops that."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = user_actions()
        self.list = QListWidget(self)
        self.list.setMaximumHeight(110)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.name_edit = QLineEdit(self)
        self.prompt_edit = QPlainTextEdit(self)
        self.prompt_edit.setFixedHeight(_PROMPT_HEIGHT)
        self.shortcut_edit = QKeySequenceEdit(self)
        self.shortcut_edit.setMaximumSequenceLength(1)
        self.shortcut_edit.setClearButtonEnabled(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("doubt")
        self.error.setWordWrap(True)
        self.error.hide()
        self._lay_out()
        self.list.currentRowChanged.connect(self._show_current)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.name_edit.textEdited.connect(self._edit)
        self.prompt_edit.textChanged.connect(self._edit)
        self.shortcut_edit.keySequenceChanged.connect(self._edit)
        self._fill()
        self.retranslate()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.labels = []
        form = QFormLayout()
        for widget in (self.name_edit, self.prompt_edit, self.shortcut_edit):
            label = QLabel(self)
            label.setBuddy(widget)
            form.addRow(label, widget)
            self.labels.append(label)
        column = QVBoxLayout(self)
        column.addWidget(self.list)
        column.addLayout(buttons)
        column.addLayout(form)
        column.addWidget(self.note)
        column.addWidget(self.error)

    def _fill(self) -> None:
        self.list.clear()
        self.list.addItems([action.name for action in self.actions])
        if self.actions:
            self.list.setCurrentRow(0)
        self._show_current(self.list.currentRow())

    def _show_current(self, row: int) -> None:
        editing = 0 <= row < len(self.actions)
        for widget in (self.name_edit, self.prompt_edit, self.shortcut_edit, self.remove_button):
            widget.setEnabled(editing)
        action = self.actions[row] if editing else WritingAction("", "")
        for widget in (self.name_edit, self.prompt_edit, self.shortcut_edit):
            widget.blockSignals(True)
        self.name_edit.setText(action.name)
        self.prompt_edit.setPlainText(action.prompt or "")
        self.shortcut_edit.setKeySequence(QKeySequence(action.shortcut))
        for widget in (self.name_edit, self.prompt_edit, self.shortcut_edit):
            widget.blockSignals(False)

    def _edit(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.actions):
            return
        shortcut = self.shortcut_edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        self.actions[row] = WritingAction(self.name_edit.text().strip(), self.prompt_edit.toPlainText(), shortcut)
        self.list.item(row).setText(self.actions[row].name)
        self.error.hide()

    def add(self) -> None:
        names = {action.name for action in self.actions}
        name = next(candidate for number in range(1, 1000)
                    if (candidate := self.tr("My action {number}").format(number=number)) not in names)
        self.actions.append(WritingAction(name, self.tr("Rewrite this as a short poem: {text}")))
        self.list.addItem(name)
        self.list.setCurrentRow(len(self.actions) - 1)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.actions):
            del self.actions[row]
            self._fill()

    def problem(self) -> str | None:
        """Why the actions cannot be saved as they are (shown under them), or None."""
        try:
            for action in self.actions:
                check_user_action(action)
            if len({action.name.casefold() for action in self.actions}) != len(self.actions):
                raise PennaError(self.tr("Two actions have the same name; give each its own."))
        except PennaError as error:
            self.error.setText(str(error))
            self.error.show()
            return str(error)
        return None

    def save(self) -> None:
        save_user_actions(self.actions)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your own writing actions"))
        self.add_button.setText(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add a writing action"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the writing action"))
        self.list.setAccessibleName(self.tr("Your own writing actions"))
        texts = (self.tr("Name:"), self.tr("Prompt:"), self.tr("Own shortcut:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
            label.buddy().setAccessibleName(text.rstrip(":："))
        name_key_sequence_edit(self.shortcut_edit, self.tr("Own shortcut"),
                               self.tr("Press the keys to use; the clear button removes the shortcut"), self.tr("Clear"))
        self.prompt_edit.setPlaceholderText(self.tr("Put {text} where the selected text goes"))
        self.note.setText(self.tr("They appear in the selection popup, the tray and the context menu, and in the "
                                  "terminal as “penna write NAME”. {text} is the selected text; {language}, if "
                                  "used, the language to write in."))
        self.note.setTextFormat(Qt.TextFormat.PlainText)
