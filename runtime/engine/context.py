"""Fitting a conversation into the model's context window, oldest turns first out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from runtime.errors import ContextOverflowError


@dataclass(frozen=True)
class FittedMessages:
    messages: list[dict]
    dropped_turns: int


def answer_reserve(context_length: int, max_new_tokens: int) -> int:
    """Room kept for the answer: the requested length, but never more than a quarter of the window."""
    return min(max_new_tokens, context_length // 4)


def fit_messages(messages: list[dict], count_tokens: Callable[[list[dict]], int],
                 context_length: int, max_new_tokens: int) -> FittedMessages:
    """Drop the oldest turns (never the system prompt or the latest user message) until the prompt
    leaves room for the answer. ``count_tokens`` counts a rendered message list."""
    limit = context_length - answer_reserve(context_length, max_new_tokens)
    system = [message for message in messages if message["role"] == "system"]
    others = [message for message in messages if message["role"] != "system"]
    last_user = max((index for index, message in enumerate(others) if message["role"] == "user"), default=0)
    history, latest = others[:last_user], others[last_user:]
    dropped = 0
    while count_tokens(system + history + latest) > limit:
        if not history:
            size = count_tokens(system + latest)
            raise ContextOverflowError(
                f"The message is too long for this model: it takes {size} tokens, and the model's context of "
                f"{context_length} tokens must also leave room for the answer ({context_length - limit} tokens). "
                "Shorten it, split it, or choose a model with a longer context."
            )
        history = history[1:]
        while history and history[0]["role"] != "user":
            history = history[1:]
        dropped += 1
    return FittedMessages(system + history + latest, dropped)
