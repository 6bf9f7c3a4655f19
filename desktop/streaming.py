"""Run one runtime task stream (a translation, a summary) off the GUI thread and show it as it grows.

A :class:`StreamRunner` waits for the engine when the model is still loading, starts the stream in a
:class:`desktop.workers.Task`, and re-emits its text, progress and end on the GUI thread. Starting again
replaces the stream that runs (it is cancelled and its late signals are ignored).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.model_session import ModelSession
from desktop.workers import Report, Task
from runtime.engine import EngineProtocol
from runtime.tasks.stream import TaskStream

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# make(engine, progress, cancel) -> the stream; called on the worker thread.
MakeStream = Callable[[EngineProtocol, Progress, threading.Event], TaskStream]


class StreamRunner(QObject):
    """Runs one stream at a time on the engine of ``model_session``."""

    waiting = Signal()  # the model is still loading; the stream starts once it is ready
    started = Signal(object)  # the stream, made (e.g. a Translation knows its source language now)
    text_changed = Signal(str)  # all the text so far
    progress = Signal(int, int)  # steps done, steps in all
    finished = Signal(object)  # the stream after its last delta; ``stream.cancelled`` tells a stop
    failed = Signal(object)  # the exception
    running_changed = Signal(bool)

    def __init__(self, model_session: ModelSession, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model_session = model_session
        self._name = name
        self._task: Task | None = None
        self._pending: MakeStream | None = None
        self.text = ""
        model_session.ready.connect(self._on_engine_ready)
        model_session.failed.connect(self._on_engine_failed)

    def start(self, make: MakeStream) -> None:
        """Run ``make``'s stream now, or as soon as the engine is ready."""
        self.cancel()
        self.text = ""
        self.text_changed.emit("")
        engine = self._model_session.engine
        if engine is None:
            self._pending = make
            self.running_changed.emit(True)
            self.waiting.emit()
            self._model_session.request()  # after a cancel or a failure, asking again starts the model again
            return
        self._run(engine, make)

    def cancel(self) -> None:
        """Stop the stream within one token; what it wrote so far stays in ``text``."""
        if self._pending is not None:
            self._pending = None
            self.running_changed.emit(False)
        if self._task is not None:
            self._task.cancel()

    def is_running(self) -> bool:
        return self._pending is not None or self._task is not None

    def _run(self, engine: EngineProtocol, make: MakeStream) -> None:
        def run(report: Report, cancel: threading.Event) -> Any:
            stream = make(engine, lambda done, total: report(("progress", (done, total))), cancel)
            report(("started", stream))
            for delta in stream:
                report(("delta", delta))
            return stream

        task = Task(run, self._name)
        task.progress.connect(lambda event: self._on_event(task, event))
        task.succeeded.connect(lambda stream: self._end(task, self.finished, stream))
        task.failed.connect(lambda error: self._end(task, self.failed, error))
        self._task = task
        self.running_changed.emit(True)
        task.start()

    def _on_event(self, task: Task, event: tuple[str, Any]) -> None:
        if task is not self._task:
            return
        kind, value = event
        if kind == "delta":
            self.text += value
            self.text_changed.emit(self.text)
        elif kind == "progress":
            self.progress.emit(*value)
        else:
            self.started.emit(value)

    def _end(self, task: Task, signal: Signal, value: Any) -> None:
        if task is not self._task:
            return
        self._task = None
        self.running_changed.emit(False)
        signal.emit(value)

    def _on_engine_ready(self, engine: EngineProtocol) -> None:
        make, self._pending = self._pending, None
        if make is not None:
            self._run(engine, make)

    def _on_engine_failed(self, error: Exception) -> None:
        if self._pending is not None:
            self._pending = None
            self.running_changed.emit(False)
            self.failed.emit(error)
