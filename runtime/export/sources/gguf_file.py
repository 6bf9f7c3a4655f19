"""A GGUF file's header: its metadata and where each tensor lies, read in one pass without gguf-py's reader.

gguf-py's ``GGUFReader`` builds a numpy view for every element of every metadata array; for a tokenizer's 50k-250k
strings that took about 2.5 s of the default model's preparation. Here numeric arrays are read with one
``frombuffer`` each and strings with a plain loop; ``values=False`` skips the metadata (a parameter count needs none).
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from math import prod
from pathlib import Path

import numpy as np

from runtime.errors import CorruptModelError

_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<B", 10: "<Q", 11: "<q", 12: "<d"}  # struct
_STRING, _ARRAY, _BOOL = 8, 9, 7
DEFAULT_ALIGNMENT = 32


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[int, ...]  # as numpy and transformers see it: rows first (GGUF lists the fastest dimension first)
    qtype: int  # a gguf.GGMLQuantizationType value
    offset: int  # from the start of the file


@dataclass(frozen=True)
class GGUFHeader:
    metadata: dict[str, object]
    tensors: dict[str, TensorInfo]

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", ""))

    def parameter_count(self) -> int:
        return sum(prod(info.shape) for info in self.tensors.values())


def read_header(path: Path, values: bool = True) -> GGUFHeader:
    """The header of the GGUF file at ``path``; CorruptModelError if it is not one or is cut short."""
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        try:
            if data[:4] != b"GGUF":
                raise ValueError("bad magic")
            return _Parser(data).header(values, len(data))
        except (ValueError, struct.error, UnicodeDecodeError) as error:
            raise CorruptModelError(f"{path} is truncated or damaged ({error}). Download it again.") from error


class _Parser:
    def __init__(self, data: mmap.mmap) -> None:
        self.data, self.offset = data, 4

    def header(self, values: bool, size: int) -> GGUFHeader:
        _version, tensor_count, metadata_count = self._unpack("<IQQ")
        metadata: dict = {}  # each value as _value read it: a number, a bool, a string or a list of them
        for _ in range(metadata_count):
            key = self._string()
            (kind,) = self._unpack("<I")
            value = self._value(kind, values)
            if values:
                metadata[key] = value
        infos = []
        for _ in range(tensor_count):
            name = self._string()
            (dimensions,) = self._unpack("<I")
            shape = self._unpack(f"<{dimensions}Q")
            qtype, offset = self._unpack("<IQ")
            infos.append((name, tuple(reversed(shape)), qtype, offset))
        alignment = int(metadata.get("general.alignment", DEFAULT_ALIGNMENT))
        start = -(-self.offset // alignment) * alignment
        tensors = {name: TensorInfo(name, shape, qtype, start + offset) for name, shape, qtype, offset in infos}
        if any(info.offset > size for info in tensors.values()):
            raise ValueError("tensor data lies past the end of the file")
        return GGUFHeader(metadata, tensors)

    def _unpack(self, layout: str) -> tuple:
        values = struct.unpack_from(layout, self.data, self.offset)
        self.offset += struct.calcsize(layout)
        return values

    def _string(self) -> str:
        (length,) = self._unpack("<Q")
        text = self.data[self.offset:self.offset + length].decode("utf-8")
        self.offset += length
        return text

    def _value(self, kind: int, keep: bool) -> object:
        if kind == _STRING:
            return self._string()
        if kind == _ARRAY:
            item_kind, count = self._unpack("<IQ")
            if item_kind in _SCALARS:
                dtype = np.dtype(_SCALARS[item_kind])
                end = self.offset + count * dtype.itemsize
                items = np.frombuffer(self.data[self.offset:end], dtype).tolist() if keep else None
                self.offset = end
                return [bool(item) for item in items] if items is not None and item_kind == _BOOL else items
            return [self._value(item_kind, keep) for _ in range(count)]
        if kind not in _SCALARS:
            raise ValueError(f"unknown metadata type {kind}")
        (value,) = self._unpack(_SCALARS[kind])
        return bool(value) if kind == _BOOL else value
