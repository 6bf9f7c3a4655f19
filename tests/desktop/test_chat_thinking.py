"""A reasoning model's thinking in the chat: a collapsed "Thinking" block above the answer, real widgets offscreen.

The scripted engine stands in for a reasoning model (the default model does not think); the window, the store and
the view are the real ones."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from tests.runtime.scripted_engine import ScriptedEngine

THINKING = "The user asks for the capital of France, which is Paris."
ANSWER = "The capital of France is Paris."


def thinking_model(messages: list[dict[str, str]]) -> str:
    return f"<think>\n{THINKING}\n</think>\n\n{ANSWER}"


def send(window, qtbot, text: str) -> None:
    composer = window.chat.composer
    qtbot.keyClicks(composer.input, text)
    with qtbot.waitSignal(window.chat.session.answer_finished, timeout=30_000):
        qtbot.keyClick(composer.input, Qt.Key.Key_Return)


def test_thinking_shows_collapsed_above_the_answer_and_opens_on_a_click(window, qtbot, store):
    engine = ScriptedEngine(thinking_model)
    window.session.use(engine)
    send(window, qtbot, "What is the capital of France?")

    answer = window.chat.view.widgets[-1]

    def shown_text() -> str:
        return " ".join(label.text() for label in answer.findChildren(QLabel) if label.isVisibleTo(answer))

    qtbot.waitUntil(lambda: ANSWER in shown_text())  # a label added to a shown layout shows on the next event
    assert "user asks" not in shown_text() and "think&gt;" not in shown_text()
    block = answer.thinking
    assert block.isVisibleTo(answer) and block.toggle.text() == "Thinking"
    assert not block.text.isVisibleTo(answer)  # collapsed
    qtbot.mouseClick(block.toggle, Qt.MouseButton.LeftButton)
    assert block.text.isVisibleTo(answer) and block.text.text() == THINKING
    qtbot.mouseClick(block.toggle, Qt.MouseButton.LeftButton)
    assert not block.text.isVisibleTo(answer)

    answer.copy_button.click()
    assert QGuiApplication.clipboard().text() == ANSWER
    question = window.chat.view.widgets[0]
    assert not question.thinking.isVisibleTo(question)
    [conversation] = store.list_conversations()
    assert THINKING in store.active_branch(conversation.id)[-1].content  # kept in the history, as the model wrote it

    send(window, qtbot, "And of Italy?")
    sent = engine.calls[-1][0]
    assert [message["content"] for message in sent if message["role"] == "assistant"] == [ANSWER]  # not re-read
