"""The static KV cache (one buffer per layer, shared by past and present) against the growing one, on the CPU."""

from __future__ import annotations

import numpy as np
import pytest

from runtime import models
from runtime.engine.decoder import Decoder, StaticDecoder
from runtime.export import ensure_exported
from tests.runtime.test_parity import build_tiny_model

PROMPT = [5, 17, 42, 99, 3, 250, 7]
STEPS = 32


@pytest.fixture(scope="module")
def tiny_llama(tmp_path_factory):
    from runtime.engine import Engine

    folder = tmp_path_factory.mktemp("static") / "tiny-llama"
    build_tiny_model("llama", folder)
    return Engine(ensure_exported(models.add_model(str(folder)).name), device="cpu")


def greedy_run(decoder, steps: int = STEPS) -> tuple[list[int], list[np.ndarray]]:
    """Greedy ids and every step's logits, the prompt's included."""
    logits = [decoder.forward(PROMPT).copy()]
    ids = []
    for _ in range(steps):
        ids.append(int(np.argmax(logits[-1])))
        logits.append(decoder.forward([ids[-1]]).copy())
    return ids, logits


@pytest.mark.parametrize("static_shapes", [False, True], ids=["growing-mask", "cuda-graph-shapes"])
def test_static_cache_matches_the_growing_cache(tiny_llama, static_shapes):
    session = tiny_llama._session
    expected_ids, expected_logits = greedy_run(Decoder(session, "CPU"))
    static = StaticDecoder(session, "CPU", capacity=len(PROMPT) + STEPS + 1, cuda_graph=static_shapes)
    ids, logits = greedy_run(static)
    assert ids == expected_ids
    np.testing.assert_allclose(np.stack(logits), np.stack(expected_logits), atol=1e-4)
    assert static.length == len(PROMPT) + STEPS


def test_reset_starts_a_new_sequence_in_the_same_buffers(tiny_llama):
    static = StaticDecoder(tiny_llama._session, "CPU", capacity=len(PROMPT) + STEPS + 1)
    first = greedy_run(static, steps=8)
    static.reset()
    static.forward([1, 2, 3])  # a different sequence in between
    static.reset()
    again = greedy_run(static, steps=8)
    assert first[0] == again[0]
    np.testing.assert_allclose(np.stack(first[1]), np.stack(again[1]), atol=1e-6)


def test_a_step_past_the_capacity_is_refused(tiny_llama):
    static = StaticDecoder(tiny_llama._session, "CPU", capacity=len(PROMPT) + 1)
    static.forward(PROMPT)
    static.forward([1])
    with pytest.raises(ValueError, match="holds 8 positions, 9 were asked"):
        static.forward([2])


def test_only_penna_graphs_share_the_cache_buffer(tiny_llama, tmp_path):
    from runtime.engine import Engine

    assert tiny_llama.decoder().layout.shares_cache_buffer
    folder = tmp_path / "tiny-gpt2"
    build_tiny_model("gpt2", folder)
    gpt2 = Engine(ensure_exported(models.add_model(str(folder)).name), device="cpu")
    assert not gpt2.decoder().layout.shares_cache_buffer
