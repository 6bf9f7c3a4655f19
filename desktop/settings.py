"""Persisted preferences: a typed view over an INI-format QSettings under the data folder, which says what changed.

Each consumer subscribes to the names it cares about (``Settings.changed``; ``SettingsFollower`` to react once to
several changes applied together): the model sessions, the theme, the interface language, the global shortcut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from runtime.engine.sampling import GenerationOptions
from runtime.export import PRECISIONS as RUNTIME_PRECISIONS
from runtime.export.precision import AUTO
from runtime.paths import data_dir
from runtime.tasks.language import LANGUAGES as TRANSLATION_LANGUAGES

DEVICES = ("auto", "cpu", "cuda")
PRECISIONS = (AUTO, *RUNTIME_PRECISIONS)  # "auto": the model's default on the device
THEMES = ("system", "light", "dark")
LANGUAGES = ("en", "zh_CN")
# Not Ctrl+Alt+T: GNOME/Ubuntu, KDE Plasma and Xfce open a terminal with it. Their default keymaps use Ctrl+Alt with
# T, L, D, Del, Esc, arrows and F-keys (terminal, lock, desktop, log out, xkill, workspaces, consoles), not Y. Only
# the default moves: a shortcut a user saved is stored in the INI file and kept.
DEFAULT_SHORTCUT = "Ctrl+Alt+Y"
SOURCES = ("local", "remote")
TASK_MODELS = ("translate", "summarize")  # the tasks that can run a model other than the chat's
T = TypeVar("T", str, bool)


_ENGINE_DEFAULTS = GenerationOptions()  # the Settings defaults are the engine's


@dataclass
class Sampling:
    """Generation knobs shown in Settings; mirrors runtime.engine.GenerationOptions."""

    temperature: float = _ENGINE_DEFAULTS.temperature
    top_p: float = _ENGINE_DEFAULTS.top_p
    top_k: int = _ENGINE_DEFAULTS.top_k
    repetition_penalty: float = _ENGINE_DEFAULTS.repetition_penalty
    max_new_tokens: int = _ENGINE_DEFAULTS.max_new_tokens
    seed: int | None = None


def settings_path() -> Path:
    """The INI file; lives under data_dir() so PENNA_HOME redirects it."""
    return data_dir() / "settings.ini"


class Option(Generic[T]):
    """One preference declared on Settings: its INI key, its type (str or bool), its default and, for a choice, the
    values allowed (a stored value outside them reads as the default). A str option whose default is None stores
    None as "". Writing a different value emits ``Settings.changed`` with the option's name."""

    def __init__(self, key: str, kind: type[T], default: T | None, choices: tuple[T, ...] = ()) -> None:
        self.key, self.kind, self.default, self.choices = key, kind, default, choices
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, settings: None, owner: type) -> Option[T]: ...

    @overload
    def __get__(self, settings: Settings, owner: type) -> T | None: ...

    def __get__(self, settings: Settings | None, owner: type) -> Option[T] | T | None:
        if settings is None:
            return self
        raw = settings.qsettings.value(self.key)
        if raw is None or (raw == "" and self.default is None):
            return self.default
        value = str(raw).lower() == "true" if self.kind is bool else self.kind(raw)
        return value if not self.choices or value in self.choices else self.default

    def __set__(self, settings: Settings, value: T | None) -> None:
        if value == self.__get__(settings, type(settings)):
            return
        stored = ("true" if value else "false") if self.kind is bool else "" if value is None else value
        settings.qsettings.setValue(self.key, stored)
        settings.changed.emit(self.name)


class Settings(QObject):
    """Read and write Penna's preferences. Every value has a default and is validated on read; ``changed`` carries
    the name of each one a write changes (the names of the options below, "sampling", "primary_language",
    "secondary_language", and "<task>_model" for each of TASK_MODELS)."""

    changed = Signal(str)

    model = Option("model/name", str, None)  # None: runtime's default model
    device = Option("model/device", str, "auto", DEVICES)
    precision = Option("model/precision", str, AUTO, PRECISIONS)
    theme = Option("ui/theme", str, "system", THEMES)
    language = Option("ui/language", str, "en", LANGUAGES)
    translate_shortcut = Option("translate/shortcut", str, DEFAULT_SHORTCUT)  # QKeySequence's portable text
    # the Translate pane's target as last chosen; None: the selection's (primary_language)
    translate_target = Option("translate/target", str, None, tuple(language.code for language in TRANSLATION_LANGUAGES))
    keep_in_tray = Option("ui/keep_in_tray", bool, False)  # closing the window leaves Penna in the tray
    welcome_done = Option("ui/welcome_done", bool, False)  # the first-run welcome was skipped or followed
    # where answers come from: the local model, or an OpenAI-compatible server (desktop.remote_settings)
    source = Option("remote/source", str, "local", SOURCES)
    remote_url = Option("remote/url", str, "")
    remote_api_key = Option("remote/api_key", str, "")  # stored in the INI file as is
    remote_model = Option("remote/model", str, "")

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.qsettings = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)

    def _store(self, name: str, key: str, old: object, new: object, stored: object) -> None:
        if new != old:
            self.qsettings.setValue(key, stored)
            self.changed.emit(name)

    def on_change(self, name: str, react: Callable[[Any], None]) -> None:
        """Call ``react`` with the new value of ``name`` whenever it changes."""
        self.changed.connect(lambda changed: react(self.value(name)) if changed == name else None)

    def value(self, name: str) -> object:
        """The value ``changed`` calls ``name``."""
        task, _, model = name.rpartition("_")
        return self.task_model(task) if model == "model" and task in TASK_MODELS else getattr(self, name)

    def task_model(self, task: str) -> str | None:
        """The model a task (one of TASK_MODELS) uses; None means the chat's model."""
        return str(self.qsettings.value(f"{task}/model", "")) or None

    def set_task_model(self, task: str, name: str | None) -> None:
        self._store(f"{task}_model", f"{task}/model", self.task_model(task), name or None, name or "")

    @property
    def sampling(self) -> Sampling:
        default = Sampling()
        values = {}
        for field in fields(Sampling):
            raw = self.qsettings.value(f"sampling/{field.name}", getattr(default, field.name))
            values[field.name] = _coerce(raw, getattr(default, field.name), field.name == "seed")
        return Sampling(**values)

    @sampling.setter
    def sampling(self, value: Sampling) -> None:
        if value == self.sampling:
            return
        for field in fields(Sampling):
            item = getattr(value, field.name)
            self.qsettings.setValue(f"sampling/{field.name}", "" if item is None else item)
        self.changed.emit("sampling")

    @property
    def primary_language(self) -> str:
        """The language selected text is translated into (a runtime.tasks.language code)."""
        return str(self.qsettings.value("translate/primary", "") or _system_language())

    @primary_language.setter
    def primary_language(self, code: str) -> None:
        self._store("primary_language", "translate/primary", self.primary_language, code, code)

    @property
    def secondary_language(self) -> str:
        """Used instead when the text is already in the primary language."""
        fallback = "zh-Hans" if self.primary_language == "en" else "en"
        return str(self.qsettings.value("translate/secondary", "") or fallback)

    @secondary_language.setter
    def secondary_language(self, code: str) -> None:
        self._store("secondary_language", "translate/secondary", self.secondary_language, code, code)

    def geometry(self) -> bytes | None:
        value = self.qsettings.value("ui/geometry")
        return bytes(value) if value else None

    def set_geometry(self, value: bytes) -> None:
        self.qsettings.setValue("ui/geometry", value)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self.qsettings.sync()


class SettingsFollower(QObject):
    """Restarts what was started from settings (a model session) when they change.

    Once ``started()`` has been called, a change of any of ``names`` calls ``restart``: once for changes applied
    together (on the event loop's next turn), only if their values differ from those at the last ``started()``, and
    not while ``in_use()`` (the change then waits for the next start)."""

    def __init__(self, settings: Settings, names: tuple[str, ...], restart: Callable[[], None],
                 in_use: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._settings, self._names, self._restart, self._in_use = settings, names, restart, in_use
        self._started_with: tuple[object, ...] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._react)
        settings.changed.connect(self._on_changed)

    def started(self) -> None:
        self._started_with = self._values()

    def _values(self) -> tuple[object, ...]:
        return tuple(self._settings.value(name) for name in self._names)

    def _on_changed(self, name: str) -> None:
        if name in self._names:
            self._timer.start()

    def _react(self) -> None:
        if self._started_with not in (None, self._values()) and not self._in_use():
            self._restart()


def _system_language() -> str:
    """The runtime language code of the system's locale, or English when Penna does not offer it."""
    from PySide6.QtCore import QLocale

    from runtime.errors import UnsupportedLanguageError
    from runtime.tasks.language import get_language

    locale = QLocale.system()
    for name in (locale.name().replace("_", "-"), locale.bcp47Name(), locale.name().split("_")[0]):
        try:
            return get_language(name).code
        except UnsupportedLanguageError:
            continue
    return "en"


def _coerce(raw: object, default: float | int | None, optional: bool) -> float | int | None:
    """Turn an INI string back into the type of its default; bad values fall back to the default."""
    if optional and raw in ("", None):
        return None
    kind = int if (optional or isinstance(default, int)) else float
    try:
        return kind(raw)
    except (TypeError, ValueError):
        return default
