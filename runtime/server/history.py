"""Recording served answers in the history (only with ``penna serve --history``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runtime.chat import Chat

if TYPE_CHECKING:
    from runtime.engine import EngineProtocol, GenerationStats


def record_served(engine: EngineProtocol, messages: list[dict[str, str]], answer: str, stats: GenerationStats | None,
                  ) -> None:
    """One served request as a conversation: its messages, then the answer with its figures.

    Runs in a worker thread, so it opens its own connection (SQLite connections stay in their thread)."""
    from runtime.store import HistoryStore

    with HistoryStore.open() as store:
        Chat(store, engine).record(messages, answer, stats)
