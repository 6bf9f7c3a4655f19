"""The user's own writing actions, added and edited in Settings: saved to the profile on OK (not when they cannot
work: the page says why and the dialog stays open), then offered by the selection popup."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from desktop.settings_dialog import SettingsDialog
from runtime.tasks.actions import WritingAction, user_actions


def test_an_action_added_in_settings_is_saved_on_ok_and_offered_in_the_popup(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.accepted.connect(dialog.apply)
    dialog.show()
    group = dialog.actions_group
    group.add()
    group.name_edit.setText("Pirate")
    group.name_edit.textEdited.emit("Pirate")
    group.prompt_edit.setPlainText("Say it like a pirate:")  # no {text}: it could not work
    dialog.accept()
    assert dialog.isVisible() and "{text}" in group.error.text() and group.error.isVisible()
    assert dialog.pages.currentWidget() is group.parentWidget()
    assert user_actions() == []  # nothing saved

    group.prompt_edit.setPlainText("Say it like a pirate: {text}")
    group.shortcut_edit.setKeySequence(QKeySequence("Ctrl+Alt+P"))
    dialog.accept()
    assert not dialog.isVisible()
    assert user_actions() == [WritingAction("Pirate", "Say it like a pirate: {text}", "Ctrl+Alt+P")]

    window.selection.run("Hello there.", "Pirate")
    popup = window.selection.popup
    assert [button.text() for button in popup.action_buttons][-1] == "Pirate"
    assert popup.current_action() == "Pirate" and popup.action_buttons[-1].accessibleName() == "Pirate"
    popup.close()

    again = SettingsDialog(window.settings, window)
    qtbot.addWidget(again)
    assert again.actions_group.list.item(0).text() == "Pirate"
    again.actions_group.remove()
    again.apply()
    assert user_actions() == []
