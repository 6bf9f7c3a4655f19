"""The status bar: model, device really used, weight precision, where answers come from, the window's server, and
on the Chat pane the last answer's speed, token counts and how full the open chat's context is (the other panes
have no "last answer" or context of their own)."""

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
        self.source_label = QLabel(self)  # where answers come from
        self.server_label = QLabel(self)  # the window's own server, when it runs
        self.context_bar = QProgressBar(self)
        self.context_bar.setMaximumWidth(160)
        self.context_bar.setTextVisible(True)
        for widget in (self.model_label, self.device_label, self.precision_label, self.speed_label, self.source_label,
                       self.server_label):
            self.addPermanentWidget(widget)
        self.addPermanentWidget(self.context_bar)
        self._pane = "chat"
        self._model: str | None = None
        self._device: str | None = None
        self._state = "loading"  # loading | preparing | not_ready | ready
        self._fallback: str | None = None
        self._precision: str | None = None
        self._stats: tuple[float, int, int] | None = None
        self._context: tuple[int, int] = (0, 0)
        self._remote_url: str | None = None
        self._server_url: str | None = None
        self.retranslate()

    def set_pane(self, pane: str) -> None:
        """Show what belongs to ``pane`` (chat, translate or summarize)."""
        self._pane = pane
        self.retranslate()

    def set_loading(self, model: str | None) -> None:
        """The engine is being loaded."""
        self._model, self._device, self._fallback, self._precision, self._state = model, None, None, None, "loading"
        self.retranslate()

    def set_preparing(self) -> None:
        """The model is being exported before it can be loaded."""
        self._state = "preparing"
        self.retranslate()

    def set_not_ready(self) -> None:
        """Preparing or loading ended without an engine (cancelled or failed): "Loading…" would be a lie."""
        self._state = "not_ready"
        self.retranslate()

    def set_engine(self, model: str, device: str, fallback_reason: str | None, precision: str) -> None:
        """``precision`` is the one loaded ("auto" already resolved to fp16/fp32/int8/int4)."""
        self._model, self._device, self._fallback, self._precision, self._state = (
            model, device, fallback_reason, precision, "ready")
        self.retranslate()

    def set_source(self, remote_url: str | None) -> None:
        """Answers come from the local model (None) or from the server at ``remote_url``."""
        self._remote_url = remote_url
        self.retranslate()

    def set_server(self, url: str | None) -> None:
        """The address of the window's own server, or None when it does not run."""
        self._server_url = url
        self.retranslate()

    def set_stats(self, tokens_per_s: float, prompt_tokens: int, completion_tokens: int) -> None:
        self._stats = (tokens_per_s, prompt_tokens, completion_tokens)
        self.retranslate()

    def clear_stats(self) -> None:
        """No speed or token counts until the next answer has finished."""
        self._stats = None
        self.retranslate()

    def set_context(self, used: int, total: int) -> None:
        self._context = (used, total)
        self.retranslate()

    def retranslate(self) -> None:
        self.model_label.setText(self.tr("Model: {name}").format(name=self._model or self.tr("default")))
        if self._device is None:
            self.device_label.setText({
                "loading": self.tr("Loading…"), "preparing": self.tr("Preparing the model…"),
                "not_ready": self.tr("Model not loaded"),
            }.get(self._state, ""))
            self.device_label.setToolTip("")
        elif self._fallback:
            self.device_label.setText(self.tr("{device} (fallback)").format(device=self._device))
            self.device_label.setToolTip(self._fallback)
        else:
            self.device_label.setText(self._device)
            self.device_label.setToolTip(self.tr("The device the model runs on"))
        self.source_label.setText(self.tr("Answers from {url}").format(url=self._remote_url) if self._remote_url
                                  else self.tr("Answers from the local model"))
        self.server_label.setText(self.tr("Serving at {url}").format(url=self._server_url) if self._server_url else "")
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
        self.speed_label.setVisible(self._pane == "chat")
        self.context_bar.setVisible(self._pane == "chat" and total > 0)
        self.context_bar.setRange(0, max(total, 1))
        self.context_bar.setValue(min(used, total))
        # A few tokens of a long context round to "0%", which reads as "nothing was counted".
        self.context_bar.setFormat(self.tr("Context <1%") if 0 < used * 100 < total else self.tr("Context %p%"))
        self.context_bar.setToolTip(self.tr("{used} of {total} tokens of the model's context are used").format(used=used, total=total))
