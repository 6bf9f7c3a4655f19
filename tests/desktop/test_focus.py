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


def tab_chain(window, start: QWidget, qtbot) -> list[str]:  # noqa: ANN001
    """The accessible names (a combo box's own, not its current item) Tab goes through from ``start`` until it comes back (at most 40 presses)."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication

    start.setFocus(Qt.FocusReason.TabFocusReason)
    chain: list[str] = []
    for _ in range(40):
        widget = QApplication.focusWidget()
        name = widget.accessibleName() or QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
        if chain and widget is start:
            break
        chain.append(name)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return chain


# Reading order: the rail and the gear under it, then the pane left to right, top to bottom; the first-run welcome
# above the panes closes the cycle (Tab from its last button goes to the rail).
WELCOME = ["Download {model}", "Not now"]  # the model the catalogue recommends for this machine
EXPECTED_CHAINS = {
    0: ["Panes", "Settings", "New chat", "Search all chats", "Conversations", "Conversation", "System prompt",
        "Message", "Send", "Attach documents", *WELCOME],
    1: ["Panes", "Settings", "Language of the text", "Swap the languages", "Translate into", "Translate",
        "Text to translate", "Translation", "Copy", "Search: Recent translations and writing",
        "Recent translations and writing", *WELCOME],
    2: ["Panes", "Settings", "Open files…", "Text to summarise", "Length", "Style", "Language of the summary",
        "Summarize", "Summary", "Copy", "Save as Markdown…", "Search: Past summaries", "Past summaries", *WELCOME],
}


@pytest.mark.parametrize("row", [0, 1, 2])
def test_tab_follows_the_layout_and_never_gets_stuck(window, qtbot, row):  # noqa: ANN001
    window.activateWindow()
    window.rail.setCurrentRow(row)
    expected = [name.format(model=window.welcome.model.name) for name in EXPECTED_CHAINS[row]]
    assert tab_chain(window, window.rail, qtbot) == expected


def test_the_pane_shortcuts_put_the_keyboard_in_the_pane(window, qtbot):  # noqa: ANN001
    window.activateWindow()
    for key, box in ((Qt.Key.Key_2, window.translate_pane.source), (Qt.Key.Key_3, window.summarize_pane.input),
                     (Qt.Key.Key_1, window.chat.composer.input)):
        qtbot.keyClick(window.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)
        assert box.hasFocus()


def test_a_conversation_is_renamed_deleted_and_its_menu_opened_from_the_keyboard(window, qtbot):  # noqa: ANN001
    from PySide6.QtWidgets import QApplication, QMenu

    conversation = window.store.create_conversation("Plans for Sunday")
    window.chat.session.refresh_list()
    sidebar = window.chat.sidebar
    sidebar.conversations.setCurrentRow(0)
    sidebar.conversations.setFocus()
    sidebar.action_requested.disconnect()  # ask, but do not open the rename or delete dialog
    for key, modifier, action in ((Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier, "rename"),
                                  (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier, "delete")):
        with qtbot.waitSignal(sidebar.action_requested) as asked:
            qtbot.keyClick(sidebar.conversations, key, modifier)
        assert asked.args == [action, conversation.id]
    qtbot.keyClick(sidebar.conversations, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and [action.objectName() for action in menu.actions()][0] == "rename"
    menu.close()
