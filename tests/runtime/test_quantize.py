"""The embedding table of int8 and int4 exports, stored as 8-bit blocks (runtime.export.quantize)."""

from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from runtime import models
from runtime.engine import Engine
from runtime.export import ensure_exported
from runtime.export.quantize import EMBEDDING_BLOCK_SIZE
from tests.runtime.test_parity import build_tiny_model


def test_the_embedding_is_gathered_from_8_bit_blocks_that_keep_its_values(tmp_path):
    folder = tmp_path / "tiny-llama"
    build_tiny_model("llama", folder)
    info = models.add_model(str(folder))
    fp32, int8 = ensure_exported(info.name), ensure_exported(info.name, "int8")
    fp32_graph, int8_graph = onnx.load(str(fp32.onnx_path)).graph, onnx.load(str(int8.onnx_path)).graph
    (gather,) = [node for node in fp32_graph.node if node.op_type == "Gather" and node.input[1] == "input_ids"]
    table = numpy_helper.to_array(next(tensor for tensor in fp32_graph.initializer if tensor.name == gather.input[0]))

    (quantized,) = [node for node in int8_graph.node if node.op_type == "GatherBlockQuantized"]
    attributes = {attribute.name: onnx.helper.get_attribute_value(attribute) for attribute in quantized.attribute}
    assert (attributes["bits"], attributes["block_size"]) == (8, EMBEDDING_BLOCK_SIZE)
    assert not any(node.op_type == "Gather" and node.input[1] == "input_ids" for node in int8_graph.node)
    tensors = {tensor.name: numpy_helper.to_array(tensor) for tensor in int8_graph.initializer}
    assert not any(value.dtype == np.float32 and value.size >= table.size for value in tensors.values())

    data, scales, zero_points = (tensors[name] for name in quantized.input[0:1] + quantized.input[2:4])
    blocks = data.reshape(*scales.shape, EMBEDDING_BLOCK_SIZE).astype(np.float32) - zero_points[..., None]
    restored = (blocks * scales[..., None]).reshape(table.shape)
    assert np.all(np.abs(restored - table) <= scales.repeat(EMBEDDING_BLOCK_SIZE, axis=1) / 2 + 1e-7)

    prompt = [5, 17, 42, 99, 3, 7]
    expected = Engine(fp32, device="cpu").decoder().forward(prompt)
    assert np.corrcoef(Engine(int8, device="cpu").decoder().forward(prompt), expected)[0, 1] > 0.99
