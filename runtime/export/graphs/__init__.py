"""Fused ONNX graphs for decoder-only families, built directly from the loaded Hugging Face weights.

The generic exporter traces every shape, mask and rotary computation into thousands of tiny nodes that cost
as much per decode step as the matrix products. These graphs use onnxruntime's fused operators instead:
SimplifiedLayerNormalization / SkipSimplifiedLayerNormalization for RMSNorm and the residual adds, and
GroupQueryAttention with rotary embedding, sliding window, soft-capping and the KV cache built in. They keep the
engine's interface: inputs ``input_ids``, ``attention_mask``, ``past_key_values.{i}.key|value``; outputs ``logits``
(last position only) and ``present.{i}.key|value``.

One builder (decoder.py) walks the layers; what differs between llama/mistral/qwen2, qwen3, gemma3 (text) and
phi3 lives in families.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runtime.export.graphs import decoder
from runtime.export.graphs.families import family_for

if TYPE_CHECKING:
    import onnx
    from transformers import PretrainedConfig, PreTrainedModel


def supports(config: PretrainedConfig) -> bool:
    """Whether ``config`` (a transformers PretrainedConfig) is a model a fused graph reproduces exactly."""
    return family_for(config) is not None


def build(model: PreTrainedModel) -> onnx.ModelProto:
    """The fused graph of a loaded fp32 model whose config ``supports`` accepts."""
    family = family_for(model.config)
    if family is None:
        raise ValueError(f"no fused graph for model type {model.config.model_type!r}")
    return decoder.build(model, family)
