"""The chat turn (runtime.chat) on a real SQLite file and the scripted engine: storing, answering, regenerating,
editing, retitling, cancelling, failing, counting the context and recording served turns. Milliseconds each; the
window's and the CLI's tests run the same turn on the real model."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from runtime.chat import Chat, Turn, engine_messages, title_from
from runtime.engine import EngineProtocol, GenerationOptions, GenerationStats
from runtime.errors import ContextOverflowError
from runtime.store import HistoryStore
from tests.runtime.scripted_engine import ScriptedEngine

OPTIONS = GenerationOptions(max_new_tokens=64, temperature=0.0)
FIRST = "Tell me about herons, the long-legged wading birds of rivers and lakes"


def echo(messages: list[dict[str, str]]) -> str:
    """The scripted answer: the last message's words, said back."""
    return "You said: " + messages[-1]["content"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.db") as opened:
        yield opened


def begin(store: HistoryStore, engine: ScriptedEngine, text: str) -> tuple[Chat, Turn]:
    """A chat on ``engine`` whose first message, ``text``, has its answer begun."""
    chat = Chat(store, engine)
    chat.send(text)
    turn = chat.begin_answer(OPTIONS)
    assert turn is not None
    return chat, turn


def answer(chat: Chat, options: GenerationOptions = OPTIONS) -> str:
    """Begin and stream the answer at the end of the branch; returns the text streamed."""
    turn = chat.begin_answer(options)
    assert turn is not None
    deltas: list[str] = []
    chat.stream(turn, deltas.append)
    return "".join(deltas)


def test_the_first_message_makes_a_conversation_and_the_answer_streams_into_it(store: HistoryStore) -> None:
    engine = ScriptedEngine(echo)
    chat = Chat(store, engine)
    chat.send(FIRST, system_prompt="Be brief.")
    streamed = answer(chat)

    assert chat.conversation_id is not None
    conversation = store.get_conversation(chat.conversation_id)
    assert (conversation.title, conversation.model, conversation.system_prompt) == (title_from(FIRST), "scripted", "Be brief.")
    assert conversation.title != FIRST and conversation.title.endswith("…")
    question, reply = store.active_branch(chat.conversation_id)
    assert (question.role, question.content) == ("user", FIRST)
    assert reply.role == "assistant" and reply.content == streamed == "You said: " + FIRST
    assert reply.finish_reason == "stop" and reply.completion_tokens == len(streamed.split())
    assert reply.model == "scripted" and reply.options == {**asdict(OPTIONS), "stop": []}  # stored as JSON


def test_the_engine_answers_the_system_prompt_and_the_active_branch(store: HistoryStore) -> None:
    engine = ScriptedEngine(echo)
    chat = Chat(store, engine)
    chat.send("First question", system_prompt="Be brief.")
    first_answer = answer(chat)
    chat.send("Second question")
    answer(chat)

    assert engine.calls[-1] == ([{"role": "system", "content": "Be brief."},
                                 {"role": "user", "content": "First question"},
                                 {"role": "assistant", "content": first_answer},
                                 {"role": "user", "content": "Second question"}], OPTIONS)


def test_answering_again_keeps_the_old_answer_as_a_branch(store: HistoryStore) -> None:
    replies = iter(["Red.", "Blue."])
    engine = ScriptedEngine(lambda messages: next(replies))
    chat = Chat(store, engine)
    chat.send("Name a colour.")
    answer(chat)
    assert chat.conversation_id is not None
    old = store.active_branch(chat.conversation_id)[-1]
    answer(chat)

    new = store.active_branch(chat.conversation_id)[-1]
    assert (old.content, new.content) == ("Red.", "Blue.")
    assert [message.id for message in store.branches_at(new.id)] == [old.id, new.id]
    assert engine.calls[1][0] == [{"role": "user", "content": "Name a colour."}]  # not the old answer


def test_an_edit_makes_a_new_branch_and_a_title_made_from_the_first_message_follows_it(store: HistoryStore) -> None:
    chat = Chat(store, ScriptedEngine(echo))
    chat.send("Tell me about herons")
    answer(chat)
    chat.send("And storks?")
    answer(chat)
    assert chat.conversation_id is not None
    first, _, second, _ = store.active_branch(chat.conversation_id)

    chat.edit(second.id, "And cranes?")  # not the first message: the title stays
    assert store.get_conversation(chat.conversation_id).title == "Tell me about herons"
    chat.edit(first.id, "Tell me about egrets")
    assert store.get_conversation(chat.conversation_id).title == "Tell me about egrets"
    assert answer(chat) == "You said: Tell me about egrets"
    assert [message.content for message in store.branches_at(first.id)] == ["Tell me about herons", "Tell me about egrets"]

    store.rename_conversation(chat.conversation_id, "My birds")
    chat.edit(first.id, "Tell me about owls")
    assert store.get_conversation(chat.conversation_id).title == "My birds"  # a title the user chose stays


def test_cancel_keeps_the_text_so_far_marked_cancelled(store: HistoryStore) -> None:
    chat, turn = begin(store, ScriptedEngine(lambda messages: "one two three four five six"), "Count.")
    received: list[str] = []

    def cancel_after_two(delta: str) -> None:
        received.append(delta)
        if len(received) == 2:
            turn.cancel()

    reply = chat.stream(turn, cancel_after_two)
    assert (reply.message.content, reply.message.finish_reason) == ("one two", "cancelled")
    assert reply.stats.finish_reason == "cancelled" and reply.stats.completion_tokens == 2


def test_a_turn_cancelled_before_it_starts_stops_at_once(store: HistoryStore) -> None:
    engine = ScriptedEngine(echo)
    chat, turn = begin(store, engine, "Hello")
    turn.cancel()
    reply = chat.stream(turn)
    assert (reply.message.content, reply.message.finish_reason) == ("", "cancelled")
    assert engine.generations[0].delivered == 0


def test_a_failure_finishes_the_answer_as_an_error_with_the_text_so_far(store: HistoryStore) -> None:
    chat, turn = begin(store, ScriptedEngine(lambda messages: "one two three four"), "Count.")

    def fail_at_three(delta: str) -> None:
        if delta.strip() == "three":
            raise OSError("the terminal went away")

    with pytest.raises(OSError, match="went away"):
        chat.stream(turn, fail_at_three)
    stored = store.get_message(turn.answer.id)
    assert (stored.content, stored.finish_reason) == ("one two three", "error")


def test_a_message_too_long_for_the_context_is_an_error_answer(store: HistoryStore) -> None:
    chat, turn = begin(store, ScriptedEngine(echo, context_length=80), "word " * 40)
    with pytest.raises(ContextOverflowError):
        chat.stream(turn)
    assert store.get_message(turn.answer.id).finish_reason == "error"


def test_an_answer_begun_on_one_connection_streams_on_another_threads(store: HistoryStore) -> None:
    """As the window does: the turn begins on the GUI thread's store, and a worker streams it with its own."""
    engine = ScriptedEngine(echo)
    chat, turn = begin(store, engine, "Hello from the window")
    conversation_id = chat.conversation_id

    def stream() -> None:
        with HistoryStore.open(store.path) as own:
            Chat(own, engine, conversation_id).stream(turn)

    worker = threading.Thread(target=stream)
    worker.start()
    worker.join()
    stored = store.get_message(turn.answer.id)
    assert (stored.content, stored.finish_reason) == ("You said: Hello from the window", "stop")


def test_the_context_is_counted_through_the_chat_template(store: HistoryStore) -> None:
    engine = ScriptedEngine(echo)
    chat = Chat(store, engine)
    assert chat.context_tokens() == 0
    chat.send("How far is the moon?", system_prompt="Be brief.")
    answer(chat)
    assert chat.conversation_id is not None
    messages = engine_messages(store, chat.conversation_id)
    assert len(messages) == 3
    assert chat.context_tokens() == engine.count_chat_tokens(messages) > engine.count_tokens(
        "\n".join(message["content"] for message in messages))


def test_a_base_model_continues_a_lone_message(store: HistoryStore) -> None:
    engine = ScriptedEngine(lambda messages: " and the rest of the text.", is_chat_model=False)
    chat = Chat(store, engine)
    chat.send("Once upon a time")
    assert answer(chat) == " and the rest of the text."
    assert engine.completed == ["Once upon a time"] and engine.calls == []
    assert chat.context_tokens() == engine.count_tokens("Once upon a time and the rest of the text.")


def test_a_served_turn_is_recorded_as_a_conversation(store: HistoryStore) -> None:
    engine: EngineProtocol = ScriptedEngine(echo)
    chat = Chat(store, engine)
    served = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Remember the word teal."},
              {"role": "assistant", "content": "Teal."}, {"role": "user", "content": "Which word?"}]
    stats = GenerationStats(prompt_tokens=30, completion_tokens=2, ttft_s=0.1, tokens_per_s=20.0, finish_reason="stop")
    recorded = chat.record(served, "Teal.", stats)

    conversation = store.get_conversation(recorded.conversation_id)
    assert (conversation.title, conversation.system_prompt) == ("Remember the word teal.", "Be brief.")
    assert [(message.role, message.content) for message in store.active_branch(conversation.id)] == [
        ("user", "Remember the word teal."), ("assistant", "Teal."), ("user", "Which word?"), ("assistant", "Teal.")]
    assert (recorded.prompt_tokens, recorded.completion_tokens, recorded.finish_reason) == (30, 2, "stop")
    assert Chat(store, engine).record(served, "Te", None).finish_reason == "error"  # failed before its figures
