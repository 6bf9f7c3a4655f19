"""Export a conversation to Markdown (its active branch, for reading) or JSON (every branch,
for import), and import that JSON back as a new conversation.

The JSON numbers messages 1..n within the file, so an export does not depend on database ids:
exporting an imported conversation gives the same JSON as the original export.
"""

from __future__ import annotations

import json
from typing import Any

from runtime.errors import ImportFormatError
from runtime.store.errors import guarded
from runtime.store.messages import MessagesMixin
from runtime.store.records import FINISH_REASONS, ROLES, Conversation, from_db_time, to_db_json, to_db_time

FORMAT = "penna-conversation"
VERSION = 1

_HEADINGS = {"user": "User", "assistant": "Assistant", "system": "System"}

# Message fields besides id and parent, with the JSON types each may take (None: may be null).
_MESSAGE_FIELDS: dict[str, tuple[type | None, ...]] = {
    "role": (str,),
    "content": (str,),
    "created": (str,),
    "model": (str, None),
    "options": (dict, None),
    "prompt_tokens": (int, None),
    "completion_tokens": (int, None),
    "ttft_s": (float, int, None),
    "tokens_per_s": (float, int, None),
    "finish_reason": (str, None),
}
_CONVERSATION_FIELDS: dict[str, tuple[type | None, ...]] = {
    "title": (str,),
    "created": (str,),
    "updated": (str,),
    "model": (str, None),
    "system_prompt": (str, None),
    "pinned": (bool,),
    "archived": (bool,),
}


def _check(record: Any, fields: dict[str, tuple[type | None, ...]], where: str) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise ImportFormatError(f"{where} should be a JSON object.")
    for name, types in fields.items():
        if name not in record:
            raise ImportFormatError(f"{where} has no {name!r}.")
        value = record[name]
        ok = (value is None and None in types) or any(
            t is not None and isinstance(value, t) and not (t is int and isinstance(value, bool)) for t in types
        )
        if not ok:
            raise ImportFormatError(f"{where} has {name!r} = {value!r}, of the wrong type.")
    for name in ("created", "updated"):
        if name in fields:
            try:
                from_db_time(record[name])
            except ValueError:
                raise ImportFormatError(f"{where} has {name!r} = {record[name]!r}, not an ISO-8601 time.") from None
    return record


def _normal_time(text: str) -> str:
    """The database's own spelling of a time, so that text order stays time order."""
    return to_db_time(from_db_time(text))


class TransferMixin(MessagesMixin):
    @guarded
    def export_markdown(self, conversation_id: int) -> str:
        """The active branch as Markdown, for reading and sharing."""
        conversation = self.get_conversation(conversation_id)
        lines = [f"# {conversation.title}", ""]
        facts = [f"Started {conversation.created:%Y-%m-%d %H:%M} UTC"]
        if conversation.model:
            facts.insert(0, f"Model: {conversation.model}")
        lines += ["*" + " · ".join(facts) + "*", ""]
        if conversation.system_prompt:
            lines += ["**System prompt**", ""]
            lines += [f"> {line}" if line else ">" for line in conversation.system_prompt.splitlines()]
            lines.append("")
        for message in self.active_branch(conversation_id):
            heading = _HEADINGS[message.role]
            if message.role == "assistant" and message.model:
                heading += f" ({message.model})"
            lines += ["---", "", f"## {heading}", "", message.content, ""]
            if message.role == "assistant" and message.finish_reason != "stop":
                lines += [f"*(answer ended: {message.finish_reason or 'interrupted'})*", ""]
        return "\n".join(lines)

    @guarded
    def export_json(self, conversation_id: int) -> str:
        """The whole conversation, every branch included, as JSON text that ``import_json`` reads."""
        with self.db.atomic():  # one snapshot, even if another process writes meanwhile
            conversation = self.get_conversation(conversation_id)
            rows = self._rows("SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", [conversation_id])
        number = {row["id"]: index for index, row in enumerate(rows, start=1)}
        messages = [
            {
                "id": number[row["id"]],
                "parent": number.get(row["parent_id"]),
                **{name: row[name] for name in _MESSAGE_FIELDS},
                "options": json.loads(row["options"]) if row["options"] is not None else None,
            }
            for row in rows
        ]
        document = {
            "format": FORMAT,
            "version": VERSION,
            "title": conversation.title,
            "created": to_db_time(conversation.created),
            "updated": to_db_time(conversation.updated),
            "model": conversation.model,
            "system_prompt": conversation.system_prompt,
            "pinned": conversation.pinned,
            "archived": conversation.archived,
            "active_leaf": number.get(conversation.active_leaf_id),
            "messages": messages,
        }
        return json.dumps(document, ensure_ascii=False, indent=2)

    @guarded
    def import_json(self, data: str | bytes) -> Conversation:
        """Add the conversation in an ``export_json`` text as a new conversation; returns it."""
        try:
            document = json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            raise ImportFormatError(f"The file is not JSON ({error}); give a file made by `penna history export`.") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ImportFormatError(f"The JSON is not a Penna conversation export (no \"format\": \"{FORMAT}\").")
        if document.get("version") != VERSION:
            raise ImportFormatError(
                f"The export has version {document.get('version')!r}; this Penna reads version {VERSION}. Update Penna."
            )
        _check(document, _CONVERSATION_FIELDS, "The conversation")
        messages = document.get("messages")
        if not isinstance(messages, list):
            raise ImportFormatError("The conversation has no list of 'messages'.")
        with self._write():
            row = {name: document[name] for name in _CONVERSATION_FIELDS}
            row.update(created=_normal_time(document["created"]), updated=_normal_time(document["updated"]))
            conversation_id = self._insert_row("conversations", row)
            new_ids: dict[int, int] = {}
            for position, message in enumerate(messages, start=1):
                self._import_message(conversation_id, message, position, new_ids)
            leaf: int | None = document.get("active_leaf")
            if leaf is not None and leaf not in new_ids:
                raise ImportFormatError(f"'active_leaf' = {leaf!r} names no message in the file.")
            # Set last, with the original "updated", which the message inserts above do not touch.
            self._update_row("conversations", conversation_id,
                             {"active_leaf_id": None if leaf is None else new_ids[leaf], "updated": row["updated"]})
        return self.get_conversation(conversation_id)

    def _import_message(self, conversation_id: int, message: Any, position: int, new_ids: dict[int, int]) -> None:
        where = f"Message {position}"
        _check(message, {"id": (int,), "parent": (int, None), **_MESSAGE_FIELDS}, where)
        if message["role"] not in ROLES:
            raise ImportFormatError(f"{where} has role {message['role']!r}; expected one of {ROLES}.")
        if message["finish_reason"] is not None and message["finish_reason"] not in FINISH_REASONS:
            raise ImportFormatError(f"{where} has finish_reason {message['finish_reason']!r}; expected one of {FINISH_REASONS}.")
        if message["parent"] is not None and message["parent"] not in new_ids:
            raise ImportFormatError(f"{where} has parent {message['parent']!r}, which is not an earlier message.")
        if message["id"] in new_ids:
            raise ImportFormatError(f"{where} repeats id {message['id']!r}.")
        row = {name: message[name] for name in _MESSAGE_FIELDS}
        row.update(
            conversation_id=conversation_id,
            parent_id=new_ids.get(message["parent"]),
            created=_normal_time(message["created"]),
            options=to_db_json(message["options"]),
        )
        new_ids[message["id"]] = self._insert_row("messages", row)
