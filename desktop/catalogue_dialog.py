"""Models worth using: the catalogue as a table (what each is good at, download size, memory, expected speed
here, licence), filtered by task and by what fits in memory, with a download that can pause, resume and cancel."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.accessible import set_accessible
from desktop.i18n import Retranslatable
from desktop.workers import Report, Task
from runtime.catalogue import (
    CatalogueModel, FetchProgress, SpeedReference, auto_precision, chosen_download, discard_download, expected_tokens_per_s, fetched_bytes,
    filter_models, load_catalogue, run_memory_gb, system_memory_gb,
)
from runtime.engine import EngineProtocol

COLUMNS = 6  # model, good for, download, memory, speed here, licence


class CatalogueDialog(Retranslatable, QDialog):
    """Lists the catalogue; ``model_added`` carries the runtime ModelInfo of each model downloaded and registered.

    ``engine`` (the one in use, if loaded) gives the speed column its figures: its decode speed is measured once
    in the background and scaled to each model by runtime.catalogue's rule. ``source`` overrides where files come
    from (a URL template, base URL or folder: see runtime.catalogue.fetch)."""

    model_added = Signal(object)
    speed_measured = Signal()  # the speed column has its figures

    def __init__(self, parent: QWidget | None = None, engine: EngineProtocol | None = None, source: str | None = None,
                 ) -> None:
        super().__init__(parent)
        self.catalogue = load_catalogue()
        self.memory_gb = system_memory_gb()
        self.reference: SpeedReference | None = None
        self.source = source
        self._download: Task | None = None
        self._downloading: CatalogueModel | None = None
        self._paused: CatalogueModel | None = None  # a paused download, resumable
        self._cancel_requested = False
        self.shown: list[CatalogueModel] = []

        self.task_box = QComboBox(self)
        self.fits_box = QCheckBox(self)
        self.fits_box.setChecked(self.memory_gb is not None)
        self.fits_box.setEnabled(self.memory_gb is not None)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_button = QPushButton(self)
        self.pause_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self._lay_out()
        self.task_box.currentIndexChanged.connect(self.refresh)
        self.fits_box.toggled.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.download_button.clicked.connect(self.download)
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.retranslate()
        self.resize(900, 480)
        if engine is not None:
            self._measure_speed(engine)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.task_box)
        filters.addWidget(self.fits_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    # the list ------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fill the table with the models that pass the filters, keeping the selection when it still shows."""
        selected = self.selected()
        task = self.task_box.currentData()
        memory = self.memory_gb if self.fits_box.isChecked() else None
        self.shown = filter_models(self.catalogue.models, task or None, memory)
        self.table.setRowCount(len(self.shown))
        for row, model in enumerate(self.shown):
            for column, text in enumerate(self._cells(model)):
                item = QTableWidgetItem(text)
                item.setToolTip(self._tooltip(model))
                self.table.setItem(row, column, item)
        if selected in self.shown:
            self.table.selectRow(self.shown.index(selected))
        self._update_buttons()

    def _cells(self, model: CatalogueModel) -> list[str]:
        approximately = "~" if model.size_approximate else ""
        licence = model.license + (self.tr(" (accept it on the hub; needs a token)") if model.gated else "")
        return [model.name, ", ".join(self._task_name(task) for task in model.good_for),
                self.tr("{approx}{size:.1f} GB").format(approx=approximately, size=chosen_download(model).download_gb),
                self.tr("{size:.0f} GB").format(size=run_memory_gb(model)), self._speed(model), licence]

    def _speed(self, model: CatalogueModel) -> str:
        """The speed expected at the precision "auto" gives the model here (int8 or int4 for larger models)."""
        if self.reference is None:
            return "—"
        precision = auto_precision(model)
        speed = expected_tokens_per_s(self.reference, model.parameters, precision)
        shown = f"{speed:.1f}" if speed < 10 else f"{speed:.0f}"
        return self.tr("~{speed} tok/s ({precision})").format(speed=shown, precision=precision)

    def _tooltip(self, model: CatalogueModel) -> str:
        return "\n".join(line for line in (self._download_words(model), model.notes) if line)

    def _download_words(self, model: CatalogueModel) -> str:
        """What is fetched, in words: its size and format, where from, and the precision it runs at here."""
        download, precision = chosen_download(model), auto_precision(model)
        if download.gguf:
            return self.tr("One {size:.1f} GB GGUF file from {repo}, already quantized: it runs at {precision} "
                           "here.").format(size=download.download_gb, repo=download.repo, precision=precision)
        weights = sum(file.endswith(".safetensors") for file in download.files)
        return self.tr("{size:.1f} GB of safetensors weights ({count} file(s)) from {repo}, with its configuration "
                       "and tokenizer; converted to {precision} here the first time it is used.").format(
            size=download.download_gb, count=weights, repo=download.repo, precision=precision)

    def _task_name(self, task: str) -> str:
        return {"chat": self.tr("chat"), "translation": self.tr("translation"), "summaries": self.tr("summaries")}[task]

    def select(self, model_id: str) -> None:
        """Select the model ``model_id``, clearing the filters if they hide it."""
        model = self.catalogue.get(model_id)
        if model not in self.shown:
            self.task_box.setCurrentIndex(0)
            self.fits_box.setChecked(False)
        self.table.selectRow(self.shown.index(model))

    def selected(self) -> CatalogueModel | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.shown[rows[0].row()] if rows and rows[0].row() < len(self.shown) else None

    def _measure_speed(self, engine: EngineProtocol) -> None:
        def measure(_report: Report, _cancel: threading.Event) -> SpeedReference | None:
            from runtime.catalogue import reference_from_engine
            from runtime.catalogue.speed import measure_decode_speed

            return reference_from_engine(engine, measure_decode_speed(engine))

        self._speed_task = Task(measure, "measure-speed")
        self._speed_task.succeeded.connect(self._on_speed)
        self._speed_task.start()

    def _on_speed(self, reference: SpeedReference | None) -> None:
        self.reference = reference
        self.refresh()
        self.speed_measured.emit()

    # downloading ---------------------------------------------------------------------------------------------
    def download(self) -> None:
        """Download the selected model (resuming what an earlier try fetched) and register it."""
        model = self.selected()
        if model is None or self.is_downloading():
            return
        source = self.source

        def fetch(report: Report, pause: threading.Event) -> Any:
            from runtime.catalogue import fetch_model

            return fetch_model(model, progress=report, pause=pause, source=source)

        self._downloading, self._paused, self._cancel_requested = model, None, False
        self._download = Task(fetch, "download-model")
        self._download.progress.connect(self._on_progress)
        self._download.succeeded.connect(self._on_added)
        self._download.failed.connect(self._on_failed)
        self.progress.show()
        self.status.setText(self.tr("Downloading {name}…").format(name=model.name))
        self._download.start()
        self._update_buttons()

    def is_downloading(self) -> bool:
        return self._download is not None

    def pause(self) -> None:
        """Stop after the current chunk; what was fetched is kept for Resume."""
        if self._download is not None:
            self._download.cancel()

    def resume(self) -> None:
        if self._paused is not None and not self.is_downloading():
            self.select(self._paused.id)
            self.download()

    def cancel(self) -> None:
        """Stop the download and delete what it fetched."""
        if self._download is not None:
            self._cancel_requested = True
            self._download.cancel()
        elif self._paused is not None:
            self._discard(self._paused)

    def _pause_or_resume(self) -> None:
        if self.is_downloading():
            self.pause()
        else:
            self.resume()

    def _on_progress(self, update: FetchProgress) -> None:
        self.progress.setValue(round(1000 * update.done / max(update.total, 1)))
        self.status.setText(self.tr("Downloading {name}: {file} ({index} of {count}), {done:.0f} of {total:.0f} MB").format(
            name=self._downloading.name, file=update.file, index=update.index + 1, count=update.files,
            done=update.done / 1e6, total=update.total / 1e6))

    def _on_added(self, info: Any) -> None:
        name = self._downloading.name
        self._download, self._downloading = None, None
        self.progress.setValue(1000)
        self.status.setText(self.tr("{name} is ready to use. It is prepared (converted) the first time it is used.").format(
            name=name))
        self._update_buttons()
        self.model_added.emit(info)

    def _on_failed(self, error: Exception) -> None:
        from runtime.download import DownloadPausedError

        model = self._downloading
        self._download, self._downloading = None, None
        if isinstance(error, DownloadPausedError) and self._cancel_requested:
            self._discard(model)
        elif isinstance(error, DownloadPausedError):
            self._paused = model
            self.status.setText(self.tr("Paused: {done:.0f} MB of {name} kept. Resume continues from there.").format(
                done=fetched_bytes(model) / 1e6, name=model.name))
        else:
            self._paused = model if fetched_bytes(model) else None
            self.progress.hide()
            self.status.setText(str(error))
        self._update_buttons()

    def _discard(self, model: CatalogueModel) -> None:
        discard_download(model)
        self._paused = None
        self.progress.hide()
        self.status.setText(self.tr("Cancelled; the partial download of {name} was deleted.").format(name=model.name))
        self._update_buttons()

    def _update_buttons(self) -> None:
        downloading = self.is_downloading()
        self.download_button.setEnabled(self.selected() is not None and not downloading)
        self.pause_button.setEnabled(downloading or self._paused is not None)
        self.pause_button.setText(self.tr("Resume") if self._paused is not None and not downloading else self.tr("Pause"))
        self.cancel_button.setEnabled(downloading or self._paused is not None)
        model = self.selected()
        self.details.setText(self._tooltip(model).replace("\n", " · ") if model else "")

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Closing pauses a running download (it resumes next time) rather than leaving a thread behind."""
        if self._download is not None:
            self._download.cancel()
            self._download.wait()
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Models worth using"))
        current = self.task_box.currentIndex()
        self.task_box.blockSignals(True)
        self.task_box.clear()
        for text, task in ((self.tr("All tasks"), ""), (self.tr("Good at chat"), "chat"),
                           (self.tr("Good at translation"), "translation"), (self.tr("Good at summaries"), "summaries")):
            self.task_box.addItem(text, task)
        self.task_box.setCurrentIndex(max(current, 0))
        self.task_box.blockSignals(False)
        set_accessible(self.table, self.tr("Models"), self.tr("The arrow keys choose a model; its details follow the table"))
        set_accessible(self.task_box, self.tr("Show models good at"))
        self.fits_box.setText(self.tr("Fits in this computer's memory ({size:.0f} GB)").format(size=self.memory_gb)
                              if self.memory_gb is not None else self.tr("Fits in this computer's memory (unknown)"))
        self.table.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Good at"), self.tr("Download"),
                                              self.tr("Memory"), self.tr("Speed here"), self.tr("Licence")])
        self.table.horizontalHeaderItem(3).setToolTip(self.tr(
            "Memory to run the model at the precision it gets on this computer (the one in the speed column)."))
        self.table.horizontalHeaderItem(4).setToolTip(self.tr(
            "Expected decode speed at the precision Automatic picks for each model here: the speed measured on the "
            "model in use, scaled by the size of the weights."))
        self.download_button.setText(self.tr("Download"))
        self.cancel_button.setText(self.tr("Cancel download"))
        self.close_button.setText(self.tr("Close"))
        self.refresh()
