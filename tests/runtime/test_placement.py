"""Node placement per provider, read from a profiling run: every node on the CPU here, every heavy node on CUDA on a GPU."""

from __future__ import annotations

import pytest

from runtime.engine.decoder import Decoder
from runtime.engine.placement import CUDA, HEAVY_OPS, finish_profiling
from runtime.devices import cuda_unavailable_reason
from runtime.engine.session import open_session

needs_cuda = pytest.mark.skipif(cuda_unavailable_reason() is not None, reason=f"needs a CUDA GPU: {cuda_unavailable_reason()}")


def profiled_placement(model_path, device, tmp_path):
    opened = open_session(model_path, device, profile_prefix=str(tmp_path / "profile"))
    Decoder(opened.session, opened.device).forward([1, 2, 3])
    return finish_profiling(opened.session)


def test_on_the_cpu_every_node_runs_on_the_cpu(default_export, tmp_path):
    placement = profiled_placement(default_export.onnx_path, "cpu", tmp_path)
    counts = placement.counts()
    assert list(counts) == ["CPUExecutionProvider"]
    layers = 30  # SmolLM2-135M
    assert counts["CPUExecutionProvider"]["GroupQueryAttention"] == layers
    assert counts["CPUExecutionProvider"]["MatMul"] == 5 * layers + 1  # qkv, o, gate, up, down; lm_head
    assert len(placement.heavy_nodes_off(CUDA)) == 6 * layers + 1
    assert placement.heavy_nodes_off("CPUExecutionProvider") == []
    assert "CPUExecutionProvider: 3" in placement.summary()
    assert list(tmp_path.iterdir()) == []  # the profile file is removed once read


def test_profiling_stops_after_the_placement_is_read(default_export, tmp_path):
    opened = open_session(default_export.onnx_path, "cpu", profile_prefix=str(tmp_path / "profile"))
    decoder = Decoder(opened.session, opened.device)
    decoder.forward([1, 2, 3])
    finish_profiling(opened.session)
    decoder.forward([4])
    assert list(tmp_path.iterdir()) == []


@needs_cuda
@pytest.mark.cuda
def test_on_cuda_every_heavy_node_of_the_fp16_model_runs_on_the_gpu(tmp_path):
    from runtime.export import ensure_exported

    placement = profiled_placement(ensure_exported(precision="fp16").onnx_path, "cuda", tmp_path)
    assert placement.heavy_nodes_off(CUDA) == []
    assert placement.counts()[CUDA]["GroupQueryAttention"] == 30
    assert HEAVY_OPS & set(placement.counts()[CUDA])


@needs_cuda
@pytest.mark.cuda
def test_fp32_on_cuda_is_refused_with_what_to_do(default_export):
    from runtime.engine import Engine
    from runtime.errors import DeviceError

    with pytest.raises(DeviceError, match="GroupQueryAttention.*use fp16"):
        Engine(default_export, device="cuda")
    engine = Engine(default_export, device="auto")
    assert engine.device == "CPU"
    assert "no CUDA kernel" in engine.fallback_reason
