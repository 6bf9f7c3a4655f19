"""Derived precisions of an fp32 export: int8 weights for the CPU, fp16 for CUDA."""

from __future__ import annotations

from pathlib import Path

PROTOBUF_LIMIT = 1_800_000_000  # bigger graphs keep their weights in an external data file


def _is_large(source: Path) -> bool:
    return sum(file.stat().st_size for file in source.parent.glob(source.name + "*")) > PROTOBUF_LIMIT


# Weight-only, block-wise 8-bit (MatMulNBits): activations stay in float, so answers stay close to fp32.
INT8_BLOCK_SIZE = 32


def untie_lm_head(model) -> None:
    """Give the lm_head MatMul its own constant weight so that the quantizer sees (and shrinks) it.

    Exporters feed a tied lm_head from Transpose(embedding); quantizers skip MatMuls whose weight is computed.
    """
    import numpy as np
    from onnx import numpy_helper

    graph = model.graph
    initializers = {tensor.name: tensor for tensor in graph.initializer}
    producers = {output: node for node in graph.node for output in node.output}
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] in initializers:
            continue
        transpose = producers.get(node.input[1])
        if transpose is not None and transpose.op_type == "Transpose" and transpose.input[0] in initializers:
            weight = numpy_helper.to_array(initializers[transpose.input[0]])
            name = transpose.input[0] + "_lm_head"
            graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(weight.T), name))
            node.input[1] = name


def to_int8(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    model = onnx.load(str(source))
    untie_lm_head(model)
    config = DefaultWeightOnlyQuantConfig(block_size=INT8_BLOCK_SIZE, is_symmetric=True, bits=8, accuracy_level=4)
    quantizer = MatMulNBitsQuantizer(model, bits=8, block_size=INT8_BLOCK_SIZE, is_symmetric=True, accuracy_level=4, algo_config=config)
    quantizer.process()
    quantizer.model.save_model_to_file(str(target), use_external_data_format=_is_large(source))


def to_fp16(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.transformers.float16 import convert_float_to_float16

    model = onnx.load(str(source))
    converted = convert_float_to_float16(model, keep_io_types=False, disable_shape_infer=True)
    onnx.save(converted, str(target), save_as_external_data=_is_large(source), location=target.name + "_data")
