"""What the window tells the user: texts that fit, a status bar per pane, a welcome, Copied, stale search results
gone, titles that follow an edit, CUDA greyed out with a reason, Ctrl+Q, and no font-database noise at start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.i18n import set_language
from desktop.settings_dialog import SettingsDialog
from runtime.chat import title_from
from tests.desktop.label_fit import clipped_texts
from tests.desktop.test_window import chat_with

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_texts_fit_their_rectangles_at_the_default_size(window, qtbot, language):
    set_language(language)
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._finish_add("No network: the model could not be downloaded. Connect to the internet and try again, or add a "
                       "model folder or a .gguf file that is already on this computer.")
    for page in range(dialog.pages.count()):
        dialog.pages.setCurrentIndex(page)
        qtbot.waitUntil(lambda: clipped_texts(dialog) == [], timeout=2000)

    QApplication.clipboard().setText("")
    window.tray.actions_by_name["translate_selection"].trigger()  # "Nothing is selected…" in the popup
    popup = window.selection.popup
    assert popup.status.isVisible() and clipped_texts(popup) == []
    assert not popup.copy_button.isVisible() and not popup.open_button.isVisible()  # nothing to copy or open
    popup.close()

    window.session.preparing.emit(None, "int8")  # the banner with its four stages, then a failure with its way on
    window.session.failed.emit(RuntimeError("The model could not be prepared: the disk is full. Free some space."))
    assert window.banner.isVisible() and window.banner.state == "stopped"
    for row in range(3):
        window.rail.setCurrentRow(row)
        qtbot.wait(10)
        assert clipped_texts(window) == [], window.stack.currentWidget()


def test_summarize_no_longer_widens_the_window_or_squeezes_its_history(window, qtbot):
    window.rail.setCurrentRow(2)
    window.resize(900, 640)
    qtbot.waitUntil(lambda: window.width() == 900)
    assert window.summarize_pane.history.width() >= 150


def test_the_status_bar_shows_the_chat_figures_on_the_chat_pane_only(model_window, qtbot, store):
    status = model_window.status
    conversation = chat_with(store, "Capitals", "What is the capital of France?", "Paris.")
    model_window.chat.session.refresh_list()
    model_window.chat.session.open_conversation(conversation)
    status.set_stats(31.5, 20, 8)
    assert status.speed_label.isVisible() and status.context_bar.isVisible()
    assert status.context_bar.value() > 0 and status.context_bar.text() == "Context <1%"  # not "0%" for a short chat
    for row in (1, 2):
        model_window.rail.setCurrentRow(row)
        assert not status.speed_label.isVisible() and not status.context_bar.isVisible()
        assert status.device_label.isVisible() and status.device_label.text().startswith(("CPU", "CUDA"))
    model_window.rail.setCurrentRow(0)
    assert status.speed_label.isVisible()


def test_an_empty_chat_welcomes_and_new_chat_leaves_the_search(window, qtbot, store):
    chat_with(store, "Birds", "Tell me about herons", "Herons are long-legged wading birds.")
    chat = window.chat
    chat.session.refresh_list()
    assert chat.view.welcome.isVisible() and "For example" in chat.view.welcome.text()
    qtbot.keyClicks(chat.sidebar.search_box, "zeppelin")
    qtbot.waitUntil(chat.sidebar.no_results.isVisible, timeout=5000)
    chat.sidebar.search_box.clear()
    qtbot.wait(200)  # the cleared search's empty result arrives
    assert not chat.sidebar.no_results.isVisible()

    qtbot.keyClicks(chat.sidebar.search_box, "wading")
    qtbot.waitUntil(lambda: chat.sidebar.results.count() == 1, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert chat.sidebar.search_box.text() == "" and chat.sidebar.lists.currentWidget() is chat.sidebar.conversations
    assert chat.view.welcome.isVisible()


def test_a_title_made_from_the_first_message_follows_its_edit(window, store):
    conversation = chat_with(store, title_from("Tell me about herons"), "Tell me about herons", "Herons wade.")
    named = chat_with(store, "My birds", "Tell me about owls", "Owls hunt at night.")
    session = window.chat.session
    for conversation_id, expected in ((conversation, title_from("Tell me about storks")), (named, "My birds")):
        session.open_conversation(conversation_id)
        first = store.active_branch(conversation_id)[0]
        session.send(first.content.replace("herons", "storks").replace("owls", "storks"), "", first.id)
        assert store.get_conversation(conversation_id).title == expected


def test_copy_says_copied(model_window, qtbot):
    pane = model_window.summarize_pane
    pane.output.setPlainText("A short summary.")
    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "A short summary."
    assert pane.copy_button.text() == "Copied"
    qtbot.waitUntil(lambda: pane.copy_button.text() == "Copy", timeout=3000)


def test_regenerate_is_offered_only_once_the_answer_is_written(chat_window, qtbot):
    chat = chat_window.chat
    with qtbot.waitSignal(chat.session.generating_changed, timeout=10_000):
        chat.composer.input.setPlainText("Say hello.")
        chat.composer.send_requested.emit("Say hello.")
    assert not chat.view.widgets[-1].regenerate_button.isVisibleTo(chat.view)
    qtbot.waitUntil(lambda: not chat.session.is_generating(), timeout=120_000)
    assert chat.view.widgets[-1].regenerate_button.isVisibleTo(chat.view)


def test_cuda_is_greyed_out_with_a_plain_reason_where_it_cannot_load(window, qtbot):
    from runtime.devices import cuda_unavailable_reason

    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    usable = cuda_unavailable_reason() is None
    assert dialog.device_box.model().item(dialog.device_box.findData("cuda")).isEnabled() == usable
    assert dialog.cuda_note.isVisibleTo(dialog) != usable
    if not usable:
        assert dialog.cuda_note.text().startswith("CUDA cannot be used on this computer")


def test_ctrl_q_quits(window, qtbot):
    with qtbot.waitSignal(window.quit_requested, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_starting_prints_no_font_database_noise(tmp_path):
    script = ("from desktop.app import application, create_window; from desktop.settings_dialog import SettingsDialog\n"
              "app = application([]); window = create_window(app); window.show()\n"
              "dialog = SettingsDialog(window.settings, window); dialog.show(); app.processEvents()")
    env = {**os.environ, "PENNA_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "qt.text.font.db" not in result.stderr
