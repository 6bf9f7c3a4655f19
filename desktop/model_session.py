"""The engine's life in the window: prepare the model on first use, load it off the GUI thread, swap it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.first_run import PrepareModelDialog
from desktop.settings import Settings
from desktop.workers import Report, Task
from runtime.errors import PennaError


class ModelNotReadyError(PennaError):
    """The user cancelled the model's preparation."""


class ModelSession(QObject):
    """Owns the current Engine. ``ready`` carries it once loaded; ``failed`` carries the error."""

    loading = Signal(object)  # the model name being loaded (None = the default)
    ready = Signal(object)  # runtime.engine.Engine
    failed = Signal(object)  # Exception

    def __init__(self, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._settings = settings
        self._window = window
        self.engine = None
        self.dialog: PrepareModelDialog | None = None
        self._task: Task | None = None
        self._precision = ""  # the precision being loaded, "auto" resolved

    def use(self, engine: object) -> None:
        """Adopt an Engine that is already open."""
        self.engine = engine
        self.ready.emit(engine)

    def start(self) -> None:
        """Load the chosen model, preparing it first (with the dialog) when it has not been exported."""
        from runtime.export import is_exported
        from runtime.export.precision import resolve_precision

        model, device = self._settings.model, self._settings.device
        precision = self._precision = resolve_precision(self._settings.precision, model, device)
        self.engine = None
        self.loading.emit(model)
        if is_exported(model, precision):
            self._load()
            return
        self.dialog = PrepareModelDialog(model, precision, self._window)
        self.dialog.prepared.connect(self._load)
        self.dialog.rejected.connect(self._on_prepare_rejected)
        self.dialog.open()
        self.dialog.start()

    def _on_prepare_rejected(self) -> None:
        self.failed.emit(ModelNotReadyError(self.tr(
            "The model has not been prepared yet. Choose “Prepare the model” to start again."
        )))

    def _load(self) -> None:
        model, precision, device = self._settings.model, self._precision, self._settings.device

        def open_engine(_report: Report, _cancel: threading.Event) -> object:
            from runtime.engine import Engine

            return Engine.open(model, precision=precision, device=device)

        self._task = Task(open_engine, "load-model")
        self._task.succeeded.connect(self.use)
        self._task.failed.connect(self.failed)
        self._task.start()

    def is_busy(self) -> bool:
        return (self._task is not None and self._task.is_running()) or (self.dialog is not None and self.dialog.is_running())
