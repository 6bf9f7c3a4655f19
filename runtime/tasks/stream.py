"""A task that streams text made by several engine answers (pieces of a translation, steps of a summary)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from runtime.engine.reasoning import ReasoningSplitter
from runtime.tasks.prompting import OutputFilter
from runtime.tasks.result_check import SummaryGuard
from runtime.tasks.scaffolding import ScaffoldFilter


class AnswerCleaner:
    """One answer on its way into a task's result: its thinking dropped, then placeholders and echoes of the prompt
    (``ScaffoldFilter``), then preambles, commentary and what goes past the answer's shape (``OutputFilter``)."""

    def __init__(self, shape: str, scaffold: frozenset[str], source: str, translation: bool) -> None:
        self._reasoning = ReasoningSplitter()
        self._scaffold = ScaffoldFilter(scaffold, source, translation)
        self._output = OutputFilter(shape)

    @property
    def done(self) -> bool:
        """The answer went past its shape: the rest is commentary."""
        return self._output.done

    def feed(self, delta: str) -> str:
        return self._output.feed(self._scaffold.feed(self._reasoning.feed(delta).answer))

    def finish(self) -> str:
        rest = self._scaffold.feed(self._reasoning.finish().answer) + self._scaffold.finish()
        return self._output.feed(rest) + self._output.finish()

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: imported where it is used
    from runtime.engine import EngineProtocol, Generation, GenerationOptions


class TaskStream:
    """Iterate once for text deltas; ``cancel()`` from any thread stops it within one token step.

    Subclasses implement ``_deltas`` and set ``source_text``; they call ``_answer`` for each engine answer they
    need, with the prompt's own lines (``runtime.tasks.scaffolding.scaffold_lines``) for the answer's cleaning.
    """

    source_text = ""
    translation = False  # the answers render the source in another language (see ScaffoldFilter)

    def __init__(self, cancel: threading.Event | None = None) -> None:
        self.cancel_event = cancel if cancel is not None else threading.Event()
        self.finished = False
        self._parts: list[str] = []
        self._started = False
        self._lock = threading.Lock()
        self._current: Generation[Any] | None = None  # the engine's answer running now

    def _deltas(self) -> Iterator[str]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[str]:
        if self._started:
            raise RuntimeError("a task stream can be iterated only once; use text() for the result")
        self._started = True
        for delta in self._deltas():
            if delta:
                self._parts.append(delta)
                yield delta
        self.finished = True

    def text(self) -> str:
        """Runs the task to its end if nobody iterates it, and returns everything it produced."""
        if not self._started:
            for _ in self:
                pass
        return "".join(self._parts)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self) -> None:
        self.cancel_event.set()
        with self._lock:
            if self._current is not None:
                self._current.cancel()

    def _cleaner(self, shape: str, scaffold: frozenset[str]) -> AnswerCleaner:
        return AnswerCleaner(shape, scaffold, self.source_text, self.translation)

    def _answers(self, engine: EngineProtocol, conversations: list[list[dict[str, str]]], options: GenerationOptions,
                 scaffold: frozenset[str]) -> Iterator[tuple[int, str]]:
        """(index, cleaned answer) for each conversation as its answer ends (``engine.chat_batch``); none once cancelled."""
        if self.cancelled:
            return
        generation = engine.chat_batch(conversations, options)
        with self._lock:
            self._current = generation
        try:
            for index, answer in generation:
                if self.cancelled:  # a cancel event set from outside: the batch ends within a step
                    generation.cancel()
                    continue
                cleaner = self._cleaner("free", scaffold)
                yield index, cleaner.feed(answer) + cleaner.finish()
                if self.cancelled:
                    generation.cancel()
        finally:
            with self._lock:
                self._current = None

    def _answer(self, engine: EngineProtocol, messages: list[dict[str, str]], options: GenerationOptions,
                scaffold: frozenset[str], shape: str = "free", guard: SummaryGuard | None = None) -> Iterator[str]:
        """The deltas of one engine answer, cleaned by an ``AnswerCleaner`` of ``shape``, then passed through
        ``guard`` (which cuts loops and says where the answer hit its length limit); nothing once cancelled."""
        if self.cancelled:
            return
        generation = engine.chat(messages, options)
        with self._lock:
            self._current = generation
        cleaner = self._cleaner(shape, scaffold)
        try:
            for delta in generation:
                if self.cancelled:
                    generation.cancel()  # a cancel event set from outside; the generation ends within a step
                    continue
                text = cleaner.feed(delta)
                if guard is not None:
                    text = guard.feed(text)
                if text:
                    yield text
                if cleaner.done or (guard is not None and guard.done):
                    generation.cancel()  # past its shape (the rest is commentary), or looping
            if not self.cancelled:
                rest = cleaner.finish()
                if guard is not None:
                    finish = generation.stats.finish_reason if generation.stats else "stop"
                    rest = guard.feed(rest) + guard.finish(finish)
                yield rest
        finally:
            with self._lock:
                self._current = None
