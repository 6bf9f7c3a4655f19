"""The status bar: model, device really used, weight precision, last answer's speed and token counts, context fullness."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from desktop.i18n import Retranslatable


class PennaStatusBar(Retranslatable, QStatusBar):
    """Shows what the engine is and how the last answer went."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_label = QLabel(self)
        self.device_label = QLabel(self)
        self.precision_label = QLabel(self)
        self.speed_label = QLabel(self)
        self.context_bar = QProgressBar(self)
        self.context_bar.setMaximumWidth(160)
        self.context_bar.setTextVisible(True)
        for widget in (self.model_label, self.device_label, self.precision_label, self.speed_label):
            self.addPermanentWidget(widget)
        self.addPermanentWidget(self.context_bar)
        self._model: str | None = None
        self._device: str | None = None
        self._fallback: str | None = None
        self._precision: str | None = None
        self._stats: tuple[float, int, int] | None = None
        self._context: tuple[int, int] = (0, 0)
        self.retranslate()

    def set_loading(self, model: str | None) -> None:
        """The engine is being prepared or loaded."""
        self._model, self._device, self._fallback, self._precision = model, None, None, None
        self.retranslate()

    def set_engine(self, model: str, device: str, fallback_reason: str | None, precision: str) -> None:
        """``precision`` is the one loaded ("auto" already resolved to fp16/fp32/int8/int4)."""
        self._model, self._device, self._fallback, self._precision = model, device, fallback_reason, precision
        self.retranslate()

    def set_stats(self, tokens_per_s: float, prompt_tokens: int, completion_tokens: int) -> None:
        self._stats = (tokens_per_s, prompt_tokens, completion_tokens)
        self.retranslate()

    def set_context(self, used: int, total: int) -> None:
        self._context = (used, total)
        self.retranslate()

    def retranslate(self) -> None:
        self.model_label.setText(self.tr("Model: {name}").format(name=self._model or self.tr("default")))
        if self._device is None:
            self.device_label.setText(self.tr("Loading…"))
            self.device_label.setToolTip("")
        elif self._fallback:
            self.device_label.setText(self.tr("{device} (fallback)").format(device=self._device))
            self.device_label.setToolTip(self._fallback)
        else:
            self.device_label.setText(self._device)
            self.device_label.setToolTip(self.tr("The device the model runs on"))
        self.precision_label.setText(self._precision or "")
        self.precision_label.setToolTip(self.tr("The precision of the model's weights (change it in Settings)"))
        if self._stats:
            speed, prompt, completion = self._stats
            self.speed_label.setText(
                self.tr("{speed:.1f} tok/s · {prompt} in, {completion} out").format(speed=speed, prompt=prompt, completion=completion)
            )
        else:
            self.speed_label.setText("")
        used, total = self._context
        self.context_bar.setRange(0, max(total, 1))
        self.context_bar.setValue(min(used, total))
        self.context_bar.setFormat(self.tr("Context %p%"))
        self.context_bar.setToolTip(self.tr("{used} of {total} tokens of the model's context are used").format(used=used, total=total))
