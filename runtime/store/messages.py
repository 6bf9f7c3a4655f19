"""Messages as a tree: each has a parent, editing or regenerating adds a sibling, and the
conversation remembers its active leaf; the active branch is the path from a root to that leaf."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from runtime.store.conversations import ConversationsMixin
from runtime.store.errors import guarded
from runtime.store.records import FINISH_REASONS, Message, Role, now, to_db_json, to_db_time
from runtime.store.streaming import StreamingAnswer

_ACTIVE_BRANCH = """
WITH RECURSIVE branch(id, depth) AS (
    SELECT active_leaf_id, 0 FROM conversations WHERE id = ? AND active_leaf_id IS NOT NULL
    UNION ALL
    SELECT m.parent_id, b.depth + 1 FROM branch b JOIN messages m ON m.id = b.id WHERE m.parent_id IS NOT NULL
)
SELECT m.* FROM branch b JOIN messages m ON m.id = b.id ORDER BY b.depth DESC
"""

_NEWEST_IN_SUBTREE = """
WITH RECURSIVE subtree(id) AS (
    SELECT ? UNION ALL SELECT m.id FROM messages m JOIN subtree s ON m.parent_id = s.id
)
SELECT max(id) FROM subtree
"""


class MessagesMixin(ConversationsMixin):
    @guarded
    def get_message(self, message_id: int) -> Message:
        return Message.from_row(self._row("SELECT * FROM messages WHERE id = ?", [message_id], f"message {message_id}"))

    @guarded
    def active_branch(self, conversation_id: int) -> list[Message]:
        """The messages of the active branch, oldest first."""
        self.get_conversation(conversation_id)
        return [Message.from_row(row) for row in self._rows(_ACTIVE_BRANCH, [conversation_id])]

    @guarded
    def append_message(
        self,
        conversation_id: int,
        role: Role,
        content: str,
        parent_id: int | None = None,
        model: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> Message:
        """Add a message below ``parent_id`` (default: the tip of the active branch) and make it the tip."""
        with self._write():
            if parent_id is None:
                parent_id = self.get_conversation(conversation_id).active_leaf_id
            return self._insert(conversation_id, parent_id, role, content, model, options)

    @guarded
    def begin_answer(
        self,
        conversation_id: int,
        parent_id: int | None = None,
        model: str | None = None,
        options: dict[str, Any] | None = None,
        interval_s: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> StreamingAnswer:
        """Start an assistant answer below ``parent_id`` (default: the tip); stream into the
        returned writer with ``update()`` and end with ``finish()``."""
        message = self.append_message(conversation_id, "assistant", "", parent_id, model, options)
        return StreamingAnswer(self, message, interval_s, clock)

    @guarded
    def regenerate(
        self, message_id: int, model: str | None = None, options: dict[str, Any] | None = None, interval_s: float = 0.5
    ) -> StreamingAnswer:
        """Start a new answer beside the answer ``message_id``; the old one stays as a branch."""
        old = self.get_message(message_id)
        if old.role != "assistant":
            raise ValueError(f"message {message_id} is a {old.role} message; only answers are regenerated")
        with self._write():
            message = self._insert(old.conversation_id, old.parent_id, "assistant", "", model, options)
        return StreamingAnswer(self, message, interval_s)

    @guarded
    def edit_message(self, message_id: int, new_content: str) -> Message:
        """Add an edited copy of a message beside it, as the new tip; the original stays as a branch."""
        old = self.get_message(message_id)
        with self._write():
            return self._insert(old.conversation_id, old.parent_id, old.role, new_content, old.model, old.options)

    @guarded
    def branches_at(self, message_id: int) -> list[Message]:
        """The message and its siblings (same parent), oldest first: the alternatives at that point."""
        message = self.get_message(message_id)
        rows = self._rows(
            "SELECT * FROM messages WHERE conversation_id = ? AND parent_id IS ? ORDER BY id",
            [message.conversation_id, message.parent_id],
        )
        return [Message.from_row(row) for row in rows]

    @guarded
    def switch_branch(self, message_id: int) -> list[Message]:
        """Make the branch through ``message_id`` active, down to its newest message; returns it."""
        message = self.get_message(message_id)
        with self._write():
            leaf = self.db.execute(_NEWEST_IN_SUBTREE, [message_id]).fetchone()[0]
            self._update_row("conversations", message.conversation_id, {"active_leaf_id": leaf})
        return self.active_branch(message.conversation_id)

    @guarded
    def save_partial(self, message_id: int, content: str) -> None:
        """Overwrite the text of an answer being streamed (StreamingAnswer calls this)."""
        with self._write():
            self.db.execute("UPDATE messages SET content = ? WHERE id = ?", [content, message_id])

    @guarded
    def finish_answer(
        self,
        message_id: int,
        content: str,
        prompt_tokens: int | None,
        completion_tokens: int | None,
        ttft_s: float | None,
        tokens_per_s: float | None,
        finish_reason: str,
    ) -> Message:
        """Store an answer's final text and figures (StreamingAnswer.finish calls this)."""
        if finish_reason not in FINISH_REASONS:
            raise ValueError(f"finish_reason must be one of {FINISH_REASONS}, not {finish_reason!r}")
        with self._write():
            self._update_row(
                "messages",
                message_id,
                {
                    "content": content,
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "ttft_s": ttft_s,
                    "tokens_per_s": tokens_per_s,
                    "finish_reason": finish_reason,
                },
            )
            self._touch(self.get_message(message_id).conversation_id)
        return self.get_message(message_id)

    def _insert(
        self,
        conversation_id: int,
        parent_id: int | None,
        role: str,
        content: str,
        model: str | None,
        options: dict[str, Any] | None,
    ) -> Message:
        """Insert below ``parent_id`` (None: a new root) and make it the active tip; call inside _write."""
        self.get_conversation(conversation_id)
        if parent_id is not None and self.get_message(parent_id).conversation_id != conversation_id:
            raise ValueError(f"message {parent_id} belongs to another conversation than {conversation_id}")
        message_id = self._insert_row(
            "messages",
            {
                "conversation_id": conversation_id,
                "parent_id": parent_id,
                "role": role,
                "content": content,
                "created": to_db_time(now()),
                "model": model,
                "options": to_db_json(options),
            },
        )
        self._touch(conversation_id, active_leaf_id=message_id)
        return self.get_message(message_id)
