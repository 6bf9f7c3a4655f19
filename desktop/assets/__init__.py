"""The packaged assets (icons, styles, translations, the Linux desktop files), found as package data.

They live beside this module, so a wheel, an editable install and the PyInstaller bundle all find them through
importlib.resources. Penna is never run from a zip file, so every asset is a real file with a path Qt can open.
"""

from importlib.resources import files
from pathlib import Path

# The name of the desktop entry, the icon and the AppStream metainfo (Qt's desktop file name, Wayland's app id).
APP_ID = "io.github.penna.Penna"


def asset(*parts: str) -> Path:
    """Path of one file under desktop/assets/."""
    return Path(str(files(__name__).joinpath(*parts)))


def app_icon() -> Path:
    """The scalable application icon."""
    return asset("linux", "icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")
