"""What this machine can run on: whether the NVIDIA driver reports a GPU, and whether ONNX Runtime's CUDA provider
can load. The engine (opening a session) and the exporter (choosing a default precision) both ask here.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import io
import logging
import shutil
import subprocess
from pathlib import Path

import onnxruntime as ort

log = logging.getLogger(__name__)

CUDA_PROVIDER = "CUDAExecutionProvider"


def cuda_unavailable_reason() -> str | None:
    """None when the CUDA provider can load and the driver reports a GPU; otherwise what stops it.

    onnxruntime-gpu lists CUDA as available whether or not a GPU and its libraries exist, so ask the driver,
    load the CUDA libraries (from the nvidia-* wheels when installed) and then try loading the provider.
    """
    if CUDA_PROVIDER not in ort.get_available_providers():
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
