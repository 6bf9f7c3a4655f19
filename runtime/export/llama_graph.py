"""A fused ONNX graph for Llama-family models, built directly from the loaded Hugging Face weights.

The generic exporter traces every shape, mask and rotary computation into thousands of tiny nodes that cost
as much per decode step as the matrix products. This graph uses onnxruntime's fused operators instead:
SimplifiedLayerNormalization / SkipSimplifiedLayerNormalization for RMSNorm and the residual adds, and
GroupQueryAttention with rotary embedding and the KV cache built in. It keeps the engine's interface:
inputs ``input_ids``, ``attention_mask``, ``past_key_values.{i}.key|value``; outputs ``logits`` (last
position only) and ``present.{i}.key|value``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

if TYPE_CHECKING:
    from torch import nn
    from transformers import PretrainedConfig, PreTrainedModel

SUPPORTED_TYPES = ("llama", "mistral", "qwen2")
_ROPE_TYPES = ("default", "linear", "llama3", "yarn")  # rope types whose frequencies do not depend on the input length
_OPSET = 17
_IR_VERSION = 8  # the IR version of opset 17 (onnx writes a newer one by default, which onnxruntime may not read)
_MS = "com.microsoft"


def supports(config: PretrainedConfig) -> bool:
    """Whether ``config`` (a transformers PretrainedConfig) is a model this graph reproduces exactly."""
    if config.model_type not in SUPPORTED_TYPES or getattr(config, "hidden_act", None) != "silu":
        return False
    window = getattr(config, "sliding_window", None)
    if window is not None and window < config.max_position_embeddings:
        return False
    rope = getattr(config, "rope_scaling", None) or {}
    return rope.get("rope_type", rope.get("type", "default")) in _ROPE_TYPES


def rotary_caches(model: PreTrainedModel, length: int) -> tuple[np.ndarray, np.ndarray]:
    """cos and sin [length, rotary_dim / 2] from the model's own rotary embedding (scaling included)."""
    import torch

    positions = torch.arange(length, dtype=torch.int64)[None, :]
    probe = torch.zeros(1, dtype=torch.float32)
    with torch.no_grad():
        cos, sin = model.model.rotary_emb(probe, positions)
    half = cos.shape[-1] // 2
    return cos[0, :, :half].float().numpy(), sin[0, :, :half].float().numpy()


class _Graph:
    """Nodes and initializers accumulated in order, with unique names."""

    def __init__(self):
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []

    def constant(self, name: str, value: np.ndarray) -> str:
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], outputs: list[str], name: str, domain: str = "", **attributes) -> list[str]:
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name, domain=domain, **attributes))
        return outputs

    def linear(self, modules: list[nn.Linear], x: str, name: str) -> str:
        """x @ [W1; W2; ...].T (+ b) of torch Linears sharing an input, as one MatMul with weights stored [in, out]."""
        weight = np.concatenate([module.weight.detach().float().numpy() for module in modules]).T
        (y,) = self.node("MatMul", [x, self.constant(f"{name}.weight", weight)], [f"{name}/MatMul"], f"{name}/MatMul")
        if modules[0].bias is None:
            return y
        bias = np.concatenate([module.bias.detach().float().numpy() for module in modules])
        return self.node("Add", [y, self.constant(f"{name}.bias", bias)], [f"{name}/Add"], f"{name}/Add")[0]


def _norm_weight(module: nn.Module) -> np.ndarray:
    return module.weight.detach().float().numpy()


def build(model: PreTrainedModel) -> onnx.ModelProto:
    """The fused graph of a loaded fp32 LlamaForCausalLM / MistralForCausalLM / Qwen2ForCausalLM."""
    config = model.config
    layers = model.model.layers
    heads, kv_heads = config.num_attention_heads, config.num_key_value_heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // heads
    epsilon = float(config.rms_norm_eps)
    graph = _Graph()

    # seqlens_k (total length - 1, per row) and total_sequence_length, as GroupQueryAttention wants them.
    one = graph.constant("one", np.array(1, dtype=np.int64))
    graph.node("ReduceSum", ["attention_mask", graph.constant("axis_1", np.array([1], dtype=np.int64))],
               ["mask_sum"], "/mask/ReduceSum", keepdims=0)
    graph.node("Sub", ["mask_sum", one], ["mask_last"], "/mask/Sub")
    graph.node("Cast", ["mask_last"], ["seqlens_k"], "/mask/Cast", to=TensorProto.INT32)
    graph.node("Shape", ["attention_mask"], ["mask_shape"], "/mask/Shape")
    graph.node("Gather", ["mask_shape", one], ["total_length"], "/mask/Gather", axis=0)
    graph.node("Cast", ["total_length"], ["total_sequence_length"], "/mask/Cast_total", to=TensorProto.INT32)
    cos, sin = rotary_caches(model, config.max_position_embeddings)
    graph.constant("cos_cache", cos)
    graph.constant("sin_cache", sin)

    embedding = model.model.embed_tokens.weight.detach().float().numpy()
    graph.node("Gather", [graph.constant("embed_tokens.weight", embedding), "input_ids"], ["embeddings"], "/embed/Gather")
    (hidden,) = graph.node("SimplifiedLayerNormalization",
                           ["embeddings", graph.constant("layers.0.input_layernorm.weight", _norm_weight(layers[0].input_layernorm))],
                           ["layers.0/input_norm"], "/layers.0/input_norm", axis=-1, epsilon=epsilon, stash_type=1)
    residual = "embeddings"
    for index, layer in enumerate(layers):
        prefix = f"layers.{index}"
        attention = layer.self_attn
        # One packed q|k|v product: GroupQueryAttention splits it itself (key and value inputs left empty).
        qkv = graph.linear([attention.q_proj, attention.k_proj, attention.v_proj], hidden, f"{prefix}.self_attn.qkv_proj")
        graph.node("GroupQueryAttention",
                   [qkv, "", "", f"past_key_values.{index}.key", f"past_key_values.{index}.value", "seqlens_k",
                    "total_sequence_length", "cos_cache", "sin_cache"],
                   [f"{prefix}/attention", f"present.{index}.key", f"present.{index}.value"],
                   f"/{prefix}/GroupQueryAttention", domain=_MS, num_heads=heads, kv_num_heads=kv_heads,
                   do_rotary=1, rotary_interleaved=0, scale=1.0 / math.sqrt(head_dim))
        attended = graph.linear([attention.o_proj], f"{prefix}/attention", f"{prefix}.self_attn.o_proj")
        hidden, residual = _skip_norm(graph, attended, residual, layer.post_attention_layernorm, f"{prefix}/post_attention_norm", epsilon)

        mlp = layer.mlp
        gate = graph.linear([mlp.gate_proj], hidden, f"{prefix}.mlp.gate_proj")
        up = graph.linear([mlp.up_proj], hidden, f"{prefix}.mlp.up_proj")
        graph.node("Sigmoid", [gate], [f"{prefix}/mlp/Sigmoid"], f"/{prefix}/mlp/Sigmoid")
        graph.node("Mul", [gate, f"{prefix}/mlp/Sigmoid"], [f"{prefix}/mlp/silu"], f"/{prefix}/mlp/silu")
        graph.node("Mul", [f"{prefix}/mlp/silu", up], [f"{prefix}/mlp/gated"], f"/{prefix}/mlp/gated")
        down = graph.linear([mlp.down_proj], f"{prefix}/mlp/gated", f"{prefix}.mlp.down_proj")
        is_last = index == len(layers) - 1
        norm = model.model.norm if is_last else layers[index + 1].input_layernorm
        name = "final_norm" if is_last else f"layers.{index + 1}/input_norm"
        hidden, residual = _skip_norm(graph, down, residual, norm, name, epsilon)

    # Generation needs the last position only: slicing before lm_head saves a [seq, vocab] product in prefill.
    last = [graph.constant(name, np.array([value], dtype=np.int64)) for name, value in
            (("last_start", -1), ("last_end", 2**62), ("last_axis", 1))]
    graph.node("Slice", [hidden, *last], ["last_hidden"], "/last_position/Slice")
    lm_head = graph.constant("lm_head.weight", model.lm_head.weight.detach().float().numpy().T)  # its own copy when tied
    graph.node("MatMul", ["last_hidden", lm_head], ["logits"], "/lm_head/MatMul")
    return _model(graph, config, kv_heads, head_dim, len(layers))


def _skip_norm(graph: _Graph, x: str, residual: str, norm: nn.Module, name: str, epsilon: float) -> tuple[str, str]:
    """RMSNorm(x + residual) and the new residual x + residual, in one SkipSimplifiedLayerNormalization."""
    weight = graph.constant(f"{name}.weight", _norm_weight(norm))
    normed, total = f"{name}/output", f"{name}/residual"
    graph.node("SkipSimplifiedLayerNormalization", [x, residual, weight], [normed, "", "", total], f"/{name}",
               domain=_MS, epsilon=epsilon)
    return normed, total


def _model(graph: _Graph, config: PretrainedConfig, kv_heads: int, head_dim: int, layer_count: int) -> onnx.ModelProto:
    float_type = TensorProto.FLOAT
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "total_sequence_length"])]
    outputs = [helper.make_tensor_value_info("logits", float_type, ["batch_size", 1, config.vocab_size])]
    for index in range(layer_count):
        for kind in ("key", "value"):
            inputs.append(helper.make_tensor_value_info(
                f"past_key_values.{index}.{kind}", float_type, ["batch_size", kv_heads, "past_sequence_length", head_dim]))
            outputs.append(helper.make_tensor_value_info(
                f"present.{index}.{kind}", float_type, ["batch_size", kv_heads, "total_sequence_length", head_dim]))
    body = helper.make_graph(graph.nodes, "penna_llama", inputs, outputs, graph.initializers)
    opsets = [helper.make_opsetid("", _OPSET), helper.make_opsetid(_MS, 1)]
    return helper.make_model(body, opset_imports=opsets, producer_name="penna", ir_version=_IR_VERSION)
