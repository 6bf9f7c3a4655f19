"""The text the user selected in any application: X11's PRIMARY selection, else the clipboard."""

from __future__ import annotations

from PySide6.QtGui import QClipboard, QGuiApplication


def read_selection() -> str:
    """The PRIMARY selection where the platform has one (X11) and it holds text; the clipboard otherwise."""
    clipboard = QGuiApplication.clipboard()
    if clipboard.supportsSelection():
        text = clipboard.text(QClipboard.Mode.Selection)
        if text.strip():
            return text
    return read_clipboard()


def read_clipboard() -> str:
    return QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard)
