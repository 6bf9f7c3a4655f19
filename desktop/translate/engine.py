"""Translate's engine (a TaskEngine), which also says when its model is too small to translate well and offers
the catalogue's recommended model in one click."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.model_session import ModelSession
from desktop.settings import Settings
from desktop.task_engine import TaskEngine
from runtime.engine import EngineProtocol

if TYPE_CHECKING:
    from runtime.catalogue import TranslationAdvice


class TranslateEngine(TaskEngine):
    """``advice_changed`` carries a runtime TranslationAdvice when the engine's model translates poorly, else None."""

    advice_changed = Signal(object)

    def __init__(self, settings: Settings, chat_session: ModelSession, window: QWidget) -> None:
        super().__init__(settings, "translate", chat_session, window)
        self.advice: TranslationAdvice | None = None
        self._window = window
        self.session.ready.connect(self._on_ready)

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

    def _on_ready(self, engine: EngineProtocol) -> None:
        from runtime.catalogue import translation_advice

        self.advice = translation_advice(engine)
        self.advice_changed.emit(self.advice)
