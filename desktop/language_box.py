"""A combo box of the languages Penna translates between, by their native names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.fonts import can_show
from runtime.tasks.language import LANGUAGES

AUTO = "auto"


class LanguageBox(QComboBox):
    """Each item's data is a runtime.tasks.language code; with ``auto``, a first item for "detect". A language whose
    script no font here covers is named in English with a note, not drawn as boxes."""

    def __init__(self, auto: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # As wide as the layout gives, not as the longest item (a note on a missing font made forms too wide).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        if auto:
            self.addItem("", AUTO)
        for language in LANGUAGES:
            if can_show(language.code):
                self.addItem(language.native, language.code)
                continue
            self.addItem(self.tr("{language} (no font for its script)").format(language=language.name), language.code)
            self.setItemData(self.count() - 1, self.tr(
                "No font on this computer shows this script: install one (for example from the Noto fonts, such as "
                "Debian's fonts-noto-cjk) to read it. Translating into it still works."), Qt.ItemDataRole.ToolTipRole)

    def code(self) -> str:
        return str(self.currentData())

    def set_code(self, code: str | None) -> None:
        """Select ``code``; an unknown or empty one selects the first item."""
        self.setCurrentIndex(max(self.findData(code), 0))
