"""Light, dark or the system's colour scheme, plus Penna's style sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from assets import asset

if TYPE_CHECKING:
    from desktop.settings import Settings

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark, "system": Qt.ColorScheme.Unknown}
_DARK = {
    QPalette.ColorRole.Window: "#26282b", QPalette.ColorRole.WindowText: "#e6e6e6", QPalette.ColorRole.Base: "#1d1f21",
    QPalette.ColorRole.AlternateBase: "#303338", QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#303338",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3b6fd8", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#3a3d42", QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8d9096",
    QPalette.ColorRole.Mid: "#4a4d52", QPalette.ColorRole.Link: "#7aa7ff",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6d7076"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#6d7076"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6d7076"))
    return palette


def follow_theme(app: QApplication, settings: Settings) -> None:
    """Use the settings' theme now and whenever it changes."""
    apply_theme(app, settings.theme)
    settings.on_change("theme", lambda theme: apply_theme(app, theme))


def apply_theme(app: QApplication, theme: str) -> None:
    """Use the Fusion style with ``theme``'s colours: our own dark palette, or the style's (which
    follows the desktop's colour scheme where the platform reports one)."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.styleHints().setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    app.setStyleSheet(asset("styles", "penna.qss").read_text(encoding="utf-8"))
