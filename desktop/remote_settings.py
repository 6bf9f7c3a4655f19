"""Settings sections for serving and remote models: where answers come from (this computer's model or an
OpenAI-compatible server, with its URL, key and model list), and the window's own server."""

from __future__ import annotations

import threading
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QSpinBox,
    QWidget,
)

from desktop.server_control import ServerControl
from desktop.settings import Settings
from desktop.workers import Report, Task
from runtime.engine import EngineProtocol


class RemoteGroup(QGroupBox):
    """Local / Remote, and for Remote the server's URL, its key and a model from its /v1/models."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Answers come from"), parent)
        self.local_button = QRadioButton(self.tr("This computer's model"), self)
        self.remote_button = QRadioButton(self.tr("A server (OpenAI-compatible: vLLM, Ollama, penna serve…)"), self)
        choice = QButtonGroup(self)
        choice.addButton(self.local_button)
        choice.addButton(self.remote_button)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("http://127.0.0.1:8000/v1")
        self.key_edit = QLineEdit(self)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("none"))
        self.model_box = QComboBox(self)
        self.model_box.setEditable(True)
        self.fetch_button = QPushButton(self.tr("Fetch models"), self)
        self.fetch_button.clicked.connect(self.fetch_models)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        models_row = QHBoxLayout()
        models_row.addWidget(self.model_box, 1)
        models_row.addWidget(self.fetch_button)
        form = QFormLayout(self)
        form.addRow(self.local_button)
        form.addRow(self.remote_button)
        form.addRow(self.tr("Server URL:"), self.url_edit)
        form.addRow(self.tr("API key:"), self.key_edit)
        form.addRow(self.tr("Model:"), models_row)
        form.labelForField(models_row).setBuddy(self.model_box)  # the label names the box for screen readers
        self.model_box.lineEdit().setAccessibleName(self.tr("Model on the server"))
        form.addRow(self.status_label)
        self.remote_button.toggled.connect(self._enable)
        self._task: Task | None = None

    def load(self, settings: Settings) -> None:
        (self.remote_button if settings.source == "remote" else self.local_button).setChecked(True)
        self.url_edit.setText(settings.remote_url)
        self.key_edit.setText(settings.remote_api_key)
        self.model_box.setEditText(settings.remote_model)
        self._enable(settings.source == "remote")

    def values(self) -> dict[str, str]:
        return {"source": "remote" if self.remote_button.isChecked() else "local", "remote_url": self.url_edit.text().strip(),
                "remote_api_key": self.key_edit.text().strip(), "remote_model": self.model_box.currentText().strip()}

    def _enable(self, remote: bool) -> None:
        for widget in (self.url_edit, self.key_edit, self.model_box, self.fetch_button):
            widget.setEnabled(remote)

    def fetch_models(self) -> None:
        """Ask the server for its models (off the GUI thread); errors are shown under the list."""
        from runtime.engine.remote import list_models

        url, key = self.url_edit.text().strip(), self.key_edit.text().strip() or None

        def fetch(_report: Report, _cancel: threading.Event) -> list[str]:
            return [entry["id"] for entry in list_models(url, key)]

        self.fetch_button.setEnabled(False)
        self.status_label.setText(self.tr("Asking {url}…").format(url=url))
        self._task = Task(fetch, "fetch-models")
        self._task.succeeded.connect(self._on_models)
        self._task.failed.connect(self._on_fetch_failed)
        self._task.start()

    def _on_models(self, names: list[str]) -> None:
        current = self.model_box.currentText()
        self.model_box.clear()
        self.model_box.addItems(names)
        self.model_box.setEditText(current if current in names else names[0] if names else "")
        self.status_label.setText(self.tr("{count} models offered.").format(count=len(names)))
        self.fetch_button.setEnabled(True)

    def _on_fetch_failed(self, error: Exception) -> None:
        self.status_label.setText(str(error))
        self.fetch_button.setEnabled(True)


class ServerGroup(QGroupBox):
    """Start or stop serving the window's model over the OpenAI API on 127.0.0.1 (acts at once, not on OK)."""

    def __init__(self, control: ServerControl, engine: EngineProtocol | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Serve this model (OpenAI API)"), parent)
        self._control, self._engine = control, engine
        self.port_box = QSpinBox(self)
        self.port_box.setRange(0, 65535)
        self.port_box.setValue(8088)
        self.port_box.setToolTip(self.tr("0 picks a free port"))
        self.toggle_button = QPushButton(self)
        self.toggle_button.clicked.connect(self._toggle)
        self.address_label = QLabel(self)
        self.address_label.setWordWrap(True)  # an error ("Cannot listen on …") is longer than the page is wide
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.port_box)
        row.addWidget(self.toggle_button)
        form.addRow(self.tr("Port:"), row)
        form.addRow(self.address_label)
        control.changed.connect(self._show)
        control.failed.connect(self.address_label.setText)
        self._show(control.url)

    def _toggle(self) -> None:
        if self._control.url:
            self._control.stop()
        else:
            self._control.start(self._engine, self.port_box.value())

    def _show(self, url: str | None) -> None:
        self.toggle_button.setText(self.tr("Stop") if url else self.tr("Start"))
        self.port_box.setEnabled(url is None)
        self.address_label.setText(self.tr("Serving at {url}").format(url=url) if url else self.tr("Not serving."))
