"""Weights from a Hugging Face folder's safetensors files (one or many shards), read a run of rows at a time."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from math import prod
from pathlib import Path

import numpy as np

from runtime.errors import CorruptModelError, UnsupportedModelError
from runtime.export.model_config import ModelConfig
from runtime.export.sources import Blocks

_DTYPES: dict[str, np.dtype] = {"F32": np.dtype("<f4"), "F16": np.dtype("<f2"), "BF16": np.dtype("<u2")}


@dataclass(frozen=True)
class _Entry:
    file: int  # an open file descriptor
    dtype: str
    shape: tuple[int, ...]
    offset: int  # from the start of the file


class SafetensorsSource:
    def __init__(self, folder: Path) -> None:
        self.config = ModelConfig.from_folder(folder)
        self._files: list[int] = []
        self._entries: dict[str, _Entry] = {}
        for path in sorted(folder.glob("*.safetensors")):
            descriptor = os.open(path, os.O_RDONLY)
            self._files.append(descriptor)
            with path.open("rb") as file:
                length = int.from_bytes(file.read(8), "little")
                header = json.loads(file.read(length))
            for name, entry in header.items():
                if name == "__metadata__":
                    continue
                if entry["dtype"] not in _DTYPES:
                    raise UnsupportedModelError(f"{path.name}: {name} is stored as {entry['dtype']}; Penna reads "
                                                "float32, float16 and bfloat16 safetensors.")
                self._entries[name] = _Entry(descriptor, entry["dtype"], tuple(entry["shape"]),
                                             8 + length + entry["data_offsets"][0])

    @property
    def total_bytes(self) -> int:
        return sum(prod(entry.shape) * _DTYPES[entry.dtype].itemsize for entry in self._entries.values())

    def has(self, name: str) -> bool:
        return name in self._entries

    def shape(self, name: str) -> tuple[int, ...]:
        return self._entries[name].shape

    def read(self, name: str, start: int = 0, stop: int | None = None) -> np.ndarray:
        entry = self._entries[name]
        rows = entry.shape[0] if entry.shape else 1
        stop = rows if stop is None else stop
        row_elements = prod(entry.shape[1:])
        dtype = _DTYPES[entry.dtype]
        count = (stop - start) * row_elements
        data = os.pread(entry.file, count * dtype.itemsize, entry.offset + start * row_elements * dtype.itemsize)
        if len(data) != count * dtype.itemsize:
            raise CorruptModelError(f"The weights of {name} are cut short: download the model again.")
        values = np.frombuffer(data, dtype)
        if entry.dtype == "BF16":  # bfloat16 is the top half of a float32
            values = (values.astype(np.uint32) << 16).view(np.float32)
        return values.astype(np.float32, copy=False).reshape((stop - start, *entry.shape[1:]) if entry.shape else ())

    def block_bits(self, name: str) -> int | None:
        return None

    def read_blocks(self, name: str, start: int = 0, stop: int | None = None) -> Blocks:
        raise TypeError("safetensors weights are not stored in blocks")

    def read_extra(self, name: str) -> np.ndarray | None:
        return None

    def close(self) -> None:
        for descriptor in self._files:
            os.close(descriptor)
        self._files.clear()
