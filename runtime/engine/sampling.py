"""Choosing the next token from logits: repetition penalty, temperature, top-k, top-p (in that order, as transformers does)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class GenerationOptions:
    max_new_tokens: int = 512
    min_new_tokens: int = 0  # end-of-answer tokens are ruled out before this many
    # Small local models wander at the usual 0.7-0.8; SmolLM2's authors suggest 0.2 and top-p 0.9.
    temperature: float = 0.2  # 0 = greedy
    top_k: int = 40  # 0 = off
    top_p: float = 0.9  # 1 = off
    repetition_penalty: float = 1.1  # 1 = off
    seed: int | None = None
    stop: tuple[str, ...] = field(default_factory=tuple)
    # False asks for an answer without thinking where the chat template has that switch (Qwen3's enable_thinking).
    thinking: bool = True


class Sampler:
    def __init__(self, options: GenerationOptions) -> None:
        self.options = options
        self._rng = np.random.default_rng(options.seed)

    def next_token(self, logits: np.ndarray, seen_ids: np.ndarray) -> int:
        """``logits``: float vector over the vocabulary; ``seen_ids``: prompt and generated ids so far."""
        options = self.options
        logits = logits.astype(np.float32, copy=True)
        if options.repetition_penalty != 1.0 and seen_ids.size:
            seen = np.unique(seen_ids)
            values = logits[seen]
            logits[seen] = np.where(values < 0, values * options.repetition_penalty, values / options.repetition_penalty)
        if options.temperature <= 0:
            return int(np.argmax(logits))
        logits /= options.temperature
        if 0 < options.top_k < logits.size:
            threshold = np.partition(logits, -options.top_k)[-options.top_k]
            logits[logits < threshold] = -np.inf
        probabilities = np.exp(logits - logits.max())
        probabilities /= probabilities.sum()
        if options.top_p < 1.0:
            order = np.argsort(-probabilities)
            cumulative = np.cumsum(probabilities[order])
            keep = order[: int(np.searchsorted(cumulative, options.top_p)) + 1]
            kept = np.zeros_like(probabilities)
            kept[keep] = probabilities[keep]
            probabilities = kept / kept.sum()
        return int(self._rng.choice(probabilities.size, p=probabilities))
