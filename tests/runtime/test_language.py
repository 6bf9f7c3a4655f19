import pytest

from runtime.errors import UnsupportedLanguageError
from runtime.tasks.language import CHINESE_PAIRS, LANGUAGES, chinese_variant, detect_language, get_language

SAMPLES = [
    # two or three words
    ("Good morning everyone", "en"),
    ("Guten Morgen zusammen", "de"),
    ("Merci beaucoup", "fr"),
    ("Buenos días amigos", "es"),
    ("Bom dia a todos", "pt"),
    ("Buongiorno a tutti", "it"),
    ("Как дела?", "ru"),
    ("Добрий день", "uk"),
    ("مرحبا بك", "ar"),
    ("안녕하세요", "ko"),
    ("こんにちは", "ja"),
    ("東京に行きます", "ja"),
    ("这个问题", "zh-Hans"),
    ("這個問題", "zh-Hant"),
    ("Καλημέρα", "el"),
    ("שלום עולם", "he"),
    ("नमस्ते दुनिया", "hi"),
    ("สวัสดีครับ", "th"),
    # sentences
    ("The committee will meet again next week to discuss the budget.", "en"),
    ("Le comité se réunira de nouveau la semaine prochaine pour discuter du budget.", "fr"),
    ("Der Ausschuss wird sich nächste Woche erneut treffen, um den Haushalt zu besprechen.", "de"),
    ("El comité se reunirá de nuevo la próxima semana para discutir el presupuesto.", "es"),
    ("O comitê se reunirá novamente na próxima semana para discutir o orçamento.", "pt"),
    ("Il comitato si riunirà di nuovo la prossima settimana per discutere il bilancio.", "it"),
    ("Комитет снова соберётся на следующей неделе, чтобы обсудить бюджет.", "ru"),
    ("ستجتمع اللجنة مرة أخرى الأسبوع المقبل لمناقشة الميزانية.", "ar"),
    ("委员会将于下周再次开会讨论预算。", "zh-Hans"),
    ("委員會將於下週再次開會討論預算。", "zh-Hant"),
    ("委員会は来週再び予算について話し合うために集まります。", "ja"),
    ("위원회는 다음 주에 예산을 논의하기 위해 다시 모입니다.", "ko"),
]


@pytest.mark.parametrize(("text", "code"), SAMPLES)
def test_detects_the_language(text, code):
    found = detect_language(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize("text", ["", "   ", "12345", "3.14 + 2 = 5.14", "!!! ???"])
def test_no_language_without_letters(text):
    assert detect_language(text) is None


def test_japanese_with_mostly_kanji_is_still_japanese():
    assert detect_language("日本国憲法第九条の解釈").code == "ja"


def test_chinese_without_telltale_characters_counts_as_simplified():
    assert chinese_variant("中文") == "zh-Hans"


def test_chinese_pairs_differ_and_do_not_overlap():
    simplified = {pair[0] for pair in CHINESE_PAIRS}
    traditional = {pair[1] for pair in CHINESE_PAIRS}
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in CHINESE_PAIRS)
    assert not simplified & traditional


@pytest.mark.parametrize(
    ("name", "code"),
    [("zh-TW", "zh-Hant"), ("zh-CN", "zh-Hans"), ("zh", "zh-Hans"), ("German", "de"), ("日本語", "ja"), ("FR", "fr"),
     ("繁體中文", "zh-Hant")],
)
def test_languages_are_found_by_tag_or_name(name, code):
    assert get_language(name).code == code


def test_an_unknown_language_is_a_user_error():
    with pytest.raises(UnsupportedLanguageError, match="Klingon"):
        get_language("Klingon")


def test_the_languages_the_issue_requires_are_offered():
    codes = {language.code for language in LANGUAGES}
    assert {"en", "zh-Hans", "zh-Hant", "ja", "ko", "fr", "de", "es", "pt", "it", "ru", "ar"} <= codes
