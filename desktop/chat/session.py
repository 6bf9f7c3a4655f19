"""The chat pane's behaviour: which conversation is open, its turns (runtime.chat.Chat) run off the GUI thread,
stop, branch switching and search. Widgets only display what it emits."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.chat.message_view import MessageItem
from desktop.chat.sidebar import MARKERS
from desktop.settings import Settings
from desktop.workers import Report, Task
from runtime.chat import Chat, Reply, Turn
from runtime.engine import EngineProtocol, GenerationOptions
from runtime.store import Conversation, Document, HistoryStore, Message

log = logging.getLogger(__name__)

class ChatSession(QObject):
    """Drives one chat pane over ``store``; the engine comes from ``set_engine``."""

    conversations_changed = Signal(list, object)  # Conversation records, current id
    messages_changed = Signal(list)  # MessageItem list of the active branch
    streaming = Signal(str)  # the answer so far
    answer_finished = Signal(object)  # MessageItem of the finished answer
    generating_changed = Signal(bool)
    waiting_changed = Signal(bool)  # a message is queued until the model is ready
    stats_changed = Signal(float, int, int)  # the last answer's speed and token counts
    stats_cleared = Signal()  # no last answer to tell of: a new one has begun, or the chat is new
    context_changed = Signal(int, int)
    search_results = Signal(list)
    focus_message = Signal(int)
    error = Signal(object)  # Exception to show
    documents_changed = Signal(list)  # the Document records the open (or new) conversation answers from
    indexing = Signal(object)  # the name of the file being read and indexed; None when none is
    indexing_progress = Signal(str, int, int)  # stage ("reading" | "indexing"), done, total
    passage_shown = Signal(int, object)  # citation number, StoredPassage

    def __init__(self, store: HistoryStore, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.chat = Chat(store)
        self.answer_text = ""  # the answer streaming now, as far as it has come
        self._turn: Turn | None = None
        self._task: Task | None = None
        self._waiting_for_engine = False
        self._waiting_conversation: int | None = None
        self._search_task: Task | None = None
        self._pending_documents: list[int] = []  # attached to a new chat before its first message
        self._to_index: list[Path] = []
        self._index_task: Task | None = None

    @property
    def current(self) -> int | None:
        """The open conversation; None for a new chat not stored yet."""
        return self.chat.conversation_id

    @current.setter
    def current(self, conversation_id: int | None) -> None:
        self.chat.conversation_id = conversation_id

    @property
    def engine(self) -> EngineProtocol | None:
        return self.chat.engine

    # conversations -------------------------------------------------------------------------
    def refresh_list(self) -> None:
        self.conversations_changed.emit(self.store.list_conversations(limit=200), self.current)

    def new_conversation(self) -> None:
        """Show an empty chat; it is stored when its first message is sent."""
        if self.is_generating():
            return
        self.current = None
        self._pending_documents = []
        self.messages_changed.emit([])
        self.documents_changed.emit([])
        self.stats_cleared.emit()
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
        self._pending_documents = []
        self._show_branch()
        self.documents_changed.emit(self.documents())
        self.refresh_list()
        if message_id is not None and message_id > 0:
            self.focus_message.emit(message_id)

    def conversation(self) -> Conversation | None:
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
        conversation = self.conversation()
        if conversation is not None and (text or None) != conversation.system_prompt:
            self.store.set_system_prompt(conversation.id, text or None)

    # sending -------------------------------------------------------------------------------
    def send(self, text: str, system_prompt: str = "", editing_id: int | None = None) -> None:
        """Store the user's message (as a new branch when editing) and answer it."""
        if self.is_generating():
            return
        if editing_id is not None:
            self.chat.edit(editing_id, text)
        else:
            self.chat.send(text, system_prompt)
        if self.current is not None and self._pending_documents:
            for document_id in self._pending_documents:
                self.store.attach_document(self.current, document_id)
            self._pending_documents = []
        self._answer()

    def regenerate(self) -> None:
        """Answer the last user message again; the previous answer stays as a branch."""
        if self.is_generating() or self.current is None or not self.store.active_branch(self.current):
            return
        self._answer()

    def stop(self) -> None:
        """Stop the answer at the next token; what was written so far is kept, marked stopped."""
        if self._turn is not None:
            self._turn.cancel()

    def is_generating(self) -> bool:
        return self._turn is not None

    def set_engine(self, engine: EngineProtocol) -> None:
        self.chat.engine = engine
        if self._waiting_for_engine:
            queued = self._waiting_conversation
            self._set_waiting(False)
            if self.current != queued:  # the user looked elsewhere meanwhile: answer the queued message
                self.open_conversation(queued)
            self.regenerate()
        elif self.current is not None:
            self._update_context()

    def _answer(self) -> None:
        """Begin the answer at the end of the branch here, and stream it in a worker; without an engine, wait for it."""
        if self.engine is None:
            self._set_waiting(True)
            self._show_branch()
            self.refresh_list()
            return
        self._turn = self.chat.begin_answer(GenerationOptions(**asdict(self.settings.sampling)))
        if self._turn is None:
            return
        self.answer_text = ""
        self._show_branch()
        self.refresh_list()
        self._task = Task(self._stream_fn(self._turn), "generate")
        self._task.progress.connect(self._on_delta)
        self._task.succeeded.connect(self._on_finished)
        self._task.failed.connect(self._on_failed)
        self.stats_cleared.emit()
        self.generating_changed.emit(True)
        self._task.start()

    def _stream_fn(self, turn: Turn) -> Callable[[Report, threading.Event], Reply]:
        engine, path, conversation_id = self.engine, self.store.path, self.current

        def stream(report: Report, _cancel: threading.Event) -> Reply:
            with HistoryStore.open(path) as store:  # the worker's own connection: SQLite's stay in their thread
                return Chat(store, engine, conversation_id).stream(turn, report)

        return stream

    def is_waiting(self) -> bool:
        """Whether the last message waits for the model to be ready."""
        return self._waiting_for_engine

    def _set_waiting(self, waiting: bool) -> None:
        self._waiting_for_engine = waiting
        self._waiting_conversation = self.current if waiting else None
        self.waiting_changed.emit(waiting)

    def _on_delta(self, delta: str) -> None:
        self.answer_text += delta
        self.streaming.emit(self.answer_text)

    def _on_finished(self, reply: Reply) -> None:
        stats = reply.stats
        self._close_answer(reply.message)
        self.stats_changed.emit(float(stats.tokens_per_s or 0.0), stats.prompt_tokens, stats.completion_tokens)
        self.context_changed.emit(stats.prompt_tokens + stats.completion_tokens, self._context_length())
        if stats.dropped_turns:
            self.error.emit(Warning(self.tr(
                "The conversation is longer than the model's context: the {n} oldest turns were left out of this answer."
            ).format(n=stats.dropped_turns)))

    def _on_failed(self, error: Exception) -> None:
        if self._turn is not None:  # the worker finished the answer as an error, with the text so far
            self._close_answer(self.store.get_message(self._turn.answer.id))
        self.error.emit(error)

    def _close_answer(self, message: Message) -> None:
        self._turn, self._task = None, None
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
        QCoreApplication.processEvents()  # the worker has finished the answer: deliver what it reported

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

    def _item(self, message: Message) -> MessageItem:
        siblings = [sibling.id for sibling in self.store.branches_at(message.id)]
        return MessageItem(message.id, message.role, message.content, message.finish_reason,
                           (siblings.index(message.id) + 1, len(siblings)), tuple(_source_ids(message)))

    def _show_branch(self) -> None:
        branch = self.store.active_branch(self.current) if self.current is not None else []
        self.messages_changed.emit([self._item(message) for message in branch])
        self._update_context()

    def _update_context(self) -> None:
        if self.engine is not None:
            self.context_changed.emit(self.chat.context_tokens(), self._context_length())

    def _context_length(self) -> int:
        return int(self.engine.context_length) if self.engine is not None else 0

    # documents -------------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        """The documents the open conversation answers from (for a new chat, those attached so far)."""
        if self.current is not None:
            return self.store.conversation_documents(self.current)
        return [self.store.get_document(document_id) for document_id in self._pending_documents]

    def attach_files(self, paths: list[Path]) -> None:
        """Read and index each file in a worker (one after another), then attach it to the conversation."""
        self._to_index.extend(paths)
        if self._index_task is None:
            self._index_next()

    def cancel_indexing(self) -> None:
        """Stop adding documents: the one being read is dropped (nothing of it kept), the queued ones too."""
        self._to_index.clear()
        if self._index_task is not None:
            self._index_task.cancel()

    def detach(self, document_id: int) -> None:
        if self.current is not None:
            self.store.detach_document(self.current, document_id)
        elif document_id in self._pending_documents:
            self._pending_documents.remove(document_id)
        self.documents_changed.emit(self.documents())

    def _attach(self, document_id: int) -> None:
        if self.current is not None:
            self.store.attach_document(self.current, document_id)
        elif document_id not in self._pending_documents:
            self._pending_documents.append(document_id)
        self.documents_changed.emit(self.documents())

    def _index_next(self) -> None:
        if not self._to_index:
            self._index_task = None
            self.indexing.emit(None)
            return
        file, path = self._to_index.pop(0), self.store.path

        def run(report: Report, cancel: threading.Event) -> int:
            from runtime.tasks.library import add_file  # documents.py and its readers load when first needed

            with HistoryStore.open(path) as store:  # the worker's own connection
                return add_file(store, file, lambda stage, done, total: report((stage, done, total)), cancel).id

        task = Task(run, "index")
        task.progress.connect(lambda values: self.indexing_progress.emit(*values))
        task.succeeded.connect(self._attach)
        task.failed.connect(self._on_index_failed)
        task.done.connect(self._index_next)
        self._index_task = task
        self.indexing.emit(file.name)
        task.start()

    def _on_index_failed(self, error: Exception) -> None:
        from runtime.tasks.library import IndexCancelledError

        if not isinstance(error, IndexCancelledError):  # a cancel was the user's wish: nothing to say
            self.error.emit(error)

    def show_citation(self, message_id: int, number: int) -> None:
        """Show the passage that citation ``number`` of an answer points to."""
        ids = _source_ids(self.store.get_message(message_id))
        passages = self.store.get_passages([ids[number - 1]]) if 1 <= number <= len(ids) else []
        if passages:
            self.passage_shown.emit(number, passages[0])
        else:
            self.error.emit(Warning(self.tr(
                "The passage this citation points to is gone: its document was removed from the library.")))

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
            store = HistoryStore.open(path)
            try:
                hits = store.search(query, limit=50, markers=MARKERS)
            finally:
                store.close()
            return [] if cancel.is_set() else [hit for hit in hits if hit.conversation_id is not None]

        task = Task(run, "search")
        task.succeeded.connect(lambda hits: None if task.cancelled else self.search_results.emit(hits))
        self._search_task = task.start()


def _source_ids(message: Message) -> list[int]:
    """The passage ids an answer was given as its numbered sources (none for other messages)."""
    return list((message.options or {}).get("sources") or []) if message.role == "assistant" else []
