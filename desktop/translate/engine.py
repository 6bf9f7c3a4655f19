"""The engine Translate and the selection popup use: the chat's, or a model of their own (Settings: "Translate
with"), in a second ModelSession. It also says when that model is too small to translate well."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.model_session import ModelSession
from desktop.settings import Settings

log = logging.getLogger(__name__)


class _TranslateSettings:
    """The settings as the translate ModelSession sees them: the model is Translate's, the rest is shared."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def model(self) -> str | None:
        return self._settings.translate_model

    def __getattr__(self, name: str) -> Any:
        return getattr(self._settings, name)


class TranslateEngine(QObject):
    """``session`` delivers the engine to translate with; ``advice_changed`` carries a runtime TranslationAdvice
    when that engine's model is too small to translate well, else None."""

    advice_changed = Signal(object)
    model_chosen = Signal(str)  # a model was downloaded from the advice and is now Translate's

    def __init__(self, settings: Settings, chat_session: ModelSession, window: QWidget) -> None:
        super().__init__(window)
        self.settings = settings
        self.chat_session = chat_session
        self.session = ModelSession(_TranslateSettings(settings), window)
        self.advice: Any = None
        self._window = window
        chat_session.ready.connect(self._on_chat_ready)
        chat_session.failed.connect(self._on_chat_failed)
        self.session.ready.connect(self._on_ready)

    @property
    def own_model(self) -> bool:
        """True when Translate runs a model other than the chat's (its own engine is loaded for it)."""
        from runtime.models import DEFAULT_MODEL

        return self.settings.translate_model not in (None, self.settings.model or DEFAULT_MODEL)

    def start(self) -> None:
        """Load Translate's own model, or adopt the chat's engine when they share one."""
        if self.own_model:
            self.session.start()
        elif self.chat_session.engine is not None:
            self.session.use(self.chat_session.engine)
        else:
            self.session.engine = None  # the chat's engine is on its way: _on_chat_ready passes it on

    def use_model(self, name: str) -> None:
        """Make ``name`` Translate's model from now on."""
        self.settings.translate_model = name
        self.settings.sync()
        self.model_chosen.emit(name)
        self.start()

    def download_recommended(self) -> None:
        """Open the catalogue on the recommended model and download it; once added, Translate uses it."""
        from desktop.catalogue_dialog import CatalogueDialog

        if self.advice is None or self.advice.recommended is None:
            return
        dialog = CatalogueDialog(self._window, engine=self.session.engine)
        dialog.model_added.connect(lambda model: self.use_model(model.name))
        dialog.select(self.advice.recommended.id)
        dialog.show()
        dialog.download()

    def _on_chat_ready(self, engine: Any) -> None:
        if not self.own_model:
            self.session.use(engine)

    def _on_chat_failed(self, error: Exception) -> None:
        if not self.own_model:
            self.session.failed.emit(error)

    def _on_ready(self, engine: Any) -> None:
        from runtime.catalogue import translation_advice

        self.advice = translation_advice(engine)
        self.advice_changed.emit(self.advice)
