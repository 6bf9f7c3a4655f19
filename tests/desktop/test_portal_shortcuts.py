"""Global shortcuts through the xdg-desktop-portal GlobalShortcuts interface (Wayland), against a stand-in portal on
a private session bus: Penna binds one shortcut per writing action, and an Activated signal opens the popup with
that action on the selection."""

from __future__ import annotations

from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication

from desktop.selection.portal_shortcuts import portal_trigger
from runtime.tasks.actions import BUILT_IN, WritingAction, save_user_actions
from tests.desktop.portal_stand_in import StandInPortal


def test_triggers_are_written_as_the_shortcuts_spec_writes_them():
    assert portal_trigger("Ctrl+Alt+Y") == "CTRL+ALT+y"
    assert portal_trigger("Meta+Shift+F5") == "LOGO+SHIFT+F5"
    assert portal_trigger("") == ""


def test_penna_binds_its_shortcuts_and_an_activated_signal_opens_the_popup_with_that_action(window, qtbot,
                                                                                           session_bus):
    address, bus = session_bus
    portal = StandInPortal(address)
    try:
        window.start_selection_services(bus, portal_address=address)  # offscreen is not X11: the portal is used
        assert window.hotkey is None and window.portal is not None
        qtbot.waitUntil(portal.bound_event.is_set, timeout=10_000)
        bound = {name: {key: value for key, (_, value) in properties.items()} for name, properties in portal.bound}
        assert list(bound) == [action.name for action in BUILT_IN]
        assert bound["translate"] == {"description": "Translate", "preferred_trigger": "CTRL+ALT+y"}
        assert bound["proofread"] == {"description": "Proofread"}

        QApplication.clipboard().setText("I has went home.", QClipboard.Mode.Clipboard)
        portal.activate("proofread")
        popup = window.selection.popup
        qtbot.waitUntil(popup.isVisible, timeout=10_000)
        assert popup.current_action() == "proofread"
        assert popup.source.text() == "I has went home."
        popup.close()

        portal.bound_event.clear()  # a user action with a shortcut of its own, added in Settings: bound anew
        save_user_actions([WritingAction("Pirate", "Say it like a pirate: {text}", "Ctrl+Alt+P")])
        window.bind_action_shortcuts()
        qtbot.waitUntil(portal.bound_event.is_set, timeout=10_000)
        assert portal.bound[-1] == ("Pirate", {"description": ("s", "Pirate"), "preferred_trigger": ("s", "CTRL+ALT+p")})
        portal.activate("Pirate")
        qtbot.waitUntil(popup.isVisible, timeout=10_000)
        assert popup.current_action() == "Pirate"
        popup.close()
    finally:
        window.portal.close()
        portal.close()


def test_shortcuts_the_user_does_not_allow_are_said_with_what_to_do_instead(window, qtbot, session_bus):
    address, bus = session_bus
    portal = StandInPortal(address)
    portal.refuse = True
    try:
        window.start_selection_services(bus, portal_address=address)
        qtbot.waitUntil(lambda: "not allowed" in window.status.currentMessage(), timeout=10_000)
        assert "penna write ACTION --selection" in window.status.currentMessage()
    finally:
        window.portal.close()
        portal.close()
