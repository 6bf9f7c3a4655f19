"""Opening an ONNX Runtime session on the device asked for, and saying honestly which one it got."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import io
import logging
import os
import shutil
import subprocess
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
    """None when the CUDA provider can load and the driver reports a GPU; otherwise what stops it.

    onnxruntime-gpu lists CUDA as available whether or not a GPU and its libraries exist, so ask the driver,
    load the CUDA libraries (from the nvidia-* wheels when installed) and then try loading the provider.
    """
    if _CUDA not in ort.get_available_providers():
        return "this onnxruntime build has no CUDA support"
    if not nvidia_gpu_present():
        return "no NVIDIA GPU was found (the driver reports none)"
    preload_cuda_libraries()
    library = Path(ort.__file__).parent / "capi" / "libonnxruntime_providers_cuda.so"
    try:
        ctypes.CDLL(str(library))
    except OSError as error:
        return f"the CUDA provider cannot load ({error}); `make setup` on this machine installs the CUDA libraries"
    return None


@functools.cache
def preload_cuda_libraries() -> None:
    """Load the CUDA 13 and cuDNN libraries of the nvidia-* wheels (`make setup` installs them on GPU machines).

    Without this, the CUDA provider finds them only in a system-wide CUDA toolkit. onnxruntime prints what it
    cannot load: that goes to the log, not to the answer streamed on stdout.
    """
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        try:
            ort.preload_dlls(cuda=True, cudnn=True)
        except (OSError, RuntimeError) as error:  # e.g. a site-packages layout it does not expect
            print(error)
    for line in printed.getvalue().splitlines():
        log.info("preloading CUDA libraries: %s", line)


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
            providers.insert(0, (_CUDA, {"enable_cuda_graph": "1"} if cuda_graph else {}))
    try:
        session = ort.InferenceSession(str(model_path), session_options(profile_prefix), providers=providers)
    except Exception as error:  # onnxruntime raises its own Fail/InvalidProtobuf/… classes
        raise CorruptModelError(f"The exported model {model_path} cannot be loaded ({str(error).splitlines()[0]}). {rebuild_hint}") from error
    used = "CUDA" if session.get_providers()[0] == _CUDA else "CPU"
    fell_back = used == "CPU" and (device == "cuda" or (device == "auto" and nvidia_gpu_present()))
    if fell_back:
        reason = reason or "the CUDA provider did not start"
        log.warning("running on the CPU: %s", reason)
    return DeviceSession(session, used, reason if fell_back else None)


@functools.cache
def nvidia_gpu_present() -> bool:
    """Whether the NVIDIA driver reports a GPU: without one, Auto choosing the CPU is no fallback.

    /proc/driver/nvidia/gpus is missing in some containers where the GPU works, so the driver is asked too.
    """
    gpus = Path("/proc/driver/nvidia/gpus")
    if gpus.is_dir() and any(gpus.iterdir()):
        return True
    return driver_gpu_count() > 0 or nvidia_smi_lists_a_gpu()


def driver_gpu_count() -> int:
    """GPUs counted by the CUDA driver API (cuInit, cuDeviceGetCount in libcuda); 0 without a driver."""
    try:
        libcuda = ctypes.CDLL("libcuda.so.1")
    except OSError:
        return 0
    count = ctypes.c_int(0)
    if libcuda.cuInit(0) != 0 or libcuda.cuDeviceGetCount(ctypes.byref(count)) != 0:
        return 0
    return count.value


def nvidia_smi_lists_a_gpu() -> bool:
    """Whether `nvidia-smi -L` runs and lists a GPU."""
    executable = shutil.which("nvidia-smi")
    if executable is None:
        return False
    try:
        listed = subprocess.run([executable, "-L"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return listed.returncode == 0 and "GPU" in listed.stdout
