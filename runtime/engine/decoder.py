"""One model forward step at a time with the KV cache kept between steps.

Two caches: ``Decoder`` feeds present.* back as past_key_values.* (the cache grows by one position per step, any
graph); ``StaticDecoder`` keeps one preallocated buffer per layer that Penna's GroupQueryAttention graphs update
in place (nothing grows, one IO binding for every step, static shapes for CUDA graphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import onnxruntime as ort

_PAST = re.compile(r"^past_key_values\.(\d+)\.(key|value)$")
_NUMPY_TYPES: dict[str, type[np.floating]] = {"tensor(float)": np.float32, "tensor(float16)": np.float16}
_FUSED_PRODUCER = "penna"  # runtime.export.graphs: GroupQueryAttention reading seqlens_k from attention_mask


@dataclass(frozen=True)
class GraphLayout:
    """What the decode loop needs to know about a graph, read from its inputs (not from a list of model types)."""

    past_names: tuple[str, ...]
    present_names: tuple[str, ...]
    kv_heads: int
    head_dim: int
    kv_dtype: type[np.floating]
    feeds_attention_mask: bool
    feeds_position_ids: bool
    shares_cache_buffer: bool  # past and present may be one buffer (GroupQueryAttention): StaticDecoder works
    vocab_size: int
    logits_dtype: type

    @classmethod
    def of(cls, session: ort.InferenceSession) -> GraphLayout:
        inputs = {node.name: node for node in session.get_inputs()}
        layers = {name: int(match[1]) for name in inputs if (match := _PAST.match(name))}
        past = sorted(layers, key=lambda name: (layers[name], name))
        first, logits = inputs[past[0]], session.get_outputs()[0]
        _, kv_heads, _, head_dim = first.shape
        return cls(
            past_names=tuple(past),
            present_names=tuple(name.replace("past_key_values", "present") for name in past),
            kv_heads=int(kv_heads), head_dim=int(head_dim), kv_dtype=_NUMPY_TYPES[first.type],
            feeds_attention_mask="attention_mask" in inputs, feeds_position_ids="position_ids" in inputs,
            shares_cache_buffer=session.get_modelmeta().producer_name == _FUSED_PRODUCER,
            vocab_size=int(logits.shape[-1]), logits_dtype=_NUMPY_TYPES[logits.type],
        )


def _ort_device(device: str) -> str:
    return "cuda" if device == "CUDA" else "cpu"


class Decoder:
    """Runs the graph on new token ids and returns the last position's logits, advancing the cache.

    IO binding keeps the cache where the session computes (on the GPU for CUDA) and avoids copying it
    into numpy between steps.
    """

    def __init__(self, session: ort.InferenceSession, device: str) -> None:
        self.session = session
        self.layout = GraphLayout.of(session)
        self._device = _ort_device(device)
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


class StaticDecoder:
    """The KV cache in one buffer of ``capacity`` positions per layer, bound as both past and present.

    GroupQueryAttention shares the buffer when past and present are the same memory (ONNX Runtime compares the
    two pointers, on the CPU and on CUDA): it writes the new positions in place and attends over seqlens_k + 1
    positions (from the attention mask), so the buffer never grows or moves and one IO binding serves every step.
    The logits stay in a buffer on the session's device (``logits``) until ``forward`` copies the last row out.

    ``cuda_graph`` (a session opened with CUDA graphs): the mask spans the whole capacity (zeros past the valid
    length) and decode steps read their inputs from fixed device buffers, so every decode step has the same
    shapes and addresses and ONNX Runtime replays one captured graph; the prompt runs outside the graph.
    """

    _PROMPT_RUN = "-1"  # gpu_graph_id of runs that are neither captured nor replayed
    _DECODE_GRAPH = "1"

    def __init__(self, session: ort.InferenceSession, device: str, capacity: int, cuda_graph: bool = False) -> None:
        self.session, self.layout, self.capacity = session, GraphLayout.of(session), capacity
        self._device, self._cuda_graph = _ort_device(device), cuda_graph
        layout = self.layout
        shape = (1, layout.kv_heads, capacity, layout.head_dim)
        self._cache = [ort.OrtValue.ortvalue_from_shape_and_type(shape, layout.kv_dtype, self._device) for _ in layout.past_names]
        self.logits = ort.OrtValue.ortvalue_from_shape_and_type((1, 1, layout.vocab_size), layout.logits_dtype, self._device)
        self._binding = session.io_binding()
        for past, present, buffer in zip(layout.past_names, layout.present_names, self._cache):
            self._binding.bind_ortvalue_input(past, buffer)
            self._binding.bind_ortvalue_output(present, buffer)
        self._binding.bind_ortvalue_output("logits", self.logits)
        self._mask = np.ones((1, capacity), dtype=np.int64)
        if cuda_graph:
            self._step_ids = ort.OrtValue.ortvalue_from_shape_and_type((1, 1), np.int64, self._device)
            self._step_mask = ort.OrtValue.ortvalue_from_numpy(self._mask, self._device)
            self._prompt_options, self._step_options = ort.RunOptions(), ort.RunOptions()
            self._prompt_options.add_run_config_entry("gpu_graph_id", self._PROMPT_RUN)
            self._step_options.add_run_config_entry("gpu_graph_id", self._DECODE_GRAPH)
        self.length = 0

    def reset(self) -> None:
        self.length = 0  # what the buffers hold past the valid length is never read

    def forward(self, token_ids: list[int]) -> np.ndarray:
        """The last position's logits after ``token_ids``; the cache must have room for them."""
        self.run(token_ids)
        return self.logits.numpy()[0, -1]

    def run(self, token_ids: list[int]) -> None:
        """One step that leaves the logits in ``logits`` (on the session's device)."""
        count = len(token_ids)
        total = self.length + count
        if total > self.capacity:
            raise ValueError(f"the static cache holds {self.capacity} positions, {total} were asked")
        if self._cuda_graph:
            self._run_with_static_shapes(token_ids, total)
        else:
            self._binding.bind_cpu_input("input_ids", np.asarray([token_ids], dtype=np.int64))
            self._binding.bind_cpu_input("attention_mask", self._mask[:, :total])
            self.session.run_with_iobinding(self._binding)
        self.length = total

    def _run_with_static_shapes(self, token_ids: list[int], total: int) -> None:
        mask = np.zeros_like(self._mask)
        mask[0, :total] = 1
        if len(token_ids) == 1:
            self._step_ids.update_inplace(np.asarray([token_ids], dtype=np.int64))
            self._step_mask.update_inplace(mask)
            self._binding.bind_ortvalue_input("input_ids", self._step_ids)
            self._binding.bind_ortvalue_input("attention_mask", self._step_mask)
            self.session.run_with_iobinding(self._binding, self._step_options)
        else:
            self._binding.bind_cpu_input("input_ids", np.asarray([token_ids], dtype=np.int64))
            self._binding.bind_cpu_input("attention_mask", mask)
            self.session.run_with_iobinding(self._binding, self._prompt_options)
