"""One model forward step at a time with the KV cache kept between steps (present.* fed back as past_key_values.*)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import onnxruntime as ort

_PAST = re.compile(r"^past_key_values\.(\d+)\.(key|value)$")
_NUMPY_TYPES = {"tensor(float)": np.float32, "tensor(float16)": np.float16}


@dataclass(frozen=True)
class GraphLayout:
    """What the decode loop needs to know about a graph, read from its inputs (not from a list of model types)."""

    past_names: tuple[str, ...]
    present_names: tuple[str, ...]
    kv_heads: int
    head_dim: int
    kv_dtype: type
    feeds_attention_mask: bool
    feeds_position_ids: bool

    @classmethod
    def of(cls, session: ort.InferenceSession) -> GraphLayout:
        inputs = {node.name: node for node in session.get_inputs()}
        past = sorted((name for name in inputs if _PAST.match(name)), key=lambda name: (int(_PAST.match(name)[1]), name))
        first = inputs[past[0]]
        _, kv_heads, _, head_dim = first.shape
        return cls(
            past_names=tuple(past),
            present_names=tuple(name.replace("past_key_values", "present") for name in past),
            kv_heads=int(kv_heads), head_dim=int(head_dim), kv_dtype=_NUMPY_TYPES[first.type],
            feeds_attention_mask="attention_mask" in inputs, feeds_position_ids="position_ids" in inputs,
        )


class Decoder:
    """Runs the graph on new token ids and returns the last position's logits, advancing the cache.

    IO binding keeps the cache where the session computes (on the GPU for CUDA) and avoids copying it
    into numpy between steps.
    """

    def __init__(self, session: ort.InferenceSession, device: str):
        self.session = session
        self.layout = GraphLayout.of(session)
        self._device = "cuda" if device == "CUDA" else "cpu"
        self.reset()

    def reset(self) -> None:
        layout = self.layout
        empty = np.zeros((1, layout.kv_heads, 0, layout.head_dim), dtype=layout.kv_dtype)
        self._past = [ort.OrtValue.ortvalue_from_numpy(empty, self._device) for _ in layout.past_names]
        self.length = 0

    def forward(self, token_ids: list[int]) -> np.ndarray:
        layout, count = self.layout, len(token_ids)
        binding = self.session.io_binding()
        binding.bind_cpu_input("input_ids", np.asarray([token_ids], dtype=np.int64))
        if layout.feeds_attention_mask:
            binding.bind_cpu_input("attention_mask", np.ones((1, self.length + count), dtype=np.int64))
        if layout.feeds_position_ids:
            binding.bind_cpu_input("position_ids", np.arange(self.length, self.length + count, dtype=np.int64)[None, :])
        for name, value in zip(layout.past_names, self._past):
            binding.bind_ortvalue_input(name, value)
        binding.bind_output("logits", "cpu")
        for name in layout.present_names:
            binding.bind_output(name, self._device)
        self.session.run_with_iobinding(binding)
        logits, *self._past = binding.get_outputs()
        self.length += count
        return logits.numpy()[0, -1]
