"""What the Linux bundle relies on, checked in this venv: the default model's GGUF is found where the bundle carries
it, and where the generic exporter cannot be (a frozen app) a model of a family without a fused graph says how to
get it. The bundle itself is tested by tests/packaging/test_bundle.py (`make test-package`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from runtime import default_model
from runtime.errors import ExportUnavailableError
from runtime.export import ensure_exported, is_exported
from runtime.models import get_model


def test_the_default_model_is_the_bundled_gguf_where_no_wheel_is_installed(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "bundled_models" / default_model.GGUF_FILE
    monkeypatch.setattr(default_model, "BUNDLED_GGUF", bundled)
    monkeypatch.setattr(default_model, "installed_gguf", lambda: None)  # a frozen app has no package metadata
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    assert default_model.gguf_path() == default_model.fetched_gguf()  # nothing bundled: fetched on first use
    bundled.parent.mkdir()
    bundled.write_bytes(b"GGUF")
    assert default_model.gguf_path() == bundled
    assert get_model(None).path == bundled and not is_exported(None, "fp32")  # converted on first start


@pytest.mark.slow
def test_a_generic_family_model_where_torch_cannot_be_says_how_to_get_the_exporter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from runtime import models
    from tests.runtime.test_parity import build_tiny_model

    build_tiny_model("gpt2", tmp_path / "tiny-gpt2")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    name = models.add_model(str(tmp_path / "tiny-gpt2")).name
    with pytest.raises(ExportUnavailableError, match=r"pipx install 'penna\[export\]'"):
        ensure_exported(name, "fp32")
