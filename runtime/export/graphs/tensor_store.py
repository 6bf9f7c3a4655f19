"""Initializers written to the graph's external data file as they are made, so no copy of the model stays in memory.

Each tensor of 1 KB or more goes to ``model.onnx_data`` at an offset aligned for memory-mapping and the graph keeps
only its name, shape and place; smaller ones (norm weights of tiny models, shape constants) stay inline.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnx
from onnx import TensorProto, helper, numpy_helper

DATA_FILE = "model.onnx_data"
INLINE_LIMIT = 1024
ALIGNMENT = 4096  # a page: ONNX Runtime can map each tensor straight from the file


class TensorStore:
    def __init__(self, folder: Path) -> None:
        self._file = (folder / DATA_FILE).open("wb")
        self.bytes_written = 0

    def tensor(self, name: str, value: np.ndarray) -> TensorProto:
        value = np.ascontiguousarray(value)
        if value.nbytes < INLINE_LIMIT:
            return numpy_helper.from_array(value, name)
        return self.chunked(name, value.dtype, value.shape, [value])

    def chunked(self, name: str, dtype: npt.DTypeLike, shape: tuple[int, ...], chunks: Iterable[np.ndarray]) -> TensorProto:
        """A tensor written from ``chunks`` (consecutive parts of its row-major data) as they come."""
        padding = -self._file.tell() % ALIGNMENT
        self._file.write(b"\0" * padding)
        offset = self._file.tell()
        for chunk in chunks:
            self._file.write(np.ascontiguousarray(chunk, dtype=dtype).data)
        length = self._file.tell() - offset
        self.bytes_written = self._file.tell()
        tensor = TensorProto(name=name, data_type=helper.np_dtype_to_tensor_dtype(np.dtype(dtype)), dims=shape,
                             data_location=TensorProto.EXTERNAL)
        for key, value in (("location", DATA_FILE), ("offset", str(offset)), ("length", str(length))):
            tensor.external_data.add(key=key, value=value)
        return tensor

    def close(self) -> None:
        self._file.close()


def save(model: onnx.ModelProto, path: Path) -> None:
    """The graph itself (its big tensors are already in the data file beside it)."""
    path.write_bytes(model.SerializeToString())
