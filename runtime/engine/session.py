"""Opening an ONNX Runtime session on the device asked for, and saying honestly which one it got."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import onnxruntime as ort

from runtime.devices import CUDA_PROVIDER, cuda_unavailable_reason, nvidia_gpu_present
from runtime.errors import CorruptModelError, DeviceError

log = logging.getLogger(__name__)

DEVICES = ("auto", "cpu", "cuda")


@dataclass
class DeviceSession:
    session: ort.InferenceSession
    device: str  # "CPU" or "CUDA": the device really used
    fallback_reason: str | None  # why CUDA was asked for but not used


def session_options(profile_prefix: str | None = None) -> ort.SessionOptions:
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = os.cpu_count() or 1
    options.log_severity_level = 3  # provider fallbacks are reported to the caller instead
    if profile_prefix:
        options.enable_profiling = True
        options.profile_file_prefix = profile_prefix
    return options


def open_session(model_path: Path, device: str = "auto", rebuild_hint: str = "", profile_prefix: str | None = None,
                 cuda_graph: bool = False) -> DeviceSession:
    """A session on ``device``; ``profile_prefix`` profiles its runs (see runtime.engine.placement).

    ``cuda_graph`` captures the CUDA kernels of a run once and replays them (every input shape must be static).
    """
    if device not in DEVICES:
        raise DeviceError(f"Unknown device '{device}'. Choose one of {', '.join(DEVICES)}.")
    reason = None
    providers: list = ["CPUExecutionProvider"]
    if device != "cpu":
        reason = cuda_unavailable_reason()
        if reason is None:
            providers.insert(0, (CUDA_PROVIDER, {"enable_cuda_graph": "1"} if cuda_graph else {}))
    try:
        session = ort.InferenceSession(str(model_path), session_options(profile_prefix), providers=providers)
    except Exception as error:  # onnxruntime raises its own Fail/InvalidProtobuf/… classes
        raise CorruptModelError(f"The exported model {model_path} cannot be loaded ({str(error).splitlines()[0]}). {rebuild_hint}") from error
    used = "CUDA" if session.get_providers()[0] == CUDA_PROVIDER else "CPU"
    fell_back = used == "CPU" and (device == "cuda" or (device == "auto" and nvidia_gpu_present()))
    if fell_back:
        reason = reason or "the CUDA provider did not start"
        log.warning("running on the CPU: %s", reason)
    return DeviceSession(session, used, reason if fell_back else None)
