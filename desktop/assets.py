"""Where the packaged assets (icons, styles, translations) live."""

from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def asset(*parts: str) -> Path:
    """Path of one file under assets/."""
    return ASSETS.joinpath(*parts)
