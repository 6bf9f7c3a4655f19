"""The window without a model: panes, shortcuts, settings, language, sidebar, search, export, branches."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from desktop.app import application, create_window
from desktop.settings import Sampling, Settings
from desktop.settings_dialog import SettingsDialog


def chat_with(store, title: str, *turns: str) -> int:
    """A stored conversation with alternating user/assistant turns."""
    conversation = store.create_conversation(title)
    for index, text in enumerate(turns):
        store.append_message(conversation.id, "user" if index % 2 == 0 else "assistant", text)
    return conversation.id


def test_ctrl_digits_switch_panes(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.translate_pane
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.summarize_pane
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.chat


def test_settings_survive_a_restart(window, qtbot, store):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.temperature.setValue(0.6)
    dialog.top_p.setValue(0.8)
    dialog.top_k.setValue(7)
    dialog.seed.setValue(1234)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.precision_box.setCurrentIndex(dialog.precision_box.findData("int8"))
    changed: list[str] = []
    window.settings.changed.connect(changed.append)
    dialog.apply()
    assert sorted(changed) == ["precision", "sampling", "theme"]
    window.close()

    restarted = create_window(application([]), Settings(), store)
    qtbot.addWidget(restarted)
    settings = restarted.settings
    assert settings.sampling == Sampling(temperature=0.6, top_p=0.8, top_k=7, repetition_penalty=1.1, max_new_tokens=512, seed=1234)
    assert (settings.theme, settings.precision, settings.device) == ("dark", "int8", "auto")
    assert QApplication.instance().palette().window().color().lightness() < 80


def test_fp16_is_offered_only_on_cuda(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    fp16 = dialog.precision_box.model().item(dialog.precision_box.findData("fp16"))
    assert not fp16.isEnabled()
    dialog.device_box.setCurrentIndex(dialog.device_box.findData("cuda"))
    assert fp16.isEnabled()


def test_interface_switches_to_chinese_and_back(window, qtbot):
    assert window.rail.item(0).text() == "Chat"
    window.settings.language = "zh_CN"  # the window follows the setting
    qtbot.waitUntil(lambda: window.rail.item(0).text() != "Chat")
    assert [window.rail.item(row).text() for row in range(3)] == ["对话", "翻译", "摘要"]
    assert window.chat.sidebar.new_button.text() == "新对话"
    assert window.chat.composer.send_button.text() == "发送"
    assert window.status.model_label.text().startswith("模型")
    window.settings.language = "en"
    qtbot.waitUntil(lambda: window.chat.composer.send_button.text() == "Send")


def test_sidebar_lists_pinned_first_then_newest(window, store):
    old = chat_with(store, "old chat", "first")
    pinned = chat_with(store, "pinned chat", "second")
    new = chat_with(store, "new chat", "third")
    store.pin_conversation(pinned)
    window.chat.session.refresh_list()
    listed = window.chat.sidebar.conversations
    assert [listed.item(row).data(Qt.ItemDataRole.UserRole) for row in range(listed.count())] == [pinned, new, old]
    assert listed.item(0).text().startswith("📌")


def test_context_menu_renames_pins_and_deletes_after_confirmation(window, qtbot, store):
    first = chat_with(store, "first", "a")
    second = chat_with(store, "second", "b")
    sidebar = window.chat.sidebar
    window.chat.session.refresh_list()

    def trigger(conversation_id: int, name: str) -> None:
        item = next(sidebar.conversations.item(row) for row in range(sidebar.conversations.count())
                    if sidebar.conversations.item(row).data(Qt.ItemDataRole.UserRole) == conversation_id)
        next(action for action in sidebar.menu_for(item).actions() if action.objectName() == name).trigger()

    trigger(first, "pin")
    assert store.get_conversation(first).pinned
    trigger(first, "rename")
    dialog = window.chat.findChildren(QInputDialog)[-1]
    dialog.setTextValue("Renamed")
    dialog.accept()
    assert store.get_conversation(first).title == "Renamed"
    assert sidebar.conversations.item(0).text() == "📌 Renamed"

    trigger(second, "delete")
    box = window.chat.findChildren(QMessageBox)[-1]
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert [c.id for c in store.list_conversations()] == [first, second]
    trigger(second, "delete")
    box = window.chat.findChildren(QMessageBox)[-1]
    box.button(QMessageBox.StandardButton.Yes).click()
    assert [c.id for c in store.list_conversations()] == [first]
    assert sidebar.conversations.count() == 1


def test_export_writes_a_markdown_file(window, qtbot, store, tmp_path: Path):
    conversation = chat_with(store, "Capitals", "What is the capital of France?", "The capital of France is **Paris**.")
    window.chat.session.refresh_list()
    window.chat.sidebar.action_requested.emit("export_md", conversation)
    dialog = window.chat.findChildren(QFileDialog)[-1]
    target = tmp_path / "capitals.md"
    dialog.selectFile(str(target))
    dialog.accept()
    text = target.read_text(encoding="utf-8")
    assert "Capitals" in text
    assert "What is the capital of France?" in text and "**Paris**" in text


def test_search_finds_an_earlier_message_and_opens_it(window, qtbot, store):
    wanted = chat_with(store, "Birds", "Tell me about herons", "Herons are long-legged wading birds.", "And owls?", "Owls hunt at night.")
    chat_with(store, "Cooking", "How long do I boil an egg?", "About nine minutes for a hard-boiled egg.")
    window.chat.session.refresh_list()
    sidebar = window.chat.sidebar
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert sidebar.search_box.hasFocus()
    qtbot.keyClicks(sidebar.search_box, "wading")
    qtbot.waitUntil(lambda: sidebar.results.count() == 1, timeout=5000)
    label = sidebar.results.itemWidget(sidebar.results.item(0))
    assert "<b>wading</b>" in label.text() and "Birds" in label.text()

    sidebar.results.itemClicked.emit(sidebar.results.item(0))
    view = window.chat.view
    assert window.chat.session.current == wanted
    highlighted = [widget for widget in view.widgets if widget.property("highlight")]
    assert [widget.item.content for widget in highlighted] == ["Herons are long-legged wading birds."]


def test_branch_arrows_switch_between_versions(window, qtbot, store):
    conversation = chat_with(store, "Branches", "Say hi", "Hi!")
    first_question = store.active_branch(conversation)[0]
    edited = store.edit_message(first_question.id, "Say hello")
    store.append_message(conversation, "assistant", "Hello!")
    window.chat.session.open_conversation(conversation)
    view = window.chat.view
    assert [w.item.content for w in view.widgets] == ["Say hello", "Hello!"]
    question = view.widgets[0]
    assert question.branch_label.text() == "2/2"
    qtbot.waitUntil(question.prev_button.isVisible)

    qtbot.mouseClick(question.prev_button, Qt.MouseButton.LeftButton)
    assert [w.item.content for w in view.widgets] == ["Say hi", "Hi!"]
    assert view.widgets[0].branch_label.text() == "1/2"
    qtbot.waitUntil(view.widgets[0].next_button.isVisible)
    qtbot.mouseClick(view.widgets[0].next_button, Qt.MouseButton.LeftButton)
    assert [w.item.content for w in view.widgets] == ["Say hello", "Hello!"]
    assert store.active_branch(conversation)[0].id == edited.id


def test_enter_sends_and_shift_enter_breaks_the_line(window, qtbot):
    composer = window.chat.composer
    sent: list[str] = []
    composer.send_requested.connect(sent.append)
    qtbot.keyClicks(composer.input, "line one")
    qtbot.keyClick(composer.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(composer.input, "line two")
    assert sent == []
    qtbot.keyClick(composer.input, Qt.Key.Key_Return)
    assert sent == ["line one\nline two"]
    assert composer.input.toPlainText() == ""
