"""Interface language: installs Penna's and Qt's own translators for the chosen language."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from assets import asset

if TYPE_CHECKING:
    from desktop.settings import Settings

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


def follow_language(settings: Settings) -> None:
    """Use the settings' interface language now and whenever it changes."""
    set_language(settings.language)
    settings.on_change("language", set_language)


def set_language(language: str) -> None:
    """Switch the interface to ``language`` ("en" or "zh_CN"); widgets retranslate on LanguageChange."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"penna_{language}", str(asset("i18n"))), (f"qtbase_{language}", qt_dir)):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translation %s in %s", name, folder)


class Retranslatable:
    """Mixin for widgets that set their texts in ``retranslate()``; reruns it when the language changes."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
