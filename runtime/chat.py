"""A chat turn recorded in the history: the user's message stored (a new conversation, or a new branch when edited),
the answer begun in the store, streamed into it as it is generated (so a crash loses at most the last half second),
and finished with its figures. The window, ``penna chat``/``penna generate`` and ``penna serve --history`` all
go through ``Chat``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from runtime.store import HistoryStore, Message, StreamingAnswer
from runtime.engine.reasoning import split_reasoning

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: the engine comes from the caller
    from runtime.engine import EngineProtocol, Generation, GenerationOptions, GenerationStats
    from runtime.tasks.ask import Sources

TITLE_LENGTH = 48


def title_from(text: str, length: int = TITLE_LENGTH) -> str:
    """A title for ``text`` (a conversation's first message, a translated passage): its first line, shortened."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def engine_messages(store: HistoryStore, conversation_id: int) -> list[dict[str, str]]:
    """The conversation's system prompt and active branch as engine messages: answers without their thinking (the
    model need not read it again), unfinished empty answers left out."""
    conversation = store.get_conversation(conversation_id)
    messages = [{"role": "system", "content": conversation.system_prompt}] if conversation.system_prompt else []
    turns = [{"role": message.role, "content": _without_thinking(message.role, message.content)}
             for message in store.active_branch(conversation_id)]
    return messages + [turn for turn in turns if turn["content"]]


def _without_thinking(role: str, content: str) -> str:
    return split_reasoning(content).answer if role == "assistant" else content


def start_answer(engine: EngineProtocol, messages: list[dict[str, str]], options: GenerationOptions) -> Generation[str]:
    """A chat model answers the conversation; a base model (no chat template) continues the text of a lone message."""
    if engine.is_chat_model or len(messages) > 1:
        return engine.chat(messages, options)
    return engine.complete(messages[-1]["content"], options)


@dataclass(frozen=True)
class Reply:
    """A finished answer: as stored, and the figures of its generation."""

    message: Message
    stats: GenerationStats


class Turn:
    """An answer begun in the store, not generated yet: the messages the engine answers, with the options.

    ``cancel()`` may be called from any thread: the answer stops at its next token (at once if it has not started),
    and keeps the text made so far. ``sources``: the numbered passages of the chat's documents it answers from."""

    def __init__(self, answer: Message, messages: list[dict[str, str]], options: GenerationOptions,
                 sources: Sources | None = None) -> None:
        self.answer = answer
        self.messages = messages
        self.options = options
        self.sources = sources
        self._lock = threading.Lock()
        self._cancelled = False
        self._generation: Generation[str] | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._generation is not None:
                self._generation.cancel()

    def start(self, engine: EngineProtocol) -> Generation[str]:
        generation = start_answer(engine, self.messages, self.options)
        with self._lock:
            self._generation = generation
            if self._cancelled:
                generation.cancel()
        return generation


class Chat:
    """The turns of one conversation at a time, kept in ``store`` and answered by ``engine``.

    ``conversation_id`` is None until the first message makes the conversation. Use a Chat from the thread that
    opened its store (SQLite connections stay in their thread): the window begins an answer on its own thread and
    streams it on a worker with a Chat over the worker's own connection.
    """

    def __init__(self, store: HistoryStore, engine: EngineProtocol | None = None,
                 conversation_id: int | None = None) -> None:
        self.store = store
        self.engine = engine
        self.conversation_id = conversation_id

    def send(self, text: str, system_prompt: str | None = None) -> Message:
        """Store the user's message; the first one makes the conversation, titled after it, with ``system_prompt``."""
        if self.conversation_id is None:
            model = self.engine.model_name if self.engine is not None else None
            self.conversation_id = self.store.create_conversation(
                title_from(text), model=model, system_prompt=system_prompt or None).id
        return self.store.append_message(self.conversation_id, "user", text)

    def edit(self, message_id: int, text: str) -> Message:
        """Store an edited user message as a new branch. A title made from the first message follows its edit;
        a title the user chose stays."""
        message = self.store.get_message(message_id)
        first = next((turn for turn in self.store.active_branch(message.conversation_id) if turn.role == "user"), None)
        if first is not None and first.id == message_id:
            if self.store.get_conversation(message.conversation_id).title == title_from(first.content):
                self.store.rename_conversation(message.conversation_id, title_from(text))
        self.conversation_id = message.conversation_id
        return self.store.edit_message(message_id, text)

    def begin_answer(self, options: GenerationOptions) -> Turn | None:
        """Begin the answer at the end of the active branch: to its last user message, or, where the branch ends with
        an answer, a new version of that answer (the old one stays as a branch). None when there is nothing to answer."""
        if self.conversation_id is None or not (branch := self.store.active_branch(self.conversation_id)):
            return None
        model, stored_options = self._engine().model_name, asdict(options)
        sources, messages = self._with_documents(self.conversation_id, branch[-1].role == "assistant")
        if sources is not None:  # kept with the answer, so that its citations [n] lead to the passages later
            stored_options["sources"] = [source.stored.id for source in sources.sources]
        if branch[-1].role == "assistant":
            answer = self.store.regenerate(branch[-1].id, model=model, options=stored_options).message
        else:
            answer = self.store.begin_answer(self.conversation_id, model=model, options=stored_options).message
        return Turn(answer, messages, options, sources)

    def _with_documents(self, conversation_id: int, regenerating: bool) -> tuple[Sources | None, list[dict[str, str]]]:
        """The messages to answer (without the answer being replaced), wrapped in the sources of the conversation's
        documents where it has any."""
        messages = engine_messages(self.store, conversation_id)
        if regenerating and messages and messages[-1]["role"] == "assistant":
            messages = messages[:-1]
        documents = self.store.conversation_documents(conversation_id)
        if not documents or not messages or messages[-1]["role"] != "user":
            return None, messages
        from runtime.tasks.ask import document_messages

        return document_messages(self.store, self._engine(), [document.id for document in documents], messages)

    def stream(self, turn: Turn, on_delta: Callable[[str], None] = lambda delta: None) -> Reply:
        """Generate ``turn``'s answer into the store, calling ``on_delta`` with each piece of text. Any failure still
        finishes the answer, as an error, with the text so far, and is raised."""
        writer = StreamingAnswer(self.store, turn.answer)
        text = ""
        try:
            generation = turn.start(self._engine())
            for delta in generation:
                text += delta
                writer.update(text)
                on_delta(delta)
            if turn.sources is not None and not turn.cancelled:
                text += (added := _attribution(turn.sources, text))
                on_delta(added)
            stats = generation.final_stats
        except BaseException:
            writer.finish(text, finish_reason="error")
            raise
        return Reply(_finish(writer, text, stats), stats)

    def record(self, messages: list[dict[str, str]], answer: str, stats: GenerationStats | None) -> Message:
        """Store a turn answered elsewhere (a request to ``penna serve``) as a new conversation: its messages, then
        the answer with its figures (an error without them)."""
        model = self._engine().model_name
        system = next((message["content"] for message in messages if message["role"] == "system"), None)
        turns = [message for message in messages if message["role"] != "system"]
        first = next((message["content"] for message in turns if message["role"] == "user"), answer)
        conversation = self.store.create_conversation(title_from(first or "Served request"), model=model,
                                                      system_prompt=system)
        self.conversation_id = conversation.id
        for message in turns:  # the server admits the roles system, user and assistant only
            self.store.append_message(conversation.id, "user" if message["role"] == "user" else "assistant",
                                      message["content"])
        return _finish(self.store.begin_answer(conversation.id, model=model), answer, stats)

    def context_tokens(self) -> int:
        """Tokens the conversation takes of the model's context, counted through its chat template."""
        messages = engine_messages(self.store, self.conversation_id) if self.conversation_id is not None else []
        if not messages:
            return 0
        engine = self._engine()
        if engine.is_chat_model:
            return engine.count_chat_tokens(messages)
        return engine.count_tokens("\n".join(message["content"] for message in messages))  # no template to count with

    def _engine(self) -> EngineProtocol:
        if self.engine is None:
            raise RuntimeError("this chat has no engine yet")
        return self.engine


def _attribution(sources: Sources, text: str) -> str:
    from runtime.tasks.ask import attribution

    return attribution(sources, split_reasoning(text).answer)


def _finish(writer: StreamingAnswer, text: str, stats: GenerationStats | None) -> Message:
    """Finish a stored answer with the figures of its generation; without them (it failed) as an error."""
    if stats is None:
        return writer.finish(text, finish_reason="error")
    return writer.finish(text, prompt_tokens=stats.prompt_tokens, completion_tokens=stats.completion_tokens,
                         ttft_s=stats.ttft_s, tokens_per_s=stats.tokens_per_s, finish_reason=stats.finish_reason)
