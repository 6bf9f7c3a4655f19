"""Light, dark or the system's colour scheme, plus Penna's style sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.assets import asset

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark, "system": Qt.ColorScheme.Unknown}


def apply_theme(app: QApplication, theme: str) -> None:
    """Use the Fusion style (it follows the colour scheme everywhere) with ``theme``'s colours."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.styleHints().setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
    app.setStyleSheet(asset("styles", "penna.qss").read_text(encoding="utf-8"))
