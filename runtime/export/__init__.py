"""Source model -> ONNX, once, into a per-user cache keyed by weights, precision and exporter versions.

The conversion itself runs in a child process (``runtime.export.worker``): torch and the exporter never
enter the app's process, and cancelling an export is as simple as ending that process.
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

from runtime import errors, paths
from runtime.export.cache import ensure_free_space, export_folder, read_manifest, staging_folder
from runtime.models import ModelInfo, get_model

log = logging.getLogger(__name__)

PRECISIONS = ("fp32", "int8", "int4", "fp16")
STAGES = ("fetch", "convert", "export", "quantize", "done")


@dataclass(frozen=True)
class ExportProgress:
    stage: str  # one of STAGES
    fraction: float | None  # of the whole export, None when unknown
    message: str


@dataclass(frozen=True)
class ExportedModel:
    path: Path  # folder with model.onnx, tokenizer.json and manifest.json
    manifest: dict

    @property
    def onnx_path(self) -> Path:
        return self.path / "model.onnx"


ProgressCallback = Callable[[ExportProgress], None]


def _check_precision(precision: str) -> None:
    if precision not in PRECISIONS:
        raise errors.UnsupportedModelError(f"Unknown precision '{precision}'. Choose one of {', '.join(PRECISIONS)}.")


def is_exported(model: str | None = None, precision: str = "fp32") -> bool:
    """Whether the model is already in the cache at this precision (cheap: no conversion, no heavy imports)."""
    _check_precision(precision)
    return (export_folder(get_model(model), precision) / "model.onnx").exists()


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
    if not (folder / "model.onnx").exists():
        if precision == "fp32":
            _run_worker(info, "export", None, folder, progress, cancel)
        else:
            source = ensure_exported(info.name, "fp32", progress, cancel)
            _run_worker(info, precision, source.path, folder, progress, cancel)
        if progress:
            progress(ExportProgress("done", 1.0, f"{info.name} ({precision}) is ready"))
    return ExportedModel(folder, read_manifest(folder))


def _needed_bytes(info: ModelInfo, job: str) -> int:
    size = sum(file.stat().st_size for file in ([info.path] if info.path.is_file() else info.path.glob("*.safetensors")))
    if info.kind in ("gguf", "embedded"):
        size *= 6  # de-quantized to fp32
    return size * (2 if job == "export" else 1)


def _run_worker(info: ModelInfo, job: str, source: Path | None, folder: Path,
                progress: ProgressCallback | None, cancel: threading.Event | None) -> None:
    ensure_free_space(paths.cache_dir(), _needed_bytes(info, job))
    log_path = paths.cache_dir() / "logs" / f"export-{folder.name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with staging_folder(folder) as staging:
        request = {"model": info.__dict__, "job": job, "source": str(source) if source else None, "output": str(staging)}
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


def _follow(process: subprocess.Popen, progress: ProgressCallback | None, cancel: threading.Event | None) -> dict | None:
    """Relay the worker's progress lines; end it when cancelled. Returns the worker's error report, if any."""
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout] + [lines.put(None)], daemon=True)
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
            progress(ExportProgress(event["stage"], event["fraction"], event["message"]))
    process.wait()
    return failure
