"""The keyboard's focus is always visible: every control of the window that Tab reaches draws a ring in the
highlight colour when it has the focus (the style sheet's, not only Fusion's after a keyboard focus change)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from desktop.theme import apply_theme


def ring_pixels(widget: QWidget, colour: QColor) -> int:
    """Pixels of ``colour`` (give or take) along the widget's top and bottom edges."""
    image = widget.grab().toImage()
    rows = (0, 1, 2, image.height() - 3, image.height() - 2, image.height() - 1)
    return sum(1 for x in range(image.width()) for y in rows
               if sum(abs(a - b) for a, b in zip(image.pixelColor(x, y).getRgb()[:3], colour.getRgb()[:3])) < 60)


def tab_stops(root: QWidget) -> list[QWidget]:
    return [widget for widget in root.findChildren(QWidget)
            if widget.isVisibleTo(root) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_stop_shows_a_focus_ring(window, qtbot, scheme):  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    apply_theme(app, scheme)
    try:
        highlight = app.palette().highlight().color()
        unringed = []
        for row in range(window.rail.count()):
            window.rail.setCurrentRow(row)
            for widget in tab_stops(window):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                qtbot.waitUntil(widget.hasFocus, timeout=2000)
                if ring_pixels(widget, highlight) < widget.width() // 2:
                    unringed.append(f"{type(widget).__name__} {widget.accessibleName()!r}")
        assert unringed == []
    finally:
        apply_theme(app, "system")
