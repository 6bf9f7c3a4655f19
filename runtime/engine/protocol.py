"""What every engine offers — the local Engine, RemoteEngine and the tests' scripted engine — so that the tasks,
the chat, the server and the window can take any of them, and mypy checks that each one does."""

from __future__ import annotations

from typing import Protocol

from runtime.engine.generation import Generation
from runtime.engine.sampling import GenerationOptions


class EngineProtocol(Protocol):
    """A model that answers conversations and continues text, streamed.

    Cancelling: ``Generation.cancel()`` may be called from any thread; the engine checks it before each token, so
    the answer ends within one step, keeps the text made so far, and its stats say ``finish_reason == "cancelled"``
    (unless it had already stopped). Only one answer decodes at a time per engine; others wait their turn.
    """

    @property
    def model_name(self) -> str: ...

    @property
    def context_length(self) -> int:
        """Tokens the prompt and the answer share."""

    @property
    def device(self) -> str:
        """"CPU", "CUDA", or "remote"."""

    @property
    def precision(self) -> str:
        """"fp32", "int8", "int4", "fp16", or "remote"."""

    @property
    def fallback_reason(self) -> str | None:
        """Why the model runs on the CPU although a GPU was asked for; None otherwise."""

    @property
    def is_chat_model(self) -> bool:
        """False for a base model (no chat template): it can only ``complete`` text."""

    def chat(self, messages: list[dict[str, str]], options: GenerationOptions | None = None) -> Generation[str]:
        """Answer the conversation ``messages`` ([{"role", "content"}, ...]); the oldest turns are left out when it
        does not fit the context (``Generation.dropped_turns``); a latest message too long alone raises
        ContextOverflowError."""

    def chat_batch(self, conversations: list[list[dict[str, str]]], options: GenerationOptions | None = None,
                   ) -> Generation[tuple[int, str]]:
        """Answers to several conversations as (index, answer text), each as it ends, in no fixed order."""

    def complete(self, prompt: str, options: GenerationOptions | None = None) -> Generation[str]:
        """Continue the plain text ``prompt``."""

    def count_tokens(self, text: str) -> int: ...

    def count_chat_tokens(self, messages: list[dict[str, str]]) -> int:
        """Tokens of ``messages`` rendered through the chat template, with the answer's opening."""
