"""The static KV cache (one buffer per layer, shared by past and present) against the growing one, on the CPU."""

from __future__ import annotations

import numpy as np
import pytest

from runtime import models
from runtime.engine import Engine, GenerationOptions, local
from runtime.engine.argmax import DeviceArgmax
from runtime.engine.decoder import Decoder, StaticDecoder
from runtime.devices import cuda_unavailable_reason
from runtime.export import ensure_exported
from tests.runtime.test_parity import build_tiny_model

PROMPT = [5, 17, 42, 99, 3, 250, 7]
STEPS = 32
needs_cuda = pytest.mark.skipif(cuda_unavailable_reason() is not None, reason=f"needs a CUDA GPU: {cuda_unavailable_reason()}")


@pytest.fixture(scope="module")
def tiny_llama_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("static") / "tiny-llama"
    build_tiny_model("llama", folder)
    return ensure_exported(models.add_model(str(folder)).name)


@pytest.fixture(scope="module")
def tiny_llama(tiny_llama_export):
    """An engine on the growing cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(local, "STATIC_CACHE_ON_CPU", False)
        return Engine(tiny_llama_export, device="cpu")


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
    assert tiny_llama.decoder().layout.shares_cache_buffer
    folder = tmp_path / "tiny-gpt2"
    build_tiny_model("gpt2", folder)
    gpt2 = Engine(ensure_exported(models.add_model(str(folder)).name), device="cpu")
    assert not gpt2.decoder().layout.shares_cache_buffer


def test_argmax_on_the_device_picks_what_numpy_picks():
    import onnxruntime as ort

    logits = np.random.default_rng(0).standard_normal((1, 1, 1000)).astype(np.float32)
    value = ort.OrtValue.ortvalue_from_numpy(logits)
    argmax = DeviceArgmax(1000, np.float32, "CPU")
    argmax.bind(value)
    assert argmax() == int(np.argmax(logits))
    logits[0, 0, 7] = 100.0
    value.update_inplace(logits)
    assert argmax() == 7


def test_the_argmax_graph_is_valid_onnx():
    import onnx

    from runtime.engine.argmax import argmax_model

    for dtype in (np.float32, np.float16):
        onnx.checker.check_model(onnx.load_from_string(argmax_model(49152, np.dtype(dtype))), full_check=True)


@pytest.mark.parametrize("options", [
    GenerationOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=24),  # greedy: argmax on the device
    GenerationOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=24, min_new_tokens=4),
    GenerationOptions(temperature=0.8, top_k=20, max_new_tokens=24, seed=3),  # sampled on the host
], ids=["greedy", "greedy-min-tokens", "sampled"])
def test_an_engine_on_the_static_cache_answers_as_on_the_growing_one(tiny_llama_export, tiny_llama, monkeypatch, options):
    monkeypatch.setattr(local, "STATIC_CACHE_ON_CPU", True)
    static = Engine(tiny_llama_export, device="cpu")
    assert isinstance(static.decoder(), StaticDecoder) and isinstance(tiny_llama.decoder(), Decoder)
    expected = list(tiny_llama.generate_ids(PROMPT, options))
    assert list(static.generate_ids(PROMPT, options)) == expected
    assert len(expected) == 24


@pytest.fixture(scope="module")
def fp16_export():
    return ensure_exported(precision="fp16")


@needs_cuda
@pytest.mark.cuda
def test_on_cuda_the_static_cache_matches_the_growing_cache(fp16_export):
    from runtime.engine.session import open_session

    opened = open_session(fp16_export.onnx_path, "cuda")
    expected_ids, expected_logits = greedy_run(Decoder(opened.session, "CUDA"))
    ids, logits = greedy_run(StaticDecoder(opened.session, "CUDA", capacity=len(PROMPT) + STEPS + 1))
    assert ids == expected_ids
    np.testing.assert_allclose(np.stack(logits).astype(np.float32), np.stack(expected_logits).astype(np.float32), atol=2e-2)


@needs_cuda
@pytest.mark.cuda
def test_on_cuda_graphs_answer_as_without_them(fp16_export):
    greedy = GenerationOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=48, min_new_tokens=48)
    plain = Engine(fp16_export, device="cuda", context_length=512)
    graphed = Engine(fp16_export, device="cuda", context_length=512, cuda_graph=True)
    expected = list(plain.generate_ids(PROMPT, greedy))
    assert list(graphed.generate_ids(PROMPT, greedy)) == expected
    assert list(graphed.generate_ids(PROMPT[:4], greedy)) == list(plain.generate_ids(PROMPT[:4], greedy))  # replayed again
