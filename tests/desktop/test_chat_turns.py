"""The chat pane's turns on the scripted engine (fast): streaming into the view and the history, stop, an answer
waiting for the model, a failed answer, closing mid-answer. test_chat_model.py runs the same on the real model."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from runtime.chat import engine_messages
from tests.runtime.scripted_engine import ScriptedEngine

WAIT_MS = 10_000


def echo(messages: list[dict[str, str]]) -> str:
    return "You said: " + messages[-1]["content"]


def type_and_send(window, qtbot, text: str) -> None:  # noqa: ANN001 - the window and pytest-qt's fixture
    qtbot.keyClicks(window.chat.composer.input, text)
    qtbot.keyClick(window.chat.composer.input, Qt.Key.Key_Return)


def count_slowly(window, qtbot) -> threading.Event:  # noqa: ANN001
    """Ask for a count answered word by word, each word held until the returned event is set; returns once the
    first word has arrived."""
    go_on = threading.Event()
    window.session.use(ScriptedEngine(lambda messages: "one two three four five", on_delta=go_on.wait))
    type_and_send(window, qtbot, "Count to five.")
    qtbot.waitUntil(lambda: window.chat.session.answer_text == "one", timeout=WAIT_MS)
    return go_on


def test_an_answer_streams_into_the_view_and_the_history(window, qtbot, store):
    engine = ScriptedEngine(echo)
    window.session.use(engine)
    session = window.chat.session
    streamed: list[str] = []
    session.streaming.connect(streamed.append)
    with qtbot.waitSignal(session.answer_finished, timeout=WAIT_MS):
        type_and_send(window, qtbot, "Hello there")

    [conversation] = store.list_conversations()
    question, answer = store.active_branch(conversation.id)
    assert (conversation.title, question.content) == ("Hello there", "Hello there")
    assert answer.content == streamed[-1] == "You said: Hello there" and streamed[0] == "You"
    assert answer.finish_reason == "stop"
    assert [widget.item.content for widget in window.chat.view.widgets] == [question.content, answer.content]
    assert not session.is_generating() and window.chat.composer.send_button.text() == "Send"
    with qtbot.waitSignal(session.context_changed, timeout=WAIT_MS) as meter:
        session.open_conversation(conversation.id)
    assert meter.args == [engine.count_chat_tokens(engine_messages(store, conversation.id)), engine.context_length]


def test_stop_keeps_the_partial_answer_marked_stopped(window, qtbot, store):
    go_on = count_slowly(window, qtbot)
    session = window.chat.session
    with qtbot.waitSignal(session.answer_finished, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        go_on.set()

    answer = store.active_branch(session.current)[-1]
    assert (answer.content, answer.finish_reason) == ("one", "cancelled")
    assert window.chat.view.widgets[-1].state_label.text() == "stopped"


def test_a_message_sent_before_the_model_is_ready_is_answered_when_it_is(window, qtbot, store):
    session = window.chat.session
    session.send("Are you there?")
    assert session.is_waiting() and window.chat.waiting_label.isVisibleTo(window.chat)
    with qtbot.waitSignal(session.answer_finished, timeout=WAIT_MS):
        window.session.use(ScriptedEngine(echo))

    assert not session.is_waiting()
    assert [message.content for message in store.active_branch(session.current)] == ["Are you there?",
                                                                                     "You said: Are you there?"]


def test_an_answer_that_fails_is_kept_as_an_error_and_said(window, qtbot, store):
    window.session.use(ScriptedEngine(echo, context_length=64))
    session = window.chat.session
    with qtbot.waitSignal(session.error, timeout=WAIT_MS):
        session.send("word " * 80)

    assert store.active_branch(session.current)[-1].finish_reason == "error"
    assert window.chat.notice.isVisibleTo(window.chat) and "too long" in window.chat.notice.label.text()
    assert not session.is_generating()


def test_closing_mid_answer_keeps_the_partial_answer(window, qtbot, store):
    go_on = count_slowly(window, qtbot)
    session = window.chat.session
    conversation = session.current
    threading.Timer(0.05, go_on.set).start()  # the worker blocks until then; closing waits for it
    window.close()

    answer = store.active_branch(conversation)[-1]
    assert (answer.content, answer.finish_reason) == ("one", "cancelled")
    assert not session.is_generating()


def test_the_speed_is_cleared_when_an_answer_begins_and_after_new_chat(window, qtbot):
    window.session.use(ScriptedEngine(echo))
    speed = window.status.speed_label
    with qtbot.waitSignal(window.chat.session.answer_finished, timeout=WAIT_MS):
        type_and_send(window, qtbot, "Hello there")
    assert "tok/s" in speed.text()

    go_on = count_slowly(window, qtbot)  # the next answer has begun and holds after its first word
    assert speed.text() == ""  # not the previous answer's figure
    with qtbot.waitSignal(window.chat.session.answer_finished, timeout=WAIT_MS):
        go_on.set()
    assert "tok/s" in speed.text()

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert speed.text() == ""
