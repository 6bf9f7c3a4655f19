"""The translation checker: labels and preambles stripped, the language checked, one stricter retry, the mark."""

from __future__ import annotations

import pytest

from runtime.tasks.language import get_language
from runtime.tasks.translate import translate
from runtime.tasks.translation_check import clean_translation, doubt
from tests.runtime.scripted_engine import ScriptedEngine

ENGLISH, FRENCH, CHINESE = get_language("en"), get_language("fr"), get_language("zh-Hans")


@pytest.mark.parametrize(("answer", "cleaned"), [
    ("Simplified Chinese: 早上好，我的朋友。", "早上好，我的朋友。"),
    ("简体中文：早上好，我的朋友。", "早上好，我的朋友。"),
    ("**Chinese (Simplified):** 早上好", "早上好"),
    ("Translation: Bonjour mon ami.", "Bonjour mon ami."),
    ("Bien sûr, je le produis de la traduction…\nBonjour, mon ami.", "Bonjour, mon ami."),
    ("Voici la traduction :\n\nBonjour, mon ami.", "Bonjour, mon ami."),
    ("Sure! Here it is:\nBonjour, mon ami.", "Bonjour, mon ami."),
    ("以下是翻译：\n早上好，我的朋友。", "早上好，我的朋友。"),
    ("Surely you jest:\nBonjour.", "Surely you jest:\nBonjour."),  # "Surely" is not the opener "Sure"
    ("English: Good morning, my friend.\nFrench: Bonjour, mon ami.", "Bonjour, mon ami."),
    ("Bonjour, mon ami.", "Bonjour, mon ami."),
])
def test_labels_preambles_and_echoed_sources_are_removed(answer, cleaned):
    assert clean_translation(answer, "Good morning, my friend.", ENGLISH) == cleaned


def test_an_opening_that_translates_the_source_is_kept():
    assert clean_translation("Bien sûr, je viens…", "Of course, I am coming…", ENGLISH) == "Bien sûr, je viens…"


def test_an_answer_that_is_only_a_preamble_is_empty_and_doubtful():
    cleaned = clean_translation("Voici la traduction :", "Good morning.", ENGLISH)
    assert cleaned == ""
    assert doubt(cleaned, "Good morning.", FRENCH) == "the model gave no translation"


@pytest.mark.parametrize(("answer", "target", "reason"), [
    ("今天天气很好。", ENGLISH, "the result looks like Simplified Chinese, not English"),
    ("The weather is very nice today.", CHINESE, "the result looks like English, not Simplified Chinese"),
    ("The weather is very nice today and we go out.", FRENCH, "the result looks like English, not French"),
    ("Il fait très beau aujourd'hui.", FRENCH, None),
    ("今天天氣很好。", get_language("zh-Hant"), None),
    ("Paris", FRENCH, None),  # one word of the same script: a name, too short to judge
    ("2024-05-01", FRENCH, None),
])
def test_the_language_of_the_result_is_checked_against_the_target(answer, target, reason):
    assert doubt(answer, "source", target) == reason


def test_a_result_equal_to_the_source_is_called_untranslated():
    text = "The meeting moves to Thursday afternoon."
    assert "unchanged" in doubt(text, text, FRENCH)


def test_a_wrong_language_answer_is_retried_with_the_stricter_prompt():
    answers = iter(["Simplified Chinese: 早上好，我的朋友。", "Bonjour, mon ami, comment vas-tu aujourd'hui ?"])
    engine = ScriptedEngine(lambda messages: next(answers))
    translation = translate(engine, "Good morning, my friend, how are you today?", target="fr", source="en")
    assert translation.text() == "Bonjour, mon ami, comment vas-tu aujourd'hui ?"
    assert not translation.doubtful
    assert len(engine.calls) == 2
    strict = engine.calls[1][0]
    assert "Write French only. Do not answer in English." in strict[0]["content"]


def test_two_wrong_answers_give_a_cleaned_result_marked_doubtful():
    engine = ScriptedEngine(lambda messages: "French: The weather is very nice today, my friend.")
    translation = translate(engine, "Il fait très beau aujourd'hui, mon ami.", target="fr", source="en")
    assert translation.text() == "The weather is very nice today, my friend."
    assert translation.doubts == ["the result looks like English, not French"]
    assert len(engine.calls) == 2


def test_a_good_first_answer_is_not_asked_again():
    engine = ScriptedEngine(lambda messages: "Il fait très beau aujourd'hui.")
    translation = translate(engine, "The weather is very nice today.", target="fr", source="en")
    assert translation.text() == "Il fait très beau aujourd'hui." and not translation.doubtful
    assert len(engine.calls) == 1


def test_short_pieces_that_add_up_to_the_wrong_language_mark_the_whole_result():
    engine = ScriptedEngine(lambda messages: messages[-1]["content"].split(": ", 1)[1].rsplit("\n", 1)[0])
    text = "- fresh apples\n- brown bread\n- goat cheese\n- green tea\n"
    translation = translate(engine, text, target="fr", source="en")
    assert translation.text() == text
    assert translation.doubtful  # each item is too short to judge; the list as a whole is English


@pytest.mark.slow
def test_the_default_model_output_is_cleaned_checked_and_marked(default_engine):
    """SmolLM2-135M answers Chinese -> English with a "Simplified Chinese:" label, in Chinese: the label must not
    reach the result, and a result still in Chinese must come marked."""
    translation = translate(default_engine, "今天天气很好，我们去公园散步吧。", target="en", source="zh-Hans")
    result = translation.text()
    assert result.strip()
    assert not result.lower().startswith(("simplified chinese", "english", "translation"))
    if doubt(result, translation.source_text, translation.target) is not None:
        assert translation.doubtful  # never a wrong-language result without the mark
    if translation.doubtful:
        assert translation.doubts[0].endswith(("not English", "no translation"))


@pytest.mark.slow
def test_the_command_warns_on_stderr_and_prints_the_cleaned_text(default_export, capsys):
    from runtime.cli import main

    assert main(["translate", "--no-history", "--to", "en", "今天天气很好，我们去公园散步吧。"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() and not out.lower().startswith("simplified chinese")
    assert "penna: warning: this translation may be wrong (the result looks like Simplified Chinese, not English)" in err


def test_code_kept_verbatim_does_not_count_against_the_translation():
    engine = ScriptedEngine(lambda messages: "Il fait très beau aujourd'hui, mes amis.")
    code = "```python\n# print the weather report for today and tomorrow, then send it to all of the friends\n```\n"
    text = f"The weather is very nice today, my friends.\n\n{code}"
    translation = translate(engine, text, target="fr", source="en")
    assert translation.text().startswith("Il fait très beau") and "# print the weather" in translation.text()
    assert not translation.doubtful
