"""An export reports its stages in order, with fractions of the whole job that only grow, on tiny models."""

from __future__ import annotations

from runtime import models
from runtime.export import ensure_exported, preparation_stages
from tests.runtime.test_parity import build_tiny_model


def _export_events(tmp_path, monkeypatch, architecture: str) -> list:
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    folder = tmp_path / f"tiny-{architecture}"
    build_tiny_model(architecture, folder)
    info = models.add_model(str(folder))
    events = []
    ensure_exported(info.name, "int8", progress=events.append)
    assert {event.stage for event in events[:-1]} <= set(preparation_stages(info.name, "int8")) | {"fetch"}
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert events[-1].stage == "done"
    return events


def test_a_streamed_export_reports_the_weights_read(tmp_path, monkeypatch):
    events = _export_events(tmp_path, monkeypatch, "llama")
    converting = [event for event in events if "MB read" in event.message]
    assert len(converting) > 10 and converting[-1].fraction == 1.0


def test_a_generic_int8_export_reports_growing_fractions_across_both_child_processes(tmp_path, monkeypatch):
    events = _export_events(tmp_path, monkeypatch, "gpt2")
    stages = [event.stage for event in events]
    assert stages[0] == "fetch"
    assert "dequantize" not in stages  # a safetensors folder has nothing to de-quantize
    assert stages.index("export") < stages.index("quantize")
    assert all(event.fraction <= event.until <= 1.0 for event in events[:-1])
    quantize = next(event for event in events if event.stage == "quantize")
    assert 0.5 < quantize.fraction < 1.0  # the fp32 export before it took its share of the bar
