"""Recording served answers in the history (only with ``penna serve --history``)."""

from __future__ import annotations

from runtime.conversation import title_from


def record_served(model: str, messages: list[dict], answer: str, stats) -> None:
    """One served request as a conversation: its messages, then the answer with its figures.

    Runs in a worker thread, so it opens its own connection (SQLite connections stay in their thread)."""
    from runtime.store import HistoryStore

    system = next((message["content"] for message in messages if message["role"] == "system"), None)
    turns = [message for message in messages if message["role"] != "system"]
    with HistoryStore.open() as store:
        first = next((message["content"] for message in turns if message["role"] == "user"), answer)
        conversation = store.create_conversation(title_from(first or "Served request"), model=model, system_prompt=system)
        for message in turns:
            store.append_message(conversation.id, message["role"], message["content"])
        writer = store.begin_answer(conversation.id, model=model)
        if stats is None:
            writer.finish(answer, finish_reason="error")
            return
        writer.finish(answer, prompt_tokens=stats.prompt_tokens, completion_tokens=stats.completion_tokens,
                      ttft_s=stats.ttft_s, tokens_per_s=stats.tokens_per_s, finish_reason=stats.finish_reason)
