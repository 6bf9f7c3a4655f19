"""Initializers written to the graph's external data file as they are made, so no copy of the model stays in memory.

Each tensor of 1 KB or more goes to ``model.onnx_data`` at an offset aligned for memory-mapping and the graph keeps
only its name, shape and place; smaller ones (norm weights of tiny models, shape constants) stay inline.
"""

from __future__ import annotations

import mmap
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
        self._file = (folder / DATA_FILE).open("w+b")  # read too: the transpose maps its place

    def tensor(self, name: str, value: np.ndarray) -> TensorProto:
        value = np.ascontiguousarray(value)
        if value.nbytes < INLINE_LIMIT:
            return numpy_helper.from_array(value, name)
        return self.chunked(name, value.dtype, value.shape, [value])

    def chunked(self, name: str, dtype: npt.DTypeLike, shape: tuple[int, ...], chunks: Iterable[np.ndarray]) -> TensorProto:
        """A tensor written from ``chunks`` (consecutive parts of its row-major data) as they come."""
        offset = self._align()
        for chunk in chunks:
            self._file.write(np.ascontiguousarray(chunk, dtype=dtype).data)
        return self._external(name, dtype, shape, offset, self._file.tell() - offset)

    def transposed(self, name: str, dtype: npt.DTypeLike, shape: tuple[int, int], runs: Iterable[tuple[int, np.ndarray]],
                   ) -> TensorProto:
        """The [cols, rows] transpose of a [rows, cols] matrix given as runs of rows (first row, rows).

        Each run goes to its columns through a memory map of the tensor's place in the file, whose pages are
        handed back after each run: memory holds one run, never the matrix (a 262k-token lm_head is 671 MB).
        """
        rows, cols = shape
        offset = self._align()
        length = rows * cols * np.dtype(dtype).itemsize
        self._file.truncate(offset + length)
        with mmap.mmap(self._file.fileno(), length, offset=offset) as mapped:  # offset: a page boundary
            target = np.frombuffer(mapped, dtype).reshape(cols, rows)
            for start, run in runs:
                target[:, start:start + len(run)] = run.T
                mapped.flush()
                mapped.madvise(mmap.MADV_DONTNEED)
            del target  # the map closes only once no array looks into it
        self._file.seek(offset + length)
        return self._external(name, dtype, (cols, rows), offset, length)

    def _align(self) -> int:
        """Pad the data file to the next aligned offset, and return it."""
        self._file.write(b"\0" * (-self._file.tell() % ALIGNMENT))
        self._file.flush()
        return self._file.tell()

    def _external(self, name: str, dtype: npt.DTypeLike, shape: tuple[int, ...], offset: int, length: int) -> TensorProto:
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
