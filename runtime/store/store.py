"""``HistoryStore``: opening the database safely, backing it up, moving a bad one aside."""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import time
from pathlib import Path
from types import TracebackType

import sqlite_utils

from runtime import paths
from runtime.errors import DatabaseCorruptError, StoreError
from runtime.store import schema
from runtime.store.errors import corrupt_message, guarded, translate
from runtime.store.documents import DocumentsMixin
from runtime.store.records import now
from runtime.store.search import SearchMixin
from runtime.store.transfer import TransferMixin

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a write waits for another process (the GUI, a CLI command) to finish its own.
BUSY_TIMEOUT_S = 15.0


def default_path() -> Path:
    return paths.data_dir() / "history.db"


def _check_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not SQLite; make the folder for a new one."""
    if path.is_dir():
        raise StoreError(f"The history database path {path} is a folder. Give the path of a file.")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as file:
            if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise DatabaseCorruptError(corrupt_message(path, "it is not an SQLite file"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"Cannot create the folder for the history database {path} ({error}).") from error


class HistoryStore(TransferMixin, SearchMixin, DocumentsMixin):
    """The history database. Open one per thread (cheap); WAL lets them and other processes share it."""

    @classmethod
    def open(cls, path: Path | str | None = None) -> HistoryStore:
        """Open (creating, or upgrading, as needed) the database at ``path``, default ``default_path()``."""
        path = Path(path) if path is not None else default_path()
        _check_file(path)
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as error:
            raise (translate(error, path) or error) from error
        store = cls(sqlite_utils.Database(connection), path)
        try:
            store._prepare()
        except BaseException:
            connection.close()
            raise
        return store

    @guarded
    def _prepare(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        # FULL: a commit survives power loss too, not only a crash of Penna.
        self.db.execute("PRAGMA synchronous = FULL")
        mode = self._switch_to_wal()
        if mode != "wal":
            log.warning("history database %s is in %s journal mode, not WAL", self.path, mode)
        if schema.current_version(self.db) != schema.LATEST:
            with self._write():
                ran = schema.migrate(self.db)
            log.info("history database %s: %d migration(s) applied", self.path, ran)

    def _switch_to_wal(self) -> str:
        """``PRAGMA journal_mode = WAL``, retried until the busy timeout.

        Switching needs an exclusive lock. When another process holds the write lock (two processes
        creating a new database at once), SQLite answers "database is locked" at once instead of
        calling the busy handler, since waiting while holding a read lock could deadlock.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                return self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def backup(self, target: Path | str) -> Path:
        """Copy the whole database, consistent and compacted, to a new file ``target`` (``VACUUM INTO``)."""
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} already exists; Penna does not overwrite it. Choose another file name.")
        # Into a temporary file beside the target, renamed when complete: no half-written backups.
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        except OSError as error:
            raise StoreError(f"Cannot write the backup {target} ({error}). Choose a writable folder.") from error
        os.close(handle)
        try:
            self.db.execute("VACUUM INTO ?", [temporary])
            os.replace(temporary, target)
        except sqlite3.Error as error:
            Path(temporary).unlink(missing_ok=True)
            raise (translate(error, target) or error) from error
        return target

    @staticmethod
    def move_aside(path: Path | str | None = None) -> Path | None:
        """Rename the database at ``path`` (and its -wal/-shm files) to a dated name, so the next
        open starts a fresh history; only on the user's request. Returns the new name, or None if
        there was nothing to move."""
        path = Path(path) if path is not None else default_path()
        if not path.exists():
            return None
        moved = path.with_name(f"{path.name}.moved-{now():%Y%m%d-%H%M%S}")
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(moved.with_name(moved.name + suffix))
        path.rename(moved)
        log.info("moved history database %s to %s", path, moved)
        return moved
