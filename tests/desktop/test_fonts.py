"""Every language Penna offers is shown in a font that covers it, or named so that the user sees why it cannot be."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from desktop.app import application
from desktop.fonts import can_show, writing_system
from desktop.language_box import LanguageBox
from runtime.tasks.language import LANGUAGES

SAMPLES = {
    "en": "The weather is nice today.", "zh-Hans": "今天天气很好。", "zh-Hant": "今天天氣很好。", "ja": "今日は天気がいいです。",
    "ko": "오늘은 날씨가 좋습니다.", "fr": "Il fait beau aujourd'hui.", "de": "Heute ist schönes Wetter.",
    "es": "Hoy hace buen tiempo.", "pt": "O tempo está ótimo hoje.", "it": "Oggi il tempo è bello.",
    "nl": "Het weer is vandaag mooi.", "pl": "Dziś jest ładna pogoda.", "tr": "Bugün hava çok güzel.",
    "vi": "Hôm nay trời đẹp.", "ru": "Сегодня хорошая погода.", "uk": "Сьогодні гарна погода.",
    "ar": "الطقس جميل اليوم.", "fa": "امروز هوا خوب است.", "he": "מזג האוויר נעים היום.",
    "el": "Ο καιρός είναι ωραίος σήμερα.", "hi": "आज मौसम अच्छा है।", "th": "วันนี้อากาศดี",
}


def covering_family(text: str, families: list[str]) -> str | None:
    """The first of ``families`` whose glyphs cover every letter of ``text``."""
    letters = {ord(character) for character in text if not character.isspace()}  # code points: PySide turns a
    # non-ASCII str into the wrong QChar
    for family in families:
        raw = QRawFont.fromFont(QFont(family))
        if all(raw.supportsCharacter(letter) for letter in letters):
            return family
    return None


def test_every_offered_language_has_a_sample():
    assert set(SAMPLES) == {language.code for language in LANGUAGES}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_a_language_is_drawn_in_a_font_that_covers_it_or_said_to_have_none(qtbot, code):  # noqa: ANN001
    application([])
    box = LanguageBox()
    qtbot.addWidget(box)
    item = box.itemText(box.findData(code))
    if can_show(code):
        family = covering_family(SAMPLES[code], QFontDatabase.families(writing_system(code)))
        assert family is not None, f"no font claiming {writing_system(code).name} covers {SAMPLES[code]!r}"
        assert item == next(language.native for language in LANGUAGES if language.code == code)
    else:
        assert "no font" in item and box.itemData(box.findData(code), 3)  # said in the item, explained in its tooltip


@pytest.mark.parametrize("code", ["hi", "th"])
def test_hindi_and_thai_are_shown_with_the_fonts_penna_ships(qtbot, code):  # noqa: ANN001
    application([])
    assert can_show(code)
    assert covering_family(SAMPLES[code], QFontDatabase.families(writing_system(code))) is not None


def test_the_chinese_interface_is_offered_in_a_font_that_covers_it_or_said_to_have_none(qtbot, tmp_path):  # noqa: ANN001
    from desktop.settings import Settings
    from desktop.settings_dialog import SettingsDialog

    application([])
    dialog = SettingsDialog(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(dialog)
    item = dialog.language_box.itemText(dialog.language_box.findData("zh_CN"))
    if covering_family("简体中文", QFontDatabase.families(writing_system("zh-Hans"))):
        assert item == "简体中文"
    else:
        assert "no font" in item
