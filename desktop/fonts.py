"""Fonts for the scripts Penna offers: the system's where it has one, the Noto fonts in assets/fonts for Devanagari
and Thai (small, OFL; many Linux installs lack them, and the languages then showed as boxes), and for a script no
installed font covers, a name that says so instead of boxes."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from assets import asset

log = logging.getLogger(__name__)

WritingSystem = QFontDatabase.WritingSystem

# The script of each language Penna offers (runtime.tasks.language's codes) that is not plain Latin.
_WRITING_SYSTEMS = {
    "zh-Hans": WritingSystem.SimplifiedChinese, "zh-Hant": WritingSystem.TraditionalChinese,
    "ja": WritingSystem.Japanese, "ko": WritingSystem.Korean, "vi": WritingSystem.Vietnamese,
    "ru": WritingSystem.Cyrillic, "uk": WritingSystem.Cyrillic, "ar": WritingSystem.Arabic, "fa": WritingSystem.Arabic,
    "he": WritingSystem.Hebrew, "el": WritingSystem.Greek, "hi": WritingSystem.Devanagari, "th": WritingSystem.Thai,
}
BUNDLED = ("NotoSansDevanagari.ttf", "NotoSansThai.ttf")
_loaded = False


def load_bundled_fonts() -> None:
    """Make the shipped fonts available to this application (once; needs the QGuiApplication)."""
    global _loaded
    if _loaded:
        return
    for name in BUNDLED:
        if QFontDatabase.addApplicationFont(str(asset("fonts", name))) < 0:
            log.warning("could not load the font %s", name)
    _loaded = True


def writing_system(language: str) -> WritingSystem:
    """The writing system of a runtime.tasks.language code (Latin for those not listed)."""
    return _WRITING_SYSTEMS.get(language, WritingSystem.Latin)


def can_show(language: str) -> bool:
    """Whether some font here (installed or shipped) covers the script of ``language``."""
    return bool(QFontDatabase.families(writing_system(language)))
