"""The JSON bodies OpenAI's clients expect: whole answers, stream chunks and usage, for chat and text completions.

A chat answer's thinking (runtime.engine.reasoning) goes to ``reasoning_content``, in the message and in the stream's
deltas, where clients of llama.cpp's server and vLLM look for it; ``content`` is the answer alone.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runtime.engine import GenerationStats

from runtime.engine.reasoning import ReasoningSplitter, split_reasoning


def finish_reason(stats: GenerationStats) -> str:
    """OpenAI knows "stop" and "length"; an answer cut short by its client ended at the client's wish: "stop"."""
    return "length" if stats.finish_reason == "length" else "stop"


def usage(stats: GenerationStats) -> dict:
    return {"prompt_tokens": stats.prompt_tokens, "completion_tokens": stats.completion_tokens,
            "total_tokens": stats.prompt_tokens + stats.completion_tokens}


@dataclass
class AnswerShape:
    """One answer's identity, and its bodies; ``chat`` picks chat.completion over text_completion."""

    model: str
    chat: bool
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created: int = field(default_factory=lambda: int(time.time()))
    _reasoning: ReasoningSplitter = field(default_factory=ReasoningSplitter, repr=False)

    def _envelope(self, object_name: str) -> dict:
        prefix = "chatcmpl-" if self.chat else "cmpl-"
        return {"id": prefix + self.id, "object": object_name, "created": self.created, "model": self.model}

    def whole(self, text: str, stats: GenerationStats) -> dict:
        reason = finish_reason(stats)
        if self.chat:
            split = split_reasoning(text)
            message = {"role": "assistant", "content": split.answer} | _reasoning_content(split.thinking)
            choice = {"index": 0, "message": message, "finish_reason": reason}
            return {**self._envelope("chat.completion"), "choices": [choice], "usage": usage(stats)}
        choice = {"index": 0, "text": text, "logprobs": None, "finish_reason": reason}
        return {**self._envelope("text_completion"), "choices": [choice], "usage": usage(stats)}

    def text_chunks(self, delta: str | None) -> list[dict]:
        """The chunks for one delta of the answer's text (None: its end, to send what was held back)."""
        if not self.chat:
            return [self.chunk(delta)] if delta else []
        split = self._reasoning.feed(delta) if delta is not None else self._reasoning.finish()
        thinking = [self.chunk(thinking=split.thinking)] if split.thinking else []
        return thinking + ([self.chunk(split.answer)] if split.answer else [])

    def chunk(self, text: str | None = None, reason: str | None = None, first: bool = False,
              thinking: str = "") -> dict:
        if self.chat:
            delta = (({"role": "assistant", "content": ""} if first else {}) | _reasoning_content(thinking)
                     | ({"content": text} if text else {}))
            choice = {"index": 0, "delta": delta, "finish_reason": reason}
            return {**self._envelope("chat.completion.chunk"), "choices": [choice]}
        choice = {"index": 0, "text": text or "", "logprobs": None, "finish_reason": reason}
        return {**self._envelope("text_completion"), "choices": [choice]}

    def usage_chunk(self, stats: GenerationStats) -> dict:
        return {**self._envelope("chat.completion.chunk" if self.chat else "text_completion"), "choices": [],
                "usage": usage(stats)}


def _reasoning_content(thinking: str) -> dict:
    return {"reasoning_content": thinking} if thinking else {}
