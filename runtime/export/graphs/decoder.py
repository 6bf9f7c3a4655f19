"""The fused decoder graph, assembled layer by layer from a model's weights and its family's pieces."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import onnx
from onnx import TensorProto

from runtime.export.graphs.families import layer
from runtime.export.graphs.onnx_graph import MS_DOMAIN, Graph

if TYPE_CHECKING:
    from runtime.export.graphs.families import DecoderFamily
    from runtime.export.graphs.weights import Weights
    from runtime.export.sources import WeightSource


EMBEDDING = "model.embed_tokens.weight"


def lm_head_weight(source: WeightSource) -> str:
    """The lm_head's weights: its own, or the token embedding's where the two are tied."""
    tied = source.config.tie_word_embeddings or not source.has("lm_head.weight")
    return EMBEDDING if tied else "lm_head.weight"


def build(graph: Graph, weights: Weights, family: DecoderFamily) -> onnx.ModelProto:
    """The fused graph of a model of ``family`` whose weights ``weights`` reads (and writes as it goes)."""
    config = family.config
    layer_count = config.num_hidden_layers
    _sequence_lengths(graph)
    rotary_per_layer = family.add_rotary(graph, weights)

    weights.embedding(graph, EMBEDDING, family.embedding_scale(), "embeddings")
    first_norm = graph.constant("layers.0.input_layernorm.weight",
                                family.norm_weight(weights, f"{layer(0)}.input_layernorm.weight"))
    (hidden,) = graph.node("SimplifiedLayerNormalization", ["embeddings", first_norm], ["layers.0/input_norm"],
                           "/layers.0/input_norm", axis=-1, epsilon=family.epsilon, stash_type=1)
    residual = "embeddings"
    for index in range(layer_count):
        prefix = f"layers.{index}"
        cos, sin = rotary_per_layer[index]
        graph.node("GroupQueryAttention",
                   [*family.attention_inputs(graph, weights, hidden, index), f"past_key_values.{index}.key",
                    f"past_key_values.{index}.value", "seqlens_k", "total_sequence_length", cos, sin],
                   [f"{prefix}/attention", f"present.{index}.key", f"present.{index}.value"],
                   f"/{prefix}/GroupQueryAttention", domain=MS_DOMAIN, num_heads=family.heads,
                   kv_num_heads=family.kv_heads, do_rotary=1, rotary_interleaved=0, **family.attention_attributes(index))
        attended = weights.linear(graph, [f"{layer(index)}.self_attn.o_proj.weight"], f"{prefix}/attention",
                                  f"{prefix}.self_attn.o_proj")
        attended = _output_norm(graph, weights, family, attended, family.attention_output_norm(index),
                                f"{prefix}/attention_output_norm")
        hidden, residual = _skip_norm(graph, weights, family, attended, residual, family.mlp_input_norm(index),
                                      f"{prefix}/post_attention_norm")

        gate, up = family.gate_and_up(graph, weights, hidden, index)
        activated = family.activate(graph, gate, prefix)
        graph.node("Mul", [activated, up], [f"{prefix}/mlp/gated"], f"/{prefix}/mlp/gated")
        down = weights.linear(graph, [f"{layer(index)}.mlp.down_proj.weight"], f"{prefix}/mlp/gated",
                              f"{prefix}.mlp.down_proj")
        down = _output_norm(graph, weights, family, down, family.mlp_output_norm(index), f"{prefix}/mlp_output_norm")
        is_last = index == layer_count - 1
        norm = "model.norm.weight" if is_last else f"{layer(index + 1)}.input_layernorm.weight"
        name = "final_norm" if is_last else f"layers.{index + 1}/input_norm"
        hidden, residual = _skip_norm(graph, weights, family, down, residual, norm, name)

    _logits(graph, weights, lm_head_weight(weights.source), hidden, family.logit_softcap())
    return graph.model(f"penna_{family.name}", config.vocab_size, family.kv_heads, family.head_dim, layer_count)


def _sequence_lengths(graph: Graph) -> None:
    """seqlens_k (total length - 1, per row) and total_sequence_length, as GroupQueryAttention wants them."""
    one = graph.constant("one", np.array(1, dtype=np.int64))
    graph.node("ReduceSum", ["attention_mask", graph.constant("axis_1", np.array([1], dtype=np.int64))],
               ["mask_sum"], "/mask/ReduceSum", keepdims=0)
    graph.node("Sub", ["mask_sum", one], ["mask_last"], "/mask/Sub")
    graph.node("Cast", ["mask_last"], ["seqlens_k"], "/mask/Cast", to=TensorProto.INT32)
    graph.node("Shape", ["attention_mask"], ["mask_shape"], "/mask/Shape")
    graph.node("Gather", ["mask_shape", one], ["total_length"], "/mask/Gather", axis=0)
    graph.node("Cast", ["total_length"], ["total_sequence_length"], "/mask/Cast_total", to=TensorProto.INT32)


def _skip_norm(graph: Graph, weights: Weights, family: DecoderFamily, x: str, residual: str, norm: str,
               name: str) -> tuple[str, str]:
    """RMSNorm(x + residual) and the new residual x + residual, in one SkipSimplifiedLayerNormalization."""
    weight = graph.constant(f"{name}.weight", family.norm_weight(weights, norm))
    normed, total = f"{name}/output", f"{name}/residual"
    graph.node("SkipSimplifiedLayerNormalization", [x, residual, weight], [normed, "", "", total], f"/{name}",
               domain=MS_DOMAIN, epsilon=family.epsilon)
    return normed, total


def _output_norm(graph: Graph, weights: Weights, family: DecoderFamily, x: str, norm: str | None, name: str) -> str:
    """RMSNorm(x) where the family norms a block's output before the residual add; x itself where it does not."""
    if norm is None:
        return x
    weight = graph.constant(f"{name}.weight", family.norm_weight(weights, norm))
    return graph.node("SimplifiedLayerNormalization", [x, weight], [f"{name}/output"], f"/{name}", axis=-1,
                      epsilon=family.epsilon, stash_type=1)[0]


def _logits(graph: Graph, weights: Weights, lm_head: str, hidden: str, softcap: float | None) -> None:
    """``logits`` of the last position only: slicing before lm_head saves a [seq, vocab] product in prefill."""
    last = [graph.constant(name, np.array([value], dtype=np.int64)) for name, value in
            (("last_start", -1), ("last_end", 2**62), ("last_axis", 1))]
    graph.node("Slice", [hidden, *last], ["last_hidden"], "/last_position/Slice")
    if softcap is None:
        weights.lm_head(graph, lm_head, "last_hidden", "logits")
        return
    # softcap * tanh(logits / softcap)
    weights.lm_head(graph, lm_head, "last_hidden", "raw_logits")
    cap = graph.constant("logit_softcap", np.array(softcap, dtype=np.float32))
    graph.node("Div", ["raw_logits", cap], ["capped_logits/Div"], "/logit_softcap/Div")
    graph.node("Tanh", ["capped_logits/Div"], ["capped_logits/Tanh"], "/logit_softcap/Tanh")
    graph.node("Mul", ["capped_logits/Tanh", cap], ["logits"], "/logit_softcap/Mul")
