"""``penna history`` on a real database under PENNA_HOME, through the command's own parser."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from runtime.commands import history
from runtime.errors import PennaError
from runtime.store import HistoryStore


def penna(*argv: str) -> int:
    """Run ``penna history ...`` as runtime/cli.py does: PennaError -> message on stderr, exit 1."""
    parser = argparse.ArgumentParser(prog="penna")
    history.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["history", *argv])
    try:
        return args.func(args)
    except PennaError as error:
        print(f"penna: {error}")
        return 1


@pytest.fixture
def conversation_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    with HistoryStore.open() as store:
        c = store.create_conversation("Penguins 🐧", model="smol")
        store.append_message(c.id, "user", "Tell me about emperor penguins")
        store.begin_answer(c.id, model="smol").finish("Emperor penguins breed in the Antarctic winter.")
        return c.id


def test_list_show_search(conversation_id: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert penna("list") == 0
    assert "Penguins 🐧" in capsys.readouterr().out
    assert penna("show", str(conversation_id)) == 0
    assert "Antarctic winter" in capsys.readouterr().out
    assert penna("search", "antarctic") == 0
    out = capsys.readouterr().out
    assert f"conversation {conversation_id}" in out and "**Antarctic**" in out
    assert penna("search", "walrus") == 1


def test_export_import_round_trip_and_delete(conversation_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "chat.json"
    assert penna("export", str(conversation_id), "--format", "json", "-o", str(exported)) == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["title"] == "Penguins 🐧"
    assert penna("export", str(conversation_id), "--format", "md") == 0
    assert capsys.readouterr().out.startswith("# Penguins 🐧")
    assert penna("import", str(exported)) == 0
    assert "as conversation" in capsys.readouterr().out
    assert penna("delete", str(conversation_id)) == 0
    with HistoryStore.open() as store:
        remaining = store.list_conversations()
        assert [c.title for c in remaining] == ["Penguins 🐧"] and remaining[0].id != conversation_id
        assert json.loads(store.export_json(remaining[0].id)) == json.loads(exported.read_text(encoding="utf-8"))


def test_user_errors_are_messages_not_tracebacks(conversation_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert penna("show", "999") == 1
    assert "no conversation 999" in capsys.readouterr().out
    not_json = tmp_path / "notes.txt"
    not_json.write_text("hello")
    assert penna("import", str(not_json)) == 1
    assert "not JSON" in capsys.readouterr().out
    assert penna("import", str(tmp_path / "missing.json")) == 1
    assert "Cannot read" in capsys.readouterr().out


def test_backup_and_reset(conversation_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "backup.db"
    assert penna("backup", str(target)) == 0
    assert penna("--db", str(target), "search", "penguins") == 0
    assert penna("backup", str(target)) == 1
    assert "already exists" in capsys.readouterr().out
    assert penna("reset") == 0
    assert "Moved the history database" in capsys.readouterr().out
    assert penna("list") == 0
    assert "No conversations yet" in capsys.readouterr().err
