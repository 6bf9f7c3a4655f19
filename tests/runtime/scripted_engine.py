"""An engine (runtime.engine.EngineProtocol) whose answers come from a script, for testing what is built on engines
(the chat turn, prompting, budgets, layout, map-reduce, cancellation) in milliseconds, without a model. Tests of the
real model use the ``default_engine`` fixture instead."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from runtime.engine.batch import one_by_one
from runtime.engine.generation import FinishReason, Generation, GenerationStats
from runtime.engine.sampling import GenerationOptions
from runtime.errors import ContextOverflowError

TOKENS_PER_MESSAGE = 5  # what a chat template adds around each message
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\s\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


def count_tokens(text: str) -> int:
    """One token per word, and one per CJK character."""
    return len(_TOKEN.findall(text))


class ScriptedGeneration(Generation[str]):
    """Yields the scripted words one by one, checking for a cancel before each, as the real engines do."""

    def __init__(self, words: list[str], prompt_tokens: int, truncated: bool, on_delta: Callable[[], None] | None,
                 ) -> None:
        self.delivered = 0
        super().__init__(lambda generation: self._words(words, prompt_tokens, truncated, on_delta))

    def _words(self, words: list[str], prompt_tokens: int, truncated: bool, on_delta: Callable[[], None] | None,
               ) -> Iterator[str]:
        for word in words:
            if self.cancelled:
                break
            self.delivered += 1
            yield word
            if on_delta is not None:
                on_delta()
        finish: FinishReason = "cancelled" if self.cancelled else "length" if truncated else "stop"
        self.stats = GenerationStats(prompt_tokens=prompt_tokens, completion_tokens=self.delivered, ttft_s=0.0,
                                     tokens_per_s=0.0, finish_reason=finish, dropped_turns=self.dropped_turns)


@dataclass
class ScriptedEngine:
    """``reply`` makes the whole answer to the messages; it is streamed word by word, cut at max_new_tokens words."""

    reply: Callable[[list[dict[str, str]]], str]
    context_length: int = 2048
    model_name: str = "scripted"
    device: str = "CPU"
    fallback_reason: str | None = None
    precision: str = "fp32"
    is_chat_model: bool = True
    on_delta: Callable[[], None] | None = None
    calls: list[tuple[list[dict[str, str]], GenerationOptions | None]] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)  # the prompts given to ``complete``
    generations: list[ScriptedGeneration] = field(default_factory=list)

    def count_tokens(self, text: str) -> int:
        return count_tokens(text)

    def count_chat_tokens(self, messages: list[dict[str, str]]) -> int:
        return sum(count_tokens(message["content"]) + TOKENS_PER_MESSAGE for message in messages) + 3

    def chat(self, messages: list[dict[str, str]], options: GenerationOptions | None = None) -> ScriptedGeneration:
        generation = self._answer(messages, self.count_chat_tokens(messages), options)
        self.calls.append((messages, options))
        return generation

    def complete(self, prompt: str, options: GenerationOptions | None = None) -> ScriptedGeneration:
        """The scripted reply to ``prompt`` as a lone user message."""
        generation = self._answer([{"role": "user", "content": prompt}], count_tokens(prompt), options)
        self.completed.append(prompt)
        return generation

    def chat_batch(self, conversations: list[list[dict[str, str]]], options: GenerationOptions | None = None,
                   ) -> Generation[tuple[int, str]]:
        """Answers in turn, as the real engines do where they cannot batch."""
        return one_by_one(self.chat, conversations, options or GenerationOptions())

    def _answer(self, messages: list[dict[str, str]], prompt_tokens: int, options: GenerationOptions | None,
                ) -> ScriptedGeneration:
        max_new = (options or GenerationOptions()).max_new_tokens
        if prompt_tokens + max_new > self.context_length:
            raise ContextOverflowError(f"prompt {prompt_tokens} + answer {max_new} > {self.context_length}")
        # Deltas keep their spacing, as a tokenizer's do: "Here", " is", ...; at most max_new_tokens of them.
        words = re.findall(r"\s*\S+|\s+$", self.reply(messages))
        generation = ScriptedGeneration(words[:max_new], prompt_tokens, len(words) > max_new, self.on_delta)
        self.generations.append(generation)
        return generation
