"""Where a model's weights are read from, one tensor (or a run of its rows) at a time, under transformers' names.

A source never holds the whole model: safetensors and GGUF tensors are read from the file with ``os.pread`` as
they are asked for, so the page cache (not the process) keeps what was read. GGUF tensors stored in blocks that
MatMulNBits runs as they are (Q8_0, Q4_0) can be handed over without de-quantizing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from runtime.export.model_config import ModelConfig


@dataclass(frozen=True)
class Blocks:
    """Rows of a weight in MatMulNBits' layout: ``packed`` [rows, blocks, bytes per block] and ``scales`` [rows, blocks]
    (symmetric, with MatMulNBits' default zero point: 8 for 4 bits, 128 for 8)."""

    bits: int
    packed: np.ndarray
    scales: np.ndarray


BLOCK_SIZE = 32  # the block length of GGUF's Q8_0 and Q4_0


class WeightSource(Protocol):
    config: ModelConfig

    @property
    def total_bytes(self) -> int:
        """The bytes of all the tensors, as stored (what progress counts)."""

    def has(self, name: str) -> bool: ...

    def shape(self, name: str) -> tuple[int, ...]: ...

    def read(self, name: str, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Rows ``start:stop`` (all of a 1-D tensor) in float32."""

    def block_bits(self, name: str) -> int | None:
        """4 or 8 where the tensor's stored blocks can be handed to MatMulNBits as they are, else None."""

    def read_blocks(self, name: str, start: int = 0, stop: int | None = None) -> Blocks: ...

    def read_extra(self, name: str) -> np.ndarray | None:
        """A tensor that is not a weight of the transformers model (GGUF's ``rope_freqs``), or None."""

    def close(self) -> None: ...


def open_source(path: Path) -> WeightSource:
    """The weights of a Hugging Face folder (safetensors) or of a .gguf file."""
    if path.is_file():
        from runtime.export.sources.gguf_source import GGUFSource

        return GGUFSource(path)
    from runtime.export.sources.safetensors_source import SafetensorsSource

    return SafetensorsSource(path)


def read_config(path: Path) -> ModelConfig:
    """The model's config (from config.json, or from a GGUF file's metadata) without reading any weights."""
    if path.is_file():
        from runtime.export.sources.gguf_config import config_from_gguf
        from runtime.export.sources.gguf_file import read_header

        header = read_header(path)
        return ModelConfig(config_from_gguf(header))
    return ModelConfig.from_folder(path)
