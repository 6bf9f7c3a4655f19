"""Settings is found without knowing Ctrl+,: the gear under the rail and the tray's Settings… open the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.i18n import set_language
from desktop.settings_dialog import SettingsDialog


def shown_dialogs(window) -> list[SettingsDialog]:  # noqa: ANN001
    return [dialog for dialog in window.findChildren(SettingsDialog) if dialog.isVisible()]


def test_the_gear_opens_settings_and_ok_applies_them(window, qtbot):
    button = window.settings_button
    assert button.isVisible() and button.accessibleName() == "Settings" and "Ctrl+," in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [dialog] = shown_dialogs(window)
    assert dialog.isModal()
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    with qtbot.waitSignal(window.settings.changed):
        dialog.accept()
    assert window.settings.theme == "dark"
    qtbot.waitUntil(lambda: shown_dialogs(window) == [])


def test_the_tray_settings_entry_brings_the_window_back_with_the_dialog(window, qtbot):
    window.hide()
    window.tray.actions_by_name["settings"].trigger()
    assert window.isVisible()
    [dialog] = shown_dialogs(window)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.reject()
    assert window.settings.theme == "system"  # Cancel writes nothing


def test_the_gear_and_the_tray_entry_speak_chinese(window, qtbot):
    set_language("zh_CN")
    qtbot.waitUntil(lambda: window.settings_button.text() != "Settings")
    assert window.settings_button.text() == "设置" and window.settings_button.accessibleName() == "设置"
    assert window.settings_button.toolTip() == "模型、任务、外观、服务器和快捷键（Ctrl+,）"
    assert window.tray.actions_by_name["settings"].text() == "设置…"
