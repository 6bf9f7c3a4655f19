"""The small always-on-top popup near the mouse that shows a selection's translation as it streams in."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.accessible import announce, set_accessible
from desktop.copy_button import CopyButton
from desktop.i18n import Retranslatable

WIDTH = 420
_OFFSET = 16  # px between the mouse and the popup


class TranslationPopup(Retranslatable, QFrame):
    """A Qt popup: Esc or a click anywhere else closes it (``closed``)."""

    closed = Signal()
    open_requested = Signal()
    download_requested = Signal()  # the advice's button: download a model that translates better

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("translationPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(WIDTH)
        self.languages = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        # Selectable by keyboard too: the focus lands on it, so a screen reader reads it and Tab reaches the buttons.
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setMargin(4)  # room inside the focus ring
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.doubt = QLabel(self)  # the mark on a result that failed the checks
        self.doubt.setObjectName("doubt")
        self.doubt.setWordWrap(True)
        self.doubt.hide()
        self.advice = QLabel(self)  # the model is too small to translate well
        self.advice.setWordWrap(True)
        self.advice_button = QPushButton(self)
        self.advice_button.clicked.connect(self.download_requested)
        self.set_advice(None, None)
        self.copy_button = CopyButton(self.text.text, self)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.languages)
        layout.addWidget(self.text)
        layout.addWidget(self.doubt)
        layout.addWidget(self.advice)
        layout.addWidget(self.advice_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)  # a line of its own: a long message wraps instead of being squeezed
        layout.addLayout(buttons)
        self.retranslate()
        self.reset()

    def reset(self) -> None:
        self.languages.clear()
        self.set_text("")
        self.set_status("")
        self.doubt.hide()

    def set_languages(self, source: str | None, target: str) -> None:
        """Native names of the detected source language (None: could not tell) and of the target."""
        source_name = self.tr("{language} (detected)").format(language=source) if source else self.tr("Unknown language")
        self.languages.setText(f"{source_name}  →  {target}")

    def set_text(self, text: str) -> None:
        """Show the translation so far; Copy and Open in Penna appear once there is one to act on."""
        self.text.setText(text)
        self.text.setVisible(bool(text))
        if text and self.focusWidget() in (None, self):
            self.text.setFocus()  # it was hidden when the popup opened
        for button in (self.copy_button, self.open_button):
            button.setVisible(bool(text))
        self.adjustSize()

    def set_status(self, text: str) -> None:
        """Say how the translation goes (waiting, an error); screen readers read it out."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.adjustSize()
        announce(self, text)

    def set_doubt(self, reasons: str) -> None:
        """Mark the translation as doubtful; ``reasons`` (the runtime's, in English) go in the tooltip."""
        self.doubt.setToolTip(reasons)
        self.doubt.show()
        self.adjustSize()

    def set_advice(self, text: str | None, action: str | None) -> None:
        """Say the model is too small to translate well (None: hide), with a download button when ``action``."""
        self.advice.setText(text or "")
        self.advice.setVisible(bool(text))
        self.advice_button.setText(action or "")
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
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.closed.emit()

    def retranslate(self) -> None:
        self.copy_button.retranslate()
        self.open_button.setText(self.tr("Open in Penna"))
        set_accessible(self, self.tr("Translation of the selection"), self.tr("Esc closes it"))
        set_accessible(self.text, self.tr("Translation"))
        self.doubt.setText(self.tr("⚠ This translation may be wrong: check it before you use it."))
