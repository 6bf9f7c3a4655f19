"""A combo box of the languages Penna translates between, by their native names."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from runtime.tasks.language import LANGUAGES

AUTO = "auto"


class LanguageBox(QComboBox):
    """Each item's data is a runtime.tasks.language code; with ``auto``, a first item for "detect"."""

    def __init__(self, auto: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if auto:
            self.addItem("", AUTO)
        for language in LANGUAGES:
            self.addItem(language.native, language.code)

    def code(self) -> str:
        return str(self.currentData())

    def set_code(self, code: str | None) -> None:
        """Select ``code``; an unknown or empty one selects the first item."""
        self.setCurrentIndex(max(self.findData(code), 0))
