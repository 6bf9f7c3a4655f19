"""An ONNX graph under construction: nodes and initializers in order, and the engine's inputs and outputs."""

from __future__ import annotations

from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper

from runtime.export.graphs.tensor_store import TensorStore

OPSET = 17
IR_VERSION = 8  # the IR version of opset 17 (onnx writes a newer one by default, which onnxruntime may not read)
MS_DOMAIN = "com.microsoft"


class Graph:
    """Nodes and initializers accumulated in order; each constant goes to ``store`` as soon as it is made.

    Float constants take the graph's float type (float16 for an fp16 graph, whose inputs and outputs are float16 too).
    """

    def __init__(self, store: TensorStore, float_type: type = np.float32) -> None:
        self.store, self.float_type = store, np.dtype(float_type)
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []

    def constant(self, name: str, value: np.ndarray) -> str:
        if value.dtype.kind == "f":
            value = value.astype(self.float_type, copy=False)
        self.initializers.append(self.store.tensor(name, value))
        return name

    def node(self, op: str, inputs: list[str], outputs: list[str], name: str, domain: str = "", **attributes: Any) -> list[str]:
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name, domain=domain, **attributes))
        return outputs

    def model(self, name: str, vocab_size: int, kv_heads: int, head_dim: int, layer_count: int) -> onnx.ModelProto:
        """The finished model with the engine's interface: ``input_ids``, ``attention_mask`` and the KV cache in,
        last-position ``logits`` and the new KV cache out."""
        float_type = helper.np_dtype_to_tensor_dtype(self.float_type)
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
