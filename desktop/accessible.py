"""What screen readers are told beyond the widget tree: names set in one call, and announcements of results and
errors that appear without the focus moving to them."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction
from PySide6.QtWidgets import QComboBox, QKeySequenceEdit, QLineEdit, QToolButton, QWidget

_CLEAR_ACTION = "_q_qlineeditclearaction"  # Qt's object name for a line edit's clear action


def set_accessible(widget: QWidget, name: str, description: str = "") -> None:
    """Give ``widget`` the name a screen reader reads for it and, where its purpose needs more, a description.

    On Linux Qt reads a combo box's current item as its name (a visible label is tied to it as a relation), so a
    combo box without a label gets its name as the description too."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description or (name if isinstance(widget, QComboBox) else ""))


def announce(widget: QWidget, message: str, assertive: bool = False) -> None:
    """Have screen readers read ``message`` out (an answer finished, a translation done, an error), politely after
    what they are reading, or at once when ``assertive``."""
    if not message.strip():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def name_clear_button(line_edit: QLineEdit, text: str) -> None:
    """Name the clear button Qt puts in a line edit (``setClearButtonEnabled``): it has only an icon, and a screen
    reader would read it as an unnamed button. The name, not the text: the button would try to show a text."""
    action = line_edit.findChild(QAction, _CLEAR_ACTION)
    for button in line_edit.findChildren(QToolButton):
        if button.defaultAction() is action:
            button.setAccessibleName(text)
            button.setToolTip(text)


def name_key_sequence_edit(edit: QKeySequenceEdit, name: str, description: str, clear_text: str) -> None:
    """Name the line edit inside a QKeySequenceEdit (a screen reader lands on it, not on the edit) and its clear
    button."""
    line = edit.findChild(QLineEdit)
    set_accessible(line, name, description)
    name_clear_button(line, clear_text)
