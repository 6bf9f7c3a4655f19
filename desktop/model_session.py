"""The engine's life in the window: prepare the model on first use, load it off the GUI thread, swap it.

Nothing here blocks the window: the preparation (``ensure_exported``) and the loading run in worker threads,
and what they do is told through signals (the window shows them in a banner and the status bar).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.settings import Settings, SettingsFollower
from desktop.workers import Report, Task
from runtime.engine import EngineProtocol
from runtime.errors import ExportCancelledError, PennaError

log = logging.getLogger(__name__)

# The settings the model is loaded from: a change reloads it.
MODEL_SETTINGS = ("model", "device", "precision", "source", "remote_url", "remote_api_key", "remote_model")


class ModelNotReadyError(PennaError):
    """The user cancelled the model's preparation."""


class ModelSession(QObject):
    """Owns the current Engine. ``ready`` carries it once loaded; ``failed`` carries the error.

    ``preparing`` is emitted when the model has to be exported first, then ``progress`` carries the export's
    ``runtime.export.ExportProgress`` events. Only the latest ``start`` counts: work it replaced is ignored.
    """

    loading = Signal(object)  # the model name being loaded (None = the default)
    preparing = Signal(object, str)  # the model name and precision being exported
    progress = Signal(object)  # runtime.export.ExportProgress
    ready = Signal(object)  # runtime.engine.EngineProtocol
    failed = Signal(object)  # Exception

    def __init__(self, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._settings = settings
        self.engine: EngineProtocol | None = None
        self._task: Task | None = None
        self._precision = ""  # the precision being loaded, "auto" resolved
        self._follower: SettingsFollower | None = None

    def use(self, engine: EngineProtocol) -> None:
        """Adopt an Engine that is already open (from now on, changed settings reload the model)."""
        if self._follower is not None:
            self._follower.started()
        self._adopt(engine)

    def _adopt(self, engine: EngineProtocol) -> None:
        self.engine = engine
        log.info("model ready: %s on %s", engine.model_name, engine.device)  # bench/bench_bundle_startup.py waits for it
        self.ready.emit(engine)

    def follow_settings(self, in_use: Callable[[], bool]) -> None:
        """Reload the model when the settings it is loaded from change, except while ``in_use()`` (an answer runs)."""
        self._follower = SettingsFollower(self._settings, MODEL_SETTINGS, self.start, in_use, self)

    def start(self) -> None:
        """Load the chosen model, preparing it first (in the background) when it has not been exported."""
        from runtime.export import is_exported
        from runtime.export.precision import resolve_precision

        if self._follower is not None:
            self._follower.started()
        self.cancel()
        self.engine = None
        if self._settings.source == "remote":
            self.loading.emit(self._settings.remote_model or None)
            self._load()
            return
        model, device = self._settings.model, self._settings.device
        precision = self._precision = resolve_precision(self._settings.precision, model, device)
        self.loading.emit(model)
        if is_exported(model, precision):
            self._load()
        else:
            self._prepare(model, precision)

    def request(self) -> None:
        """Something waits for the engine: start the work that brings it, unless that work already runs."""
        if self.engine is None and not self.is_busy():
            self.start()

    def cancel(self) -> None:
        """Stop the preparation at its next check (the export child process is ended); nothing is kept."""
        if self._task is not None:
            self._task.cancel()

    def _prepare(self, model: str | None, precision: str) -> None:
        def prepare(report: Report, cancel: threading.Event) -> None:
            from runtime.export import ensure_exported

            ensure_exported(model, precision, progress=report, cancel=cancel)

        self.preparing.emit(model, precision)
        self._run(Task(prepare, "prepare-model"), self._on_prepared)

    def _on_prepared(self, _result: object) -> None:
        self._load()

    def _load(self) -> None:
        model, precision, device = self._settings.model, self._precision, self._settings.device

        source = self._settings.source
        remote = (self._settings.remote_url, self._settings.remote_api_key or None, self._settings.remote_model or None)

        def open_engine(_report: Report, _cancel: threading.Event) -> EngineProtocol:
            from runtime.engine import Engine

            if source == "remote":
                from runtime.engine.remote import RemoteEngine

                return RemoteEngine(*remote)
            return Engine.open(model, precision=precision, device=device)

        self._run(Task(open_engine, "load-model"), self._on_loaded)

    def _run(self, task: Task, on_success: Callable[[object], None]) -> None:
        """Start ``task`` as the session's current work."""
        self._task = task
        task.progress.connect(self._while_current(task, self.progress.emit))
        task.succeeded.connect(self._while_current(task, on_success))
        task.failed.connect(self._while_current(task, self._on_failed))
        task.start()

    def _while_current(self, task: Task, slot: Callable[[object], None]) -> Callable[[object], None]:
        """``slot``, ignored once a newer ``start`` (the settings changed) has replaced ``task``."""
        return lambda value: slot(value) if task is self._task else None

    def _on_loaded(self, engine: EngineProtocol) -> None:
        self._task = None
        self._adopt(engine)

    def _on_failed(self, error: Exception) -> None:
        self._task = None
        if isinstance(error, ExportCancelledError):
            error = ModelNotReadyError(self.tr(
                "The model has not been prepared yet. Choose “Prepare the model”, or send a message, to start again."
            ))
        self.failed.emit(error)

    def is_busy(self) -> bool:
        return self._task is not None
