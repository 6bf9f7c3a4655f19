"""Translating the selection: the popup with the real model, the tray menu, the settings, and the D-Bus
method that ``penna translate --selection`` calls on the running Penna."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.selection.controller import choose_target
from desktop.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
ANSWER_TIMEOUT_MS = 120_000
SENTENCE = "I would like a cup of coffee, please."


def test_the_target_is_the_primary_language_unless_the_text_is_in_it():
    assert choose_target("en", "fr", "en") == "fr"
    assert choose_target("fr", "fr", "en") == "en"
    assert choose_target(None, "fr", "en") == "fr"


@pytest.mark.slow
def test_tray_translates_the_clipboard_into_the_popup_and_esc_closes_it(model_window, qtbot, store):
    model_window.settings.primary_language = "de"
    QApplication.clipboard().setText(SENTENCE)
    selection, popup = model_window.selection, model_window.selection.popup
    with qtbot.waitSignal(selection.finished, timeout=ANSWER_TIMEOUT_MS) as finished:
        model_window.tray.actions_by_name["translate_clipboard"].trigger()
        assert popup.isVisible()

    assert popup.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert popup.languages.text() == "English (detected)  →  Deutsch"
    assert popup.text.text() == finished.args[0] and finished.args[0].strip()
    [record] = store.list_translations()
    assert (record.source_text, record.target_language, record.result) == (SENTENCE, "de", popup.text.text())
    assert model_window.translate_pane.history.list.count() == 1

    qtbot.mouseClick(popup.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == record.result
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()


@pytest.mark.slow
def test_open_in_penna_shows_the_translation_in_the_pane(model_window, qtbot):
    model_window.settings.primary_language = "es"
    model_window.hide()
    with qtbot.waitSignal(model_window.selection.finished, timeout=ANSWER_TIMEOUT_MS):
        model_window.selection.translate(SENTENCE)
    qtbot.mouseClick(model_window.selection.popup.open_button, Qt.MouseButton.LeftButton)
    pane = model_window.translate_pane
    assert model_window.isVisible() and not model_window.selection.popup.isVisible()
    assert model_window.stack.currentWidget() is pane
    assert pane.source.toPlainText() == SENTENCE and pane.target_box.code() == "es"
    assert pane.result.toPlainText() == model_window.selection.runner.text


def test_an_empty_selection_says_so(window):
    QApplication.clipboard().setText("")
    window.tray.actions_by_name["translate_selection"].trigger()
    assert window.selection.popup.isVisible()
    assert window.selection.popup.status.text() == "Nothing is selected. Select some text, then try again."
    assert not window.selection.runner.is_running()


def test_tray_show_and_quit(window, qtbot):
    window.hide()
    window.tray.actions_by_name["show"].trigger()
    assert window.isVisible()
    with qtbot.waitSignal(window.quit_requested, timeout=5000):
        window.tray.actions_by_name["quit"].trigger()
    assert not window.isVisible()


def test_without_a_tray_closing_the_window_closes_it_even_when_asked_to_keep_running(window):
    window.settings.keep_in_tray = True
    assert not window.tray.isVisible()  # the offscreen platform has no tray: the window could not come back
    window.close()
    assert not window.isVisible()


def test_selection_settings_survive_and_say_where_the_shortcut_works(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.shortcut_edit.keySequence().toString() == "Ctrl+Alt+Y"  # Ctrl+Alt+T opens terminals
    assert "X11" in dialog.shortcut_note.text()  # offscreen is not X11: the note says what to do instead
    dialog.primary_box.set_code("ja")
    dialog.shortcut_edit.setKeySequence("Ctrl+Shift+Y")
    shown_secondary = dialog.secondary_box.code()
    changed: list[str] = []
    window.settings.changed.connect(changed.append)
    dialog.apply()
    assert {"primary_language", "translate_shortcut"} <= set(changed)
    settings = window.settings
    assert (settings.primary_language, settings.secondary_language, settings.translate_shortcut) == (
        "ja", shown_secondary, "Ctrl+Shift+Y")


@pytest.mark.slow
def test_penna_translate_selection_asks_the_running_penna_over_dbus(model_window, qtbot, store, session_bus, desktop_home):
    address, bus = session_bus
    model_window.start_selection_services(bus)
    QApplication.clipboard().setText(SENTENCE)  # offscreen has no PRIMARY selection: the clipboard stands in
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with qtbot.waitSignal(model_window.selection.finished, timeout=ANSWER_TIMEOUT_MS) as finished:
        cli = subprocess.Popen([sys.executable, "-m", "desktop.launcher", "translate", "--selection"], cwd=ROOT, env=env)
        qtbot.waitUntil(lambda: cli.poll() is not None, timeout=60_000)
    assert cli.returncode == 0
    assert model_window.selection.source_text == SENTENCE and finished.args[0].strip()
    assert [record.source_text for record in store.list_translations()] == [SENTENCE]


def test_a_saved_shortcut_is_kept_when_the_default_moves(desktop_home):
    from desktop.settings import DEFAULT_SHORTCUT, Settings

    assert Settings().translate_shortcut == DEFAULT_SHORTCUT == "Ctrl+Alt+Y"
    saved = Settings()
    saved.translate_shortcut = "Ctrl+Alt+T"  # chosen under the old default, or by hand
    saved.sync()
    assert Settings().translate_shortcut == "Ctrl+Alt+T"
