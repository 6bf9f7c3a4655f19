"""The precision a model gets by default: fp16 on CUDA; on the CPU, fp32 below 500M parameters, int8 up to 1B and
int4 from 1B.

Measured with bench/bench_quantization.py (teacher-forced agreement with fp32 over 128 tokens): int8 keeps
96% (SmolLM2-135M) and 100% (Gemma 3 270M); int4 keeps only 75% and 88%: the loss shrinks with size, so int4 is
kept for the models whose memory and speed need it most. The smallest models stay in fp32: at 135M one flipped
near-tie is a different answer (int8 SmolLM2 answers "What is the capital of France?" in French, fp32 says "The
capital of France is Paris."), fp32 is fast enough there (~30 tok/s on 2 cores), and its prefill, which dominates
summaries, is about twice MatMulNBits' on these CPUs (1,000 tokens: 2.25 s fp32, 4.1 s int8). The parameter
count comes from the GGUF or safetensors headers, never from the weights.
"""

from __future__ import annotations

import json
from functools import lru_cache
from math import prod
from pathlib import Path

from runtime import default_model
from runtime.errors import ModelNotFoundError
from runtime.export.sources.gguf_file import read_header
from runtime.models import ModelInfo, get_model

AUTO = "auto"
CPU_INT8_FROM_PARAMETERS = 500_000_000
CPU_INT4_FROM_PARAMETERS = 1_000_000_000


def default_precision(parameters: int, device: str) -> str:
    """The precision for a model of ``parameters`` weights on ``device`` ("cpu" or "cuda")."""
    if device == "cuda":
        return "fp16"
    if parameters >= CPU_INT4_FROM_PARAMETERS:
        return "int4"
    return "int8" if parameters >= CPU_INT8_FROM_PARAMETERS else "fp32"


def resolve_precision(precision: str, model: str | None = None, device: str = "auto") -> str:
    """``precision`` itself, or for "auto" the default of ``model`` (None: the default model) on ``device``."""
    if precision != AUTO:
        return precision
    return default_precision(parameter_count(get_model(model)), "cuda" if uses_cuda(device) else "cpu")


def uses_cuda(device: str) -> bool:
    """Whether a device choice ("auto", "cpu", "cuda") runs on CUDA on this machine."""
    if device == "cpu":
        return False
    from runtime.devices import cuda_unavailable_reason

    return cuda_unavailable_reason() is None


@lru_cache(maxsize=32)
def parameter_count(model: ModelInfo) -> int:
    """How many weights ``model`` has, read from its file headers (the default model's before its first fetch)."""
    if model.kind == "embedded" and not model.path.exists():
        return default_model.GGUF_PARAMETERS
    if not model.path.exists():
        raise ModelNotFoundError(f"{model.path} no longer exists. Put it back, or `penna models remove {model.name}`.")
    if model.path.is_file():
        return gguf_parameter_count(model.path)
    return sum(safetensors_parameter_count(file) for file in sorted(model.path.glob("*.safetensors")))


def safetensors_parameter_count(path: Path) -> int:
    with path.open("rb") as file:
        header = json.loads(file.read(int.from_bytes(file.read(8), "little")))
    return sum(prod(entry["shape"]) for key, entry in header.items() if key != "__metadata__")


def gguf_parameter_count(path: Path) -> int:
    """The sum of the tensors' element counts in a GGUF header (metadata is skipped, not decoded)."""
    return read_header(path, values=False).parameter_count()
