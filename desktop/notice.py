"""A dismissable line at the top of a pane for errors and warnings, with an optional action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.accessible import announce
from desktop.i18n import Retranslatable


class Notice(Retranslatable, QWidget):
    """Hidden until ``show_message``; Dismiss hides it again, and so does the action unless ``hide_on_action`` is
    False (advice whose action may fail stays until what it advises is done)."""

    def __init__(self, parent: QWidget | None = None, hide_on_action: bool = True) -> None:
        super().__init__(parent)
        self._hide_on_action = hide_on_action
        self.setObjectName("notice")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action = None
        self.action_button.clicked.connect(self._run_action)
        self.hide()
        self.retranslate()

    def show_message(self, text: str, action_text: str | None = None, action=None) -> None:  # noqa: ANN001
        self.label.setText(text)
        self._action = action
        self.action_button.setVisible(action is not None)
        self.action_button.setText(action_text or "")
        self.action_button.setAccessibleName(action_text or "")
        self.show()
        announce(self, text, assertive=True)  # an error appears where the focus is not: read it out

    def _run_action(self) -> None:
        if self._hide_on_action:
            self.hide()
        if self._action is not None:
            self._action()

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Dismiss"))
