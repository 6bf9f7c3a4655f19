"""Penna's history: conversations, translations and summaries in one SQLite database.

Everything here is headless (no Qt). The GUI and the CLI use only what this module exports.

Opening
    store = HistoryStore.open(path=None)       # default runtime.paths.data_dir() / "history.db"
    with HistoryStore.open() as store: ...     # closes on exit
    HistoryStore.move_aside(path=None) -> Path | None   # only when the user asks for a fresh history

    Open one store per thread (it is cheap); the GUI's worker thread opens its own. WAL mode and
    a busy timeout let several stores and processes (GUI and CLI) write at once. The schema is
    created or upgraded by numbered migrations at open.

Conversations  (records: Conversation)
    create_conversation(title, model=None, system_prompt=None) -> Conversation
    get_conversation(conversation_id) -> Conversation
    list_conversations(limit=50, offset=0, include_archived=False) -> list[Conversation]
        pinned first, then most recently updated
    rename_conversation(conversation_id, title) -> Conversation
    set_system_prompt(conversation_id, system_prompt) -> Conversation   # None removes it
    pin_conversation(conversation_id, pinned=True) -> Conversation
    archive_conversation(conversation_id, archived=True) -> Conversation
    delete_conversation(conversation_id) -> None          # with all its messages

Messages and branches  (records: Message)
    Messages form a tree (parent_id). Editing a message or regenerating an answer adds a sibling;
    the conversation's active branch runs from a root to its active leaf.
    active_branch(conversation_id) -> list[Message]        # oldest first
    append_message(conversation_id, role, content, parent_id=None, model=None, options=None) -> Message
        role: "system" | "user" | "assistant"; parent defaults to the tip of the active branch;
        the new message becomes the tip
    begin_answer(conversation_id, parent_id=None, model=None, options=None, interval_s=0.5) -> StreamingAnswer
    regenerate(message_id, model=None, options=None) -> StreamingAnswer   # a new answer beside an old one
    edit_message(message_id, new_content) -> Message       # an edited copy beside the original, as the tip
    branches_at(message_id) -> list[Message]               # the message and its siblings, oldest first
    switch_branch(message_id) -> list[Message]             # activate the branch through it; returns it
    get_message(message_id) -> Message

StreamingAnswer  (use from the thread that made it; also a context manager that finishes on exit)
    update(partial_text) -> bool      # the whole answer so far; written at most every interval_s
    finish(text=None, prompt_tokens=None, completion_tokens=None, ttft_s=None, tokens_per_s=None,
           finish_reason="stop") -> Message     # finish_reason: "stop" | "length" | "cancelled" | "error"
    message_id, message, finished
    A message whose finish_reason is None is still streaming, or its writer died mid-answer.

Search  (records: SearchHit)
    search(query, limit=20, markers=("**", "**")) -> list[SearchHit]
        over message text, conversation titles, translations, writings and summaries; best first.
        Each word or "quoted phrase" must occur (case-insensitive substring); punctuation is literal.
        SearchHit: kind ("message" | "conversation" | "translation" | "summary" | "writing"), id (of
        that record), conversation_id (None for all but messages and conversations), title, rank (lower is
        better), snippet (matches wrapped in markers)

Export, import, backup
    export_markdown(conversation_id) -> str    # the active branch, for reading
    export_json(conversation_id) -> str        # every branch; import_json reads it back
    import_json(data: str | bytes) -> Conversation   # a new conversation; raises ImportFormatError
    backup(target) -> Path                     # VACUUM INTO a new file; never overwrites

Translations, documents, summaries  (records: Translation, Document, Summary)
    add_translation(source_text, target_language, result, source_language=None, model=None) -> Translation
    list_translations(limit=50, offset=0) -> list[Translation]      # newest first
    add_document(title, content, path=None) -> Document   # by sha256 of content; same text -> same record
    add_summary(document_id, summary, model=None, options=None, sources=None) -> Summary
        sources: per part of the summary, the ids of the passages it came from
    list_summaries(document_id=None, limit=50, offset=0) -> list[Summary]   # newest first
    get_translation(id), get_document(id)

Document library  (records: Document, StoredPassage)
    index_document(title, content, passages, path=None, kind=None, pages=None, progress=None, cancelled=...)
        -> Document | None     # text and passages (with anchors) kept and indexed (FTS5, Porter stems);
                               # the same text again -> the same record; None when cancelled (nothing kept)
    find_document(content) -> Document | None       list_library(limit=100, offset=0) -> list[Document]
    document_text(document_id) -> str               passages_of(document_id) -> list[StoredPassage]
    search_passages(query, document_ids, limit=5) -> list[StoredPassage]   # bm25, best first
    get_passages(ids) -> list[StoredPassage]
    remove_document(document_id)     # with its passages, their index rows, summaries and links to chats
    attach_document(conversation_id, document_id), detach_document(...), conversation_documents(conversation_id)
Writing actions  (records: Writing)
    add_writing(action, source_text, result, language=None, model=None) -> Writing
    list_writings(limit=50, offset=0) -> list[Writing]      # newest first
    get_writing(id)

Errors (runtime.errors, all StoreError, a PennaError): DatabaseCorruptError (not SQLite, or
damaged; the file is left untouched), DatabaseBusyError, DatabaseReadOnlyError, DatabaseFullError,
SchemaTooNewError, RecordNotFoundError, ImportFormatError. Times are timezone-aware UTC datetimes.
"""

from runtime.store.records import (
    Conversation,
    Document,
    Message,
    SearchHit,
    StoredPassage,
    Summary,
    Translation,
    Writing,
)
from runtime.store.store import HistoryStore, default_path
from runtime.store.streaming import StreamingAnswer

__all__ = [
    "Conversation",
    "Document",
    "HistoryStore",
    "Message",
    "SearchHit",
    "StoredPassage",
    "StreamingAnswer",
    "Summary",
    "Translation",
    "Writing",
    "default_path",
]
