"""Light, dark or the desktop's colour scheme, plus Penna's style sheet. Both palettes are Penna's own, so that the
contrast of every text on its background is known (WCAG AA, checked by the tests), whatever the platform's style."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from assets import asset

if TYPE_CHECKING:
    from desktop.settings import Settings

Role = QPalette.ColorRole
_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark, "system": Qt.ColorScheme.Unknown}
COLOURS = {
    "light": {
        Role.Window: "#f4f5f7", Role.WindowText: "#1f2328", Role.Base: "#ffffff", Role.AlternateBase: "#eef1f6",
        Role.Text: "#1f2328", Role.Button: "#e9ecf0", Role.ButtonText: "#1f2328", Role.Highlight: "#2f5fd0",
        Role.HighlightedText: "#ffffff", Role.ToolTipBase: "#fff6d6", Role.ToolTipText: "#1f2328",
        Role.PlaceholderText: "#636a73", Role.Light: "#ffffff", Role.Midlight: "#e1e5ea", Role.Mid: "#b9bec6",
        Role.Dark: "#8f959e", Role.Shadow: "#6b7078", Role.Link: "#1f57c3", Role.BrightText: "#ffffff",
    },
    "dark": {
        Role.Window: "#26282b", Role.WindowText: "#e6e6e6", Role.Base: "#1d1f21", Role.AlternateBase: "#303338",
        Role.Text: "#e6e6e6", Role.Button: "#34373c", Role.ButtonText: "#e6e6e6", Role.Highlight: "#3d6fd6",
        Role.HighlightedText: "#ffffff", Role.ToolTipBase: "#3a3d42", Role.ToolTipText: "#e6e6e6",
        Role.PlaceholderText: "#9a9da3", Role.Light: "#4a4d52", Role.Midlight: "#3c3f44", Role.Mid: "#55585e",
        Role.Dark: "#1a1b1d", Role.Shadow: "#111213", Role.Link: "#8db4ff", Role.BrightText: "#ffffff",
    },
}
_DISABLED = {"light": "#8a9099", "dark": "#6d7076"}


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def palette(scheme: str) -> QPalette:
    """Penna's palette for ``scheme`` ("light" or "dark")."""
    result = QPalette()
    for role, colour in COLOURS[scheme].items():
        result.setColor(role, QColor(colour))
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED[scheme]))
    return result


def scheme_of(theme: str) -> str:
    """"light" or "dark": the setting's, or for "system" the desktop's colour scheme (light where it says none)."""
    if theme in ("light", "dark"):
        return theme
    return "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def follow_theme(app: QApplication, settings: Settings) -> None:
    """Use the settings' theme now and whenever it changes, and, on "system", whenever the desktop's scheme does."""
    apply_theme(app, settings.theme)
    settings.on_change("theme", lambda theme: apply_theme(app, theme))
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: apply_theme(app, settings.theme) if settings.theme == "system" else None)


def apply_theme(app: QApplication, theme: str) -> None:
    """Use the Fusion style with ``theme``'s palette and Penna's style sheet; the scheme is told to Qt too, so that
    its own dialogs and the window frame match."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.styleHints().setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
    scheme = scheme_of(theme)
    app.setPalette(palette(scheme))
    app.setProperty("pennaScheme", scheme)  # the code highlighter picks its colours by it
    sheet = asset("styles", "penna.qss").read_text(encoding="utf-8")
    app.setStyleSheet(sheet.replace("@ICONS@", asset("icons").as_posix()).replace("@SCHEME@", scheme))
