"""Thinking apart from the answer. Reasoning models (Qwen3, DeepSeek-R1) write their thinking first, between
``<think>`` and ``</think>``, then the answer; the text an engine streams keeps both, as the model wrote them.

``ReasoningSplitter`` separates the two while the text streams, ``split_reasoning`` in a whole text. Only a block
at the very start counts: a "<think>" later in an answer is text the model means to show.
"""

from __future__ import annotations

from dataclasses import dataclass

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"


@dataclass(frozen=True)
class Reasoned:
    thinking: str = ""
    answer: str = ""


def _partial_tag(text: str, tag: str) -> int:
    """The length of the longest end of ``text`` that begins ``tag`` (held back until the next delta tells)."""
    return next((size for size in range(min(len(text), len(tag) - 1), 0, -1) if tag.startswith(text[-size:])), 0)


class ReasoningSplitter:
    """Feed it an answer's deltas; each call returns the new thinking and answer text. Blank space around the
    thinking, and between it and the answer, is dropped."""

    def __init__(self) -> None:
        self._state = "start"  # "start" (is there thinking? not known yet), "thinking" or "answer"
        self._held = ""
        self._trim = False  # drop the blank space before the next text

    def feed(self, delta: str) -> Reasoned:
        self._held += delta
        thinking = answer = ""
        if self._state == "start":
            head = self._held.lstrip()
            if head.startswith(THINK_OPEN):
                self._state, self._held, self._trim = "thinking", head[len(THINK_OPEN):], True
            elif not THINK_OPEN.startswith(head):
                self._state = "answer"
        if self._state == "thinking":
            end = self._held.find(THINK_CLOSE)
            if end < 0:
                body = self._held[: len(self._held) - _partial_tag(self._held, THINK_CLOSE)].rstrip()
                thinking, self._held = self._trimmed(body), self._held[len(body):]
                return Reasoned(thinking=thinking)
            thinking = self._trimmed(self._held[:end].rstrip())
            self._state, self._held, self._trim = "answer", self._held[end + len(THINK_CLOSE):], True
        if self._state == "answer":
            answer, self._held = self._trimmed(self._held), ""
        return Reasoned(thinking, answer)

    def finish(self) -> Reasoned:
        """What is still held back when the text ends: an unclosed thinking block's end is thinking."""
        held, self._held = self._held, ""
        if self._state == "thinking":
            return Reasoned(thinking=self._trimmed(held.rstrip()))
        return Reasoned(answer=held if self._state == "answer" else held.strip())

    def _trimmed(self, text: str) -> str:
        if self._trim:
            text = text.lstrip()
            self._trim = not text
        return text


def split_reasoning(text: str) -> Reasoned:
    """The thinking and the answer in a whole text (the same split as streaming it)."""
    splitter = ReasoningSplitter()
    fed, rest = splitter.feed(text), splitter.finish()
    return Reasoned(fed.thinking + rest.thinking, fed.answer + rest.answer)
