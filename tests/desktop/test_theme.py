"""The light and dark themes: every text colour on the backgrounds it is drawn on meets WCAG AA (4.5:1), the focus
ring stands out (3:1, WCAG's non-text contrast), and "system" follows the desktop's colour scheme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop.app import application
from desktop.theme import apply_theme, contrast, palette

Role = QPalette.ColorRole
# Text role -> the backgrounds penna.qss and Fusion draw it on.
TEXT_ON = {
    Role.WindowText: (Role.Window, Role.AlternateBase),
    Role.Text: (Role.Base, Role.AlternateBase),
    Role.ButtonText: (Role.Button, Role.Midlight),
    Role.HighlightedText: (Role.Highlight,),
    Role.PlaceholderText: (Role.Base, Role.AlternateBase, Role.Window),
    Role.ToolTipText: (Role.ToolTipBase,),
    Role.Link: (Role.Base, Role.Window),
}


def test_the_contrast_formula_matches_wcag():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_meets_wcag_aa_in_both_themes(scheme):
    colours = palette(scheme)
    low = [(text.name, background.name, round(contrast(colours.color(text), colours.color(background)), 2))
           for text, backgrounds in TEXT_ON.items() for background in backgrounds
           if contrast(colours.color(text), colours.color(background)) < 4.5]
    assert low == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_stands_out(scheme):
    colours = palette(scheme)
    for background in (Role.Base, Role.Window):  # what lies around a focused control
        assert contrast(colours.color(Role.Highlight), colours.color(background)) >= 3.0, background.name


def test_system_follows_the_desktop_colour_scheme(qtbot):  # noqa: ANN001
    app = application([])
    hints = QGuiApplication.styleHints()
    try:
        hints.setColorScheme(Qt.ColorScheme.Dark)  # what the desktop reports, as far as Qt is concerned
        apply_theme(app, "dark")
        assert app.palette().color(Role.Window) == palette("dark").color(Role.Window)
        apply_theme(app, "light")
        assert app.palette().color(Role.Window) == palette("light").color(Role.Window)
    finally:
        apply_theme(app, "system")
    reported = hints.colorScheme()
    expected = "dark" if reported == Qt.ColorScheme.Dark else "light"
    assert app.palette().color(Role.Window) == palette(expected).color(Role.Window)
