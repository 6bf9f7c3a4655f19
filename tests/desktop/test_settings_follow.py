"""Observable settings: each setter says what changed, and whatever follows a setting reacts to it alone — the model
sessions (once for several changes, never under a running answer), the global shortcut, the theme."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from desktop.selection.hotkey import GlobalHotkey
from desktop.settings import Sampling, Settings
from desktop.settings_dialog import SettingsDialog
from runtime.models import DEFAULT_MODEL
from tests.runtime.scripted_engine import ScriptedEngine

WAIT_MS = 10_000
UNREACHABLE = "http://127.0.0.1:9"  # nothing listens on the discard port: a connection is refused at once


def test_a_setter_says_what_changed_and_an_equal_value_says_nothing(qtbot, tmp_path: Path):
    settings = Settings(tmp_path / "settings.ini")
    for name, change in (("device", lambda: setattr(settings, "device", "cpu")),
                         ("sampling", lambda: setattr(settings, "sampling", Sampling(temperature=0.7))),
                         ("summarize_model", lambda: settings.set_task_model("summarize", "another-model")),
                         ("secondary_language", lambda: setattr(settings, "secondary_language", "fr"))):
        with qtbot.waitSignal(settings.changed) as said:
            change()
        assert said.args == [name]
    with qtbot.assertNotEmitted(settings.changed):
        settings.device = "cpu"
        settings.sampling = Sampling(temperature=0.7)
        settings.set_task_model("summarize", "another-model")
    assert (settings.device, settings.value("summarize_model")) == ("cpu", "another-model")


def test_a_stored_value_outside_the_choices_reads_as_the_default(tmp_path: Path):
    settings = Settings(tmp_path / "settings.ini")
    settings.qsettings.setValue("model/device", "tpu")
    settings.qsettings.setValue("ui/theme", "")
    assert (settings.device, settings.theme, settings.model) == ("auto", "system", None)


def test_an_unchanged_dialog_changes_nothing(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    with qtbot.assertNotEmitted(window.settings.changed):
        dialog.apply()


def test_changes_applied_together_reload_the_model_once(window, qtbot):
    window.session.use(ScriptedEngine(lambda messages: "Hello."))
    loading: list[object] = []
    window.session.loading.connect(loading.append)
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.remote_group.remote_button.setChecked(True)
    dialog.remote_group.url_edit.setText(UNREACHABLE)
    dialog.remote_group.model_box.setEditText("their-model")
    with qtbot.waitSignal(window.session.failed, timeout=WAIT_MS) as failed:
        dialog.apply()  # source, URL and model: three changes, one reload
    assert loading == ["their-model"]
    assert "Cannot reach the server" in str(failed.args[0])


def test_a_session_never_started_is_not_loaded_by_a_change(window, qtbot):
    with qtbot.assertNotEmitted(window.session.loading):
        window.settings.precision = "int8"
        QCoreApplication.processEvents()
    assert window.session.engine is None and not window.session.is_busy()


def test_no_reload_under_a_running_answer(window, qtbot):
    go_on = threading.Event()
    window.session.use(ScriptedEngine(lambda messages: "one two three", on_delta=go_on.wait))
    session = window.chat.session
    qtbot.keyClicks(window.chat.composer.input, "Count.")
    qtbot.keyClick(window.chat.composer.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.answer_text == "one", timeout=WAIT_MS)
    with qtbot.assertNotEmitted(window.session.loading):
        window.settings.source, window.settings.remote_url = "remote", UNREACHABLE
        QCoreApplication.processEvents()
    with qtbot.waitSignal(session.answer_finished, timeout=WAIT_MS):
        go_on.set()
    assert window.session.engine is not None and window.session.engine.model_name == "scripted"


def test_a_task_engine_follows_its_model_setting(window, qtbot):
    chat_engine = ScriptedEngine(lambda messages: "Bonjour.")
    window.session.use(chat_engine)
    translate = window.translate_engine
    translate.start()
    with qtbot.waitSignal(translate.session.ready, timeout=WAIT_MS) as ready:
        window.settings.set_task_model("translate", DEFAULT_MODEL)  # the chat's model, by name: still shared
    assert ready.args == [chat_engine] and not translate.own_model


def test_the_global_shortcut_follows_its_setting_and_says_why_it_cannot(qtbot, tmp_path: Path):
    settings = Settings(tmp_path / "settings.ini")
    hotkey = GlobalHotkey()
    with qtbot.waitSignal(hotkey.failed) as failed:
        hotkey.follow(settings)
    assert "X11" in failed.args[0]  # the offscreen platform is not X11
    with qtbot.waitSignal(hotkey.failed):
        settings.translate_shortcut = "Ctrl+Shift+Y"
    with qtbot.assertNotEmitted(hotkey.failed):
        settings.theme = "dark"


def test_the_theme_follows_its_setting(window, qtbot):
    window.settings.theme = "dark"
    assert QApplication.instance().palette().window().color().lightness() < 80
    window.settings.theme = "system"
    assert QApplication.instance().palette().window().color().lightness() > 160
