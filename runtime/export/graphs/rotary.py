"""cos/sin caches for GroupQueryAttention's rotary embedding, computed in numpy as transformers computes them.

The inverse frequencies follow transformers' ``modeling_rope_utils`` (default, linear, llama3 and yarn), in float32
as torch does; tests/runtime/test_rotary.py checks them against transformers' own rotary modules. A GGUF file may
carry llama.cpp's per-frequency divisors instead (the ``rope_freqs`` tensor of Llama 3 files): ``freq_factors``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from runtime.export.graphs.onnx_graph import Graph
    from runtime.export.model_config import ModelConfig

# rope types whose frequencies do not depend on the input length
STATIC_ROPE_TYPES = ("default", "linear", "llama3", "yarn")


def rope_type(config: ModelConfig) -> str:
    rope = getattr(config, "rope_scaling", None) or {}
    return rope.get("rope_type", rope.get("type", "default"))


def inverse_frequencies(config: ModelConfig, theta: float, scaling: dict | None) -> tuple[np.ndarray, float]:
    """The rotary inverse frequencies [head_dim / 2] and the factor cos and sin are scaled by."""
    dim = int(config.head_dim * (config.partial_rotary_factor or 1.0))
    exponents = np.arange(0, dim, 2, dtype=np.int64).astype(np.float32) / np.float32(dim)
    base_frequencies = (np.float64(theta) ** exponents.astype(np.float64)).astype(np.float32)  # torch's pow, in double
    inverse = (np.float32(1.0) / base_frequencies).astype(np.float32)
    scaling = scaling or {}
    kind = scaling.get("rope_type", scaling.get("type", "default"))
    if kind == "linear":
        return inverse / np.float32(scaling["factor"]), 1.0
    if kind == "llama3":
        return _llama3(inverse, scaling), 1.0
    if kind == "yarn":
        return _yarn(base_frequencies, dim, theta, scaling, config.max_position_embeddings)
    return inverse, 1.0


def _llama3(inverse: np.ndarray, scaling: dict) -> np.ndarray:
    factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
    old_length = scaling["original_max_position_embeddings"]
    wavelength = np.float32(2 * math.pi) / inverse
    scaled = np.where(wavelength > old_length / low, inverse / np.float32(factor), inverse).astype(np.float32)
    smooth = ((old_length / wavelength - low) / (high - low)).astype(np.float32)
    smoothed = (1 - smooth) * scaled / np.float32(factor) + smooth * scaled
    medium = ~(wavelength < old_length / high) & ~(wavelength > old_length / low)
    return np.where(medium, smoothed, scaled).astype(np.float32)


def _yarn(base_frequencies: np.ndarray, dim: int, theta: float, scaling: dict, max_positions: int) -> tuple[np.ndarray, float]:
    factor = scaling["factor"]
    original = scaling.get("original_max_position_embeddings") or max_positions

    def mscale(scale: float, multiplier: float = 1) -> float:
        return 1.0 if scale <= 1 else 0.1 * multiplier * math.log(scale) + 1.0

    attention_factor = scaling.get("attention_factor")
    if attention_factor is None:
        if scaling.get("mscale") and scaling.get("mscale_all_dim"):
            attention_factor = float(mscale(factor, scaling["mscale"]) / mscale(factor, scaling["mscale_all_dim"]))
        else:
            attention_factor = mscale(factor)

    def correction_dim(rotations: float) -> float:
        return (dim * math.log(original / (rotations * 2 * math.pi))) / (2 * math.log(theta))

    low, high = correction_dim(scaling.get("beta_fast") or 32), correction_dim(scaling.get("beta_slow") or 1)
    if scaling.get("truncate", True):
        low, high = math.floor(low), math.ceil(high)
    low, high = max(low, 0), min(high, dim - 1)
    if low == high:
        high += 0.001
    ramp = np.clip((np.arange(dim // 2, dtype=np.float32) - low) / (high - low), 0, 1).astype(np.float32)
    extrapolation = (1 - ramp).astype(np.float32)
    inverse = (np.float32(1) / (np.float32(factor) * base_frequencies)) * (1 - extrapolation) \
        + (np.float32(1) / base_frequencies) * extrapolation
    return inverse.astype(np.float32), attention_factor


def caches(inverse: np.ndarray, scale: float, length: int) -> tuple[np.ndarray, np.ndarray]:
    """cos and sin [length, len(inverse)] of positions 0..length-1, as float32 products like torch's."""
    angles = (np.arange(length, dtype=np.float32)[:, None] * inverse[None, :].astype(np.float32)).astype(np.float64)
    # cos and sin of the float32 angles in double, then rounded: numpy's float32 cos is off by up to 1.5e-4 past 1,000 rad
    return (np.cos(angles) * scale).astype(np.float32), (np.sin(angles) * scale).astype(np.float32)


def add_caches(graph: Graph, config: ModelConfig, theta: float, scaling: dict | None,
               freq_factors: np.ndarray | None = None, suffix: str = "") -> tuple[str, str]:
    """The caches of a rope whose frequencies never change, as constants ``cos_cache{suffix}``, ``sin_cache{suffix}``."""
    inverse, scale = inverse_frequencies(config, theta, scaling)
    if freq_factors is not None:
        inverse = (inverse / freq_factors.astype(np.float32)).astype(np.float32)
    cos, sin = caches(inverse, scale, config.max_position_embeddings)
    return graph.constant(f"cos_cache{suffix}", cos), graph.constant(f"sin_cache{suffix}", sin)
