"""Per-user folders. ``PENNA_HOME`` overrides both, so tests and portable installs use one folder."""

import os
from pathlib import Path

import platformdirs

_APP = "penna"


def _home() -> Path | None:
    value = os.environ.get("PENNA_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Where the history database and the model registry live."""
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(_APP))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Where exported ONNX models live; safe to delete, they are rebuilt on demand."""
    home = _home()
    path = home / "cache" if home else Path(platformdirs.user_cache_dir(_APP))
    path.mkdir(parents=True, exist_ok=True)
    return path
