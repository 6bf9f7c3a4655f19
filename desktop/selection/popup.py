"""The small always-on-top popup near the mouse: a row of writing actions on the selected text, the text itself,
and the action's result as it streams in (Proofread's as a word diff), with Copy, Replace and Open in Penna.

Keys: 1-9 pick an action, Left/Right move to the previous/next one, Enter replaces the selection with the result,
Esc closes. A click anywhere else closes it too.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from desktop.accessible import announce, set_accessible
from desktop.copy_button import CopyButton
from desktop.i18n import Retranslatable
from runtime.tasks.actions import WritingAction
from runtime.tasks.word_diff import DiffPart

WIDTH = 520
_OFFSET = 16  # px between the mouse and the popup
_COLUMNS = 5
_SOURCE_CHARS = 280  # the source text shown is cut after this many characters


def action_title(action: WritingAction) -> str:
    """The translated name of a built-in action; a user action's own name."""
    translate = QCoreApplication.translate  # literal arguments, so that lupdate finds the texts
    titles = {"translate": translate("WritingAction", "Translate"), "proofread": translate("WritingAction", "Proofread"),
              "shorter": translate("WritingAction", "Shorter"), "longer": translate("WritingAction", "Longer"),
              "formal": translate("WritingAction", "More formal"), "friendly": translate("WritingAction", "Friendlier"),
              "simpler": translate("WritingAction", "Simpler"), "explain": translate("WritingAction", "Explain"),
              "summarize": translate("WritingAction", "Summarize")}
    return titles.get(action.name, action.name) if action.built_in else action.name


def diff_html(parts: list[DiffPart]) -> str:
    """The diff as rich text: removed words struck through, added ones underlined and bold (no colours of its own,
    so that every theme keeps it readable)."""
    tags = {"same": ("", ""), "removed": ("<s>", "</s>"), "added": ("<u><b>", "</b></u>")}
    return "".join(f"{tags[part.kind][0]}{escape(part.text)}{tags[part.kind][1]}"
                   for part in parts).replace("\n", "<br>")


class SelectionPopup(Retranslatable, QFrame):
    """A Qt popup: Esc or a click anywhere else closes it (``closed``)."""

    closed = Signal()
    action_chosen = Signal(str)  # the name of the action picked by a button or a key
    replace_requested = Signal()
    open_requested = Signal()
    download_requested = Signal()  # the advice's button: download a model that does better

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("translationPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(WIDTH)
        self.actions: list[WritingAction] = []
        self.action_buttons: list[QToolButton] = []
        self.action_group = QButtonGroup(self)
        self.action_group.setExclusive(True)
        self.action_grid = QGridLayout()
        self.action_grid.setSpacing(4)
        self.source = QLabel(self)  # the selected text, so that an echoed result is easy to spot
        self.source.setObjectName("sourceText")
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        italic = self.source.font()
        italic.setItalic(True)  # set apart from the result below it without a colour of its own
        self.source.setFont(italic)
        self.languages = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        # Selectable by keyboard too: the focus lands on it, so a screen reader reads it and Tab reaches the buttons.
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setMargin(4)  # room inside the focus ring
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.result = ""  # the result as plain text (``text`` may show it as a diff)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.doubt = QLabel(self)  # the mark on a result that failed the checks
        self.doubt.setObjectName("doubt")
        self.doubt.setWordWrap(True)
        self.doubt.hide()
        self.advice = QLabel(self)  # the model is too small to do this well
        self.advice.setWordWrap(True)
        self.advice_button = QPushButton(self)
        self.advice_button.clicked.connect(self.download_requested)
        self.set_advice(None, None)
        self.copy_button = CopyButton(lambda: self.result, self)
        self.replace_button = QPushButton(self)
        self.replace_button.clicked.connect(self.replace_requested)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_requested)
        self._lay_out()
        self.retranslate()
        self.reset()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.copy_button, self.replace_button, self.open_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.action_grid)
        layout.addWidget(self.source)
        layout.addWidget(self.languages)
        layout.addWidget(self.text)
        layout.addWidget(self.doubt)
        layout.addWidget(self.advice)
        layout.addWidget(self.advice_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)  # a line of its own: a long message wraps instead of being squeezed
        layout.addLayout(buttons)

    def set_actions(self, actions: list[WritingAction]) -> None:
        """The action buttons, in order (the first nine have the keys 1-9)."""
        for button in self.action_buttons:
            self.action_group.removeButton(button)
            button.deleteLater()
        self.actions, self.action_buttons = list(actions), []
        for index, action in enumerate(self.actions):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _checked=False, name=action.name: self.action_chosen.emit(name))
            self.action_group.addButton(button, index)
            self.action_grid.addWidget(button, index // _COLUMNS, index % _COLUMNS)
            self.action_buttons.append(button)
        self.retranslate()

    def set_current_action(self, name: str) -> None:
        for action, button in zip(self.actions, self.action_buttons, strict=True):
            button.setChecked(action.name == name)

    def current_action(self) -> str | None:
        index = self.action_group.checkedId()
        return self.actions[index].name if index >= 0 else None

    def reset(self, source: str = "") -> None:
        """Empty, showing ``source`` (the selected text) above where the result goes."""
        shown = source if len(source) <= _SOURCE_CHARS else source[:_SOURCE_CHARS].rstrip() + "…"
        self.source.setText(shown.strip())
        self.source.setToolTip(source if shown != source else "")
        self.source.setVisible(bool(source.strip()))
        self.languages.clear()
        self.languages.hide()
        self.set_text("")
        self.set_status("")
        self.doubt.hide()

    def set_languages(self, source: str | None, target: str) -> None:
        """Native names of the detected source language (None: could not tell) and of the target."""
        source_name = self.tr("{language} (detected)").format(language=source) if source else self.tr("Unknown language")
        self.languages.setText(f"{source_name}  →  {target}")
        self.languages.show()

    def set_text(self, text: str) -> None:
        """Show the result so far; Copy, Replace and Open in Penna appear once there is one to act on."""
        self.result = text
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setText(text)
        self._result_shown(bool(text))

    def set_diff(self, text: str, parts: list[DiffPart]) -> None:
        """Show the result ``text`` as the changes ``parts`` made to the source (Proofread)."""
        self.result = text
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setText(diff_html(parts))
        self.text.setAccessibleDescription(text)  # a screen reader reads the result, not the markup
        self._result_shown(bool(text))

    def _result_shown(self, shown: bool) -> None:
        self.text.setVisible(shown)
        if shown and self.focusWidget() in (None, self):
            self.text.setFocus()  # it was hidden when the popup opened
        for button in (self.copy_button, self.replace_button, self.open_button):
            button.setVisible(shown)
        self.adjustSize()

    def set_status(self, text: str) -> None:
        """Say how the translation goes (waiting, an error); screen readers read it out."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.adjustSize()
        announce(self, text)

    def set_doubt(self, reasons: str) -> None:
        """Mark the result as doubtful; ``reasons`` (the runtime's, in English) go in the tooltip."""
        self.doubt.setToolTip(reasons)
        self.doubt.show()
        self.adjustSize()

    def set_advice(self, text: str | None, action: str | None) -> None:
        """Say the model is too small to do this well (None: hide), with a download button when ``action``."""
        self.advice.setText(text or "")
        self.advice.setVisible(bool(text))
        self.advice_button.setText(action or "")
        self.advice_button.setAccessibleName(action or "")
        self.advice_button.setVisible(bool(action))
        self.adjustSize()

    def show_near(self, point: QPoint) -> None:
        """Show below and to the right of ``point``, kept inside that screen."""
        self.adjustSize()
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        area: QRect = screen.availableGeometry()
        x = min(max(point.x() + _OFFSET, area.left()), area.right() - self.width())
        y = min(max(point.y() + _OFFSET, area.top()), area.bottom() - max(self.height(), 160))
        self.move(x, y)
        self.show()
        self.raise_()
        self.activateWindow()
        self.text.setFocus()  # where a screen reader starts reading; Esc closes

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_1 < len(self.actions):
            self.action_chosen.emit(self.actions[key - Qt.Key.Key_1].name)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.actions:
            current = max(self.action_group.checkedId(), 0)
            step = 1 if key == Qt.Key.Key_Right else -1
            self.action_chosen.emit(self.actions[(current + step) % len(self.actions)].name)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.replace_button.isVisible():
            self.replace_requested.emit()
        else:
            super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.closed.emit()

    def retranslate(self) -> None:
        for index, (action, button) in enumerate(zip(self.actions, self.action_buttons, strict=True)):
            title = action_title(action)
            button.setText(f"{index + 1} {title}" if index < 9 else title)
            button.setAccessibleName(title)
            button.setToolTip(self.tr("{action} (key {key})").format(action=title, key=index + 1) if index < 9 else title)
        self.source.setAccessibleName(self.tr("Selected text"))
        self.text.setAccessibleName(self.tr("Result"))
        self.copy_button.retranslate()
        self.replace_button.setText(self.tr("Replace"))
        self.replace_button.setAccessibleName(self.tr("Replace the selection with the result"))
        self.replace_button.setToolTip(self.tr("Paste the result over the selected text (Enter)"))
        self.open_button.setText(self.tr("Open in Penna"))
        self.open_button.setAccessibleName(self.tr("Open in Penna"))
        set_accessible(self, self.tr("Penna: writing tools on the selection"), self.tr("Esc closes it"))
        self.doubt.setText(self.tr("⚠ This result may be wrong: check it before you use it."))
