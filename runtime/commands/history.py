"""``penna history``: list, show, search, export, import, delete, back up, reset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runtime.errors import StoreError
from runtime.store import HistoryStore


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("history", help="conversations, translations, writing actions and summaries kept by Penna")
    parser.add_argument("--db", type=Path, default=None, help="history database file (default: the per-user one)")
    leaves = parser.add_subparsers(dest="history_command", metavar="ACTION", required=True)

    listing = leaves.add_parser("list", help="conversations, pinned first, then newest")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--all", action="store_true", help="include archived conversations")
    listing.set_defaults(func=_list)

    show = leaves.add_parser("show", help="print a conversation's active branch")
    show.add_argument("id", type=int)
    show.set_defaults(func=_show)

    search = leaves.add_parser("search", help="full-text search in messages, titles, translations, writings, summaries")
    search.add_argument("query", nargs="+", help='words, or "a quoted phrase", that must all occur')
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(func=_search)

    export = leaves.add_parser("export", help="write a conversation as Markdown or JSON")
    export.add_argument("id", type=int)
    export.add_argument("--format", choices=["md", "json"], default="md")
    export.add_argument("-o", "--output", type=Path, default=None, help="file to write (default: standard output)")
    export.set_defaults(func=_export)

    imports = leaves.add_parser("import", help="add a conversation from a JSON export")
    imports.add_argument("file", type=Path)
    imports.set_defaults(func=_import)

    delete = leaves.add_parser("delete", help="delete a conversation and all its messages")
    delete.add_argument("id", type=int)
    delete.set_defaults(func=_delete)

    backup = leaves.add_parser("backup", help="copy the whole history database to a new file")
    backup.add_argument("file", type=Path)
    backup.set_defaults(func=_backup)

    reset = leaves.add_parser("reset", help="move the history database aside and start a fresh one")
    reset.set_defaults(func=_reset)


def _list(args: argparse.Namespace) -> int:
    with HistoryStore.open(args.db) as store:
        conversations = store.list_conversations(args.limit, args.offset, include_archived=args.all)
    for c in conversations:
        flags = ("P" if c.pinned else " ") + ("A" if c.archived else " ")
        print(f"{c.id:>6} {flags} {c.updated:%Y-%m-%d %H:%M}  {c.model or '-':<20.20}  {c.title}")
    if not conversations:
        print("No conversations yet.", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    with HistoryStore.open(args.db) as store:
        print(store.export_markdown(args.id))
    return 0


def _search(args: argparse.Namespace) -> int:
    with HistoryStore.open(args.db) as store:
        hits = store.search(" ".join(args.query), args.limit)
    for hit in hits:
        owner = f"conversation {hit.conversation_id}" if hit.conversation_id is not None else f"{hit.kind} {hit.id}"
        print(f"{owner} ({hit.kind} {hit.id}) — {hit.title}\n    {hit.snippet}")
    if not hits:
        print("Nothing found.", file=sys.stderr)
        return 1
    return 0


def _export(args: argparse.Namespace) -> int:
    with HistoryStore.open(args.db) as store:
        text = store.export_markdown(args.id) if args.format == "md" else store.export_json(args.id)
    if args.output is None:
        print(text)
        return 0
    try:
        args.output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as error:
        raise StoreError(f"Cannot write {args.output} ({error.strerror}). Choose another file.") from error
    print(f"Wrote conversation {args.id} to {args.output}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise StoreError(f"Cannot read {args.file} ({error.strerror}).") from error
    with HistoryStore.open(args.db) as store:
        conversation = store.import_json(data)
    print(f"Imported {args.file} as conversation {conversation.id}: {conversation.title}")
    return 0


def _delete(args: argparse.Namespace) -> int:
    with HistoryStore.open(args.db) as store:
        title = store.get_conversation(args.id).title
        store.delete_conversation(args.id)
    print(f"Deleted conversation {args.id}: {title}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    with HistoryStore.open(args.db) as store:
        target = store.backup(args.file)
    print(f"Backed up the history to {target}")
    return 0


def _reset(args: argparse.Namespace) -> int:
    moved = HistoryStore.move_aside(args.db)
    if moved is None:
        print("There is no history database yet; nothing to move.")
    else:
        print(f"Moved the history database to {moved}; Penna starts a fresh one next time.")
    return 0
