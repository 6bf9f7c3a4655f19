"""The banner shown above the panes while a model is prepared (converted, exported) the first time it is used.

It never blocks the window: the user can look around, switch panes and type while it runs. It shows each
stage of the export and the fraction of the whole work the export child process reports; within a long step
the bar moves on at the pace of the steps before (never past the step's end), and the time left is estimated
from that pace. Cancel ends the export, and the banner then offers to start again.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import Retranslatable
from desktop.model_session import ModelSession
from runtime.engine import EngineProtocol
from runtime.export import preparation_stages

# Every stage a first export may go through, in order (runtime.export's progress events name them; which of them a
# given model and precision goes through comes from runtime.export.preparation_stages).
STAGES = ("dequantize", "convert", "export", "quantize")
MIN_FRACTION_FOR_PACE = 0.05  # before this, the pace says too little to estimate anything
STEP_CAP = 0.95  # the bar moves on within a step up to this share of it, until the next event comes


def _bits(precision: str) -> str:
    """int8 -> 8, int4 -> 4, fp16 -> 16."""
    return "".join(character for character in precision if character.isdigit())


class PreparationBanner(Retranslatable, QWidget):
    """Follows ``session``: visible while it prepares a model, and after a cancel or a failure (with a way on)."""

    def __init__(self, session: ModelSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self._session = session
        self.state = "hidden"  # hidden | preparing | cancelling | stopped
        self.stage: str | None = None
        self.seen_stages: list[str] = []
        self._fraction: float | None = None
        self._until: float | None = None
        self._message = ""
        self._error: str | None = None
        self._stages: tuple[str, ...] = STAGES
        self._precision = "int8"
        self._started_at = self._step_started_at = 0.0

        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.stage_labels = {stage: QLabel(self) for stage in STAGES}
        self.progress_bar = QProgressBar(self)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.clicked.connect(self._on_action)
        self._clock = QTimer(self)  # the estimate counts down between the export's events
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.retranslate)

        stages = QHBoxLayout()
        for label in self.stage_labels.values():
            stages.addWidget(label)
        stages.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.action_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(stages)
        layout.addLayout(row)
        layout.addWidget(self.detail_label)

        session.preparing.connect(self._on_preparing)
        session.progress.connect(self._on_progress)
        session.ready.connect(self._on_ready)
        session.failed.connect(self._on_failed)
        self.hide()
        self.retranslate()

    def _stage_name(self, stage: str) -> str:
        return {
            "dequantize": self.tr("De-quantize"), "convert": self.tr("Convert"),
            "export": self.tr("Export to ONNX"),
            "quantize": self.tr("Quantize the weights to {bits} bits").format(bits=_bits(self._precision)),
        }[stage]

    # following the session -------------------------------------------------------------------
    def _on_preparing(self, model: str | None, precision: str) -> None:
        self.state, self.stage, self._error = "preparing", None, None
        self.seen_stages, self._fraction, self._until, self._message = [], 0.0, None, ""
        self._stages = preparation_stages(model, precision)
        self._precision = precision
        self._started_at = self._step_started_at = time.monotonic()
        self._clock.start()
        self.show()
        self.retranslate()

    def _on_progress(self, progress: object) -> None:
        if progress.stage in self.stage_labels and progress.stage != self.stage:
            self.stage = progress.stage
            self.seen_stages.append(progress.stage)
        if progress.fraction is not None:
            self._fraction, self._until = progress.fraction, progress.until
            self._step_started_at = time.monotonic()
        self._message = progress.message
        self.retranslate()

    def _on_ready(self, _engine: EngineProtocol) -> None:
        self.state = "hidden"
        self._clock.stop()
        self.hide()

    def _on_failed(self, error: Exception) -> None:
        if self.state == "hidden":
            return  # loading an exported model failed: the panes say why
        self.state, self._error = "stopped", str(error)
        self._clock.stop()
        self.show()
        self.retranslate()

    def _on_action(self) -> None:
        if self.state == "preparing":
            self.state = "cancelling"
            self._session.cancel()
            self.retranslate()
        elif self.state == "stopped":
            self._session.start()

    # what it shows ---------------------------------------------------------------------------
    def _pace_s(self) -> float | None:
        """Seconds per unit of fraction over the steps finished so far; None while too little is done to tell."""
        if self._fraction is None or self._fraction < MIN_FRACTION_FOR_PACE:
            return None
        return (self._step_started_at - self._started_at) / self._fraction

    def shown_fraction(self) -> float:
        """The fraction reported, moved on within the running step at the pace so far (never to its end)."""
        fraction, until, pace = self._fraction or 0.0, self._until, self._pace_s()
        if until is None or pace is None or until <= fraction:
            return fraction
        into_step = (time.monotonic() - self._step_started_at) / ((until - fraction) * pace)
        return fraction + (until - fraction) * min(into_step, STEP_CAP)

    def time_left_s(self) -> float | None:
        """Seconds left at the pace so far, or None while too little is done to tell."""
        pace = self._pace_s()
        if pace is None or self.state != "preparing":
            return None
        return (1 - self.shown_fraction()) * pace

    def retranslate(self) -> None:
        reached = self._stages.index(self.stage) if self.stage in self._stages else -1
        for stage, label in self.stage_labels.items():
            index = self._stages.index(stage) if stage in self._stages else len(self._stages)
            label.setVisible(stage in self._stages)
            marker = "✓" if index < reached else ("▶" if index == reached else "·")
            label.setText(f"{marker} {self._stage_name(stage)}")
            label.setEnabled(index <= reached)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(round(self.shown_fraction() * 1000))
        if self.state == "stopped":
            self.title_label.setText(self.tr("The model is not ready"))
            self.detail_label.setText(self._error or "")
            self.action_button.setText(self.tr("Prepare the model"))
            self.action_button.setEnabled(True)
            return
        self.title_label.setText(self.tr(
            "Preparing the model for this computer (only the first time). You can look around and type meanwhile."
        ))
        left = self.time_left_s()
        estimate = self.tr("about {seconds} s left").format(seconds=max(1, round(left))) if left is not None else ""
        self.detail_label.setText(" · ".join(part for part in (self._message, estimate) if part))
        cancelling = self.state == "cancelling"
        self.action_button.setText(self.tr("Cancelling…") if cancelling else self.tr("Cancel"))
        self.action_button.setEnabled(not cancelling)
