"""Source model -> ONNX, once, into a per-user cache keyed by weights, precision and exporter versions.

A model of a fused family (llama, mistral, qwen2, qwen3, gemma3, phi3) is streamed from its safetensors or GGUF file
straight into its graph at the precision asked for, one weight at a time and without torch; any other model goes
through the generic exporter (the ``export`` extra) to fp32, from which int8 / int4 / fp16 are derived. Either runs
in a child process (``runtime.export.worker``), so that cancelling is as simple as ending that process.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from runtime import default_model, errors, paths
from runtime.download import DownloadPausedError
from runtime.export.availability import require_exporter
from runtime.export.cache import ensure_free_space, export_folder, read_manifest, staging_folder
from runtime.models import ModelInfo, get_model

log = logging.getLogger(__name__)

PRECISIONS = ("fp32", "int8", "int4", "fp16")
STAGES = ("fetch", "dequantize", "convert", "export", "quantize", "done")
# The share of a derived precision's first export spent deriving it from the fp32 export (the int8 quantization
# of the default model took 22.7 s of 318 s on the 2-core VM, 2026-11-28); the fp32 export takes the rest.
DERIVE_SHARE = 0.07


@dataclass(frozen=True)
class ExportProgress:
    stage: str  # one of STAGES
    fraction: float | None  # of the whole export, None when unknown
    message: str
    until: float | None = None  # where the step now running ends (a fraction of the whole export), when known


@dataclass(frozen=True)
class ExportedModel:
    path: Path  # folder with model.onnx, tokenizer.json and manifest.json
    manifest: dict

    @property
    def onnx_path(self) -> Path:
        return self.path / "model.onnx"

    @property
    def size_bytes(self) -> int:
        """The graph and its weights (model.onnx and its external data file, where it has one)."""
        return sum(file.stat().st_size for file in self.path.glob("model.onnx*"))


ProgressCallback = Callable[[ExportProgress], None]


def _check_precision(precision: str) -> None:
    if precision not in PRECISIONS:
        raise errors.UnsupportedModelError(f"Unknown precision '{precision}'. Choose one of {', '.join(PRECISIONS)}.")


def is_exported(model: str | None = None, precision: str = "fp32") -> bool:
    """Whether the model is already in the cache at this precision (cheap: no conversion, no heavy imports)."""
    _check_precision(precision)
    return _ready_folder(get_model(model), precision) is not None


def _ready_folder(info: ModelInfo, precision: str) -> Path | None:
    """The cached export, or None."""
    folder = export_folder(info, precision)
    return folder if (folder / "model.onnx").exists() else None


def ensure_exported(
    model: str | None = None,
    precision: str = "fp32",
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    force: bool = False,
) -> ExportedModel:
    """The cached export of ``model`` at ``precision``, converting it first when needed."""
    _check_precision(precision)
    info = get_model(model)
    folder = export_folder(info, precision)
    if force and folder.exists():
        shutil.rmtree(folder)
    ready = None if force else _ready_folder(info, precision)
    if ready is None:
        if info.kind == "embedded" and not info.path.exists():
            _fetch_default_model(progress, cancel)
        if streams(info):
            _run_worker(info, "stream", precision, None, folder, progress, cancel)
        else:
            _export_generic(info, precision, folder, progress, cancel)
        if progress:
            progress(ExportProgress("done", 1.0, f"{info.name} ({precision}) is ready"))
        ready = folder
    return ExportedModel(ready, read_manifest(ready))


def _export_generic(info: ModelInfo, precision: str, folder: Path, progress: ProgressCallback | None,
                    cancel: threading.Event | None) -> None:
    """The generic exporter's fp32 export, and a derived precision from it."""
    require_exporter()
    if precision == "fp32":
        _run_worker(info, "export", precision, None, folder, progress, cancel)
        return
    fp32_share = 0.0 if is_exported(info.name, "fp32") else 1 - DERIVE_SHARE
    source = ensure_exported(info.name, "fp32", _scaled(progress, 0.0, fp32_share), cancel)
    _run_worker(info, "derive", precision, source.path, folder, _scaled(progress, fp32_share, 1.0), cancel)


def streams(info: ModelInfo) -> bool:
    """Whether ``info``'s model is converted by streaming its weights into a fused graph (any precision, no torch),
    rather than by the generic exporter (the ``export`` extra)."""
    from runtime.export import graphs
    from runtime.export.sources import read_config

    return graphs.supports(read_config(info.path))


def preparation_stages(model: str | None, precision: str) -> tuple[str, ...]:
    """The stages a first preparation of ``model`` at ``precision`` reports, in order (for a progress display)."""
    info = get_model(model)
    if info.kind == "embedded" and not info.path.exists() or streams(info):
        return ("convert",)
    return STAGES[1:4] + (("quantize",) if precision != "fp32" else ())


def _fetch_default_model(progress: ProgressCallback | None, cancel: threading.Event | None) -> None:
    """Download the default model's GGUF (first use of a pip-installed Penna); cancelling keeps what was fetched."""
    def report(done: int, total: int | None) -> None:
        if progress:
            size = f"{done / 2**20:.0f} of {total / 2**20:.0f} MB" if total else f"{done / 2**20:.0f} MB"
            progress(ExportProgress("fetch", done / total if total else None, f"downloading the default model: {size}"))

    try:
        default_model.fetch(report, pause=cancel)
    except DownloadPausedError as error:
        raise errors.ExportCancelledError("The download of the default model was cancelled; what was fetched is kept "
                                          "and the next start resumes it.") from error


def _scaled(progress: ProgressCallback | None, start: float, end: float) -> ProgressCallback | None:
    """``progress`` for one part of an export that spans ``start``..``end`` of the whole; its "done" is left out."""
    if progress is None:
        return None

    def scale(value: float | None) -> float | None:
        return None if value is None else start + value * (end - start)

    def report(event: ExportProgress) -> None:
        if event.stage != "done":
            progress(ExportProgress(event.stage, scale(event.fraction), event.message, scale(event.until)))

    return report


# Bytes an export takes per weight, at each precision (int8 / int4: blocks of 32 with a float scale each, rounded up)
BYTES_PER_WEIGHT = {"fp32": 4.0, "fp16": 2.0, "int8": 1.2, "int4": 0.7}


def _needed_bytes(info: ModelInfo, job: str, precision: str) -> int:
    from runtime.export.precision import parameter_count

    needed = parameter_count(info) * BYTES_PER_WEIGHT[precision]
    if job == "export":  # the generic path writes an fp32 folder, then the graph
        needed *= 2
    return int(needed)


def _run_worker(info: ModelInfo, job: str, precision: str, source: Path | None, folder: Path,
                progress: ProgressCallback | None, cancel: threading.Event | None) -> None:
    ensure_free_space(paths.cache_dir(), _needed_bytes(info, job, precision))
    log_path = paths.cache_dir() / "logs" / f"export-{folder.name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with staging_folder(folder) as staging:
        request = {"model": info.__dict__, "job": job, "precision": precision, "source": str(source) if source else None,
                   "output": str(staging)}
        with log_path.open("w") as log_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "runtime.export.worker", json.dumps(request)],
                stdout=subprocess.PIPE, stderr=log_file, text=True, start_new_session=True,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
            failure = _follow(process, progress, cancel)
        if failure:
            error_class = getattr(errors, failure["error"], errors.PennaError)
            raise error_class(failure["message"] + ("" if failure["error"] != "PennaError" else f" (details: {log_path})"))
        if process.returncode != 0:
            raise errors.PennaError(f"Exporting {info.name} stopped unexpectedly (exit code {process.returncode}). Details: {log_path}")


def _follow(process: subprocess.Popen[str], progress: ProgressCallback | None, cancel: threading.Event | None) -> dict | None:
    """Relay the worker's progress lines; end it when cancelled. Returns the worker's error report, if any."""
    lines: queue.Queue[str | None] = queue.Queue()
    stdout = process.stdout
    assert stdout is not None  # started with stdout=PIPE

    def read_lines() -> None:
        for line in stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=read_lines, daemon=True)
    reader.start()
    failure = None
    while True:
        if cancel is not None and cancel.is_set():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise errors.ExportCancelledError("The model export was cancelled; nothing was kept. Start it again when you are ready.")
        try:
            line = lines.get(timeout=0.1)
        except queue.Empty:
            continue
        if line is None:
            break
        event = json.loads(line)
        if "error" in event:
            failure = event
        elif progress:
            progress(ExportProgress(event["stage"], event["fraction"], event["message"], event.get("until")))
    process.wait()
    return failure
