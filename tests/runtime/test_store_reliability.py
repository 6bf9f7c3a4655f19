"""The history survives what users and machines do: SIGKILL mid-answer, two writing processes,
a damaged or foreign file at its path, a full disk, a read-only file, and schema upgrades."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from runtime.errors import DatabaseCorruptError, DatabaseFullError, DatabaseReadOnlyError, StoreError
from runtime.store import HistoryStore
from runtime.store import schema

REPO = Path(__file__).resolve().parents[2]


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


STREAMING_WRITER = """
    import sys
    from runtime.store import HistoryStore

    store = HistoryStore.open(sys.argv[1])
    c = store.create_conversation("killed")
    for n in range(2):
        store.append_message(c.id, "user", f"question {n}")
        store.begin_answer(c.id).finish(f"finished answer {n}", 3, 3, 0.1, 10.0, "stop")
    store.append_message(c.id, "user", "last question")
    answer = store.begin_answer(c.id, interval_s=0.02)
    print("answer", answer.message_id, flush=True)
    text = ""
    for n in range(1_000_000):
        text += f"token{n} "
        if answer.update(text):
            print("wrote", len(text), flush=True)
"""


def test_sigkill_while_streaming_keeps_finished_messages_and_the_last_partial_write(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    writer = _python(STREAMING_WRITER, str(path))
    assert writer.stdout is not None
    answer_id = int(writer.stdout.readline().split()[1])
    written = [int(writer.stdout.readline().split()[1]) for _ in range(5)]
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()

    assert _integrity(path) == "ok"
    with HistoryStore.open(path) as store:
        branch = store.active_branch(store.list_conversations()[0].id)
    assert [m.content for m in branch[:5]] == [
        "question 0", "finished answer 0", "question 1", "finished answer 1", "last question",
    ]
    assert all(m.finish_reason == "stop" for m in branch[1:4:2])
    partial = branch[-1]
    assert partial.id == answer_id and partial.finish_reason is None
    # At least what the writer reported written; a later write may have landed before the kill.
    assert len(partial.content) >= written[-1]
    expected = "".join(f"token{n} " for n in range(len(partial.content)))[: len(partial.content)]
    assert partial.content == expected


CONCURRENT_WRITER = """
    import sys
    from runtime.store import HistoryStore

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = HistoryStore.open(path)
    c = store.create_conversation(name)
    for n in range(count):
        store.append_message(c.id, "user", f"{name} question {n}")
        answer = store.begin_answer(c.id, interval_s=0)
        answer.update(f"{name} partial {n}")
        answer.finish(f"{name} answer {n}")
        store.search(name)
        store.list_conversations()
    print("done", flush=True)
"""


def test_two_processes_writing_at_once_never_see_database_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "history.db"  # new: both processes also race to create the schema
    writers = [_python(CONCURRENT_WRITER, str(path), name, "150") for name in ("gui", "cli")]
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, results):
        assert writer.returncode == 0, err
        assert "locked" not in err and out.strip() == "done"
    assert _integrity(path) == "ok"
    with HistoryStore.open(path) as store:
        assert sorted(c.title for c in store.list_conversations()) == ["cli", "gui"]
        for c in store.list_conversations():
            assert len(store.active_branch(c.id)) == 300
            assert store.active_branch(c.id)[-1].content == f"{c.title} answer 149"


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.write_text("my notes, not a database\n" * 100)
    before = _sha(path)
    with pytest.raises(DatabaseCorruptError, match="not an SQLite file") as raised:
        HistoryStore.open(path)
    assert "penna history reset" in str(raised.value)
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.db"]


def test_a_damaged_database_gives_a_clear_error_and_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with HistoryStore.open(path) as store:
        c = store.create_conversation("soon damaged")
        for n in range(200):
            store.append_message(c.id, "user", f"message {n} " * 50)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size : len(data)] = b"\xa5" * (len(data) - page_size)  # every page but the header page
    path.write_bytes(bytes(data))
    before = _sha(path)
    with pytest.raises(DatabaseCorruptError, match="damaged"):
        with HistoryStore.open(path) as store:
            store.list_conversations()
            store.search("message")
    assert _sha(path) == before


def test_move_aside_only_on_request_then_a_fresh_history(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"garbage" * 10)
    moved = HistoryStore.move_aside(path)
    assert moved is not None and moved.read_bytes() == b"garbage" * 10 and not path.exists()
    with HistoryStore.open(path) as store:
        assert store.list_conversations() == []
    assert HistoryStore.move_aside(tmp_path / "missing.db") is None


def test_disk_full_gives_a_clear_error_and_keeps_earlier_history(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with HistoryStore.open(path) as store:
        c = store.create_conversation("full disk")
        kept = store.append_message(c.id, "user", "written before the disk filled")
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        # The database may not grow past its current size: SQLite reports SQLITE_FULL, as on a full disk.
        store.db.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(DatabaseFullError, match="disk .* is full"):
            store.append_message(c.id, "user", "x" * 200_000)
        assert [m.id for m in store.active_branch(c.id)] == [kept.id]
        assert store.get_conversation(c.id).active_leaf_id == kept.id
    assert _integrity(path) == "ok"
    with HistoryStore.open(path) as store:
        assert [m.content for m in store.active_branch(c.id)] == ["written before the disk filled"]


@pytest.fixture
def read_only(tmp_path: Path):
    """Make a file read-only for this process: chmod as a normal user, the immutable flag as root
    (root ignores permissions)."""
    made: list[Path] = []

    def make(path: Path) -> None:
        if os.geteuid() != 0:
            path.chmod(0o444)
        elif subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("running as root where `chattr +i` is unavailable: cannot make a file read-only")
        made.append(path)

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o644)


def test_read_only_database_can_be_read_and_refuses_writes_clearly(tmp_path: Path, read_only) -> None:
    path = tmp_path / "history.db"
    with HistoryStore.open(path) as store:
        c = store.create_conversation("read only")
        store.append_message(c.id, "user", "still readable")
    before = _sha(path)
    read_only(path)
    with HistoryStore.open(path) as store:
        assert [m.content for m in store.active_branch(c.id)] == ["still readable"]
        with pytest.raises(DatabaseReadOnlyError, match="cannot be written"):
            store.append_message(c.id, "user", "lost?")
    assert _sha(path) == before


def test_a_folder_at_the_database_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        HistoryStore.open(tmp_path)


def test_upgrade_from_the_first_schema_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    import sqlite_utils

    db = sqlite_utils.Database(path)
    with db.atomic():
        schema.migrate(db, target=1)
    db.execute(
        "INSERT INTO conversations (id, title, created, updated, model) VALUES "
        "(1, 'from version one', '2025-01-02T03:04:05.000000+00:00', '2025-01-02T03:04:06.000000+00:00', 'old')"
    )
    db.execute(
        "INSERT INTO messages (id, conversation_id, parent_id, role, content, created) VALUES "
        "(1, 1, NULL, 'user', 'an old question', '2025-01-02T03:04:05.000000+00:00'), "
        "(2, 1, 1, 'assistant', 'an old answer', '2025-01-02T03:04:06.000000+00:00')"
    )
    db.execute("UPDATE conversations SET active_leaf_id = 2")
    db.close()

    with HistoryStore.open(path) as store:
        assert schema.current_version(store.db) == schema.LATEST > 1
        assert [m.content for m in store.active_branch(1)] == ["an old question", "an old answer"]
        assert store.get_conversation(1).title == "from version one"
        assert [h.id for h in store.search("old answer")] == [2]
        store.add_translation("neu", "en", "new")  # the tables of migration 2 work
    with HistoryStore.open(path) as store:  # idempotent: nothing runs twice
        rows = store.db.execute("SELECT version FROM _migrations ORDER BY version").fetchall()
        assert rows == [(n,) for n in range(1, schema.LATEST + 1)]


def test_a_database_from_a_newer_penna_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    HistoryStore.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO _migrations VALUES (99, 'future', '2030-01-01')")
    with pytest.raises(StoreError, match="newer Penna"):
        HistoryStore.open(path)
