"""Every bad model input a user can cause ends in one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from runtime import models
from runtime.cli import main
from tests.runtime.test_parity import build_tiny_model


def penna(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def hf_folder(tmp_path: Path, config: dict) -> Path:
    from safetensors.numpy import save_file

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "tokenizer.json").write_text("{}")
    save_file({"weight": np.zeros((4, 4), dtype=np.float32)}, str(folder / "model.safetensors"))
    return folder


def test_missing_model(capsys):
    code, _, err = penna(capsys, "--model", "no-such-model", "generate", "hi")
    assert code == 1
    assert err.startswith("penna: No model called 'no-such-model'") and "penna models add" in err


def test_unsupported_architecture_is_named_with_the_supported_ones(capsys, tmp_path):
    code, _, err = penna(capsys, "models", "add", str(hf_folder(tmp_path, {"model_type": "bert"})))
    assert code == 1
    assert "architecture 'bert'" in err and "llama" in err


def test_model_needing_its_own_code_is_refused(capsys, tmp_path):
    folder = hf_folder(tmp_path, {"model_type": "llama", "auto_map": {"AutoModelForCausalLM": "modeling_x.Model"}})
    code, _, err = penna(capsys, "models", "add", str(folder))
    assert code == 1
    assert "never runs model-provided code" in err
    assert all(model.source != str(folder) for model in models.list_models())


def test_truncated_safetensors(capsys, tmp_path):
    folder = hf_folder(tmp_path, {"model_type": "llama"})
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-20])
    code, _, err = penna(capsys, "models", "add", str(folder))
    assert code == 1 and "truncated" in err


@pytest.mark.parametrize("keep_bytes", [3000, 40_000_000])
def test_truncated_gguf(capsys, tmp_path, keep_bytes):
    damaged = tmp_path / "damaged.gguf"
    with models.default_gguf_path().open("rb") as source:
        damaged.write_bytes(source.read(keep_bytes))
    code, _, err = penna(capsys, "models", "add", str(damaged))
    assert code == 1 and "truncated or damaged" in err


def test_not_a_gguf_file(capsys, tmp_path):
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"PK\x03\x04 this is a zip")
    code, _, err = penna(capsys, "models", "add", str(fake))
    assert code == 1 and "not a GGUF file" in err


def test_hub_id_without_network_fails_at_once(capsys, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)  # the machine itself has no route to the hub
    code, _, err = penna(capsys, "models", "add", "HuggingFaceTB/SmolLM2-360M-Instruct")
    assert code == 1 and "cannot be reached" in err


def test_damaged_export_is_reported_and_rebuilt_with_force(capsys, tmp_path):
    build_tiny_model("llama", tmp_path / "tiny-damaged")
    code, out, _ = penna(capsys, "models", "add", str(tmp_path / "tiny-damaged"))
    assert code == 0
    code, out, _ = penna(capsys, "models", "export", "tiny-damaged")
    onnx_file = Path(out.strip()) / "model.onnx"
    onnx_file.write_bytes(onnx_file.read_bytes()[:5000])
    code, _, err = penna(capsys, "--model", "tiny-damaged", "generate", "hi", "--no-history")
    assert code == 1 and "cannot be loaded" in err and "--force" in err
    assert penna(capsys, "models", "export", "tiny-damaged", "--force")[0] == 0
    code, _, _ = penna(capsys, "--model", "tiny-damaged", "generate", "t1 t2", "--max-new-tokens", "4", "--no-history")
    assert code == 0


@pytest.fixture
def tiny_disk(tmp_path):
    mount_point = tmp_path / "tiny-disk"
    mount_point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_no_disk_space_for_an_export(capsys, monkeypatch, tiny_disk):
    monkeypatch.setenv("PENNA_HOME", str(tiny_disk))
    code, _, err = penna(capsys, "models", "export", models.DEFAULT_MODEL)
    assert code == 1 and "Not enough disk space" in err
    assert not list(tiny_disk.rglob("model.onnx"))


def test_cancelled_export_leaves_nothing_behind(tmp_path, monkeypatch):
    import threading

    from runtime.errors import ExportCancelledError
    from runtime.export import ensure_exported

    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    cancel = threading.Event()
    stages = []

    def progress(event):
        stages.append(event.stage)
        if event.stage == "convert" and event.fraction > 0.1:  # part of the weights written
            cancel.set()

    with pytest.raises(ExportCancelledError):
        ensure_exported(progress=progress, cancel=cancel)
    assert stages[-1] == "convert" and set(stages) <= {"fetch", "convert"}
    assert list((tmp_path / "home" / "cache" / "models").iterdir()) == []
    shutil.rmtree(tmp_path / "home")
