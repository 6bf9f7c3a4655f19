"""The chat's behaviour: which conversation is open, sending, streaming into the store, stop,
regenerate, edit-and-resend, branch switching and search. Widgets only display what it emits."""

from __future__ import annotations

import logging
import threading
from dataclasses import asdict

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.chat.message_view import MessageItem
from desktop.chat.sidebar import MARKERS
from desktop.settings import Settings
from desktop.workers import Report, Task
from runtime.conversation import engine_messages, title_from

log = logging.getLogger(__name__)

class ChatSession(QObject):
    """Drives one chat pane. ``store`` is a runtime.store.HistoryStore; the engine comes from ``set_engine``."""

    conversations_changed = Signal(list, object)  # Conversation records, current id
    messages_changed = Signal(list)  # MessageItem list of the active branch
    streaming = Signal(str)  # the answer so far
    answer_finished = Signal(object)  # MessageItem of the finished answer
    generating_changed = Signal(bool)
    waiting_changed = Signal(bool)  # a message is queued until the model is ready
    stats_changed = Signal(float, int, int)
    context_changed = Signal(int, int)
    search_results = Signal(list)
    focus_message = Signal(int)
    error = Signal(object)  # Exception to show

    def __init__(self, store: object, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.engine = None
        self.current: int | None = None
        self.answer_text = ""
        self._writer = None
        self._task: Task | None = None
        self._generation = None
        self._waiting_for_engine = False
        self._waiting_conversation: int | None = None
        self._search_task: Task | None = None

    # conversations -------------------------------------------------------------------------
    def refresh_list(self) -> None:
        self.conversations_changed.emit(self.store.list_conversations(limit=200), self.current)

    def new_conversation(self) -> None:
        """Show an empty chat; it is stored when its first message is sent."""
        if self.is_generating():
            return
        self.current = None
        self.messages_changed.emit([])
        self.context_changed.emit(0, self._context_length())
        self.refresh_list()

    def open_conversation(self, conversation_id: int, message_id: int | None = None) -> None:
        """Show a conversation; with ``message_id``, on the branch holding that message, scrolled to it."""
        if self.is_generating() and conversation_id != self.current:
            return
        if message_id is not None and message_id > 0:
            if message_id not in {message.id for message in self.store.active_branch(conversation_id)}:
                self.store.switch_branch(message_id)
        self.current = conversation_id
        self._show_branch()
        self.refresh_list()
        if message_id is not None and message_id > 0:
            self.focus_message.emit(message_id)

    def conversation(self) -> object | None:
        return self.store.get_conversation(self.current) if self.current is not None else None

    def rename(self, conversation_id: int, title: str) -> None:
        self.store.rename_conversation(conversation_id, title.strip() or self.tr("Untitled"))
        self.refresh_list()

    def pin(self, conversation_id: int, pinned: bool) -> None:
        self.store.pin_conversation(conversation_id, pinned)
        self.refresh_list()

    def delete(self, conversation_id: int) -> None:
        if conversation_id == self.current:
            if self.is_generating():
                return
            self.current = None
            self.messages_changed.emit([])
        self.store.delete_conversation(conversation_id)
        self.refresh_list()

    def export(self, conversation_id: int, kind: str) -> str:
        """The conversation as Markdown (``kind == "md"``) or JSON text."""
        return self.store.export_markdown(conversation_id) if kind == "md" else self.store.export_json(conversation_id)

    def set_system_prompt(self, text: str) -> None:
        if self.current is not None and (text or None) != self.conversation().system_prompt:
            self.store.set_system_prompt(self.current, text or None)

    # sending -------------------------------------------------------------------------------
    def send(self, text: str, system_prompt: str = "", editing_id: int | None = None) -> None:
        """Store the user's message (as a new branch when editing) and answer it."""
        if self.is_generating():
            return
        if editing_id is not None:
            self._retitle_after_edit(editing_id, text)
            self.store.edit_message(editing_id, text)
        else:
            if self.current is None:
                self.current = self.store.create_conversation(title_from(text), system_prompt=system_prompt or None).id
            self.store.append_message(self.current, "user", text)
        self._answer()

    def _retitle_after_edit(self, message_id: int, text: str) -> None:
        """A title made from the first message follows an edit of that message (a title the user chose stays)."""
        first = next((message for message in self.store.active_branch(self.current) if message.role == "user"), None)
        conversation = self.conversation()
        if first is not None and first.id == message_id and conversation.title == title_from(first.content):
            self.store.rename_conversation(self.current, title_from(text))

    def regenerate(self) -> None:
        """Answer the last user message again; the previous answer stays as a branch."""
        if self.is_generating() or self.current is None:
            return
        branch = self.store.active_branch(self.current)
        if not branch:
            return
        if branch[-1].role == "assistant":
            self._answer(regenerating=branch[-1].id)
        elif branch[-1].role == "user":
            self._answer()

    def stop(self) -> None:
        """Stop the answer at the next token; what was written so far is kept, marked stopped."""
        if self._task is not None:
            self._task.cancel()
            if self._generation is not None:
                self._generation.cancel()

    def is_generating(self) -> bool:
        return self._writer is not None

    def set_engine(self, engine: object) -> None:
        self.engine = engine
        if self._waiting_for_engine:
            queued = self._waiting_conversation
            self._set_waiting(False)
            if self.current != queued:  # the user looked elsewhere meanwhile: answer the queued message
                self.open_conversation(queued)
            self.regenerate()
        elif self.current is not None:
            self._update_context()

    def _answer(self, regenerating: int | None = None) -> None:
        if self.engine is None:
            self._set_waiting(True)
            self._show_branch()
            self.refresh_list()
            return
        model = self.engine.model_name
        options = self._options()
        self._writer = (
            self.store.regenerate(regenerating, model=model, options=asdict(options))
            if regenerating is not None
            else self.store.begin_answer(self.current, model=model, options=asdict(options))
        )
        messages = engine_messages(self.store, self.current)  # the answer just begun is still empty: left out
        self.answer_text = ""
        self._show_branch()
        self.refresh_list()
        self._task = Task(self._generate_fn(self.engine, messages, options), "generate")
        self._task.progress.connect(self._on_delta)
        self._task.succeeded.connect(self._on_finished)
        self._task.failed.connect(self._on_failed)
        self.generating_changed.emit(True)
        self._task.start()

    def _generate_fn(self, engine: object, messages: list[dict], options: object):  # noqa: ANN202
        def generate(report: Report, cancel: threading.Event) -> object:
            generation = engine.chat(messages, options)
            self._generation = generation
            if cancel.is_set():
                generation.cancel()
            for delta in generation:
                report(delta)
            return generation.stats

        return generate

    def is_waiting(self) -> bool:
        """Whether the last message waits for the model to be ready."""
        return self._waiting_for_engine

    def _set_waiting(self, waiting: bool) -> None:
        self._waiting_for_engine = waiting
        self._waiting_conversation = self.current if waiting else None
        self.waiting_changed.emit(waiting)

    def _options(self) -> object:
        from runtime.engine import GenerationOptions

        return GenerationOptions(**asdict(self.settings.sampling))

    def _on_delta(self, delta: str) -> None:
        if self._writer is None:
            return
        self.answer_text += delta
        self._writer.update(self.answer_text)
        self.streaming.emit(self.answer_text)

    def _on_finished(self, stats: object) -> None:
        reason = "cancelled" if self._task.cancelled else stats.finish_reason
        self._close_answer(
            prompt_tokens=stats.prompt_tokens, completion_tokens=stats.completion_tokens,
            ttft_s=stats.ttft_s, tokens_per_s=stats.tokens_per_s, finish_reason=reason,
        )
        self.stats_changed.emit(float(stats.tokens_per_s or 0.0), stats.prompt_tokens, stats.completion_tokens)
        self.context_changed.emit(stats.prompt_tokens + stats.completion_tokens, self._context_length())
        if stats.dropped_turns:
            self.error.emit(Warning(self.tr(
                "The conversation is longer than the model's context: the {n} oldest turns were left out of this answer."
            ).format(n=stats.dropped_turns)))

    def _on_failed(self, error: Exception) -> None:
        self._close_answer(finish_reason="error")
        self.error.emit(error)

    def _close_answer(self, **figures: object) -> None:
        message = self._writer.finish(self.answer_text, **figures)
        self._writer, self._task, self._generation = None, None, None
        self.generating_changed.emit(False)
        self.answer_finished.emit(self._item(message))
        self.refresh_list()

    def shutdown(self) -> None:
        """Window closing: stop the answer, deliver the deltas already made, keep the partial text."""
        if self._task is None:
            return
        task = self._task
        self.stop()
        task.wait()
        QCoreApplication.processEvents()
        if self._writer is not None:
            self._close_answer(finish_reason="cancelled")

    # branches ------------------------------------------------------------------------------
    def switch_branch(self, message_id: int, step: int) -> None:
        """Show the previous (-1) or next (+1) version of a message and the branch below it."""
        if self.is_generating():
            return
        siblings = [message.id for message in self.store.branches_at(message_id)]
        index = siblings.index(message_id) + step
        if 0 <= index < len(siblings):
            self.store.switch_branch(siblings[index])
            self._show_branch()

    def _item(self, message: object) -> MessageItem:
        siblings = [sibling.id for sibling in self.store.branches_at(message.id)]
        return MessageItem(message.id, message.role, message.content, message.finish_reason,
                           (siblings.index(message.id) + 1, len(siblings)))

    def _show_branch(self) -> None:
        branch = self.store.active_branch(self.current) if self.current is not None else []
        self.messages_changed.emit([self._item(message) for message in branch])
        self._update_context(branch)

    def _update_context(self, branch: list | None = None) -> None:
        if self.engine is None:
            return
        branch = branch if branch is not None else self.store.active_branch(self.current)
        used = self.engine.count_tokens("\n".join(message.content for message in branch)) if branch else 0
        self.context_changed.emit(used, self._context_length())

    def _context_length(self) -> int:
        return int(self.engine.context_length) if self.engine is not None else 0

    # search --------------------------------------------------------------------------------
    def search(self, query: str) -> None:
        """Full-text search in a worker thread (with its own connection); results arrive as ``search_results``."""
        if self._search_task is not None:
            self._search_task.cancel()
        if not query:
            self.search_results.emit([])
            return
        path = self.store.path

        def run(_report: Report, cancel: threading.Event) -> list:
            from runtime.store import HistoryStore

            store = HistoryStore.open(path)
            try:
                hits = store.search(query, limit=50, markers=MARKERS)
            finally:
                store.close()
            return [] if cancel.is_set() else [hit for hit in hits if hit.conversation_id is not None]

        task = Task(run, "search")
        task.succeeded.connect(lambda hits: None if task.cancelled else self.search_results.emit(hits))
        self._search_task = task.start()
