"""The chat pane with the real default model: streaming, stop, regenerate, edit, closing mid-answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.settings import Sampling

pytestmark = pytest.mark.slow

ANSWER_TIMEOUT_MS = 120_000


def send(window, qtbot, text: str) -> None:
    composer = window.chat.composer
    qtbot.keyClicks(composer.input, text)
    with qtbot.waitSignal(window.chat.session.answer_finished, timeout=ANSWER_TIMEOUT_MS):
        qtbot.keyClick(composer.input, Qt.Key.Key_Return)


def test_answer_streams_in_and_lands_in_history(chat_window, qtbot, store):
    session = chat_window.chat.session
    streamed: list[str] = []
    session.streaming.connect(streamed.append)
    send(chat_window, qtbot, "What is the capital of France?")

    assert len(streamed) >= 2 and all(b.startswith(a) for a, b in zip(streamed, streamed[1:]))
    [conversation] = store.list_conversations()
    assert conversation.title == "What is the capital of France?"
    question, answer = store.active_branch(conversation.id)
    assert (question.role, answer.role) == ("user", "assistant")
    assert answer.content == streamed[-1] and "Paris" in answer.content
    assert answer.finish_reason in ("stop", "length") and answer.completion_tokens > 0
    view = chat_window.chat.view
    assert [w.item.content for w in view.widgets] == [question.content, answer.content]
    assert "tok/s" in chat_window.status.speed_label.text()
    assert chat_window.status.context_bar.value() > 0


def test_escape_stops_mid_answer_and_keeps_the_partial_text(chat_window, qtbot, store):
    chat_window.settings.sampling = Sampling(temperature=0.0, max_new_tokens=400)
    session = chat_window.chat.session
    qtbot.keyClicks(chat_window.chat.composer.input, "Write a long story about a dragon who learns to cook.")
    qtbot.keyClick(chat_window.chat.composer.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(session.answer_text) > 10, timeout=ANSWER_TIMEOUT_MS)
    with qtbot.waitSignal(session.answer_finished, timeout=ANSWER_TIMEOUT_MS):
        qtbot.keyClick(chat_window, Qt.Key.Key_Escape)

    answer = store.active_branch(session.current)[-1]
    assert answer.finish_reason == "cancelled"
    assert 0 < answer.completion_tokens < 400 and answer.content
    last = chat_window.chat.view.widgets[-1]
    assert last.item.content == answer.content and last.state_label.text() == "stopped"
    assert chat_window.chat.composer.send_button.text() == "Send"


def test_regenerate_keeps_the_old_answer_as_a_branch(chat_window, qtbot, store):
    send(chat_window, qtbot, "Name a colour.")
    session = chat_window.chat.session
    first = store.active_branch(session.current)[-1]
    chat_window.settings.sampling = Sampling(temperature=1.0, max_new_tokens=24, seed=7)
    with qtbot.waitSignal(session.answer_finished, timeout=ANSWER_TIMEOUT_MS):
        qtbot.keyClick(chat_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    second = store.active_branch(session.current)[-1]
    assert second.id != first.id and second.parent_id == first.parent_id
    assert [m.id for m in store.branches_at(second.id)] == [first.id, second.id]
    assert chat_window.chat.view.widgets[-1].branch_label.text() == "2/2"


def test_edit_makes_a_new_branch_and_arrows_switch_back(chat_window, qtbot, store):
    send(chat_window, qtbot, "Say hello.")
    session, view = chat_window.chat.session, chat_window.chat.view
    original = [m.content for m in store.active_branch(session.current)]

    qtbot.mouseClick(view.widgets[0].edit_button, Qt.MouseButton.LeftButton)
    composer = chat_window.chat.composer
    assert composer.editing_id == view.widgets[0].item.id and composer.input.toPlainText() == "Say hello."
    composer.input.clear()
    send(chat_window, qtbot, "Say goodbye.")

    edited = store.active_branch(session.current)
    assert edited[0].content == "Say goodbye." and len(edited) == 2
    assert view.widgets[0].branch_label.text() == "2/2"
    qtbot.waitUntil(view.widgets[0].prev_button.isVisible)
    qtbot.mouseClick(view.widgets[0].prev_button, Qt.MouseButton.LeftButton)
    assert [w.item.content for w in view.widgets] == original
    assert [m.content for m in store.active_branch(session.current)] == original


def test_closing_during_an_answer_cancels_it_and_keeps_the_partial_answer(chat_window, qtbot, store):
    chat_window.settings.sampling = Sampling(temperature=0.0, max_new_tokens=400)
    session = chat_window.chat.session
    qtbot.keyClicks(chat_window.chat.composer.input, "Explain how rain forms, in detail.")
    qtbot.keyClick(chat_window.chat.composer.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(session.answer_text) > 10, timeout=ANSWER_TIMEOUT_MS)
    conversation = session.current
    chat_window.close()

    answer = store.active_branch(conversation)[-1]
    assert answer.finish_reason == "cancelled" and answer.content.startswith(session.answer_text[:10])
    assert not session.is_generating()
