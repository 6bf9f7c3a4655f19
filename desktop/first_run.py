"""The dialog shown while a model is prepared (fetched, converted, exported) the first time it is used."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.workers import Report, Task
from runtime.errors import ExportCancelledError

STAGES = ("fetch", "convert", "export", "quantize")


class PrepareModelDialog(QDialog):
    """Runs ``ensure_exported`` in a worker thread and shows its stages and progress; cancellable.

    ``prepared`` is emitted once the model is ready; the dialog closes itself then.
    """

    prepared = Signal()

    def __init__(self, model: str | None, precision: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preparing the model"))
        self.setMinimumWidth(460)
        self._model, self._precision = model, precision
        self._task: Task | None = None
        self.stage: str | None = None
        self.seen_stages: list[str] = []

        intro = QLabel(self.tr(
            "Penna converts the model once so that it runs fast on this computer. "
            "This takes about a minute; the window stays usable meanwhile."
        ))
        intro.setWordWrap(True)
        self._stage_labels = {stage: QLabel(self) for stage in self._stages()}
        self.progress_bar = QProgressBar(self)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.retry_button = self.buttons.addButton(self.tr("Try again"), QDialogButtonBox.ButtonRole.ActionRole)
        self.retry_button.hide()
        self.buttons.rejected.connect(self.reject)
        self.retry_button.clicked.connect(self.start)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for label in self._stage_labels.values():
            layout.addWidget(label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self._show_stage(None)

    def _stages(self) -> tuple[str, ...]:
        return STAGES if self._precision in ("int8", "int4") else STAGES[:3]

    def _stage_name(self, stage: str) -> str:
        return {
            "fetch": self.tr("Fetch the weights"),
            "convert": self.tr("Convert to a standard format"),
            "export": self.tr("Export to ONNX"),
            "quantize": self.tr("Quantize the weights to {bits} bits").format(bits=self._precision[3:]),
        }[stage]

    def start(self) -> None:
        """Begin (or retry) the preparation in a worker thread."""
        model, precision = self._model, self._precision

        def prepare(report: Report, cancel: threading.Event) -> None:
            from runtime.export import ensure_exported

            ensure_exported(model, precision, progress=report, cancel=cancel)

        self.retry_button.hide()
        self.message_label.setText("")
        self._task = Task(prepare, "prepare-model")
        self._task.progress.connect(self._on_progress)
        self._task.succeeded.connect(self._on_done)
        self._task.failed.connect(self._on_failed)
        self._task.start()

    def is_running(self) -> bool:
        return self._task is not None and self._task.is_running()

    def _on_progress(self, progress: object) -> None:
        stage, fraction, message = progress.stage, progress.fraction, progress.message
        if stage in self._stage_labels and stage != self.stage:
            self.seen_stages.append(stage)
            self._show_stage(stage)
        if fraction is None:
            self.progress_bar.setRange(0, 0)
        else:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(round(fraction * 1000))
        self.message_label.setText(message)

    def _show_stage(self, current: str | None) -> None:
        self.stage = current
        order = list(self._stage_labels)
        reached = order.index(current) if current in order else -1
        for index, (stage, label) in enumerate(self._stage_labels.items()):
            marker = "✓" if index < reached else ("▶" if index == reached else "·")
            label.setText(f"{marker}  {self._stage_name(stage)}")
            label.setEnabled(index <= reached)

    def _on_done(self, _result: object) -> None:
        self._show_stage(None)
        self.prepared.emit()
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        if isinstance(error, ExportCancelledError):
            super().reject()
            return
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.message_label.setText(self.tr("The model could not be prepared: {error}").format(error=error))
        self.retry_button.show()

    def reject(self) -> None:
        """Cancel: the export stops at its next check; the dialog closes when it has."""
        if self.is_running():
            self.message_label.setText(self.tr("Cancelling…"))
            self.buttons.setEnabled(False)
            self._task.cancel()
        else:
            super().reject()
