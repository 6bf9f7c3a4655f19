"""The writer for an answer while it streams: keeps the latest text, writes it at most every
``interval_s`` (a crash loses at most the text since the last write), and finishes it once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import TracebackType
from typing import Protocol

from runtime.store.records import FinishReason, Message

log = logging.getLogger(__name__)


class AnswerWriter(Protocol):
    """The two store methods an answer in progress writes through (``MessagesMixin`` has them)."""

    def save_partial(self, message_id: int, content: str) -> None: ...

    def finish_answer(self, message_id: int, content: str, prompt_tokens: int | None, completion_tokens: int | None,
                      ttft_s: float | None, tokens_per_s: float | None, finish_reason: str) -> Message: ...


class StreamingAnswer:
    """Made by ``HistoryStore.begin_answer`` or ``regenerate``. Use it from the thread that made it.

    As a context manager it finishes an unfinished answer on exit: "cancelled" on
    KeyboardInterrupt, "error" on any other exception, "stop" otherwise.
    """

    def __init__(
        self,
        store: AnswerWriter,
        message: Message,
        interval_s: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._clock = clock
        self._interval_s = interval_s
        self._last_write = self._clock()
        self._text = message.content
        self._written = message.content
        self.message = message

    @property
    def message_id(self) -> int:
        return self.message.id

    @property
    def finished(self) -> bool:
        return self.message.finish_reason is not None

    def update(self, text: str) -> bool:
        """Take the whole answer so far; write it if ``interval_s`` has passed since the last write.
        Returns whether it wrote."""
        if self.finished:
            raise RuntimeError(f"answer {self.message_id} is already finished")
        self._text = text
        if text == self._written or self._clock() - self._last_write < self._interval_s:
            return False
        self._store.save_partial(self.message_id, text)
        self._written = text
        self._last_write = self._clock()
        return True

    def finish(
        self,
        text: str | None = None,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        ttft_s: float | None = None,
        tokens_per_s: float | None = None,
        finish_reason: FinishReason = "stop",
    ) -> Message:
        """Write the final text (default: the last ``update``) and the figures; returns the message."""
        if self.finished:
            raise RuntimeError(f"answer {self.message_id} is already finished")
        final = self._text if text is None else text
        self.message = self._store.finish_answer(
            self.message_id, final, prompt_tokens, completion_tokens, ttft_s, tokens_per_s, finish_reason
        )
        self._text = self._written = final
        return self.message

    def __enter__(self) -> StreamingAnswer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.finished:
            return
        reason: FinishReason = "stop" if kind is None else "cancelled" if issubclass(kind, KeyboardInterrupt) else "error"
        log.info("answer %d left unfinished; finishing it as %s", self.message_id, reason)
        self.finish(finish_reason=reason)
