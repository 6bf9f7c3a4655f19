"""Translating a screen region: a rectangle dragged over a frozen picture of the screen is read by OCR and its
text goes to the translation popup (offscreen: the picture is drawn here instead of grabbed)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

WAIT_MS = 60_000


def screen_with_text(lines: list[str]) -> QPixmap:
    picture = QPixmap(900, 400)
    picture.fill(QColor("white"))
    painter = QPainter(picture)
    painter.setPen(QColor("black"))
    painter.setFont(QFont("DejaVu Sans", 22))
    for number, line in enumerate(lines):
        painter.drawText(40, 80 + 50 * number, line)
    painter.end()
    return picture


def test_a_dragged_region_is_read_and_its_text_translated_in_the_popup(window, qtbot):
    translator = window.selection
    picker = translator.pick_region(screen_with_text(["Elsewhere on the screen", "Lighthouse keepers met in Galway"]))
    qtbot.waitExposed(picker)
    qtbot.mousePress(picker, Qt.MouseButton.LeftButton, pos=QPoint(20, 100))  # around the second line only
    qtbot.mouseMove(picker, QPoint(800, 150))
    qtbot.mouseRelease(picker, Qt.MouseButton.LeftButton, pos=QPoint(800, 150))
    assert not picker.isVisible()
    qtbot.waitUntil(lambda: translator.source_text != "", timeout=WAIT_MS)
    assert translator.source_text == "Lighthouse keepers met in Galway"
    assert translator.popup.isVisible()


def test_escape_closes_the_picker_without_translating(window, qtbot):
    translator = window.selection
    picker = translator.pick_region(screen_with_text(["Nothing to see"]))
    qtbot.waitExposed(picker)
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert not picker.isVisible() and not translator.popup.isVisible()
