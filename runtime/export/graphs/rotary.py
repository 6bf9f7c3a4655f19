"""cos/sin caches for GroupQueryAttention's rotary embedding, taken from the model's own rotary modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from torch import nn

    from runtime.export.graphs.onnx_graph import Graph

# rope types whose frequencies do not depend on the input length
STATIC_ROPE_TYPES = ("default", "linear", "llama3", "yarn")


def rope_type(config) -> str:
    rope = getattr(config, "rope_scaling", None) or {}
    return rope.get("rope_type", rope.get("type", "default"))


def rotary_caches(rotary: nn.Module, length: int) -> tuple[np.ndarray, np.ndarray]:
    """cos and sin [length, rotary_dim / 2] from a rotary embedding module (scaling included)."""
    import torch

    positions = torch.arange(length, dtype=torch.int64)[None, :]
    probe = torch.zeros(1, dtype=torch.float32)
    with torch.no_grad():
        cos, sin = rotary(probe, positions)
    half = cos.shape[-1] // 2
    return cos[0, :, :half].float().numpy(), sin[0, :, :half].float().numpy()


def add_static_caches(graph: Graph, rotary: nn.Module, length: int, suffix: str = "") -> tuple[str, str]:
    """The caches of a rope whose frequencies never change, as constants ``cos_cache{suffix}``, ``sin_cache{suffix}``."""
    cos, sin = rotary_caches(rotary, length)
    return graph.constant(f"cos_cache{suffix}", cos), graph.constant(f"sin_cache{suffix}", sin)

