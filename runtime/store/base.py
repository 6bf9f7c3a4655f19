"""What every part of the store shares: the connection, write transactions, row helpers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import sqlite_utils

from runtime.errors import RecordNotFoundError


class StoreBase:
    """Holds one sqlite-utils Database. The mixins in this package add the public methods."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction. ``BEGIN IMMEDIATE`` takes the write lock up front, waiting out
        other writers (busy timeout) instead of failing later with "database is locked" when a
        read would have to become a write. Nested use becomes a savepoint."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise

    def _insert_row(self, table: str, row: dict[str, Any]) -> int:
        """Insert ``row`` into ``table``; returns the new row's id (every table has an integer key)."""
        return cast(int, self.db.table(table).insert(row).last_pk)

    def _update_row(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        self.db.table(table).update(row_id, values)

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def _row(self, sql: str, params: Sequence[Any] | dict[str, Any], what: str) -> dict[str, Any]:
        """The one row the query finds; RecordNotFoundError naming ``what`` if none."""
        rows = self._rows(sql, params)
        if not rows:
            raise RecordNotFoundError(f"There is no {what} in the history. `penna history list` shows what there is.")
        return rows[0]
