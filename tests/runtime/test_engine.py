"""The engine on the real default model: answers, streaming, cancellation, context, stop strings, stats."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from runtime.engine import Engine, GenerationOptions
from runtime.errors import ContextOverflowError

GREEDY = GenerationOptions(temperature=0, max_new_tokens=48)
FRANCE = [{"role": "user", "content": "What is the capital of France? Answer in one sentence."}]


def test_answers_the_capital_of_france(default_engine):
    generation = default_engine.chat(FRANCE, GREEDY)
    assert "Paris" in generation.text()
    assert generation.stats.finish_reason == "stop"


def test_streams_deltas_and_reports_stats(default_engine):
    generation = default_engine.chat([{"role": "user", "content": "Name three colours."}], GREEDY)
    deltas = list(generation)
    stats = generation.stats
    assert len(deltas) > 3 and all(deltas)
    assert stats.prompt_tokens == default_engine.count_chat_tokens([{"role": "user", "content": "Name three colours."}])
    assert stats.completion_tokens >= len(deltas)
    assert stats.ttft_s > 0 and stats.tokens_per_s > 0
    assert stats.finish_reason in ("stop", "length")


def test_length_limit_is_reported(default_engine):
    generation = default_engine.chat([{"role": "user", "content": "Write a long story about a dragon."}],
                                     GenerationOptions(temperature=0, max_new_tokens=5))
    generation.text()
    assert generation.stats.completion_tokens == 5
    assert generation.stats.finish_reason == "length"


def test_cancel_from_another_thread_stops_within_one_token(default_engine):
    generation = default_engine.chat([{"role": "user", "content": "Write a long story about a dragon."}],
                                     GenerationOptions(temperature=0, max_new_tokens=300))
    tokens = 0
    for _ in generation:
        tokens += 1
        if tokens == 5:
            canceller = threading.Thread(target=generation.cancel)
            canceller.start()
            canceller.join()
    stats = generation.stats
    assert stats.finish_reason == "cancelled"
    assert 5 <= stats.completion_tokens <= 7  # the step in flight may finish, no more


def test_seeded_sampling_is_reproducible_and_top_k_1_is_greedy(default_engine):
    sampled = GenerationOptions(temperature=0.9, top_k=50, top_p=0.9, seed=7, max_new_tokens=24)
    first = default_engine.chat(FRANCE, sampled).text()
    assert default_engine.chat(FRANCE, sampled).text() == first
    top1 = GenerationOptions(temperature=0.9, top_k=1, repetition_penalty=1.0, seed=3, max_new_tokens=24)
    greedy = GenerationOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=24)
    assert default_engine.chat(FRANCE, top1).text() == default_engine.chat(FRANCE, greedy).text()


def test_stop_string_ends_the_answer_before_it(default_engine):
    generation = default_engine.chat(FRANCE, GenerationOptions(temperature=0, max_new_tokens=48, stop=("Paris",)))
    text = generation.text()
    assert "Paris" not in text and "capital" in text
    assert generation.stats.finish_reason == "stop"


@pytest.fixture(scope="module")
def small_window_engine(default_export):
    return Engine(default_export, device="cpu", context_length=256)


def test_oldest_turns_are_dropped_to_fit_the_context(small_window_engine):
    padding = "This sentence is here to take up room in the conversation. " * 6
    messages = [{"role": "system", "content": "You are a geography tutor."}]
    for turn in range(6):
        messages += [{"role": "user", "content": f"Question {turn}. {padding}"}, {"role": "assistant", "content": padding}]
    messages.append(FRANCE[0])
    generation = small_window_engine.chat(messages, GenerationOptions(temperature=0, max_new_tokens=32))
    answer = generation.text()
    assert generation.stats.dropped_turns > 0
    assert generation.stats.prompt_tokens <= 256 - 32
    assert "Paris" in answer


def test_a_single_message_too_long_for_the_window_is_a_clear_error(small_window_engine):
    with pytest.raises(ContextOverflowError, match="too long"):
        small_window_engine.chat([{"role": "user", "content": "word " * 400}], GenerationOptions(max_new_tokens=32))


def test_generation_imports_no_torch_transformers_or_optimum(default_export):
    script = (
        "import sys\n"
        "from runtime.engine import Engine, GenerationOptions\n"
        "engine = Engine.open()\n"
        "text = engine.chat([{'role': 'user', 'content': 'Hi'}], GenerationOptions(max_new_tokens=8)).text()\n"
        "assert text\n"
        "print(sorted({name.split('.')[0] for name in sys.modules} & {'torch', 'transformers', 'optimum'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_int8_answers_like_fp32(default_export):
    from runtime.export import ensure_exported

    int8 = ensure_exported(precision="int8")
    assert int8.size_bytes < default_export.size_bytes * 0.6
    engine = Engine(int8, device="cpu")
    assert "Paris" in engine.chat(FRANCE, GREEDY).text()
