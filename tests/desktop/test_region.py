"""Translating a screen region: a rectangle dragged over a frozen picture of the screen is read by OCR and its
text goes to the translation popup (offscreen: the picture is drawn here instead of grabbed). Where Qt cannot see
the screen (Wayland), the picture comes from the desktop's Screenshot portal: here a stand-in portal on a private
session bus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPixmap

from desktop.selection import region
from tests.desktop.portal_stand_in import StandInPortal, picture_with_text

WAIT_MS = 60_000
PORTAL_MS = 10_000


def screen_with_text(lines: list[str]) -> QPixmap:
    return QPixmap.fromImage(picture_with_text(lines))


def drag_around_the_second_line(qtbot, picker) -> None:  # noqa: ANN001
    qtbot.mousePress(picker, Qt.MouseButton.LeftButton, pos=QPoint(20, 100))
    qtbot.mouseMove(picker, QPoint(800, 150))
    qtbot.mouseRelease(picker, Qt.MouseButton.LeftButton, pos=QPoint(800, 150))


@pytest.fixture
def wayland(monkeypatch):
    """Qt cannot grab the screen, as on Wayland."""
    monkeypatch.setattr(region, "grab_screen", lambda: None)


@pytest.fixture
def portal(session_bus, tmp_path):
    stand_in = StandInPortal(session_bus[0], tmp_path)
    yield stand_in
    stand_in.close()


def test_a_dragged_region_is_read_and_its_text_translated_in_the_popup(window, qtbot):
    translator = window.selection
    picker = translator.pick_region(screen_with_text(["Elsewhere on the screen", "Lighthouse keepers met in Galway"]))
    qtbot.waitExposed(picker)
    drag_around_the_second_line(qtbot, picker)
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


def test_on_wayland_the_region_is_dragged_over_the_screenshot_portals_picture(window, qtbot, session_bus, portal,
                                                                             wayland):
    address, bus = session_bus
    window.start_selection_services(bus, portal_address=address)  # the window gives the portal's bus to the popup too
    try:
        translator = window.selection
        translator.translate_region()
        qtbot.waitUntil(lambda: translator.picker is not None and translator.picker.isVisible(), timeout=PORTAL_MS)
        picker = translator.picker
        assert portal.screenshot_options["interactive"] == ("b", False)  # the rectangle is dragged once, in Penna
        assert picker.picture.size() == picker.size() == portal.screenshot.size()
        assert picker.picture.toImage().convertToFormat(QImage.Format.Format_RGB32) == portal.screenshot
        assert len(portal.screenshot_files) == 1 and not portal.screenshot_files[0].exists()  # read, then deleted
        assert not translator.popup.isVisible()

        drag_around_the_second_line(qtbot, picker)
        qtbot.waitUntil(lambda: translator.source_text != "", timeout=WAIT_MS)
        assert translator.source_text == "Lighthouse keepers met in Galway"
    finally:
        window.portal.close()


@pytest.mark.parametrize(("answer", "said"), [("refused", "The desktop refused to take a screenshot"),
                                              ("error", "(the screenshot backend crashed)")])
def test_a_screenshot_the_portal_does_not_give_is_said_with_what_to_do_instead(window, qtbot, session_bus, portal,
                                                                                wayland, answer, said):
    portal.screenshot_answer = answer
    translator = window.selection
    translator.portal_address = session_bus[0]
    translator.translate_region()
    qtbot.waitUntil(translator.popup.isVisible, timeout=PORTAL_MS)
    assert said in translator.popup.status.text()
    assert "use Translate selection instead" in translator.popup.status.text()
    assert translator.picker is None


def test_a_desktop_without_a_screenshot_portal_is_said(window, qtbot, session_bus, wayland):
    translator = window.selection
    translator.portal_address = session_bus[0]  # a bus where no portal runs
    translator.translate_region()
    assert translator.popup.isVisible()
    assert "no screenshot portal" in translator.popup.status.text()


def test_a_screenshot_the_user_cancels_closes_quietly(window, qtbot, session_bus, portal, wayland):
    portal.screenshot_answer = "cancelled"
    translator = window.selection
    translator.portal_address = session_bus[0]
    with qtbot.waitSignal(translator.region_closed, timeout=PORTAL_MS):
        translator.translate_region()
    assert translator.picker is None and not translator.popup.isVisible()
    assert not portal.screenshot_files
