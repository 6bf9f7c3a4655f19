"""Device choice: the device really used is reported, with the reason whenever CUDA was asked for but not used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from runtime.devices import cuda_unavailable_reason, nvidia_gpu_present
from runtime.engine.session import open_session


def test_cpu_is_used_when_asked(default_export):
    opened = open_session(default_export.onnx_path, "cpu")
    assert (opened.device, opened.fallback_reason) == ("CPU", None)
    assert opened.session.get_providers()[0] == "CPUExecutionProvider"


@pytest.mark.skipif(cuda_unavailable_reason() is None, reason="CUDA works here: nothing to fall back from")
def test_cuda_request_without_cuda_falls_back_and_says_why(default_export):
    opened = open_session(default_export.onnx_path, "cuda")
    assert opened.device == "CPU"
    assert opened.fallback_reason == cuda_unavailable_reason()
    assert opened.fallback_reason  # e.g. "the CUDA provider cannot load (libcublasLt.so.13: …)"


@pytest.mark.skipif(cuda_unavailable_reason() is not None or not nvidia_gpu_present(), reason="needs a CUDA GPU")
def test_cuda_is_really_used_on_a_gpu(default_export):
    opened = open_session(default_export.onnx_path, "auto")
    assert (opened.device, opened.fallback_reason) == ("CUDA", None)
    assert opened.session.get_providers()[0] == "CUDAExecutionProvider"


def test_unknown_device_is_a_clear_error(default_export):
    from runtime.errors import DeviceError

    with pytest.raises(DeviceError, match="auto, cpu, cuda"):
        open_session(default_export.onnx_path, "tpu")


@pytest.fixture(scope="module")
def fp16_export(default_export):
    from runtime.export import ensure_exported

    return ensure_exported(precision="fp16")


def test_fp16_export_keeps_a_half_precision_cache(fp16_export):
    import onnx

    graph = onnx.load(str(fp16_export.onnx_path), load_external_data=False).graph
    past = next(value for value in graph.input if value.name == "past_key_values.0.key")
    assert past.type.tensor_type.elem_type == onnx.TensorProto.FLOAT16
    assert fp16_export.manifest["precision"] == "fp16"


@pytest.mark.skipif(cuda_unavailable_reason() is None and nvidia_gpu_present(), reason="CUDA works here")
def test_fp16_without_cuda_is_refused_with_a_clear_message(fp16_export):
    from runtime.engine import Engine
    from runtime.errors import DeviceError

    with pytest.raises(DeviceError, match="fp16 models run on CUDA only"):
        Engine(fp16_export, device="auto")


@pytest.mark.skipif(cuda_unavailable_reason() is not None or not nvidia_gpu_present(), reason="needs a CUDA GPU")
def test_fp16_on_cuda_answers_with_the_cache_on_the_gpu(fp16_export):
    from runtime.engine import Engine, GenerationOptions

    engine = Engine(fp16_export, device="cuda")
    assert engine.device == "CUDA"
    messages = [{"role": "user", "content": "What is the capital of France? Answer in one sentence."}]
    assert "Paris" in engine.chat(messages, GenerationOptions(temperature=0, max_new_tokens=32)).text()


def test_without_a_gpu_the_reason_says_so(monkeypatch):
    from runtime import devices

    monkeypatch.setattr(devices, "nvidia_gpu_present", lambda: False)
    assert devices.cuda_unavailable_reason() in ("no NVIDIA GPU was found (the driver reports none)",
                                                 "this onnxruntime build has no CUDA support")


def test_nvidia_smi_listing_a_gpu_counts_as_a_gpu(tmp_path, monkeypatch):
    """Where /proc/driver/nvidia is hidden (containers), `nvidia-smi -L` listing a GPU is enough."""
    from runtime import devices

    fake = tmp_path / "nvidia-smi"
    fake.write_text("#!/bin/sh\necho 'GPU 0: NVIDIA H200 (UUID: GPU-0)'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert devices.nvidia_smi_lists_a_gpu()
    fake.write_text("#!/bin/sh\necho 'NVIDIA-SMI has failed' >&2\nexit 9\n")
    assert not devices.nvidia_smi_lists_a_gpu()


def test_make_setup_installs_the_cuda_wheels_only_where_a_gpu_is_found(tmp_path):
    """`make setup-extras` prints the extras `make setup` installs: `cuda` only where nvidia-smi lists a GPU."""
    import shutil
    import subprocess

    root = Path(__file__).resolve().parents[2]
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    here_has_gpu = nvidia_gpu_present()
    extras = subprocess.run([make, "-s", "setup-extras"], cwd=root, capture_output=True, text=True, timeout=60, check=False).stdout.strip()
    assert extras == ("export,test,package,cuda" if here_has_gpu else "export,test,package")
    fake = tmp_path / "nvidia-smi"
    fake.write_text("#!/bin/sh\necho 'GPU 0: NVIDIA H200 (UUID: GPU-0)'\n")
    fake.chmod(0o755)
    path = f"{tmp_path}{os.pathsep}{os.environ['PATH']}"
    extras = subprocess.run([make, "-s", "setup-extras"], cwd=root, capture_output=True, text=True, timeout=60, check=False,
                            env={**os.environ, "PATH": path}).stdout.strip()
    assert extras == "export,test,package,cuda"
