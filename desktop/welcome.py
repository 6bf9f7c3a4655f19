"""The first-run welcome: a panel above the panes (never a dialog) that says what the built-in model is for and
offers the catalogue's recommendation for this machine, with its size, download time and what it is good at.

"Download" fetches the model in the background while the built-in model keeps answering, then makes it the model
in use (the window follows the setting: the model is prepared with the usual banner). "Not now" skips it. Either
way the welcome is not shown again (``Settings.welcome_done``); closing Penna during the download leaves it to be
offered, and resumed, next time.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import Retranslatable
from desktop.settings import Settings
from desktop.workers import Report, Task
from runtime.catalogue import CatalogueModel, FetchProgress

ASSUMED_MBIT_S = 50  # the connection the download time is given for (a common home connection)


def download_minutes(download_gb: float, mbit_s: float = ASSUMED_MBIT_S) -> int:
    """Whole minutes (at least one) to fetch ``download_gb`` at ``mbit_s``."""
    return max(1, round(download_gb * 8000 / mbit_s / 60))


def recommended_first_model() -> CatalogueModel | None:
    """The catalogue's pick for everyday use (chat, summaries, translation) that fits this machine's memory."""
    from runtime.catalogue import recommended_model

    return recommended_model("chat")


class WelcomePanel(Retranslatable, QWidget):
    """Shown on the first run only; ``model`` is the one it offers (default: this machine's recommendation) and
    ``source`` where it is fetched from (see runtime.catalogue.fetch). ``finished`` once dismissed or switched."""

    finished = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None, model: CatalogueModel | None = None,
                 source: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.settings = settings
        self.model = model or recommended_first_model()
        self.source = source
        self.state = "offer"  # offer | downloading | failed | switched
        self._error = ""
        self._download: Task | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.download_button = QPushButton(self)
        self.download_button.clicked.connect(self.download)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.skip_button = QPushButton(self)
        self.skip_button.clicked.connect(self.skip)
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.skip_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.setVisible(self.wanted(settings))
        settings.on_change("model", self._on_model_chosen)
        self.retranslate()

    @staticmethod
    def wanted(settings: Settings) -> bool:
        """The welcome is for a first run: not dismissed before, and still on the built-in model (not a server's)."""
        return not settings.welcome_done and settings.model is None and settings.source == "local"

    def _on_model_chosen(self, model: str | None) -> None:
        """A model chosen elsewhere (Settings, the catalogue) answers the welcome's question: it goes."""
        if model is not None and self.state != "downloading":
            self.hide()

    # actions ---------------------------------------------------------------------------------------------------
    def skip(self) -> None:
        """Not now: the built-in model stays, and the welcome is not shown again (Settings has the catalogue)."""
        self.cancel()
        self._finish()

    def download(self) -> None:
        """Fetch the offered model in the background (resuming an earlier try); the built-in model keeps answering."""
        if self.model is None or self._download is not None:
            return
        model, source = self.model, self.source

        def fetch(report: Report, pause: threading.Event) -> Any:
            from runtime.catalogue import fetch_model

            return fetch_model(model, progress=report, pause=pause, source=source)

        self.state, self._error = "downloading", ""
        self._download = Task(fetch, "welcome-download")
        self._download.progress.connect(self._on_progress)
        self._download.succeeded.connect(self._on_fetched)
        self._download.failed.connect(self._on_failed)
        self._download.start()
        self.progress.setValue(0)
        self.retranslate()

    def cancel(self) -> None:
        """Stop the download; what was fetched is kept, so a later try resumes."""
        if self._download is not None:
            self._download.cancel()

    def _on_progress(self, update: FetchProgress) -> None:
        self.progress.setValue(round(1000 * update.done / max(update.total, 1)))
        self.status.setText(self.tr("Downloading {name}: {done:.0f} of {total:.0f} MB. You can keep using Penna "
                                    "meanwhile.").format(name=self.model.name, done=update.done / 1e6,
                                                         total=update.total / 1e6))
        self.status.show()

    def _on_fetched(self, info: Any) -> None:
        self._download = None
        self.state = "switched"
        self.settings.model = info.name  # the window follows: the new model is prepared, then answers
        self.settings.sync()
        self._finish()

    def _on_failed(self, error: Exception) -> None:
        from runtime.download import DownloadPausedError

        self._download = None
        self.state = "offer" if isinstance(error, DownloadPausedError) else "failed"
        self._error = "" if isinstance(error, DownloadPausedError) else str(error)
        self.retranslate()

    def _finish(self) -> None:
        self.settings.welcome_done = True
        self.settings.sync()
        self.hide()
        self.finished.emit()

    # what it shows ---------------------------------------------------------------------------------------------
    def _offer(self) -> str:
        model = self.model
        if model is None:
            return self.tr("No model of the catalogue fits this computer's memory; the built-in model stays.")
        from runtime.catalogue import chosen_download, run_memory_gb, system_memory_gb
        from runtime.devices import cuda_unavailable_reason

        names = {"chat": self.tr("chat"), "translation": self.tr("translation"), "summaries": self.tr("summaries")}
        memory = system_memory_gb()
        machine = (self.tr("an NVIDIA GPU") if cuda_unavailable_reason() is None
                   else self.tr("{memory:.0f} GB of memory, no usable GPU").format(memory=memory) if memory
                   else self.tr("no usable GPU"))
        download = chosen_download(model).download_gb
        return self.tr(
            "For this computer ({machine}) the catalogue recommends {name}: good at {tasks}; a {size:.1f} GB download "
            "(about {minutes} min at {speed} Mbit/s), {ram:.0f} GB of memory to run."
        ).format(machine=machine, name=model.name, tasks=", ".join(names[task] for task in model.good_for),
                 size=download, minutes=download_minutes(download), speed=ASSUMED_MBIT_S, ram=run_memory_gb(model))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to Penna"))
        about = self.tr("The built-in model (SmolLM2, 135M parameters) is here so that you can try Penna offline "
                        "right away: it chats and summarises short English texts, but it is too small to translate "
                        "or to summarise long documents well.")
        self.body.setText(about + "\n\n" + self._offer())
        downloading = self.state == "downloading"
        if self.model is not None:
            self.download_button.setText(self.tr("Try again") if self.state == "failed"
                                         else self.tr("Download {name}").format(name=self.model.name))
        self.download_button.setVisible(self.model is not None and not downloading)
        self.cancel_button.setText(self.tr("Cancel download"))
        self.cancel_button.setVisible(downloading)
        self.progress.setVisible(downloading)
        self.skip_button.setText(self.tr("Not now"))
        self.skip_button.setToolTip(self.tr("Keep the built-in model; Settings → Browse models offers others later."))
        if self.state == "failed":
            self.status.setText(self.tr("The download failed: {error}").format(error=self._error))
        elif not downloading:
            self.status.clear()
        self.status.setVisible(bool(self.status.text()))
        for button in (self.download_button, self.cancel_button, self.skip_button):
            button.setAccessibleName(button.text())
