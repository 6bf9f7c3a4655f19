"""An engine with the real Engine's interface whose answers come from a script, for testing the tasks built
on it (prompting, budgets, layout, map-reduce, cancellation) without a model. Tests of the real model use the
``default_engine`` fixture instead."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from runtime.engine.batch import one_by_one
from runtime.engine.generation import GenerationStats
from runtime.errors import ContextOverflowError

TOKENS_PER_MESSAGE = 5  # what a chat template adds around each message
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\s\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


def count_tokens(text: str) -> int:
    """One token per word, and one per CJK character."""
    return len(_TOKEN.findall(text))


class ScriptedGeneration:
    def __init__(self, words: list[str], on_delta: Callable[[], None] | None, prompt_tokens: int = 0) -> None:
        self._words = words
        self._on_delta = on_delta
        self._cancel = threading.Event()
        self.delivered = 0
        self.prompt_tokens = prompt_tokens
        self.stats: GenerationStats | None = None  # set at the end, as the real Generation does

    def cancel(self) -> None:
        self._cancel.set()

    def __iter__(self) -> Iterator[str]:
        for word in self._words:
            if self._cancel.is_set():
                break
            self.delivered += 1
            yield word
            if self._on_delta is not None:
                self._on_delta()
        finish = "cancelled" if self._cancel.is_set() else "stop"
        self.stats = GenerationStats(self.prompt_tokens, self.delivered, 0.0, 0.0, finish)


@dataclass
class ScriptedEngine:
    reply: Callable[[list[dict[str, str]]], str]
    context_length: int = 2048
    model_name: str = "scripted"
    device: str = "CPU"
    fallback_reason: str | None = None
    precision: str = "fp32"
    on_delta: Callable[[], None] | None = None
    calls: list[tuple[list[dict[str, str]], object]] = field(default_factory=list)
    generations: list[ScriptedGeneration] = field(default_factory=list)

    def count_tokens(self, text: str) -> int:
        return count_tokens(text)

    def count_chat_tokens(self, messages: list[dict[str, str]]) -> int:
        return sum(count_tokens(message["content"]) + TOKENS_PER_MESSAGE for message in messages) + 3

    def chat(self, messages: list[dict[str, str]], options: object = None) -> ScriptedGeneration:
        prompt = self.count_chat_tokens(messages)
        max_new = getattr(options, "max_new_tokens", 512)
        if prompt + max_new > self.context_length:
            raise ContextOverflowError(f"prompt {prompt} + answer {max_new} > {self.context_length}")
        self.calls.append((messages, options))
        # Deltas keep their spacing, as a tokenizer's do: "Here", " is", ...; at most max_new_tokens of them.
        words = re.findall(r"\s*\S+|\s+$", self.reply(messages))[:max_new]
        generation = ScriptedGeneration(words, self.on_delta, prompt)
        self.generations.append(generation)
        return generation

    def chat_batch(self, conversations: list[list[dict[str, str]]], options: object = None):
        """Answers in turn, as the real engines do where they cannot batch."""
        return one_by_one(self.chat, conversations, options)
