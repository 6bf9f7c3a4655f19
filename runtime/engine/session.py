"""Opening an ONNX Runtime session on the device asked for, and saying honestly which one it got."""

from __future__ import annotations

import ctypes
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import onnxruntime as ort

from runtime.errors import CorruptModelError, DeviceError

log = logging.getLogger(__name__)

DEVICES = ("auto", "cpu", "cuda")
_CUDA = "CUDAExecutionProvider"


@dataclass
class DeviceSession:
    session: ort.InferenceSession
    device: str  # "CPU" or "CUDA": the device really used
    fallback_reason: str | None  # why CUDA was asked for but not used


def cuda_unavailable_reason() -> str | None:
    """None when the CUDA provider can load; otherwise what stops it (e.g. a missing CUDA library).

    onnxruntime-gpu lists CUDA as available whether or not a GPU and its libraries exist, so try loading it.
    """
    if _CUDA not in ort.get_available_providers():
        return "this onnxruntime build has no CUDA support"
    library = Path(ort.__file__).parent / "capi" / "libonnxruntime_providers_cuda.so"
    try:
        ctypes.CDLL(str(library))
    except OSError as error:
        return f"the CUDA provider cannot load ({error})"
    return None


def _options() -> ort.SessionOptions:
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = os.cpu_count() or 1
    options.log_severity_level = 3  # provider fallbacks are reported to the caller instead
    return options


def open_session(model_path: Path, device: str = "auto", rebuild_hint: str = "") -> DeviceSession:
    if device not in DEVICES:
        raise DeviceError(f"Unknown device '{device}'. Choose one of {', '.join(DEVICES)}.")
    reason = None
    providers = ["CPUExecutionProvider"]
    if device != "cpu":
        reason = cuda_unavailable_reason()
        if reason is None:
            providers.insert(0, _CUDA)
    try:
        session = ort.InferenceSession(str(model_path), _options(), providers=providers)
    except Exception as error:  # onnxruntime raises its own Fail/InvalidProtobuf/… classes
        raise CorruptModelError(f"The exported model {model_path} cannot be loaded ({str(error).splitlines()[0]}). {rebuild_hint}") from error
    used = "CUDA" if session.get_providers()[0] == _CUDA else "CPU"
    fell_back = used == "CPU" and (device == "cuda" or (device == "auto" and nvidia_gpu_present()))
    if fell_back:
        reason = reason or "the CUDA provider did not start"
        log.warning("running on the CPU: %s", reason)
    return DeviceSession(session, used, reason if fell_back else None)


def nvidia_gpu_present() -> bool:
    """Whether the NVIDIA driver reports a GPU: without one, Auto choosing the CPU is no fallback."""
    gpus = Path("/proc/driver/nvidia/gpus")
    return gpus.is_dir() and any(gpus.iterdir())
