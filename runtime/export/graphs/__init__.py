"""Fused ONNX graphs for decoder-only families, streamed from the model's files one weight at a time.

The generic exporter traces every shape, mask and rotary computation into thousands of tiny nodes that cost
as much per decode step as the matrix products. These graphs use onnxruntime's fused operators instead:
SimplifiedLayerNormalization / SkipSimplifiedLayerNormalization for RMSNorm and the residual adds, and
GroupQueryAttention with rotary embedding, sliding window, soft-capping and the KV cache built in. They keep the
engine's interface: inputs ``input_ids``, ``attention_mask``, ``past_key_values.{i}.key|value``; outputs ``logits``
(last position only) and ``present.{i}.key|value``.

One builder (decoder.py) walks the layers; what differs between llama/mistral/qwen2, qwen3, gemma3 (text) and
phi3 lives in families.py; weights.py turns each weight into initializers at the precision asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from runtime.export.graphs.families import family_for

if TYPE_CHECKING:
    from runtime.export.model_config import ModelConfig
    from runtime.export.sources import WeightSource


def supports(config: ModelConfig) -> bool:
    """Whether ``config`` (a ModelConfig, or a transformers config) is a model a fused graph reproduces exactly."""
    return family_for(config) is not None


def write(source: WeightSource, precision: str, output: Path, on_read: Callable[[int], None] = lambda _count: None) -> None:
    """``output/model.onnx`` and its data file: the fused graph of ``source``'s model at ``precision``.

    ``on_read`` is told how many weights each read brought in (progress).
    """
    from runtime.export.graphs import decoder
    from runtime.export.graphs.onnx_graph import Graph
    from runtime.export.graphs.tensor_store import TensorStore, save
    from runtime.export.graphs.weights import Weights

    family = family_for(source.config)
    if family is None:
        raise ValueError(f"no fused graph for model type {source.config.model_type!r}")
    store = TensorStore(output)
    try:
        graph = Graph(store, np.float16 if precision == "fp16" else np.float32)
        model = decoder.build(graph, Weights(source, store, precision, on_read), family)
    finally:
        store.close()
    save(model, output / "model.onnx")
