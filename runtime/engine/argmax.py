"""Greedy choice on the session's device: a one-node ArgMax graph run over the logits buffer, so that on CUDA the id
(8 bytes) crosses to the host instead of the vocabulary's logits (128k float16 for Llama 3; numpy's argmax over them
alone took 0.8 ms a token on the H200 host).

The graph is a few protobuf fields written here: onnx is an export-time dependency, not a run-time one.
"""

from __future__ import annotations

import numpy as np
import onnxruntime as ort

_ELEMENT_TYPES = {np.dtype(np.float32): 1, np.dtype(np.float16): 10}  # onnx TensorProto.FLOAT, FLOAT16
_INT64, _ATTRIBUTE_INT = 7, 2
_OPSET, _IR_VERSION = 13, 8


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _number(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _message(field: int, payload: bytes | str) -> bytes:
    payload = payload.encode() if isinstance(payload, str) else payload
    return _varint(field << 3 | 2) + _varint(len(payload)) + payload


def _tensor_value(name: str, element_type: int, dims: tuple[int, ...]) -> bytes:
    shape = b"".join(_message(1, _number(1, dim)) for dim in dims)  # TensorShapeProto.dim.dim_value
    tensor_type = _number(1, element_type) + _message(2, shape)  # TypeProto.Tensor: elem_type, shape
    return _message(1, name) + _message(2, _message(1, tensor_type))  # ValueInfoProto: name, type.tensor_type


def argmax_model(vocab_size: int, dtype: np.dtype) -> bytes:
    """An ONNX model: ``ids`` [1, 1] int64 = ArgMax(``logits`` [1, 1, vocab_size], axis -1)."""
    axis = _message(1, "axis") + _number(3, (1 << 64) - 1) + _number(20, _ATTRIBUTE_INT)  # i = -1 as a 64-bit varint
    keepdims = _message(1, "keepdims") + _number(3, 0) + _number(20, _ATTRIBUTE_INT)
    node = _message(1, "logits") + _message(2, "ids") + _message(3, "argmax") + _message(4, "ArgMax") + \
        _message(5, axis) + _message(5, keepdims)
    graph = _message(1, node) + _message(2, "penna_argmax") + \
        _message(11, _tensor_value("logits", _ELEMENT_TYPES[np.dtype(dtype)], (1, 1, vocab_size))) + \
        _message(12, _tensor_value("ids", _INT64, (1, 1)))
    return _number(1, _IR_VERSION) + _message(2, "penna") + _message(7, graph) + _message(8, _number(2, _OPSET))


class DeviceArgmax:
    """The argmax of a logits OrtValue [1, 1, vocab], computed on ``device`` ("CUDA" or "CPU") where the value lies.

    One session per engine; ``bind`` points it at a decoder's logits buffer.
    """

    def __init__(self, vocab_size: int, dtype: type, device: str) -> None:
        providers = ["CUDAExecutionProvider", "CPUExecutionProvider"] if device == "CUDA" else ["CPUExecutionProvider"]
        self._session = ort.InferenceSession(argmax_model(vocab_size, np.dtype(dtype)), providers=providers)
        self._binding = self._session.io_binding()
        self._binding.bind_output("ids", "cpu")

    def bind(self, logits: ort.OrtValue) -> None:
        self._binding.bind_ortvalue_input("logits", logits)

    def __call__(self) -> int:
        self._session.run_with_iobinding(self._binding)
        return int(self._binding.copy_outputs_to_cpu()[0][0, 0])
