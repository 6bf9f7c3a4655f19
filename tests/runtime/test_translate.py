import re
import threading

import pytest

from runtime.errors import UnsupportedLanguageError
from runtime.tasks.translate import split_segments, translate
from tests.runtime.scripted_engine import ScriptedEngine

CODE = '```python\nprint("hello")  # keep me\n```\n'
PROSE = """# Weekly notes

The team met on Monday. We discussed the plan.
It was a long meeting.

- buy milk
- call the bank
- write the report

1. first step
2. second step

"""
TEXT = PROSE + CODE + "\n---\nThanks for reading.\n"
EXPECTED = PROSE.upper() + CODE + "\n---\nTHANKS FOR READING.\n"


def source_of(messages):
    """The text to translate, out of the prompt's "Translate ...\nEnglish: TEXT\nFrench:" pattern."""
    return messages[-1]["content"].split(": ", 1)[1].rsplit("\n", 1)[0]


def chatty_upper(messages):
    """A model that "translates" French into English by upper-casing, with the commentary small models add."""
    return f"Here is the translation into English:\n\n{source_of(messages).upper()}\n\nNote: a literal translation."


def paragraphs(text):
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def list_items(text):
    return re.findall(r"^\s*(?:[-*+]|\d+\.)\s+\S", text, flags=re.MULTILINE)


def test_layout_is_kept_and_commentary_dropped():
    engine = ScriptedEngine(chatty_upper)
    translation = translate(engine, TEXT, target="en", source="fr")
    result = translation.text()
    assert result == EXPECTED
    assert len(paragraphs(result)) == len(paragraphs(TEXT))
    assert len(list_items(result)) == len(list_items(TEXT)) == 5
    # Code, blank lines, markers and the rule were never sent to the model.
    sent = [source_of(messages) for messages, _ in engine.calls]
    assert not any("print" in text or text.startswith("-") for text in sent)
    assert len(sent) == 8


def thinking_scaffolded_upper(messages):
    """A reasoning model that thinks first, then fills in a template's placeholder and echoes the prompt's label."""
    return (f"<think>\nThe user wants English. Translate from French into English.\n</think>\n\n"
            f"[TITLE]\nTranslate from French into English.\n{source_of(messages).upper()}")


def test_thinking_placeholders_and_echoes_of_the_prompt_never_reach_the_translation():
    engine = ScriptedEngine(thinking_scaffolded_upper)
    result = translate(engine, TEXT, target="en", source="fr").text()
    assert result == EXPECTED
    assert all(options.thinking is False for _, options in engine.calls)  # asked without thinking


def test_streams_in_order():
    translation = translate(ScriptedEngine(chatty_upper), TEXT, target="en", source="fr")
    deltas = list(translation)
    assert len(deltas) > 10
    assert "".join(deltas) == EXPECTED


def test_a_list_item_answer_stops_at_its_first_line_break():
    engine = ScriptedEngine(lambda messages: "Lait\nI translated 'milk' as 'lait'.")
    assert translate(engine, "- milk\n- eggs\n", target="fr", source="en").text() == "- Lait\n- Lait\n"


def test_segments_join_back_to_the_text():
    segments = split_segments(TEXT)
    assert "".join(segment.text for segment in segments) == TEXT
    assert [segment.text for segment in segments if segment.shape == "line"][:2] == ["Weekly notes", "buy milk"]


def test_a_long_paragraph_is_translated_piece_by_piece_within_the_context():
    engine = ScriptedEngine(chatty_upper, context_length=300)
    text = " ".join(f"Sentence number {n} is here." for n in range(200))
    assert translate(engine, text, target="en", source="de").text() == text.upper()
    assert len(engine.calls) > 5  # the scripted engine raises ContextOverflowError for any call that does not fit


def test_the_source_language_is_detected_and_named_in_the_prompt():
    engine = ScriptedEngine(chatty_upper)
    translation = translate(engine, "Bonjour tout le monde", target="en")
    assert translation.source.code == "fr"
    translation.text()
    prompt = engine.calls[0][0][-1]["content"]
    assert prompt == "Translate from French into English.\nFrench: Bonjour tout le monde\nEnglish:"


def test_text_already_in_the_target_language_is_returned_unchanged():
    engine = ScriptedEngine(chatty_upper)
    assert translate(engine, "这个问题很重要。", target="zh-Hans").text() == "这个问题很重要。"
    assert engine.calls == []


def test_simplified_to_traditional_chinese_is_a_translation():
    engine = ScriptedEngine(lambda messages: "這個問題很重要。")
    translation = translate(engine, "这个问题很重要。", target="zh-Hant")
    assert translation.source.code == "zh-Hans"
    assert translation.text() == "這個問題很重要。"


def test_cancel_stops_within_a_step():
    translation = None
    deltas = 0

    def cancel_after_three():
        nonlocal deltas
        deltas += 1
        if deltas == 3:
            translation.cancel()

    engine = ScriptedEngine(lambda messages: " ".join(["word"] * 50), on_delta=cancel_after_three)
    translation = translate(engine, TEXT, target="fr", source="en")
    translation.text()
    assert translation.cancelled
    assert len(engine.calls) == 1
    assert engine.generations[0].delivered == 3


def test_an_external_cancel_event_stops_it():
    event = threading.Event()
    engine = ScriptedEngine(chatty_upper, on_delta=event.set)
    translation = translate(engine, TEXT, target="fr", source="en", cancel=event)
    translation.text()
    assert len(engine.calls) == 1
    assert engine.generations[0].delivered <= 2


def test_an_unknown_target_is_a_user_error():
    with pytest.raises(UnsupportedLanguageError):
        translate(ScriptedEngine(chatty_upper), "Hello", target="Elvish")


@pytest.mark.slow
def test_the_default_model_translates_and_keeps_the_layout(default_engine):
    text = (
        "The weather is nice today.\n\n"
        "I would like a cup of coffee.\n\n"
        "- apples\n- bread\n- cheese\n"
    )
    translation = translate(default_engine, text, target="fr", source="en")
    deltas = list(translation)
    result = "".join(deltas)
    assert result.strip()
    assert len(paragraphs(result)) == len(paragraphs(text)) == 3
    assert len(list_items(result)) == 3
    assert not re.search(r"here is|translation", result, flags=re.IGNORECASE)


def test_the_command_refuses_an_unknown_language_before_loading_a_model(capsys):
    from runtime.cli import main

    assert main(["translate", "--to", "Klingon", "hello"]) == 1
    assert "does not offer the language 'Klingon'" in capsys.readouterr().err
