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


def drawn_colours(icon) -> set[str]:  # noqa: ANN001
    image = icon.pixmap(24, 24).toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255}


def test_the_pane_switcher_and_the_gear_have_icons_in_the_theme_colours(window):  # noqa: ANN001
    app = application([])
    icons = [window.rail.item(row).icon() for row in range(window.rail.count())] + [window.settings_button.icon()]
    for icon in icons:
        assert drawn_colours(icon), "an empty icon"
    try:
        apply_theme(app, "dark")
        dark_text = palette("dark").color(Role.WindowText).name()
        assert all(dark_text in drawn_colours(window.rail.item(row).icon()) for row in range(window.rail.count()))
        apply_theme(app, "light")
        light_text = palette("light").color(Role.WindowText).name()
        assert light_text in drawn_colours(window.settings_button.icon())
    finally:
        apply_theme(app, "system")
