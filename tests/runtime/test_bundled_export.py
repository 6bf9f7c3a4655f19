"""The Linux bundle ships the default model's int8 export read-only and has no generic exporter: the lookup finds
it whatever precision is asked for, and a model of a family without a fused graph says how to get the exporter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from runtime.engine import Engine, GenerationOptions
from runtime.errors import ExportUnavailableError
from runtime.export import bundled, ensure_exported, is_exported


@pytest.fixture
def frozen_bundle(penna_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundle's models folder holding the session's int8 export, an empty cache, and no exporter (frozen)."""
    source = ensure_exported(None, "int8").path
    folder = tmp_path / "bundled_models" / "smollm2-135m-instruct-int8"
    folder.mkdir(parents=True)
    for file in source.iterdir():
        (folder / file.name).symlink_to(file)
    monkeypatch.setattr(bundled, "BUNDLED_MODELS", folder.parent)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    return folder


@pytest.mark.slow
def test_the_bundled_int8_export_answers_when_nothing_can_be_converted(frozen_bundle: Path) -> None:
    assert is_exported(None, "fp32") and is_exported(None, "int8")
    exported = ensure_exported(None, "fp32")
    assert exported.path == frozen_bundle and exported.manifest["precision"] == "int8"
    engine = Engine(exported, device="cpu")
    messages = [{"role": "user", "content": "What is the capital of France?"}]
    assert "Paris" in engine.chat(messages, GenerationOptions(temperature=0, max_new_tokens=32)).text()


@pytest.mark.slow
def test_a_generic_family_model_in_the_bundle_says_how_to_get_the_exporter(frozen_bundle: Path, tmp_path: Path) -> None:
    from runtime import models
    from tests.runtime.test_parity import build_tiny_model

    build_tiny_model("gpt2", tmp_path / "tiny-gpt2")
    name = models.add_model(str(tmp_path / "tiny-gpt2")).name
    with pytest.raises(ExportUnavailableError, match=r"pipx install 'penna\[export\]'"):
        ensure_exported(name, "fp32")


def test_a_bundled_export_of_another_model_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from runtime.models import ModelInfo

    folder = tmp_path / "bundled_models" / "other-int8"
    folder.mkdir(parents=True)
    (folder / "model.onnx").write_bytes(b"")
    (folder / "manifest.json").write_text('{"fingerprint": "0123", "precision": "int8"}')
    monkeypatch.setattr(bundled, "BUNDLED_MODELS", folder.parent)
    model = ModelInfo("m", "/nowhere", "gguf", "llama", "4567")
    assert bundled.bundled_export(model, "int8", any_precision=True) is None
    assert bundled.bundled_export(ModelInfo("m", "/nowhere", "gguf", "llama", "0123"), "fp32") is None
    assert bundled.bundled_export(ModelInfo("m", "/nowhere", "gguf", "llama", "0123"), "fp32", any_precision=True) == folder
