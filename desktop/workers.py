"""Run slow work (export, model loading, generation, search) off the GUI thread.

A :class:`Task` wraps one function ``fn(report, cancel) -> result``. It runs in its own QThread;
``report(value)`` arrives on the GUI thread as ``progress``, the return value as ``succeeded``,
an exception as ``failed``. ``cancel()`` sets the ``threading.Event`` the function checks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

Report = Callable[[Any], None]
TaskFn = Callable[[Report, threading.Event], Any]

_running: set[Task] = set()


class _Worker(QObject):
    """Lives in the worker thread and calls the function there."""

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: TaskFn, cancel: threading.Event, name: str) -> None:
        super().__init__()
        self._fn, self._cancel, self._name = fn, cancel, name

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progress.emit, self._cancel)
        except Exception as error:  # noqa: BLE001 - every failure reaches the GUI as a signal
            if not isinstance(error, _expected_errors()):
                log.exception("%s failed", self._name)
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            self.thread().quit()


class Task(QObject):
    """One piece of background work; lives on the GUI thread, its function runs on its own QThread."""

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()  # after succeeded or failed, once the thread has ended

    def __init__(self, fn: TaskFn, name: str = "task") -> None:
        super().__init__()
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = _Worker(fn, self._cancel, name)
        self._worker.moveToThread(self._thread)
        self._worker.progress.connect(self.progress)
        self._worker.succeeded.connect(self.succeeded)
        self._worker.failed.connect(self.failed)
        self._thread.started.connect(self._worker.run)
        self._thread.finished.connect(self._finished)

    def start(self) -> Task:
        """Start the thread; the task keeps itself alive until it has finished."""
        _running.add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the function to stop; thread-safe and idempotent."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the thread has ended (used when the window closes)."""
        return self._thread.wait(ms)

    @Slot()
    def _finished(self) -> None:
        self.done.emit()
        _running.discard(self)


def _expected_errors() -> tuple[type[Exception], ...]:
    from runtime.errors import PennaError

    return (PennaError,)


def running_tasks() -> list[Task]:
    """Tasks whose threads have not finished yet."""
    return list(_running)
