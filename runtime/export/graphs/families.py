"""What sets each supported family apart, as hooks the decoder builder calls.

``LlamaFamily`` is the common layout (llama, mistral, qwen2); the others override only where their models differ.
A family's ``supports`` says no to any config whose computation the fused graph would not reproduce exactly, and
such a model keeps the generic export.

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
    from torch import nn
    from transformers import PretrainedConfig, PreTrainedModel

    from runtime.export.graphs.onnx_graph import Graph


class LlamaFamily:
    """Pre-norm decoder layers: RMSNorm, attention with rotary, RMSNorm, SiLU-gated MLP."""

    name = "llama"
    model_types: tuple[str, ...] = ("llama", "mistral", "qwen2")
    activation_config_key = "hidden_act"
    activation = "silu"

    def __init__(self, config: PretrainedConfig):
        self.config = config
        self.heads, self.kv_heads = config.num_attention_heads, config.num_key_value_heads
        self.head_dim = getattr(config, "head_dim", None) or config.hidden_size // self.heads
        self.epsilon = float(config.rms_norm_eps)

    @classmethod
    def supports(cls, config: PretrainedConfig) -> bool:
        if config.model_type not in cls.model_types or getattr(config, cls.activation_config_key, None) != cls.activation:
            return False
        return rotary.rope_type(config) in rotary.STATIC_ROPE_TYPES and cls.supports_attention(config)

    @classmethod
    def supports_attention(cls, config: PretrainedConfig) -> bool:
        window = getattr(config, "sliding_window", None)
        return window is None or window >= config.max_position_embeddings

    def embedding(self, model: PreTrainedModel) -> np.ndarray:
        return model.model.embed_tokens.weight.detach().float().numpy()

    def norm_weight(self, norm: nn.Module) -> np.ndarray:
        return norm.weight.detach().float().numpy()

    def add_rotary(self, graph: Graph, model: PreTrainedModel) -> list[tuple[str, str]]:
        """The rotary caches, and which cos/sin pair each layer uses."""
        caches = rotary.add_static_caches(graph, model.model.rotary_emb, self.config.max_position_embeddings)
        return [caches] * self.config.num_hidden_layers

    def attention_inputs(self, graph: Graph, attention: nn.Module, hidden: str, prefix: str) -> list[str]:
        """GroupQueryAttention's query, key, value: one packed q|k|v product that it splits itself."""
        qkv = graph.linear([attention.q_proj, attention.k_proj, attention.v_proj], hidden, f"{prefix}.self_attn.qkv_proj")
        return [qkv, "", ""]

    def attention_attributes(self, index: int) -> dict:
        return {"scale": 1.0 / math.sqrt(self.head_dim)}

    def attention_output_norm(self, layer: nn.Module) -> nn.Module | None:
        """A norm applied to the attention's output before the residual add (none here)."""
        return None

    def mlp_input_norm(self, layer: nn.Module) -> nn.Module:
        return layer.post_attention_layernorm

    def mlp_output_norm(self, layer: nn.Module) -> nn.Module | None:
        return None

    def gate_and_up(self, graph: Graph, mlp: nn.Module, hidden: str, prefix: str) -> tuple[str, str]:
        return (graph.linear([mlp.gate_proj], hidden, f"{prefix}.mlp.gate_proj"),
                graph.linear([mlp.up_proj], hidden, f"{prefix}.mlp.up_proj"))

    def activate(self, graph: Graph, gate: str, prefix: str) -> str:
        """SiLU: gate * sigmoid(gate)."""
        graph.node("Sigmoid", [gate], [f"{prefix}/mlp/Sigmoid"], f"/{prefix}/mlp/Sigmoid")
        return graph.node("Mul", [gate, f"{prefix}/mlp/Sigmoid"], [f"{prefix}/mlp/silu"], f"/{prefix}/mlp/silu")[0]

    def logit_softcap(self) -> float | None:
        return None


class Qwen3Family(LlamaFamily):
    """Llama's layout with an RMSNorm over each head of q and k before the rotary embedding."""

    name = "qwen3"
    model_types = ("qwen3",)

    @classmethod
    def supports_attention(cls, config: PretrainedConfig) -> bool:
        return not getattr(config, "use_sliding_window", False)

    def attention_inputs(self, graph: Graph, attention: nn.Module, hidden: str, prefix: str) -> list[str]:
        return _normed_qkv(graph, self, attention, hidden, prefix)


class Gemma3Family(LlamaFamily):
    """Gemma 3 text: scaled embeddings, (1 + weight) RMSNorms, q/k norms, a norm before and after both attention and
    MLP, GELU-tanh gated MLP, sliding-window layers with their own rope base between global layers, final logit
    soft-capping."""

    name = "gemma3"
    model_types = ("gemma3_text",)
    activation_config_key = "hidden_activation"
    activation = "gelu_pytorch_tanh"
    _layer_types = {"sliding_attention", "full_attention"}

    @classmethod
    def supports_attention(cls, config: PretrainedConfig) -> bool:
        return (not getattr(config, "use_bidirectional_attention", False) and set(config.layer_types) <= cls._layer_types
                and config.sliding_window is not None)

    def embedding(self, model: PreTrainedModel) -> np.ndarray:
        scale = np.float32(self.config.hidden_size**0.5)  # transformers keeps it as a float32 tensor
        return super().embedding(model) * scale

    def norm_weight(self, norm: nn.Module) -> np.ndarray:
        return 1.0 + super().norm_weight(norm)

    def add_rotary(self, graph: Graph, model: PreTrainedModel) -> list[tuple[str, str]]:
        length = self.config.max_position_embeddings
        layers = range(self.config.num_hidden_layers)
        full = rotary.add_static_caches(graph, model.model.rotary_emb, length)
        if not any(self._is_sliding(index) for index in layers):
            return [full] * len(layers)
        local = rotary.add_static_caches(graph, model.model.rotary_emb_local, length, suffix="_local")
        return [local if self._is_sliding(index) else full for index in layers]

    def attention_inputs(self, graph: Graph, attention: nn.Module, hidden: str, prefix: str) -> list[str]:
        return _normed_qkv(graph, self, attention, hidden, prefix)

    def attention_attributes(self, index: int) -> dict:
        # No attention soft-capping: Gemma 3 replaced it with the q/k norms, and transformers' Gemma3Attention
        # ignores attn_logit_softcapping even where a config sets it.
        attributes = {"scale": self.config.query_pre_attn_scalar**-0.5}
        if self._is_sliding(index):
            attributes["local_window_size"] = self.config.sliding_window
        return attributes

    def attention_output_norm(self, layer: nn.Module) -> nn.Module:
        return layer.post_attention_layernorm

    def mlp_input_norm(self, layer: nn.Module) -> nn.Module:
        return layer.pre_feedforward_layernorm

    def mlp_output_norm(self, layer: nn.Module) -> nn.Module:
        return layer.post_feedforward_layernorm

    def gate_and_up(self, graph: Graph, mlp: nn.Module, hidden: str, prefix: str) -> tuple[str, str]:
        return _split_gate_up(graph, graph.linear([mlp.gate_proj, mlp.up_proj], hidden, f"{prefix}.mlp.gate_up_proj"), prefix)

    def activate(self, graph: Graph, gate: str, prefix: str) -> str:
        """GELU with the tanh approximation, as torch's gelu(approximate="tanh")."""
        return graph.node("FastGelu", [gate], [f"{prefix}/mlp/gelu"], f"/{prefix}/mlp/FastGelu", domain=MS_DOMAIN)[0]

    def logit_softcap(self) -> float | None:
        return self.config.final_logit_softcapping

    def _is_sliding(self, index: int) -> bool:
        return self.config.layer_types[index] == "sliding_attention"


class Phi3Family(LlamaFamily):
    """Phi-3: Llama's layout with packed qkv_proj and gate_up_proj weights and an optional sliding window on every
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
    def supports_attention(cls, config: PretrainedConfig) -> bool:
        return getattr(config, "partial_rotary_factor", 1.0) == 1.0

    def attention_inputs(self, graph: Graph, attention: nn.Module, hidden: str, prefix: str) -> list[str]:
        return [graph.linear([attention.qkv_proj], hidden, f"{prefix}.self_attn.qkv_proj"), "", ""]

    def attention_attributes(self, index: int) -> dict:
        attributes = super().attention_attributes(index)
        window = getattr(self.config, "sliding_window", None)
        if window is not None and window < self.config.max_position_embeddings:
            attributes["local_window_size"] = window
        return attributes

    def gate_and_up(self, graph: Graph, mlp: nn.Module, hidden: str, prefix: str) -> tuple[str, str]:
        return _split_gate_up(graph, graph.linear([mlp.gate_up_proj], hidden, f"{prefix}.mlp.gate_up_proj"), prefix)


FAMILIES = (LlamaFamily, Qwen3Family, Gemma3Family, Phi3Family)


def family_for(config: PretrainedConfig) -> LlamaFamily | None:
    """The family whose fused graph reproduces ``config``'s model exactly, or None (the generic export)."""
    return next((family(config) for family in FAMILIES if family.supports(config)), None)


def _normed_qkv(graph: Graph, family: LlamaFamily, attention: nn.Module, hidden: str, prefix: str) -> list[str]:
    """One q|k|v product split in three, q and k RMS-normed per head (GroupQueryAttention then applies rotary)."""
    qkv = graph.linear([attention.q_proj, attention.k_proj, attention.v_proj], hidden, f"{prefix}.self_attn.qkv_proj")
    sizes = [family.heads * family.head_dim, family.kv_heads * family.head_dim, family.kv_heads * family.head_dim]
    sizes_name = graph.constant(f"{prefix}.self_attn.qkv_sizes", np.array(sizes, dtype=np.int64))
    query, key, value = graph.node("Split", [qkv, sizes_name], [f"{prefix}/attention/{name}" for name in "qkv"],
                                   f"/{prefix}/attention/Split", axis=-1)
    per_head = graph.constant(f"{prefix}.self_attn.per_head_shape", np.array([0, 0, -1, family.head_dim], dtype=np.int64))
    flat = graph.constant(f"{prefix}.self_attn.flat_shape", np.array([0, 0, -1], dtype=np.int64))
    normed = []
    for name, source, norm in (("q", query, attention.q_norm), ("k", key, attention.k_norm)):
        base = f"{prefix}/attention/{name}"
        graph.node("Reshape", [source, per_head], [f"{base}_heads"], f"/{base}/Reshape_heads")
        weight = graph.constant(f"{prefix}.self_attn.{name}_norm.weight", family.norm_weight(norm))
        graph.node("SimplifiedLayerNormalization", [f"{base}_heads", weight], [f"{base}_normed"], f"/{base}/norm",
                   axis=-1, epsilon=family.epsilon, stash_type=1)
        normed.append(graph.node("Reshape", [f"{base}_normed", flat], [f"{base}_flat"], f"/{base}/Reshape_flat")[0])
    return [*normed, value]


def _split_gate_up(graph: Graph, gate_up: str, prefix: str) -> tuple[str, str]:
    gate, up = graph.node("Split", [gate_up], [f"{prefix}/mlp/gate", f"{prefix}/mlp/up"], f"/{prefix}/mlp/Split", axis=-1)
    return gate, up
