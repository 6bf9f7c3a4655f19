"""The Settings dialog, in pages: model (device, precision, sampling), tasks (their models, translating the selection),
the user's own writing actions, appearance and language, servers (where answers come from, serving this model), the
global shortcut and the tray."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
    QKeySequenceEdit, QLabel, QProgressBar, QPushButton, QSpinBox, QSystemTrayIcon, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.accessible import name_key_sequence_edit
from desktop.fonts import can_show
from desktop.language_box import LanguageBox
from desktop.remote_settings import RemoteGroup, ServerGroup
from desktop.server_control import ServerControl
from desktop.settings import DEVICES, LANGUAGES, PRECISIONS, TASK_MODELS, THEMES, Sampling, Settings
from desktop.workers import Report, Task
from desktop.writing_actions_group import WritingActionsGroup
from desktop.xdg import autostart_enabled, set_autostart
from runtime.engine import EngineProtocol

_NO_SEED = -1


MIN_WIDTH = 520  # px: the notes below the shortcut and the device wrap to two or three lines, not five


def _keep_wrapped_labels_whole(*labels: QLabel) -> None:
    """QFormLayout gives a row spanning both columns the height of its label's size hint, not the height its
    wrapped text needs at the row's width, so long notes were cut off: ask the layout for that height."""
    for label in labels:
        policy = label.sizePolicy()
        policy.setHeightForWidth(True)
        label.setSizePolicy(policy)


def _fit_height(dialog: QDialog, notes: tuple[QLabel, ...]) -> None:
    """Grow a top-level dialog to the height its wrapped ``notes`` need at its width (Qt sizes windows by their
    minimum size, which ignores height-for-width). A QFormLayout asked for its height-for-width before it has laid a
    new text out keeps the old row heights: a note still cut off has its layout done again."""
    needed = dialog.layout().totalHeightForWidth(dialog.width())
    if needed < 0:  # the page shown has nothing whose height depends on its width
        return
    dialog.setMinimumHeight(needed)
    if dialog.height() < needed:
        dialog.resize(dialog.width(), needed)
    for note in notes:
        if note.isVisible() and note.height() < note.heightForWidth(note.width()):
            note.parentWidget().layout().invalidate()


def _page(groups: list[QWidget]) -> QWidget:
    """One page of the dialog: ``groups`` stacked at its top."""
    page = QWidget()
    column = QVBoxLayout(page)
    for group in groups:
        column.addWidget(group)
    column.addStretch(1)
    return page


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``apply()`` writes them (Settings.changed tells whoever follows them).

    ``engine``: the engine in use, if loaded (the catalogue measures its speed, the server serves it).
    ``server_control``: the window's server, started and stopped from here; without it there is no server section.
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None, engine: EngineProtocol | None = None,
                 server_control: ServerControl | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.engine = engine
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(MIN_WIDTH)
        self._add_task: Task | None = None

        self.model_box = QComboBox(self)
        self.add_folder_button = QPushButton(self.tr("Add folder…"), self)
        self.add_gguf_button = QPushButton(self.tr("Add .gguf file…"), self)
        self.task_model_boxes = {task: QComboBox(self) for task in TASK_MODELS}
        self.catalogue_button = QPushButton(self.tr("Browse models to download…"), self)
        self.add_progress = QProgressBar(self)
        self.add_progress.hide()
        self.add_status = QLabel(self)
        self.add_status.setWordWrap(True)
        self.add_folder_button.clicked.connect(self._add_folder)
        self.add_gguf_button.clicked.connect(self._add_gguf)
        self.catalogue_button.clicked.connect(self.open_catalogue)

        self.device_box = self._combo(DEVICES, {"auto": self.tr("Automatic"), "cpu": self.tr("CPU"), "cuda": self.tr("CUDA (NVIDIA GPU)")})
        self.precision_box = self._combo(PRECISIONS, {
            "auto": self.tr("Automatic (by device and model size)"), "fp32": self.tr("fp32 (exact, slowest)"),
            "int8": self.tr("int8 (half the size, about twice as fast)"),
            "int4": self.tr("int4 (smallest and fastest; less exact on small models)"), "fp16": self.tr("fp16 (CUDA only)")})
        self.precision_box.setToolTip(self.tr("Automatic: fp16 on CUDA; on the CPU fp32 for small models, int8 from 500M parameters, int4 from a billion"))
        self.device_box.currentIndexChanged.connect(self._update_precision_choices)
        self.cuda_note = QLabel(self)
        self.cuda_note.setWordWrap(True)
        self._offer_cuda_only_when_usable()

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
        name_key_sequence_edit(self.shortcut_edit, self.tr("Global shortcut"),
                               self.tr("Press the keys to use; the clear button removes the shortcut"), self.tr("Clear"))
        self.shortcut_note = QLabel(self._shortcut_note(), self)
        self.shortcut_note.setWordWrap(True)
        self.keep_in_tray = QCheckBox(self.tr("Keep running in the tray when the window is closed"), self)
        self.start_in_tray = QCheckBox(self.tr("Start in the tray when I log in"), self)
        # Greyed out where there is no tray, and why said in words beside them, not only in a tooltip.
        self.tray_note = QLabel(self.tr("This desktop shows no system tray, so Penna cannot stay in it or start "
                                        "in it: these two options are off. Penna runs as a window."), self)
        self.tray_note.setWordWrap(True)
        tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray_note.setVisible(not tray)
        if not tray:
            for box in (self.keep_in_tray, self.start_in_tray):
                box.setEnabled(False)
                box.setToolTip(self.tray_note.text())

        self.theme_box = self._combo(THEMES, {"system": self.tr("Follow the system"), "light": self.tr("Light"), "dark": self.tr("Dark")})
        chinese = "简体中文" if can_show("zh-Hans") else self.tr("Simplified Chinese (no font for its script)")
        self.language_box = self._combo(LANGUAGES, {"en": "English", "zh_CN": chinese})

        model_group = QGroupBox(self.tr("Model"), self)
        model_form = QFormLayout(model_group)
        model_form.addRow(self.tr("Model:"), self.model_box)
        add_row = QHBoxLayout()
        for button in (self.catalogue_button, self.add_folder_button, self.add_gguf_button):
            add_row.addWidget(button)
        model_form.addRow(add_row)
        model_form.addRow(self.add_progress)
        model_form.addRow(self.add_status)
        model_form.addRow(self.tr("Device:"), self.device_box)
        model_form.addRow(self.cuda_note)
        model_form.addRow(self.tr("Precision:"), self.precision_box)
        sampling_group = QGroupBox(self.tr("Sampling"), self)
        sampling_form = QFormLayout(sampling_group)
        for label, widget in ((self.tr("Temperature:"), self.temperature), (self.tr("Top-p:"), self.top_p),
                              (self.tr("Top-k:"), self.top_k), (self.tr("Repetition penalty:"), self.repetition_penalty),
                              (self.tr("Max new tokens:"), self.max_new_tokens), (self.tr("Seed:"), self.seed)):
            sampling_form.addRow(label, widget)
        task_group = QGroupBox(self.tr("Models for the tasks"), self)
        task_form = QFormLayout(task_group)
        task_form.addRow(self.tr("Translate with:"), self.task_model_boxes["translate"])
        task_form.addRow(self.tr("Summarize with:"), self.task_model_boxes["summarize"])
        selection_group = QGroupBox(self.tr("Translating the selection"), self)
        selection_form = QFormLayout(selection_group)
        selection_form.addRow(self.tr("Translate into:"), self.primary_box)
        selection_form.addRow(self.tr("Text already in that language into:"), self.secondary_box)
        shortcut_group = QGroupBox(self.tr("Global shortcut and tray"), self)
        shortcut_form = QFormLayout(shortcut_group)
        shortcut_form.addRow(self.tr("Global shortcut:"), self.shortcut_edit)
        shortcut_form.addRow(self.shortcut_note)
        shortcut_form.addRow(self.keep_in_tray)
        shortcut_form.addRow(self.start_in_tray)
        shortcut_form.addRow(self.tray_note)
        self._notes: tuple[QLabel, ...] = (self.shortcut_note, self.add_status, self.cuda_note, self.tray_note)
        look_group = QGroupBox(self.tr("Appearance"), self)
        look_form = QFormLayout(look_group)
        look_form.addRow(self.tr("Theme:"), self.theme_box)
        look_form.addRow(self.tr("Language:"), self.language_box)
        self.actions_group = WritingActionsGroup(self)
        self.remote_group = RemoteGroup(self)
        server_groups: list[QWidget] = [self.remote_group]
        if server_control is not None:
            self.server_group = ServerGroup(server_control, engine, self)
            server_groups.append(self.server_group)
            self._notes += (self.server_group.address_label,)  # where a server error is said
        _keep_wrapped_labels_whole(*self._notes)
        # Pages, not one column: all of it stacked was ~1,100 px tall and did not fit a 1366x768 screen.
        self.pages = QTabWidget(self)
        for title, groups in ((self.tr("Model"), [model_group, sampling_group]),
                              (self.tr("Tasks"), [task_group, selection_group]),
                              (self.tr("Writing actions"), [self.actions_group]),
                              (self.tr("Appearance"), [look_group]),
                              (self.tr("Servers"), server_groups),
                              (self.tr("Shortcut and tray"), [shortcut_group])):
            self.pages.addTab(_page(groups), title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(buttons)
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

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():  # a change has reached the dialog's layout
            QTimer.singleShot(0, self, lambda: _fit_height(self, self._notes))  # and the layouts inside it
        return handled

    def _offer_cuda_only_when_usable(self) -> None:
        """Grey out CUDA, and say why in plain words, where its provider cannot load (the details in a tooltip)."""
        from runtime.devices import cuda_unavailable_reason

        reason = cuda_unavailable_reason()
        self.device_box.model().item(self.device_box.findData("cuda")).setEnabled(reason is None)
        self.cuda_note.setVisible(reason is not None)
        self.cuda_note.setText(self.tr("CUDA cannot be used on this computer: no usable NVIDIA GPU and CUDA libraries "
                                       "were found. Penna runs on the CPU."))
        self.cuda_note.setToolTip(reason or "")

    def _update_precision_choices(self) -> None:
        cuda = self.device_box.currentData() == "cuda"
        self.precision_box.model().item(self.precision_box.findData("fp16")).setEnabled(cuda)
        if not cuda and self.precision_box.currentData() == "fp16":
            self._select(self.precision_box, "auto")

    def _shortcut_note(self) -> str:
        from desktop.selection.hotkey import unavailable_reason

        return unavailable_reason() or self.tr("Translates the text selected in any application while Penna runs. "
                                               "Without it, bind “penna translate --selection” in your desktop's settings.")

    def _fill_models(self, selected: str | None, task_models: dict[str, str | None]) -> None:
        """The installed models in the chat's box and in each task's (whose first choice is the chat's model)."""
        from runtime.models import DEFAULT_MODEL, list_models

        models = list_models()
        self.model_box.clear()
        for model in models:
            self.model_box.addItem(f"{model.name}  ({model.kind})", model.name)
        self._select(self.model_box, selected or DEFAULT_MODEL)
        for task, box in self.task_model_boxes.items():
            box.clear()
            box.addItem(self.tr("The chat's model"), "")
            for model in models:
                box.addItem(f"{model.name}  ({model.kind})", model.name)
            self._select(box, task_models.get(task) or "")

    def _chosen_task_models(self) -> dict[str, str | None]:
        return {task: box.currentData() or None for task, box in self.task_model_boxes.items()}

    def _load(self) -> None:
        settings = self.settings
        self._fill_models(settings.model, {task: settings.task_model(task) for task in TASK_MODELS})
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
        self.start_in_tray.setChecked(autostart_enabled())
        self._select(self.theme_box, settings.theme)
        self._select(self.language_box, settings.language)
        self.remote_group.load(settings)

    def accept(self) -> None:
        """Close with OK, unless a writing action cannot be saved as it is: then its page shows why."""
        if self.actions_group.problem() is not None:
            self.pages.setCurrentWidget(self.actions_group.parentWidget())
            return
        super().accept()

    def apply(self) -> None:
        """Write the dialog's values to the settings (each one that differs emits Settings.changed) and the writing
        actions to the profile."""
        from runtime.models import DEFAULT_MODEL

        settings = self.settings
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
            **self.remote_group.values(),
        }
        for name, value in values.items():
            setattr(settings, name, value)
        for task, value in self._chosen_task_models().items():
            settings.set_task_model(task, value)
        settings.sync()
        self.actions_group.save()
        if self.start_in_tray.isChecked() != autostart_enabled():  # the login autostart entry is the setting
            set_autostart(self.start_in_tray.isChecked())

    # adding models ---------------------------------------------------------------------------
    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a Hugging Face model folder"))
        if folder:
            self.add_model(folder)

    def _add_gguf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a .gguf file"), "", self.tr("GGUF models (*.gguf)"))
        if path:
            self.add_model(path)

    def open_catalogue(self) -> None:
        """The catalogue of models worth using; each model it downloads joins the lists here."""
        from desktop.catalogue_dialog import CatalogueDialog

        dialog = CatalogueDialog(self, engine=self.engine)
        dialog.model_added.connect(lambda model: self._fill_models(self.model_box.currentData(), self._chosen_task_models()))
        dialog.exec()

    def add_model(self, source: str) -> None:
        """Register a folder, .gguf file or hub id in a worker thread, with download progress."""
        def add(report: Report, _cancel: threading.Event) -> object:
            from runtime.export import streams
            from runtime.export.availability import require_exporter
            from runtime.models import add_model

            model = add_model(source, progress=lambda message, fraction: report((message, fraction)))
            if not streams(model):
                require_exporter()  # a generic-family model needs the exporter: the window says how to get it
            return model

        self._set_adding(True)
        self.add_status.setText(self.tr("Adding {source}…").format(source=source))
        self._add_task = Task(add, "add-model")
        self._add_task.progress.connect(self._on_add_progress)
        self._add_task.succeeded.connect(self._on_added)
        self._add_task.failed.connect(lambda error: self._finish_add(str(error)))
        self._add_task.start()

    def _set_adding(self, adding: bool) -> None:
        for button in (self.add_folder_button, self.add_gguf_button, self.catalogue_button):
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
        self._fill_models(model.name, self._chosen_task_models())
        self._finish_add(self.tr("Added {name}. It is prepared the first time it is used.").format(name=model.name))

    def _finish_add(self, message: str) -> None:
        self._set_adding(False)
        self.add_status.setText(message)
