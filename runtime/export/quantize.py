"""Derived precisions of an fp32 export: int8 and int4 weights for the CPU, fp16 for CUDA."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import onnx

PROTOBUF_LIMIT = 1_800_000_000  # bigger graphs keep their weights in an external data file


def _is_large(source: Path) -> bool:
    return sum(file.stat().st_size for file in source.parent.glob(source.name + "*")) > PROTOBUF_LIMIT


@dataclass(frozen=True)
class BlockScheme:
    """Weight-only, block-wise MatMulNBits: each block of weights gets its own scale, so answers stay close to fp32."""

    bits: int
    block_size: int
    symmetric: bool = True
    accuracy_level: int = 4  # the kernel's compute type: 4 = int8 activations (fastest on the CPU), 1 = fp32
    lm_head: BlockScheme | None = None  # the lm_head's own scheme; None: the same as every other MatMul


# Chosen with bench/bench_quantization.py (teacher-forced agreement with fp32, then decode tok/s). int4: over five
# prompts blocks of 32 keep Gemma 3 270M's answers best (591/640 against 579 for blocks of 64) and decode faster there
# on a quiet machine (60.2 against 55.1 tok/s, 2026-11-29); an 8-bit lm_head added no agreement and cost decode speed;
# SmolLM2-135M agrees as much with blocks of 32 as with 64 (455 vs 458 of 640).
INT8 = BlockScheme(bits=8, block_size=32)
INT4 = BlockScheme(bits=4, block_size=32)
BLOCK_SCHEMES = {"int8": INT8, "int4": INT4}


def untie_lm_head(model: onnx.ModelProto) -> None:
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


BLOCKS_FORMAT = 2  # bump when to_blocks writes another file for the same scheme (2: the 8-bit embedding)

# The embedding table of an int8 or int4 model: 8-bit blocks (a float table is as big as the lm_head again —
# Gemma 3's 262,144 x 640 is 671 MB in float — and only one row per token is ever read, so 8 bits cost no speed).
EMBEDDING_BLOCK_SIZE = 32


def quantize_embedding_rows(table: np.ndarray, block_size: int = EMBEDDING_BLOCK_SIZE) -> tuple[np.ndarray, np.ndarray]:
    """Rows of a float table as symmetric 8-bit blocks of ``block_size``: uint8 data (q + 128) and float scales."""
    import numpy as np

    rows, width = table.shape
    blocks = table.reshape(rows, width // block_size, block_size)
    scales = np.abs(blocks).max(axis=2) / 127
    safe = np.where(scales == 0, 1, scales)[..., None]
    return (np.clip(np.round(blocks / safe), -127, 127) + 128).astype(np.uint8).reshape(rows, width), scales


def quantize_embedding(model: onnx.ModelProto, block_size: int = EMBEDDING_BLOCK_SIZE) -> None:
    """The token embedding (a Gather of a constant float table by ``input_ids``) as 8-bit blocks, in place.

    GatherBlockQuantized dequantizes only the rows it gathers; symmetric blocks of ``block_size`` along the hidden
    axis, stored as uint8 around a zero point of 128.
    """
    import numpy as np
    from onnx import helper, numpy_helper

    graph = model.graph
    if not any(opset.domain == "com.microsoft" for opset in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    initializers = {tensor.name: tensor for tensor in graph.initializer}
    for index, node in enumerate(graph.node):
        if node.op_type != "Gather" or node.input[1] != "input_ids" or node.input[0] not in initializers:
            continue
        table = numpy_helper.to_array(initializers[node.input[0]])
        if table.shape[1] % block_size:
            continue  # left in float: no partial blocks
        data, scales = quantize_embedding_rows(table, block_size)
        name = node.input[0]
        graph.initializer.remove(initializers[name])
        graph.initializer.extend([numpy_helper.from_array(data, f"{name}_q8"),
                                  numpy_helper.from_array(scales.astype(np.float32), f"{name}_scales"),
                                  numpy_helper.from_array(np.full(scales.shape, 128, np.uint8), f"{name}_zero_points")])
        graph.node.remove(node)
        graph.node.insert(index, helper.make_node(
            "GatherBlockQuantized", [f"{name}_q8", "input_ids", f"{name}_scales", f"{name}_zero_points"],
            list(node.output), node.name + "_q8", domain="com.microsoft", gather_axis=0, quantize_axis=1,
            block_size=block_size, bits=8))


def lm_head_node(model: onnx.ModelProto) -> str:
    """The name of the lm_head: the last MatMul with a constant weight (graphs are topologically sorted)."""
    initializers = {tensor.name for tensor in model.graph.initializer}
    return [node.name for node in model.graph.node if node.op_type == "MatMul" and node.input[1] in initializers][-1]


def _quantize(model: onnx.ModelProto, scheme: BlockScheme, exclude: tuple[str, ...] = ()) -> onnx.ModelProto:
    """``model`` with every MatMul of constant weight, but those named in ``exclude``, in MatMulNBits of ``scheme``."""
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    options = {"bits": scheme.bits, "block_size": scheme.block_size, "is_symmetric": scheme.symmetric,
               "accuracy_level": scheme.accuracy_level}
    quantizer = MatMulNBitsQuantizer(model, **options, nodes_to_exclude=list(exclude),
                                     algo_config=DefaultWeightOnlyQuantConfig(**options))
    quantizer.process()
    return quantizer.model.model


def to_blocks(source: Path, target: Path, scheme: BlockScheme) -> None:
    """Quantize every MatMul with a constant weight (the lm_head included) to ``scheme``, the embedding to 8 bits.

    A scheme with its own lm_head scheme takes two passes: the layers first, the lm_head left alone, then the lm_head
    (the quantizer's per-node configs do not reach its default algorithm).
    """
    import onnx
    from onnxruntime.quantization.onnx_model import ONNXModel

    model = onnx.load(str(source))
    untie_lm_head(model)
    quantize_embedding(model)
    if scheme.lm_head is None:
        model = _quantize(model, scheme)
    else:
        model = _quantize(_quantize(model, scheme, exclude=(lm_head_node(model),)), scheme.lm_head)
    ONNXModel(model).save_model_to_file(str(target), use_external_data_format=_is_large(source))


def to_fp16(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.transformers.float16 import convert_float_to_float16

    model = onnx.load(str(source))
    converted = convert_float_to_float16(model, keep_io_types=False, disable_shape_infer=True)
    onnx.save(converted, str(target), save_as_external_data=_is_large(source), location=target.name + "_data")
