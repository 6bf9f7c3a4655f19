"""A running answer (or several): what the engines return, iterated for text and cancellable from any thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

FinishReason = Literal["stop", "length", "cancelled"]
Item = TypeVar("Item")  # what a Generation yields: text deltas (str), or (index, answer) pairs for chat_batch


@dataclass
class GenerationStats:
    prompt_tokens: int
    completion_tokens: int
    ttft_s: float  # time to first token, prefill included
    tokens_per_s: float  # decode speed after the first token
    finish_reason: FinishReason
    dropped_turns: int = 0  # oldest turns left out so the prompt fits the context


class Generation(Generic[Item]):
    """A running answer: iterate it for text deltas; ``cancel()`` from any thread; ``stats`` at the end.

    The Generation of ``chat_batch`` yields (index of the conversation, answer text) pairs instead, and has no stats.
    """

    def __init__(self, run: Callable[[Generation[Item]], Iterator[Item]], dropped_turns: int = 0) -> None:
        self._cancelled = threading.Event()
        self._deltas = run(self)
        self.dropped_turns = dropped_turns
        self.stats: GenerationStats | None = None
        self.on_cancel: Callable[[], None] | None = None  # passes a cancel on to the answer this one is waiting for

    def __iter__(self) -> Iterator[Item]:
        return self._deltas

    def cancel(self) -> None:
        self._cancelled.set()
        if self.on_cancel is not None:
            self.on_cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def final_stats(self) -> GenerationStats:
        """``stats`` of a text answer that has run to its end (cancelled or not); an error before that."""
        if self.stats is None:
            raise RuntimeError("the answer has not run to its end: it has no figures yet")
        return self.stats

    def text(self: Generation[str]) -> str:
        return "".join(self)
