"""Turn sqlite3 errors a user can cause (full disk, read-only file, damaged file, a long lock)
into ``StoreError``s whose message says what happened and what to do. Other sqlite3 errors are
bugs and pass through unchanged."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, Protocol, TypeVar

from runtime.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseFullError,
    DatabaseReadOnlyError,
    StoreError,
)

P = ParamSpec("P")
R = TypeVar("R")

# Primary result codes (the low byte of an extended code), from sqlite3.h.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_PERM = 3


def corrupt_message(path: Path | str, detail: str) -> str:
    return (
        f"The history database {path} is damaged or is not a Penna database ({detail}). "
        "Penna has not changed it. Restore a backup over it, or run `penna history reset` "
        "to move it aside and start a fresh history."
    )


def translate(error: sqlite3.Error, path: Path | str) -> StoreError | None:
    """The StoreError for a sqlite3 error a user can cause, or None for a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    if primary == _FULL:
        return DatabaseFullError(
            f"The disk holding the history database {path} is full; nothing was saved by this action "
            "and earlier history is intact. Free some disk space and try again."
        )
    if primary in (_READONLY, _PERM):
        return DatabaseReadOnlyError(
            f"The history database {path} cannot be written ({error}); earlier history is intact. "
            "Make the file and its folder writable, or set PENNA_HOME to a writable folder."
        )
    if primary in (_CORRUPT, _NOTADB):
        return DatabaseCorruptError(corrupt_message(path, str(error)))
    if primary in (_BUSY, _LOCKED):
        return DatabaseBusyError(
            f"The history database {path} stayed locked by another process for too long. "
            "Close other Penna windows or commands that may be stuck, and try again."
        )
    if primary == _CANTOPEN:
        return StoreError(
            f"Cannot open the history database {path} ({error}). "
            "Check that its folder exists and is writable, or set PENNA_HOME to a writable folder."
        )
    if primary == _IOERR:
        return StoreError(
            f"The disk failed while Penna used the history database {path} ({error}). "
            "Check the disk (space, cable, network share) and try again."
        )
    return None


class _HasPath(Protocol):
    path: Path


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Decorate a method of an object with a ``path``: sqlite3 errors users can cause become StoreErrors."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as error:
            owner: _HasPath = args[0]  # type: ignore[assignment]
            mapped = translate(error, owner.path)
            if mapped is None:
                raise
            raise mapped from error

    return wrapper
