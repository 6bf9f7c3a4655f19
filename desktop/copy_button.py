"""Copy buttons that say "Copied" for a moment after they have put their text on the clipboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QToolButton, QWidget

FEEDBACK_MS = 1500


class _CopiesText:
    """Mixin for a button class: copies ``text()`` (called at click time), then reads "Copied" for ``FEEDBACK_MS``."""

    def __init__(self, text: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.setInterval(FEEDBACK_MS)
        self._restore.timeout.connect(self.retranslate)
        self.clicked.connect(self.copy)
        self.retranslate()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._text())
        self.setText(self.tr("Copied"))
        self._restore.start()

    def retranslate(self) -> None:
        """Called by the owner when the interface language changes (and when the feedback ends)."""
        if not self._restore.isActive():
            self.setText(self.tr("Copy"))


class CopyButton(_CopiesText, QPushButton):
    """A push button that copies."""


class CopyToolButton(_CopiesText, QToolButton):
    """A tool button that copies (in a message's or a code block's header)."""
