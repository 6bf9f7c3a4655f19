"""A chat turn recorded in the history: messages for the engine from a stored conversation, and an
answer streamed into the store as it is generated (so a crash loses at most the last half second)."""

from __future__ import annotations

from collections.abc import Callable

from runtime.engine import Generation
from runtime.engine.reasoning import split_reasoning

TITLE_LENGTH = 48


def title_from(text: str, length: int = TITLE_LENGTH) -> str:
    """A title for ``text`` (a conversation's first message, a translated passage): its first line, shortened."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def engine_messages(store, conversation_id: int) -> list[dict]:
    """The conversation's system prompt and active branch as engine messages: answers without their thinking (the
    model need not read it again), unfinished empty answers left out."""
    conversation = store.get_conversation(conversation_id)
    messages = [{"role": "system", "content": conversation.system_prompt}] if conversation.system_prompt else []
    turns = [{"role": message.role, "content": _without_thinking(message.role, message.content)}
             for message in store.active_branch(conversation_id)]
    return messages + [turn for turn in turns if turn["content"]]


def _without_thinking(role: str, content: str) -> str:
    return split_reasoning(content).answer if role == "assistant" else content


def stream_into(writer, generation: Generation, on_delta: Callable[[str], None] = lambda delta: None) -> str:
    """Consume ``generation``, writing the growing answer through ``writer`` (a store StreamingAnswer)
    and finishing it with the figures; any failure still finishes it, as an error, with the text so far."""
    text = ""
    try:
        for delta in generation:
            text += delta
            writer.update(text)
            on_delta(delta)
    except BaseException:
        writer.finish(text, finish_reason="error")
        raise
    stats = generation.stats
    writer.finish(text, prompt_tokens=stats.prompt_tokens, completion_tokens=stats.completion_tokens,
                  ttft_s=stats.ttft_s, tokens_per_s=stats.tokens_per_s, finish_reason=stats.finish_reason)
    return text
