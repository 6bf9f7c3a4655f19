"""The engine a task pane (Translate, Summarize) uses: the chat's, or a model of the task's own (Settings:
"Translate with", "Summarize with"), loaded by a second ModelSession only when it differs from the chat's. It also
says when that model is too small for the task, and offers the catalogue's recommended model in one click."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.model_session import ModelSession
from desktop.settings import TASK_MODELS, Settings, SettingsFollower
from runtime.engine import EngineProtocol

if TYPE_CHECKING:
    from runtime.catalogue import ModelAdvice

# What the catalogue calls each task that has a pane.
CATALOGUE_TASKS = {"translate": "translation", "summarize": "summaries"}


class _TaskSettings:
    """The settings as a task's ModelSession sees them: the model is the task's, the rest is shared."""

    def __init__(self, settings: Settings, task: str) -> None:
        self._settings = settings
        self._task = task

    @property
    def model(self) -> str | None:
        return self._settings.task_model(self._task)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._settings, name)


class _TaskSession(ModelSession):
    """The task's ModelSession. While the task shares the chat's model, whoever waits for the engine asks the chat's
    session to bring it (after a cancel, a translation starts the chat model's preparation again, not a second one)."""

    def __init__(self, task_engine: TaskEngine, settings: _TaskSettings, window: QWidget) -> None:
        super().__init__(settings, window)
        self._task_engine = task_engine

    def request(self) -> None:
        if self._task_engine.own_model:
            super().request()
        else:
            self._task_engine.chat_session.request()


class TaskEngine(QObject):
    """``session`` delivers the engine ``task`` runs on: its own model's, or the chat session's engine passed on.
    ``advice_changed`` carries a runtime ModelAdvice when that engine's model is too small for the task, else None."""

    advice_changed = Signal(object)

    def __init__(self, settings: Settings, task: str, chat_session: ModelSession, window: QWidget | None) -> None:
        super().__init__(window)
        if task not in TASK_MODELS:
            raise ValueError(f"no model setting for the task {task!r}")
        self.settings = settings
        self.task = task
        self.chat_session = chat_session
        self.session = _TaskSession(self, _TaskSettings(settings, task), window)
        self.advice: ModelAdvice | None = None
        self._window = window
        self._follower: SettingsFollower | None = None
        chat_session.ready.connect(self._on_chat_ready)
        chat_session.failed.connect(self._on_chat_failed)
        self.session.ready.connect(self._judge_model)

    @property
    def own_model(self) -> bool:
        """True when the task runs a model other than the chat's (its own engine is loaded for it)."""
        from runtime.models import DEFAULT_MODEL

        return self.settings.task_model(self.task) not in (None, self.settings.model or DEFAULT_MODEL)

    def follow_settings(self, in_use: Callable[[], bool]) -> None:
        """Start again when the task's model, the chat's, the device or the precision change, except while
        ``in_use()`` (the task runs)."""
        names = ("model", f"{self.task}_model", "device", "precision")
        self._follower = SettingsFollower(self.settings, names, self.start, in_use, self)

    def start(self) -> None:
        """Load the task's own model, or adopt the chat's engine when they share one."""
        if self._follower is not None:
            self._follower.started()
        if self.own_model:
            self.session.start()
        elif self.chat_session.engine is not None:
            self.session.use(self.chat_session.engine)
        else:
            self.session.engine = None  # the chat's engine is on its way: _on_chat_ready passes it on

    def use_model(self, name: str) -> None:
        """Make ``name`` the task's model from now on."""
        self.settings.set_task_model(self.task, name)
        self.settings.sync()
        self.start()

    def _on_chat_ready(self, engine: EngineProtocol) -> None:
        if not self.own_model:
            self.session.use(engine)

    def _on_chat_failed(self, error: Exception) -> None:
        if not self.own_model:
            self.session.failed.emit(error)

    def download_recommended(self) -> None:
        """Open the catalogue on the recommended model and download it; once added, the task uses it."""
        from desktop.catalogue_dialog import CatalogueDialog

        if self.advice is None or self.advice.recommended is None:
            return
        dialog = CatalogueDialog(self._window, engine=self.session.engine)
        dialog.model_added.connect(lambda model: self.use_model(model.name))
        dialog.select(self.advice.recommended.id)
        dialog.show()
        dialog.download()

    def _judge_model(self, engine: EngineProtocol) -> None:
        from runtime.catalogue import task_advice

        self.advice = task_advice(engine, CATALOGUE_TASKS[self.task])
        self.advice_changed.emit(self.advice)
