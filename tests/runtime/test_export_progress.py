"""The export reports its stages in order, with fractions of the whole job that only grow, on a tiny model."""

from __future__ import annotations

from runtime import models
from runtime.export import ensure_exported
from tests.runtime.test_parity import build_tiny_model


def test_an_int8_export_reports_growing_fractions_across_both_child_processes(tmp_path, monkeypatch):
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    folder = tmp_path / "tiny-llama"
    build_tiny_model("llama", folder)
    info = models.add_model(str(folder))
    events = []

    ensure_exported(info.name, "int8", progress=events.append)

    stages = [event.stage for event in events]
    assert stages[0] == "fetch" and stages[-1] == "done"
    assert "dequantize" not in stages  # a safetensors folder has nothing to de-quantize
    assert stages.index("export") < stages.index("quantize")
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(event.fraction <= event.until <= 1.0 for event in events[:-1])
    quantize = next(event for event in events if event.stage == "quantize")
    assert 0.5 < quantize.fraction < 1.0  # the fp32 export before it took its share of the bar
