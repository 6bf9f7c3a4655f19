"""Penna's data: icons, style sheets, Qt translations, the Linux desktop files, the model catalogue and the
default prompts, found as package data.

runtime reads the catalogue and the prompts, desktop the rest; this package imports neither. The files live
beside this module, so a wheel, an editable install and the PyInstaller bundle all find them through
importlib.resources. Penna is never run from a zip file, so every asset is a real file with a path Qt can open.
"""

from importlib.resources import files
from pathlib import Path

# The name of the desktop entry, the icon and the AppStream metainfo (Qt's desktop file name, Wayland's app id).
APP_ID = "io.github.penna.Penna"


def asset(*parts: str) -> Path:
    """Path of one file under assets/."""
    return Path(str(files(__name__).joinpath(*parts)))


def app_icon() -> Path:
    """The scalable application icon."""
    return asset("linux", "icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")
