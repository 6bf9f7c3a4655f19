"""An ONNX graph under construction: nodes and initializers in order, and the engine's inputs and outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

if TYPE_CHECKING:
    from torch import nn

OPSET = 17
IR_VERSION = 8  # the IR version of opset 17 (onnx writes a newer one by default, which onnxruntime may not read)
MS_DOMAIN = "com.microsoft"


class Graph:
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

    def model(self, name: str, vocab_size: int, kv_heads: int, head_dim: int, layer_count: int) -> onnx.ModelProto:
        """The finished model with the engine's interface: ``input_ids``, ``attention_mask`` and the KV cache in,
        last-position ``logits`` and the new KV cache out."""
        float_type = TensorProto.FLOAT
        inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
                  helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "total_sequence_length"])]
        outputs = [helper.make_tensor_value_info("logits", float_type, ["batch_size", 1, vocab_size])]
        for index in range(layer_count):
            for kind in ("key", "value"):
                inputs.append(helper.make_tensor_value_info(
                    f"past_key_values.{index}.{kind}", float_type, ["batch_size", kv_heads, "past_sequence_length", head_dim]))
                outputs.append(helper.make_tensor_value_info(
                    f"present.{index}.{kind}", float_type, ["batch_size", kv_heads, "total_sequence_length", head_dim]))
        body = helper.make_graph(self.nodes, name, inputs, outputs, self.initializers)
        opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid(MS_DOMAIN, 1)]
        return helper.make_model(body, opset_imports=opsets, producer_name="penna", ir_version=IR_VERSION)
