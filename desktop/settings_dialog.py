"""The Settings dialog: model, device, precision, sampling, translating the selection, theme and interface language."""

from __future__ import annotations

import threading

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
    QInputDialog, QKeySequenceEdit, QLabel, QProgressBar, QPushButton, QSpinBox, QSystemTrayIcon, QVBoxLayout, QWidget,
)

from desktop.language_box import LanguageBox
from desktop.settings import DEVICES, LANGUAGES, PRECISIONS, THEMES, Sampling, Settings
from desktop.workers import Report, Task

_NO_SEED = -1


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``apply()`` writes them and returns the names of what changed."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self._add_task: Task | None = None

        self.model_box = QComboBox(self)
        self.add_folder_button = QPushButton(self.tr("Add folder…"), self)
        self.add_gguf_button = QPushButton(self.tr("Add .gguf file…"), self)
        self.add_hub_button = QPushButton(self.tr("Download from the hub…"), self)
        self.add_progress = QProgressBar(self)
        self.add_progress.hide()
        self.add_status = QLabel(self)
        self.add_status.setWordWrap(True)
        self.add_folder_button.clicked.connect(self._add_folder)
        self.add_gguf_button.clicked.connect(self._add_gguf)
        self.add_hub_button.clicked.connect(self._add_hub)

        self.device_box = self._combo(DEVICES, {"auto": self.tr("Automatic"), "cpu": self.tr("CPU"), "cuda": self.tr("CUDA (NVIDIA GPU)")})
        self.precision_box = self._combo(PRECISIONS, {
            "auto": self.tr("Automatic (by device and model size)"), "fp32": self.tr("fp32 (exact, slowest)"),
            "int8": self.tr("int8 (half the size, about twice as fast)"),
            "int4": self.tr("int4 (smallest and fastest; less exact on small models)"), "fp16": self.tr("fp16 (CUDA only)")})
        self.precision_box.setToolTip(self.tr("Automatic: fp16 on CUDA; on the CPU int8, or int4 for models of a billion parameters or more"))
        self.device_box.currentIndexChanged.connect(self._update_precision_choices)

        self.temperature = self._double(0.0, 2.0, 0.05, self.tr("0 always picks the likeliest word"))
        self.top_p = self._double(0.0, 1.0, 0.01)
        self.top_k = self._int(0, 500, self.tr("0 turns top-k off"))
        self.repetition_penalty = self._double(1.0, 2.0, 0.01)
        self.max_new_tokens = self._int(16, 8192)
        self.seed = self._int(_NO_SEED, 2**31 - 1)
        self.seed.setSpecialValueText(self.tr("random"))

        self.primary_box = LanguageBox(parent=self)
        self.secondary_box = LanguageBox(parent=self)
        self.shortcut_edit = QKeySequenceEdit(self)
        self.shortcut_edit.setMaximumSequenceLength(1)
        self.shortcut_edit.setClearButtonEnabled(True)
        self.shortcut_note = QLabel(self._shortcut_note(), self)
        self.shortcut_note.setWordWrap(True)
        self.keep_in_tray = QCheckBox(self.tr("Keep running in the tray when the window is closed"), self)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.keep_in_tray.setEnabled(False)
            self.keep_in_tray.setToolTip(self.tr("This desktop shows no system tray."))

        self.theme_box = self._combo(THEMES, {"system": self.tr("Follow the system"), "light": self.tr("Light"), "dark": self.tr("Dark")})
        self.language_box = self._combo(LANGUAGES, {"en": "English", "zh_CN": "简体中文"})

        model_group = QGroupBox(self.tr("Model"), self)
        model_form = QFormLayout(model_group)
        model_form.addRow(self.tr("Model:"), self.model_box)
        add_row = QHBoxLayout()
        for button in (self.add_folder_button, self.add_gguf_button, self.add_hub_button):
            add_row.addWidget(button)
        model_form.addRow(add_row)
        model_form.addRow(self.add_progress)
        model_form.addRow(self.add_status)
        model_form.addRow(self.tr("Device:"), self.device_box)
        model_form.addRow(self.tr("Precision:"), self.precision_box)
        sampling_group = QGroupBox(self.tr("Sampling"), self)
        sampling_form = QFormLayout(sampling_group)
        for label, widget in ((self.tr("Temperature:"), self.temperature), (self.tr("Top-p:"), self.top_p),
                              (self.tr("Top-k:"), self.top_k), (self.tr("Repetition penalty:"), self.repetition_penalty),
                              (self.tr("Max new tokens:"), self.max_new_tokens), (self.tr("Seed:"), self.seed)):
            sampling_form.addRow(label, widget)
        selection_group = QGroupBox(self.tr("Translating the selection"), self)
        selection_form = QFormLayout(selection_group)
        selection_form.addRow(self.tr("Translate into:"), self.primary_box)
        selection_form.addRow(self.tr("Text already in that language into:"), self.secondary_box)
        selection_form.addRow(self.tr("Global shortcut:"), self.shortcut_edit)
        selection_form.addRow(self.shortcut_note)
        selection_form.addRow(self.keep_in_tray)
        look_group = QGroupBox(self.tr("Appearance"), self)
        look_form = QFormLayout(look_group)
        look_form.addRow(self.tr("Theme:"), self.theme_box)
        look_form.addRow(self.tr("Language:"), self.language_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (model_group, sampling_group, selection_group, look_group, buttons):
            layout.addWidget(widget)
        self._load()

    # widgets -------------------------------------------------------------------------------
    def _combo(self, values: tuple[str, ...], names: dict[str, str]) -> QComboBox:
        box = QComboBox(self)
        for value in values:
            box.addItem(names[value], value)
        return box

    def _double(self, low: float, high: float, step: float, tip: str = "") -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(low, high)
        box.setSingleStep(step)
        box.setDecimals(2)
        box.setToolTip(tip)
        return box

    def _int(self, low: int, high: int, tip: str = "") -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(low, high)
        box.setToolTip(tip)
        return box

    @staticmethod
    def _select(box: QComboBox, value: object) -> None:
        index = box.findData(value)
        box.setCurrentIndex(max(index, 0))

    def _update_precision_choices(self) -> None:
        cuda = self.device_box.currentData() == "cuda"
        self.precision_box.model().item(self.precision_box.findData("fp16")).setEnabled(cuda)
        if not cuda and self.precision_box.currentData() == "fp16":
            self._select(self.precision_box, "auto")

    def _shortcut_note(self) -> str:
        from desktop.selection.hotkey import unavailable_reason

        return unavailable_reason() or self.tr("Translates the text selected in any application while Penna runs. "
                                               "Without it, bind “penna translate --selection” in your desktop's settings.")

    def _fill_models(self, selected: str | None) -> None:
        from runtime.models import DEFAULT_MODEL, list_models

        self.model_box.clear()
        for model in list_models():
            self.model_box.addItem(f"{model.name}  ({model.kind})", model.name)
        self._select(self.model_box, selected or DEFAULT_MODEL)

    def _load(self) -> None:
        settings = self.settings
        self._fill_models(settings.model)
        self._select(self.device_box, settings.device)
        self._update_precision_choices()
        self._select(self.precision_box, settings.precision)
        sampling = settings.sampling
        self.temperature.setValue(sampling.temperature)
        self.top_p.setValue(sampling.top_p)
        self.top_k.setValue(sampling.top_k)
        self.repetition_penalty.setValue(sampling.repetition_penalty)
        self.max_new_tokens.setValue(sampling.max_new_tokens)
        self.seed.setValue(_NO_SEED if sampling.seed is None else sampling.seed)
        self.primary_box.set_code(settings.primary_language)
        self.secondary_box.set_code(settings.secondary_language)
        self.shortcut_edit.setKeySequence(QKeySequence(settings.translate_shortcut))
        self.keep_in_tray.setChecked(settings.keep_in_tray)
        self._select(self.theme_box, settings.theme)
        self._select(self.language_box, settings.language)

    def apply(self) -> set[str]:
        """Write the dialog's values to the settings; returns the names of the settings that changed."""
        from runtime.models import DEFAULT_MODEL

        settings, changed = self.settings, set()
        model = self.model_box.currentData()
        values = {
            "model": None if model == DEFAULT_MODEL else model,
            "device": self.device_box.currentData(),
            "precision": self.precision_box.currentData(),
            "theme": self.theme_box.currentData(),
            "language": self.language_box.currentData(),
            "primary_language": self.primary_box.code(),
            "secondary_language": self.secondary_box.code(),
            "translate_shortcut": self.shortcut_edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText),
            "keep_in_tray": self.keep_in_tray.isChecked(),
            "sampling": Sampling(
                temperature=self.temperature.value(), top_p=self.top_p.value(), top_k=self.top_k.value(),
                repetition_penalty=self.repetition_penalty.value(), max_new_tokens=self.max_new_tokens.value(),
                seed=None if self.seed.value() == _NO_SEED else self.seed.value(),
            ),
        }
        for name, value in values.items():
            if getattr(settings, name) != value:
                setattr(settings, name, value)
                changed.add(name)
        settings.sync()
        return changed

    # adding models ---------------------------------------------------------------------------
    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a Hugging Face model folder"))
        if folder:
            self.add_model(folder)

    def _add_gguf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a .gguf file"), "", self.tr("GGUF models (*.gguf)"))
        if path:
            self.add_model(path)

    def _add_hub(self) -> None:
        hub_id, ok = QInputDialog.getText(self, self.tr("Download a model"),
                                          self.tr("Hugging Face model id (for example HuggingFaceTB/SmolLM2-360M-Instruct):"))
        if ok and hub_id.strip():
            self.add_model(hub_id.strip())

    def add_model(self, source: str) -> None:
        """Register a folder, .gguf file or hub id in a worker thread, with download progress."""
        def add(report: Report, _cancel: threading.Event) -> object:
            from runtime.models import add_model

            return add_model(source, progress=lambda message, fraction: report((message, fraction)))

        self._set_adding(True)
        self.add_status.setText(self.tr("Adding {source}…").format(source=source))
        self._add_task = Task(add, "add-model")
        self._add_task.progress.connect(self._on_add_progress)
        self._add_task.succeeded.connect(self._on_added)
        self._add_task.failed.connect(lambda error: self._finish_add(str(error)))
        self._add_task.start()

    def _set_adding(self, adding: bool) -> None:
        for button in (self.add_folder_button, self.add_gguf_button, self.add_hub_button):
            button.setEnabled(not adding)
        self.add_progress.setVisible(adding)
        self.add_progress.setRange(0, 0)

    def _on_add_progress(self, update: tuple[str, float | None]) -> None:
        message, fraction = update
        self.add_status.setText(message)
        if fraction is not None:
            self.add_progress.setRange(0, 1000)
            self.add_progress.setValue(round(fraction * 1000))

    def _on_added(self, model: object) -> None:
        self._fill_models(model.name)
        self._finish_add(self.tr("Added {name}. It is prepared the first time it is used.").format(name=model.name))

    def _finish_add(self, message: str) -> None:
        self._set_adding(False)
        self.add_status.setText(message)
