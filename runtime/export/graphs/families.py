"""What sets each supported family apart, as hooks the decoder builder calls.

``DecoderFamily`` is the common layout (pre-norm decoder layers: RMSNorm, attention with rotary, RMSNorm,
SiLU-gated MLP); each family names its model types and overrides only where its models differ. Weights are named
as in transformers (``model.layers.{i}.self_attn.q_proj.weight``) whatever file they come from. A family's
``supports`` says no to any config whose computation the fused graph would not reproduce exactly, and such a model
keeps the generic export.

Sliding windows: transformers lets a query see the last ``sliding_window`` keys, its own included, and so does
GroupQueryAttention with ``local_window_size=sliding_window``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from runtime.export.graphs import rotary
from runtime.export.graphs.onnx_graph import MS_DOMAIN

if TYPE_CHECKING:
    from runtime.export.graphs.onnx_graph import Graph
    from runtime.export.graphs.weights import Weights
    from runtime.export.model_config import ModelConfig


def layer(index: int) -> str:
    """The transformers name prefix of layer ``index``'s weights."""
    return f"model.layers.{index}"


class DecoderFamily:
    """The common pre-norm decoder layout; a family names its ``model_types``."""

    name = "decoder"
    model_types: tuple[str, ...] = ()
    activation_config_key = "hidden_act"
    activation = "silu"

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self.heads, self.kv_heads = config.num_attention_heads, config.num_key_value_heads
        self.head_dim = getattr(config, "head_dim", None) or config.hidden_size // self.heads
        self.epsilon = float(config.rms_norm_eps)

    @classmethod
    def supports(cls, config: ModelConfig) -> bool:
        if config.model_type not in cls.model_types or getattr(config, cls.activation_config_key, None) != cls.activation:
            return False
        return rotary.rope_type(config) in rotary.STATIC_ROPE_TYPES and cls.supports_attention(config)

    @classmethod
    def supports_attention(cls, config: ModelConfig) -> bool:
        window = getattr(config, "sliding_window", None)
        return window is None or window >= config.max_position_embeddings

    def embedding_scale(self) -> np.float32 | None:
        """What the token embeddings are multiplied by (nothing here)."""
        return None

    def norm_weight(self, weights: Weights, name: str) -> np.ndarray:
        return weights.read(name)

    def add_rotary(self, graph: Graph, weights: Weights) -> list[tuple[str, str]]:
        """The rotary caches, and which cos/sin pair each layer uses."""
        caches = rotary.add_caches(graph, self.config, self.config.rope_theta, self.config.rope_scaling,
                                   weights.source.read_extra("rope_freqs.weight"))
        return [caches] * self.config.num_hidden_layers

    def attention_inputs(self, graph: Graph, weights: Weights, hidden: str, index: int) -> list[str]:
        """GroupQueryAttention's query, key, value: one packed q|k|v product that it splits itself."""
        names = [f"{layer(index)}.self_attn.{part}_proj.weight" for part in "qkv"]
        return [weights.linear(graph, names, hidden, f"layers.{index}.self_attn.qkv_proj"), "", ""]

    def attention_attributes(self, index: int) -> dict:
        return {"scale": 1.0 / math.sqrt(self.head_dim)}

    def attention_output_norm(self, index: int) -> str | None:
        """A norm applied to the attention's output before the residual add (none here)."""
        return None

    def mlp_input_norm(self, index: int) -> str:
        return f"{layer(index)}.post_attention_layernorm.weight"

    def mlp_output_norm(self, index: int) -> str | None:
        return None

    def gate_and_up(self, graph: Graph, weights: Weights, hidden: str, index: int) -> tuple[str, str]:
        prefix = f"layers.{index}.mlp"
        return (weights.linear(graph, [f"{layer(index)}.mlp.gate_proj.weight"], hidden, f"{prefix}.gate_proj"),
                weights.linear(graph, [f"{layer(index)}.mlp.up_proj.weight"], hidden, f"{prefix}.up_proj"))

    def activate(self, graph: Graph, gate: str, prefix: str) -> str:
        """SiLU: gate * sigmoid(gate)."""
        graph.node("Sigmoid", [gate], [f"{prefix}/mlp/Sigmoid"], f"/{prefix}/mlp/Sigmoid")
        return graph.node("Mul", [gate, f"{prefix}/mlp/Sigmoid"], [f"{prefix}/mlp/silu"], f"/{prefix}/mlp/silu")[0]

    def logit_softcap(self) -> float | None:
        return None


class LlamaFamily(DecoderFamily):
    """Llama, Mistral (without a sliding window shorter than the context) and Qwen2: the common layout as it is."""

    name = "llama"
    model_types = ("llama", "mistral", "qwen2")


class Qwen3Family(DecoderFamily):
    """The common layout with an RMSNorm over each head of q and k before the rotary embedding."""

    name = "qwen3"
    model_types = ("qwen3",)

    @classmethod
    def supports_attention(cls, config: ModelConfig) -> bool:
        return not getattr(config, "use_sliding_window", False)

    def attention_inputs(self, graph: Graph, weights: Weights, hidden: str, index: int) -> list[str]:
        return _normed_qkv(graph, weights, self, hidden, index)


class Gemma3Family(DecoderFamily):
    """Gemma 3 text: scaled embeddings, (1 + weight) RMSNorms, q/k norms, a norm before and after both attention and
    MLP, GELU-tanh gated MLP, sliding-window layers with their own rope base between global layers, final logit
    soft-capping."""

    name = "gemma3"
    model_types = ("gemma3_text",)
    activation_config_key = "hidden_activation"
    activation = "gelu_pytorch_tanh"
    _layer_types = {"sliding_attention", "full_attention"}

    @classmethod
    def supports_attention(cls, config: ModelConfig) -> bool:
        return (not getattr(config, "use_bidirectional_attention", False) and set(config.layer_types) <= cls._layer_types
                and config.sliding_window is not None)

    def embedding_scale(self) -> np.float32:
        return np.float32(self.config.hidden_size**0.5)  # transformers keeps it as a float32 tensor

    def norm_weight(self, weights: Weights, name: str) -> np.ndarray:
        return 1.0 + super().norm_weight(weights, name)

    def add_rotary(self, graph: Graph, weights: Weights) -> list[tuple[str, str]]:
        layers = range(self.config.num_hidden_layers)
        full = rotary.add_caches(graph, self.config, self.config.rope_theta, self.config.rope_scaling)
        if not any(self._is_sliding(index) for index in layers):
            return [full] * len(layers)
        local = rotary.add_caches(graph, self.config, self.config.rope_local_base_freq, None, suffix="_local")
        return [local if self._is_sliding(index) else full for index in layers]

    def attention_inputs(self, graph: Graph, weights: Weights, hidden: str, index: int) -> list[str]:
        return _normed_qkv(graph, weights, self, hidden, index)

    def attention_attributes(self, index: int) -> dict:
        # No attention soft-capping: Gemma 3 replaced it with the q/k norms, and transformers' Gemma3Attention
        # ignores attn_logit_softcapping even where a config sets it.
        attributes = {"scale": self.config.query_pre_attn_scalar**-0.5}
        if self._is_sliding(index):
            attributes["local_window_size"] = self.config.sliding_window
        return attributes

    def attention_output_norm(self, index: int) -> str:
        return f"{layer(index)}.post_attention_layernorm.weight"

    def mlp_input_norm(self, index: int) -> str:
        return f"{layer(index)}.pre_feedforward_layernorm.weight"

    def mlp_output_norm(self, index: int) -> str:
        return f"{layer(index)}.post_feedforward_layernorm.weight"

    def gate_and_up(self, graph: Graph, weights: Weights, hidden: str, index: int) -> tuple[str, str]:
        names = [f"{layer(index)}.mlp.gate_proj.weight", f"{layer(index)}.mlp.up_proj.weight"]
        return _split_gate_up(graph, weights.linear(graph, names, hidden, f"layers.{index}.mlp.gate_up_proj"), index)

    def activate(self, graph: Graph, gate: str, prefix: str) -> str:
        """GELU with the tanh approximation, as torch's gelu(approximate="tanh")."""
        return graph.node("FastGelu", [gate], [f"{prefix}/mlp/gelu"], f"/{prefix}/mlp/FastGelu", domain=MS_DOMAIN)[0]

    def logit_softcap(self) -> float | None:
        return self.config.final_logit_softcapping

    def _is_sliding(self, index: int) -> bool:
        return self.config.layer_types[index] == "sliding_attention"


class Phi3Family(DecoderFamily):
    """Phi-3: the common layout with packed qkv_proj and gate_up_proj weights and an optional sliding window on every
    layer.

    LongRoPE (Phi-3-*-128k, Phi-3.5) is left to the generic export: transformers switches from the short to the long
    frequency factors when the total length crosses original_max_position_embeddings and then recomputes the whole
    KV cache with the long ones (Phi3ForCausalLM.prepare_inputs_for_generation). A graph with two cos/sin caches
    chosen by the total length keeps the keys cached before the switch rotated with the short factors, so its
    answers after the switch differ from the model's.
    """

    name = "phi3"
    model_types = ("phi3",)

    @classmethod
    def supports_attention(cls, config: ModelConfig) -> bool:
        return (getattr(config, "partial_rotary_factor", None) or 1.0) == 1.0

    def attention_inputs(self, graph: Graph, weights: Weights, hidden: str, index: int) -> list[str]:
        qkv = weights.linear(graph, [f"{layer(index)}.self_attn.qkv_proj.weight"], hidden, f"layers.{index}.self_attn.qkv_proj")
        return [qkv, "", ""]

    def attention_attributes(self, index: int) -> dict:
        attributes = super().attention_attributes(index)
        window = getattr(self.config, "sliding_window", None)
        if window is not None and window < self.config.max_position_embeddings:
            attributes["local_window_size"] = window
        return attributes

    def gate_and_up(self, graph: Graph, weights: Weights, hidden: str, index: int) -> tuple[str, str]:
        gate_up = weights.linear(graph, [f"{layer(index)}.mlp.gate_up_proj.weight"], hidden, f"layers.{index}.mlp.gate_up_proj")
        return _split_gate_up(graph, gate_up, index)


FAMILIES = (LlamaFamily, Qwen3Family, Gemma3Family, Phi3Family)


def family_for(config: ModelConfig) -> DecoderFamily | None:
    """The family whose fused graph reproduces ``config``'s model exactly, or None (the generic export)."""
    return next((family(config) for family in FAMILIES if family.supports(config)), None)


def _normed_qkv(graph: Graph, weights: Weights, family: DecoderFamily, hidden: str, index: int) -> list[str]:
    """One q|k|v product split in three, q and k RMS-normed per head (GroupQueryAttention then applies rotary)."""
    prefix = f"layers.{index}"
    names = [f"{layer(index)}.self_attn.{part}_proj.weight" for part in "qkv"]
    qkv = weights.linear(graph, names, hidden, f"{prefix}.self_attn.qkv_proj")
    sizes = [family.heads * family.head_dim, family.kv_heads * family.head_dim, family.kv_heads * family.head_dim]
    sizes_name = graph.constant(f"{prefix}.self_attn.qkv_sizes", np.array(sizes, dtype=np.int64))
    query, key, value = graph.node("Split", [qkv, sizes_name], [f"{prefix}/attention/{name}" for name in "qkv"],
                                   f"/{prefix}/attention/Split", axis=-1)
    per_head = graph.constant(f"{prefix}.self_attn.per_head_shape", np.array([0, 0, -1, family.head_dim], dtype=np.int64))
    flat = graph.constant(f"{prefix}.self_attn.flat_shape", np.array([0, 0, -1], dtype=np.int64))
    normed = []
    for name, source in (("q", query), ("k", key)):
        base = f"{prefix}/attention/{name}"
        graph.node("Reshape", [source, per_head], [f"{base}_heads"], f"/{base}/Reshape_heads")
        weight = graph.constant(f"{prefix}.self_attn.{name}_norm.weight",
                                family.norm_weight(weights, f"{layer(index)}.self_attn.{name}_norm.weight"))
        graph.node("SimplifiedLayerNormalization", [f"{base}_heads", weight], [f"{base}_normed"], f"/{base}/norm",
                   axis=-1, epsilon=family.epsilon, stash_type=1)
        normed.append(graph.node("Reshape", [f"{base}_normed", flat], [f"{base}_flat"], f"/{base}/Reshape_flat")[0])
    return [*normed, value]


def _split_gate_up(graph: Graph, gate_up: str, index: int) -> tuple[str, str]:
    prefix = f"layers.{index}"
    gate, up = graph.node("Split", [gate_up], [f"{prefix}/mlp/gate", f"{prefix}/mlp/up"], f"/{prefix}/mlp/Split", axis=-1)
    return gate, up
