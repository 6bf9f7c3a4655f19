"""Screen readers: every window's controls have names (walked through QAccessible, in English and Chinese), and
finished answers, translations and errors are announced."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from desktop.catalogue_dialog import CatalogueDialog
from desktop.chat.message_view import MessageItem
from desktop.i18n import set_language
from desktop.settings_dialog import SettingsDialog
from tests.desktop.accessibility import interfaces, unnamed_controls

CONVERSATION = [
    MessageItem(1, "user", "Show me a loop", branch=(1, 2)),
    MessageItem(2, "assistant", "<think>Python.</think>Here:\n```python\nfor i in range(3):\n    print(i)\n```\n"),
]


def names(root) -> set[str]:  # noqa: ANN001
    return {interface.text(QAccessible.Text.Name) for interface in interfaces(root)}


def fill_every_control(window) -> None:  # noqa: ANN001
    """Show what is hidden until used: messages with a code block and branches, a notice, text in the clearable
    boxes (their clear buttons appear)."""
    window.chat.view.set_messages(CONVERSATION)
    window.chat.composer.system_prompt.setText("Be brief.")
    window.chat.sidebar.search_box.setText("loop")
    window.chat.notice.show_message("The model failed to load.", "Retry", lambda: None)
    for pane in (window.translate_pane, window.summarize_pane):
        pane.history.search.setText("x")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_control_of_every_window_has_a_name(window, qtbot, language):  # noqa: ANN001
    set_language(language)
    fill_every_control(window)
    for row in range(window.rail.count()):
        window.rail.setCurrentRow(row)
        qtbot.wait(1)
        assert unnamed_controls(window) == [], f"pane {row}"
        if row == 0 and language == "en":  # the walk reaches the controls inside messages and the composer
            assert {"Code", "Message", "Panes", "Previous version", "Clear"} <= names(window)

    dialog = SettingsDialog(window.settings, window, server_control=window.server_control)
    qtbot.addWidget(dialog)
    dialog.show()
    for page in range(dialog.pages.count()):
        dialog.pages.setCurrentIndex(page)
        qtbot.wait(1)
        assert unnamed_controls(dialog) == [], dialog.pages.tabText(page)

    catalogue = CatalogueDialog(window)
    qtbot.addWidget(catalogue)
    catalogue.show()
    assert unnamed_controls(catalogue) == []

    popup = window.selection.popup
    popup.set_languages("English", "Français")
    popup.set_text("Il fait beau.")
    popup.set_advice("This model is too small to translate well.", "Download a better one")
    popup.set_doubt("echoed the source")
    popup.show()
    assert unnamed_controls(popup) == []
    popup.close()


def test_the_walk_finds_an_unnamed_control(qtbot):  # noqa: ANN001
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QLineEdit(root))
    root.show()
    assert unnamed_controls(root) == ["EditableText QLineEdit < QWidget"]


@pytest.fixture
def announcements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What is sent to screen readers as announcements (still delivered to Qt's own handling)."""
    heard: list[str] = []
    deliver = QAccessible.updateAccessibility

    def listen(event) -> None:  # noqa: ANN001
        if event.type() == QAccessible.Event.Announcement:
            heard.append(event.message())
        deliver(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(listen))
    return heard


def test_errors_are_announced(window, announcements):  # noqa: ANN001
    window.chat.show_error(RuntimeError("disk full"))
    assert any("disk full" in heard for heard in announcements)


def test_a_finished_answer_is_announced(window, announcements):  # noqa: ANN001
    window.chat.view.set_messages(CONVERSATION[:1] + [MessageItem(2, "assistant", "")])
    window.chat.view.finish_last(MessageItem(2, "assistant", "<think>hm</think>Paris is the capital.", "stop"))
    assert announcements == ["Penna answered: Paris is the capital."]


@pytest.mark.slow
def test_a_translation_and_the_popup_are_announced_and_the_popup_reads_from_the_keyboard(
        model_window, qtbot, announcements):  # noqa: ANN001
    pane = model_window.translate_pane
    pane.target_box.set_code("fr")
    with qtbot.waitSignal(pane.runner.finished, timeout=120_000):
        pane.translate("Good morning.")
    assert f"Translation: {pane.result.toPlainText()}" in announcements

    selection = model_window.selection
    with qtbot.waitSignal(selection.finished, timeout=120_000):
        selection.translate("Good evening.")
    assert f"Translation: {selection.runner.text}" in announcements
    popup = selection.popup
    assert popup.text.focusPolicy() & Qt.FocusPolicy.TabFocus and popup.focusWidget() is popup.text
    qtbot.keyClick(popup.text, Qt.Key.Key_Escape)
    assert not popup.isVisible()
