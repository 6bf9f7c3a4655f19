"""Persisted preferences: a typed view over an INI-format QSettings under the data folder."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QSettings

from runtime.engine.sampling import GenerationOptions
from runtime.export import PRECISIONS as RUNTIME_PRECISIONS
from runtime.export.precision import AUTO
from runtime.paths import data_dir

DEVICES = ("auto", "cpu", "cuda")
PRECISIONS = (AUTO, *RUNTIME_PRECISIONS)  # "auto": the model's default on the device
THEMES = ("system", "light", "dark")
LANGUAGES = ("en", "zh_CN")
DEFAULT_SHORTCUT = "Ctrl+Alt+T"
SOURCES = ("local", "remote")
TASK_MODELS = ("translate", "summarize")  # the tasks that can run a model other than the chat's


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


class Settings:
    """Read and write Penna's preferences. Every value has a default and is validated on read."""

    def __init__(self, path: Path | None = None) -> None:
        self._qs = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)

    def _choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = str(self._qs.value(key, default))
        return value if value in choices else default

    @property
    def model(self) -> str | None:
        """The chosen model's name; None means runtime's default model."""
        return str(self._qs.value("model/name", "")) or None

    @model.setter
    def model(self, name: str | None) -> None:
        self._qs.setValue("model/name", name or "")

    def task_model(self, task: str) -> str | None:
        """The model a task (one of TASK_MODELS) uses; None means the chat's model."""
        return str(self._qs.value(f"{task}/model", "")) or None

    def set_task_model(self, task: str, name: str | None) -> None:
        self._qs.setValue(f"{task}/model", name or "")

    @property
    def device(self) -> str:
        return self._choice("model/device", DEVICES, "auto")

    @device.setter
    def device(self, value: str) -> None:
        self._qs.setValue("model/device", value)

    @property
    def precision(self) -> str:
        return self._choice("model/precision", PRECISIONS, AUTO)

    @precision.setter
    def precision(self, value: str) -> None:
        self._qs.setValue("model/precision", value)

    @property
    def theme(self) -> str:
        return self._choice("ui/theme", THEMES, "system")

    @theme.setter
    def theme(self, value: str) -> None:
        self._qs.setValue("ui/theme", value)

    @property
    def language(self) -> str:
        return self._choice("ui/language", LANGUAGES, "en")

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value)

    @property
    def sampling(self) -> Sampling:
        default = Sampling()
        values = {}
        for field in fields(Sampling):
            raw = self._qs.value(f"sampling/{field.name}", getattr(default, field.name))
            values[field.name] = _coerce(raw, getattr(default, field.name), field.name == "seed")
        return Sampling(**values)

    @sampling.setter
    def sampling(self, value: Sampling) -> None:
        for field in fields(Sampling):
            item = getattr(value, field.name)
            self._qs.setValue(f"sampling/{field.name}", "" if item is None else item)

    @property
    def primary_language(self) -> str:
        """The language selected text is translated into (a runtime.tasks.language code)."""
        return str(self._qs.value("translate/primary", "") or _system_language())

    @primary_language.setter
    def primary_language(self, code: str) -> None:
        self._qs.setValue("translate/primary", code)

    @property
    def secondary_language(self) -> str:
        """Used instead when the text is already in the primary language."""
        fallback = "zh-Hans" if self.primary_language == "en" else "en"
        return str(self._qs.value("translate/secondary", "") or fallback)

    @secondary_language.setter
    def secondary_language(self, code: str) -> None:
        self._qs.setValue("translate/secondary", code)

    @property
    def translate_shortcut(self) -> str:
        """The global shortcut that translates the selection, in QKeySequence's portable text."""
        return str(self._qs.value("translate/shortcut", DEFAULT_SHORTCUT))

    @translate_shortcut.setter
    def translate_shortcut(self, value: str) -> None:
        self._qs.setValue("translate/shortcut", value)

    @property
    def keep_in_tray(self) -> bool:
        """Closing the window leaves Penna running in the system tray."""
        return str(self._qs.value("ui/keep_in_tray", "false")).lower() == "true"

    @keep_in_tray.setter
    def keep_in_tray(self, value: bool) -> None:
        self._qs.setValue("ui/keep_in_tray", "true" if value else "false")

    # where answers come from: the local model, or an OpenAI-compatible server (desktop.remote_settings)
    source = property(lambda self: self._choice("remote/source", SOURCES, "local"),
                      lambda self, value: self._qs.setValue("remote/source", value))
    remote_url = property(lambda self: str(self._qs.value("remote/url", "")),
                          lambda self, value: self._qs.setValue("remote/url", value))
    remote_api_key = property(lambda self: str(self._qs.value("remote/api_key", "")),  # stored in the INI file as is
                              lambda self, value: self._qs.setValue("remote/api_key", value))
    remote_model = property(lambda self: str(self._qs.value("remote/model", "")),
                            lambda self, value: self._qs.setValue("remote/model", value))

    def geometry(self) -> bytes | None:
        value = self._qs.value("ui/geometry")
        return bytes(value) if value else None

    def set_geometry(self, value: bytes) -> None:
        self._qs.setValue("ui/geometry", value)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._qs.sync()


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
