"""Weights from a GGUF file under transformers' names, undoing what llama.cpp's converter changed.

llama.cpp permutes the rows of llama's q/k projections for its rotary layout and stores Gemma's RMSNorm weights
plus one; both are undone here, as transformers' GGUF loader does. Tensors are de-quantized by gguf-py's numpy code a
run of rows at a time; Q8_0 and Q4_0 rows can instead be handed over in MatMulNBits' block layout, bits unchanged.
"""

from __future__ import annotations

import os
from math import prod
from pathlib import Path

import numpy as np

from runtime.errors import CorruptModelError
from runtime.export.model_config import ModelConfig
from runtime.export.sources import BLOCK_SIZE, Blocks
from runtime.export.sources.gguf_config import config_from_gguf
from runtime.export.sources.gguf_file import TensorInfo, read_header

_SUFFIXES = (".weight", ".bias")


class GGUFSource:
    def __init__(self, path: Path) -> None:
        import gguf

        self._gguf = gguf
        self.header = read_header(path)
        self.config = ModelConfig(config_from_gguf(self.header))
        self._file = os.open(path, os.O_RDONLY)
        architecture = next(key for key, name in gguf.MODEL_ARCH_NAMES.items() if name == self.header.architecture)
        self._names = gguf.get_tensor_name_map(architecture, self.config.num_hidden_layers)
        self._permuted = self.header.architecture in ("llama", "mistral")
        self._norm_offset = 1.0 if self.header.architecture == "gemma3" else 0.0

    @property
    def total_bytes(self) -> int:
        return sum(self._stored_bytes(info.qtype, info.shape) for info in self.header.tensors.values())

    def _gguf_name(self, name: str) -> str | None:
        for suffix in _SUFFIXES:
            if name.endswith(suffix):
                found = self._names.get_name(name[: -len(suffix)])
                return found + suffix if found else None
        return None

    def _info(self, name: str) -> TensorInfo:
        gguf_name = self._gguf_name(name)
        if gguf_name is None or gguf_name not in self.header.tensors:
            raise KeyError(name)
        return self.header.tensors[gguf_name]

    def has(self, name: str) -> bool:
        gguf_name = self._gguf_name(name)
        return gguf_name is not None and gguf_name in self.header.tensors

    def shape(self, name: str) -> tuple[int, ...]:
        return self._info(name).shape

    def _stored_bytes(self, qtype: int, shape: tuple[int, ...]) -> int:
        block, block_bytes = self._gguf.GGML_QUANT_SIZES[self._gguf.GGMLQuantizationType(qtype)]
        return prod(shape) // block * block_bytes

    def _raw(self, info: TensorInfo, start: int, stop: int) -> np.ndarray:
        """Rows start:stop as stored: uint8 [rows, bytes per row]."""
        row_bytes = self._stored_bytes(info.qtype, (1, *info.shape[1:])) if len(info.shape) > 1 \
            else self._stored_bytes(info.qtype, info.shape)
        data = os.pread(self._file, (stop - start) * row_bytes, info.offset + start * row_bytes)
        if len(data) != (stop - start) * row_bytes:
            raise CorruptModelError(f"{info.name} is cut short in the GGUF file: download it again.")
        return np.frombuffer(data, np.uint8).reshape(stop - start, row_bytes)

    def _dequantize(self, raw: np.ndarray, info: TensorInfo) -> np.ndarray:
        """``raw`` (rows of ``info``'s tensor as _raw reads them) de-quantized by gguf-py's numpy code."""
        return self._gguf.quants.dequantize(raw, self._gguf.GGMLQuantizationType(info.qtype))

    def _row_order(self, name: str, rows: int) -> np.ndarray | None:
        """Which stored row each transformers row is, for llama's permuted q/k projections (None: the same order)."""
        if not self._permuted or not name.endswith((".q_proj.weight", ".k_proj.weight")):
            return None
        heads = self.config.num_attention_heads if ".q_proj" in name else self.config.num_key_value_heads
        half = rows // heads // 2
        # stored row (head, 2j + i) holds transformers' row (head, i * half + j)
        return np.arange(rows).reshape(heads, half, 2).transpose(0, 2, 1).reshape(rows)

    def _rows(self, name: str, info: TensorInfo, start: int, stop: int) -> np.ndarray:
        """Transformers' rows start:stop as stored (uint8); permuted ones read from the stored rows that hold them
        (a permutation within heads: the run's heads, not the whole tensor)."""
        order = self._row_order(name, info.shape[0])
        if order is None:
            return self._raw(info, start, stop)
        wanted = order[start:stop]
        first = int(wanted.min())
        return self._raw(info, first, int(wanted.max()) + 1)[wanted - first]

    def read(self, name: str, start: int = 0, stop: int | None = None) -> np.ndarray:
        info = self._info(name)
        if len(info.shape) == 1:
            values = self._dequantize(self._raw(info, 0, 1), info).reshape(info.shape)
            values = values.astype(np.float32)
            return values - np.float32(self._norm_offset) if "norm" in name else values
        stop = info.shape[0] if stop is None else stop
        return self._dequantize(self._rows(name, info, start, stop), info).astype(np.float32, copy=False)

    def block_bits(self, name: str) -> int | None:
        qtype = self._gguf.GGMLQuantizationType(self._info(name).qtype)
        return {self._gguf.GGMLQuantizationType.Q8_0: 8, self._gguf.GGMLQuantizationType.Q4_0: 4}.get(qtype)

    def read_blocks(self, name: str, start: int = 0, stop: int | None = None) -> Blocks:
        info = self._info(name)
        bits = self.block_bits(name)
        if bits is None:
            raise TypeError(f"{name} is not stored in Q8_0 or Q4_0 blocks")
        stop = info.shape[0] if stop is None else stop
        raw = self._rows(name, info, start, stop)
        blocks = raw.reshape(raw.shape[0], -1, 2 + BLOCK_SIZE * bits // 8)
        scales = blocks[:, :, :2].copy().view(np.float16)[..., 0].astype(np.float32)
        values = blocks[:, :, 2:]
        if bits == 8:
            return Blocks(8, values ^ np.uint8(0x80), scales)  # int8 q -> uint8 q + 128 (zero point 128)
        # Q4_0: elements 0-15 in the low nibbles, 16-31 in the high; MatMulNBits pairs elements 2j (low) and 2j+1 (high)
        elements = np.concatenate([values & 0x0F, values >> 4], axis=2)
        return Blocks(4, (elements[:, :, 0::2] | (elements[:, :, 1::2] << 4)).astype(np.uint8), scales)

    def read_extra(self, name: str) -> np.ndarray | None:
        info = self.header.tensors.get(name)
        if info is None:
            return None
        return self._dequantize(self._raw(info, 0, 1), info).reshape(info.shape).astype(np.float32)

    def close(self) -> None:
        os.close(self._file)
