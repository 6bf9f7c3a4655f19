"""Stop strings, context fitting and sampling: pure logic, no model."""

from __future__ import annotations

import numpy as np
import pytest

from runtime.engine.context import fit_messages
from runtime.engine.sampling import GenerationOptions, Sampler
from runtime.engine.stops import StopMatcher
from runtime.errors import ContextOverflowError


def feed(matcher: StopMatcher, pieces: list[str]) -> tuple[str, bool]:
    shown = ""
    for piece in pieces:
        ready, stopped = matcher.push(piece)
        shown += ready
        if stopped:
            return shown, True
    return shown + matcher.flush(), False


def test_stop_string_split_across_deltas_is_caught_and_hidden():
    assert feed(StopMatcher(("User:",)), ["Hello", " Us", "er", ": more"]) == ("Hello ", True)


def test_text_that_only_looks_like_a_stop_start_is_released():
    assert feed(StopMatcher(("User:",)), ["a U", "nit", " test"]) == ("a Unit test", False)


def test_held_back_tail_is_flushed_at_the_end():
    assert feed(StopMatcher(("###",)), ["end #"]) == ("end #", False)


def words(messages: list[dict]) -> int:
    return sum(len(message["content"].split()) + 2 for message in messages)


def test_fit_drops_oldest_turns_and_keeps_system_and_latest():
    messages = [{"role": "system", "content": "sys"}]
    for turn in range(5):
        messages += [{"role": "user", "content": f"q{turn} " + "x " * 20}, {"role": "assistant", "content": "a " * 20}]
    messages.append({"role": "user", "content": "latest question"})
    fitted = fit_messages(messages, words, context_length=120, max_new_tokens=20)
    assert fitted.messages[0]["content"] == "sys" and fitted.messages[-1]["content"] == "latest question"
    assert fitted.dropped_turns >= 1
    assert words(fitted.messages) <= 100
    assert fitted.messages[1]["role"] == "user"
    kept = [message["content"].split()[0] for message in fitted.messages if message["role"] == "user"][:-1]
    assert kept == [f"q{turn}" for turn in range(5 - len(kept), 5)]  # the newest turns are the ones kept


def test_fit_keeps_everything_when_it_fits():
    messages = [{"role": "user", "content": "short"}]
    assert fit_messages(messages, words, 100, 10).messages == messages


def test_fit_refuses_a_single_message_that_cannot_fit():
    with pytest.raises(ContextOverflowError):
        fit_messages([{"role": "user", "content": "x " * 200}], words, context_length=100, max_new_tokens=10)


def test_repetition_penalty_pushes_greedy_off_a_seen_token():
    logits = np.array([1.0, 1.2, 0.5], dtype=np.float32)
    assert Sampler(GenerationOptions(temperature=0, repetition_penalty=1.0)).next_token(logits, np.array([1])) == 1
    assert Sampler(GenerationOptions(temperature=0, repetition_penalty=1.5)).next_token(logits, np.array([1])) == 0


def test_top_p_never_samples_outside_the_nucleus():
    logits = np.log(np.array([0.6, 0.3, 0.05, 0.05], dtype=np.float32))
    sampler = Sampler(GenerationOptions(temperature=1.0, top_k=0, top_p=0.8, repetition_penalty=1.0, seed=0))
    assert {sampler.next_token(logits, np.array([], dtype=np.int64)) for _ in range(300)} == {0, 1}
