"""Conversations: create, list, rename, pin, archive, delete."""

from __future__ import annotations

from runtime.store.base import StoreBase
from runtime.store.errors import guarded
from runtime.store.records import Conversation, now, to_db_time


class ConversationsMixin(StoreBase):
    @guarded
    def create_conversation(self, title: str, model: str | None = None, system_prompt: str | None = None) -> Conversation:
        stamp = to_db_time(now())
        with self._write():
            conversation_id = self._insert_row(
                "conversations",
                {"title": title, "created": stamp, "updated": stamp, "model": model, "system_prompt": system_prompt},
            )
        return self.get_conversation(conversation_id)

    @guarded
    def get_conversation(self, conversation_id: int) -> Conversation:
        row = self._row("SELECT * FROM conversations WHERE id = ?", [conversation_id], f"conversation {conversation_id}")
        return Conversation.from_row(row)

    @guarded
    def list_conversations(self, limit: int = 50, offset: int = 0, include_archived: bool = False) -> list[Conversation]:
        """Pinned first, then the most recently updated."""
        rows = self._rows(
            "SELECT * FROM conversations WHERE archived IN (0, ?) "
            "ORDER BY pinned DESC, updated DESC, id DESC LIMIT ? OFFSET ?",
            [1 if include_archived else 0, limit, offset],
        )
        return [Conversation.from_row(row) for row in rows]

    @guarded
    def rename_conversation(self, conversation_id: int, title: str) -> Conversation:
        return self._set(conversation_id, title=title)

    @guarded
    def set_system_prompt(self, conversation_id: int, system_prompt: str | None) -> Conversation:
        return self._set(conversation_id, system_prompt=system_prompt)

    @guarded
    def pin_conversation(self, conversation_id: int, pinned: bool = True) -> Conversation:
        return self._set(conversation_id, pinned=int(pinned))

    @guarded
    def archive_conversation(self, conversation_id: int, archived: bool = True) -> Conversation:
        return self._set(conversation_id, archived=int(archived))

    @guarded
    def delete_conversation(self, conversation_id: int) -> None:
        """Delete a conversation with all its messages and branches."""
        with self._write():
            self.get_conversation(conversation_id)
            self.db.execute("DELETE FROM conversations WHERE id = ?", [conversation_id])

    def _set(self, conversation_id: int, **values: object) -> Conversation:
        with self._write():
            self.get_conversation(conversation_id)
            self._update_row("conversations", conversation_id, values)
        return self.get_conversation(conversation_id)

    def _touch(self, conversation_id: int, active_leaf_id: int | None = None) -> None:
        """Mark the conversation updated now; with a leaf, make that message's branch the active one."""
        values: dict[str, object] = {"updated": to_db_time(now())}
        if active_leaf_id is not None:
            values["active_leaf_id"] = active_leaf_id
        self._update_row("conversations", conversation_id, values)
