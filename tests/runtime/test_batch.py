"""Several answers decoded together (runtime.engine.batch) against the same answers decoded one at a time."""

from __future__ import annotations

import numpy as np
import pytest

from runtime import models
from runtime.engine import Engine, GenerationOptions, batch
from runtime.engine.batch import BatchDecoder, rows_for
from runtime.engine.decoder import Decoder
from runtime.export import ensure_exported
from tests.runtime.test_parity import build_tiny_model

PROMPTS = [[5, 17, 42, 99, 3, 250, 7], [8, 1, 200], [64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74], [2]]
STEPS = 12
QUESTIONS = ["What is the capital of France?", "Name three primary colours.", "Explain what a CPU does in one sentence.",
             "Write a haiku about autumn leaves falling on a quiet river in the evening.", "Count from one to ten."]


@pytest.fixture(scope="module")
def tiny_llama(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch") / "tiny-llama"
    build_tiny_model("llama", folder)
    return Engine(ensure_exported(models.add_model(str(folder)).name), device="cpu")


def one_sequence(session, prompt: list[int], steps: int) -> list[np.ndarray]:
    """Teacher-forced logits of ``prompt`` then tokens 1, 2, ... ``steps``, on the growing cache."""
    decoder = Decoder(session, "CPU")
    return [decoder.forward(prompt).copy()] + [decoder.forward([step]).copy() for step in range(1, steps + 1)]


def test_batched_steps_give_each_row_its_own_logits(tiny_llama):
    """Rows of different lengths, one step for all: every row's logits are those of its sequence decoded alone."""
    session = tiny_llama._session
    decoder = BatchDecoder(session, rows=len(PROMPTS), capacity=max(map(len, PROMPTS)) + STEPS)
    got = [[decoder.prefill(row, prompt).copy()] for row, prompt in enumerate(PROMPTS)]
    for step in range(1, STEPS + 1):
        for row, logits in enumerate(decoder.step([step] * len(PROMPTS))):
            got[row].append(logits.copy())
    for row, prompt in enumerate(PROMPTS):
        np.testing.assert_allclose(np.stack(got[row]), np.stack(one_sequence(session, prompt, STEPS)), atol=1e-4)
    assert decoder.lengths.tolist() == [len(prompt) + STEPS for prompt in PROMPTS]


def test_a_row_started_over_forgets_its_previous_sequence(tiny_llama):
    session = tiny_llama._session
    decoder = BatchDecoder(session, rows=2, capacity=32)
    decoder.prefill(0, PROMPTS[0])
    decoder.prefill(1, PROMPTS[2])
    decoder.step([4, 4])
    restarted = [decoder.prefill(1, PROMPTS[1]).copy()] + [decoder.step([step, step])[1].copy() for step in (1, 2, 3)]
    np.testing.assert_allclose(np.stack(restarted), np.stack(one_sequence(session, PROMPTS[1], 3)), atol=1e-4)


def test_rows_fit_the_memory_budget(tiny_llama):
    layout = tiny_llama._layout
    assert rows_for(layout, capacity=64, prompts=3) == 3
    assert rows_for(layout, capacity=64, prompts=100) == batch.MAX_ROWS
    per_row = len(layout.past_names) * layout.kv_heads * layout.head_dim * 4
    assert rows_for(layout, capacity=batch.BATCH_CACHE_BYTES // per_row // 3, prompts=100) == 3
    assert rows_for(layout, capacity=batch.BATCH_CACHE_BYTES // per_row * 2, prompts=100) == 1


def test_the_real_model_answers_the_same_in_a_batch(default_engine, monkeypatch):
    """Greedy answers with a repetition penalty, two rows for five questions (rows are reused as answers end)."""
    monkeypatch.setattr(batch, "MAX_ROWS", 2)  # read at each batch
    options = GenerationOptions(max_new_tokens=20, temperature=0, repetition_penalty=1.1)
    conversations = [[{"role": "user", "content": question}] for question in QUESTIONS]
    one_at_a_time = [default_engine.chat(conversation, options).text() for conversation in conversations]
    answers = list(default_engine.chat_batch(conversations, options))
    assert sorted(index for index, _ in answers) == list(range(len(QUESTIONS)))
    assert dict(answers) == dict(enumerate(one_at_a_time))
    assert "Paris" in dict(answers)[0]


def test_a_cancelled_batch_ends_and_frees_the_engine(default_engine):
    options = GenerationOptions(max_new_tokens=16, temperature=0)
    generation = default_engine.chat_batch([[{"role": "user", "content": question}] for question in QUESTIONS], options)
    answers = []
    for answer in generation:
        answers.append(answer)
        generation.cancel()
    assert len(answers) == 1
    assert default_engine.chat([{"role": "user", "content": "Hi"}], GenerationOptions(max_new_tokens=4)).text()


def test_a_moved_row_goes_on_with_its_sequence_in_a_smaller_step(tiny_llama):
    session = tiny_llama._session
    decoder = BatchDecoder(session, rows=2, capacity=32)
    decoder.prefill(0, PROMPTS[2])
    decoder.prefill(1, PROMPTS[1])
    decoder.move(1, 0)
    moved = [decoder.step([step])[0].copy() for step in (1, 2, 3)]
    np.testing.assert_allclose(np.stack(moved), np.stack(one_sequence(session, PROMPTS[1], 3)[1:]), atol=1e-4)
