"""A model's weights as initializers at one precision, each read, encoded and written before the next is read.

fp32 / fp16: float MatMul weights stored [in, out]. int8 / int4: MatMulNBits blocks made by ONNX Runtime's own
quantizer kernels (the ones its MatMulNBitsQuantizer calls, so a streamed model's blocks are those of a quantized
fp32 export, bit for bit), a run of rows at a time, and an 8-bit embedding table. GGUF weights already stored in
Q8_0 / Q4_0 blocks are carried over as they are where their bits fit the precision asked for: llama.cpp's weights,
with no second rounding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from runtime.export.quantize import BLOCK_SCHEMES, EMBEDDING_BLOCK_SIZE, BlockScheme, quantize_embedding_rows
from runtime.export.sources import BLOCK_SIZE, WeightSource
from runtime.export.graphs.tensor_store import TensorStore

if TYPE_CHECKING:
    from runtime.export.graphs.onnx_graph import Graph

MS_DOMAIN = "com.microsoft"
CHUNK_BYTES = 64 * 2**20  # float32 rows read and encoded at once


class Weights:
    def __init__(self, source: WeightSource, store: TensorStore, precision: str,
                 on_read: Callable[[int], None] = lambda _elements: None) -> None:
        self.source, self.store, self.precision = source, store, precision
        self.scheme: BlockScheme | None = BLOCK_SCHEMES.get(precision)
        self._on_read = on_read

    def read(self, name: str) -> np.ndarray:
        """A whole float32 tensor (norms, biases: small ones)."""
        values = self.source.read(name)
        self._on_read(values.size)
        return values

    def _row_runs(self, name: str) -> Iterator[tuple[int, int]]:
        rows, *rest = self.source.shape(name)
        step = max(1, CHUNK_BYTES // (4 * int(np.prod(rest or [1]))))
        for start in range(0, rows, step):
            yield start, min(rows, start + step)

    def _read_rows(self, name: str, start: int, stop: int) -> np.ndarray:
        values = self.source.read(name, start, stop)
        self._on_read(values.size)
        return values

    # MatMul weights ----------------------------------------------------------------------------------------
    def linear(self, graph: Graph, names: list[str], x: str, name: str) -> str:
        """x @ [W1; W2; ...].T (+ b) for transformers Linear weights sharing an input, as one MatMul or MatMulNBits."""
        if self.scheme is None:
            weight = np.concatenate([self.read(weight_name) for weight_name in names]).T
            y = graph.node("MatMul", [x, graph.constant(f"{name}.weight", weight)], [f"{name}/MatMul"], f"{name}/MatMul")[0]
        else:
            y = self.blocks_matmul(graph, names, x, f"{name}.weight", f"{name}/MatMul", f"{name}/MatMul", self.scheme)
        biases = [weight_name.removesuffix(".weight") + ".bias" for weight_name in names]
        if not self.source.has(biases[0]):
            return y
        bias = np.concatenate([self.read(bias_name) for bias_name in biases])
        return graph.node("Add", [y, graph.constant(f"{name}.bias", bias)], [f"{name}/Add"], f"{name}/Add")[0]

    def blocks_matmul(self, graph: Graph, names: list[str], x: str, weight: str, output: str, node_name: str,
                      scheme: BlockScheme) -> str:
        """One MatMulNBits over the rows of ``names`` (output features), named as ONNX Runtime's quantizer names it."""
        carried = {self.source.block_bits(weight_name) for weight_name in names}
        stored = carried.pop() if len(carried) == 1 else None  # the bits all of ``names`` are stored in, if any
        if stored is not None and stored <= scheme.bits:
            carry, bits, block_size = True, stored, BLOCK_SIZE
        else:
            carry, bits, block_size = False, scheme.bits, scheme.block_size
        inner = self.source.shape(names[0])[1]
        outer = sum(self.source.shape(weight_name)[0] for weight_name in names)
        blocks = -(-inner // block_size)
        scales: list[np.ndarray] = []

        def packed_runs() -> Iterator[np.ndarray]:
            for weight_name in names:
                for start, stop in self._row_runs(weight_name):
                    if carry:
                        run = self.source.read_blocks(weight_name, start, stop)
                        self._on_read(run.packed.size * 8 // bits)
                        packed, run_scales = run.packed, run.scales
                    else:
                        packed, run_scales = quantize_rows(self._read_rows(weight_name, start, stop), bits, block_size,
                                                           scheme.symmetric)
                    scales.append(run_scales)
                    yield packed

        shape = (outer, blocks, block_size * bits // 8)
        graph.initializers.append(self.store.chunked(f"{weight}_Q{bits}", np.uint8, shape, packed_runs()))
        graph.constant(f"{weight}_scales", np.concatenate(scales))
        attributes = {"K": inner, "N": outer, "bits": bits, "block_size": block_size}
        if scheme.accuracy_level:
            attributes["accuracy_level"] = scheme.accuracy_level
        return graph.node("MatMulNBits", [x, f"{weight}_Q{bits}", f"{weight}_scales"], [output], f"{node_name}_Q{bits}",
                          domain=MS_DOMAIN, **attributes)[0]

    def lm_head(self, graph: Graph, name: str, x: str, output: str) -> str:
        """The output projection of ``x`` by the [vocab, hidden] table ``name`` (the embedding where tied)."""
        if self.scheme is None:  # the [hidden, vocab] transpose, written a run of the table's rows at a time
            rows, width = self.source.shape(name)
            runs = ((start, self._read_rows(name, start, stop)) for start, stop in self._row_runs(name))
            graph.initializers.append(self.store.transposed("lm_head.weight", graph.float_type, (rows, width), runs))
            return graph.node("MatMul", [x, "lm_head.weight"], [output], "/lm_head/MatMul")[0]
        return self.blocks_matmul(graph, [name], x, "lm_head.weight", output, "/lm_head/MatMul",
                                  self.scheme.lm_head or self.scheme)

    # the token embedding ------------------------------------------------------------------------------------
    def embedding(self, graph: Graph, name: str, scale: np.float32 | None, output: str) -> str:
        """Rows of the [vocab, hidden] table ``name`` (times ``scale``) gathered by ``input_ids``; 8-bit blocks in the
        int precisions (named as runtime.export.quantize.quantize_embedding names them)."""
        rows, width = self.source.shape(name)
        if self.scheme is None or width % EMBEDDING_BLOCK_SIZE:
            def table_runs() -> Iterator[np.ndarray]:
                for start, stop in self._row_runs(name):
                    table = self._read_rows(name, start, stop)
                    yield table * scale if scale is not None else table

            table = self.store.chunked("embed_tokens.weight", graph.float_type, (rows, width), table_runs())
            graph.initializers.append(table)
            return graph.node("Gather", ["embed_tokens.weight", "input_ids"], [output], "/embed/Gather")[0]
        scales: list[np.ndarray] = []
        carry = self.source.block_bits(name) == 8 and EMBEDDING_BLOCK_SIZE == BLOCK_SIZE

        def data_runs() -> Iterator[np.ndarray]:
            for start, stop in self._row_runs(name):
                if carry:
                    run = self.source.read_blocks(name, start, stop)
                    self._on_read(run.packed.size)
                    data, run_scales = run.packed.reshape(stop - start, width), run.scales
                    run_scales = run_scales * scale if scale is not None else run_scales
                else:
                    table = self._read_rows(name, start, stop)
                    data, run_scales = quantize_embedding_rows(table * scale if scale is not None else table)
                scales.append(run_scales.astype(np.float32))
                yield data

        base = "embed_tokens.weight"
        graph.initializers.append(self.store.chunked(f"{base}_q8", np.uint8, (rows, width), data_runs()))
        all_scales = np.concatenate(scales)
        graph.constant(f"{base}_scales", all_scales)
        graph.constant(f"{base}_zero_points", np.full(all_scales.shape, 128, np.uint8))
        return graph.node("GatherBlockQuantized", [f"{base}_q8", "input_ids", f"{base}_scales", f"{base}_zero_points"],
                          [output], "/embed/Gather_q8", domain=MS_DOMAIN, gather_axis=0, quantize_axis=1,
                          block_size=EMBEDDING_BLOCK_SIZE, bits=8)[0]


def quantize_rows(rows: np.ndarray, bits: int, block_size: int, symmetric: bool) -> tuple[np.ndarray, np.ndarray]:
    """MatMulNBits blocks [n, blocks, bytes] and scales [n, blocks] of float32 weight rows [n, K], by ONNX Runtime's
    kernels exactly as its MatMulNBitsQuantizer calls them (the weight as [K, n], K padded to whole blocks)."""
    from onnxruntime.capi._pybind_state import quantize_matmul_4bits, quantize_matmul_8bits

    count, inner = rows.shape
    blocks = -(-inner // block_size)
    weight = np.zeros((blocks * block_size, count), np.float32)
    weight[:inner] = rows.T
    packed = np.zeros((count, blocks, block_size * bits // 8), np.uint8)
    scales = np.zeros((count, blocks), np.float32)
    zero_points = np.zeros((count, -(-blocks // (8 // bits))), np.uint8)
    kernel = quantize_matmul_8bits if bits == 8 else quantize_matmul_4bits
    kernel(packed, weight, scales, zero_points, block_size, count, inner, symmetric)
    return packed, scales
