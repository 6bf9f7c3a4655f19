import pytest

from runtime.errors import ContextOverflowError
from runtime.tasks.prompting import OutputFilter, input_budget
from tests.runtime.scripted_engine import ScriptedEngine


def cleaned(text: str, shape: str = "free", step: int = 1) -> str:
    cleaner = OutputFilter(shape)
    out = "".join(cleaner.feed(text[start : start + step]) for start in range(0, len(text), step))
    return out + cleaner.finish()


CASES = [
    ("Here is the translation into French:\n\nBonjour le monde.", "free", "Bonjour le monde."),
    ("Sure! Here's a summary of the text:\nThe port grew.", "free", "The port grew."),
    ("Translation: Hallo Welt", "paragraph", "Hallo Welt"),
    ("Summary (short): The port grew.", "free", "The port grew."),
    ("  \n Bonjour\nle monde\n\nNote: I kept the names.", "paragraph", "Bonjour\nle monde"),
    ("Lait\nI translated 'milk' as 'lait'.", "line", "Lait"),
    ("Para one.\n\n- a\n- b\n\nI made some minor changes to improve clarity.", "free", "Para one.\n\n- a\n- b"),
    ("First.\n\nThis summary keeps the key facts.", "free", "First."),
    ("First.\n\nSecond paragraph.\n\n", "free", "First.\n\nSecond paragraph."),
    ("The note was here: nothing else.", "free", "The note was here: nothing else."),
    ("**Summary**\n\nThe port grew.", "free", "The port grew."),
    ("## Summary\nThe port grew.", "free", "The port grew."),
    ("Summary of events in the port.", "free", "Summary of events in the port."),
    ("", "free", ""),
]


@pytest.mark.parametrize("step", [1, 3, 1000])
@pytest.mark.parametrize(("text", "shape", "expected"), CASES)
def test_commentary_and_stray_breaks_are_dropped_however_the_text_streams(text, shape, expected, step):
    assert cleaned(text, shape, step) == expected


def test_a_filter_says_when_the_rest_should_be_dropped():
    cleaner = OutputFilter("line")
    assert cleaner.feed("Pai") == ""  # the opening is held until it can be told from a preamble
    assert cleaner.feed("n\n") == "Pain"
    assert not cleaner.done
    assert cleaner.feed("Explanation") == ""
    assert cleaner.done


def test_the_input_budget_leaves_room_for_prompt_and_answer():
    engine = ScriptedEngine(lambda messages: "", context_length=1000)
    messages = [{"role": "system", "content": "one two three"}, {"role": "user", "content": "four"}]
    budget = input_budget(engine, messages, answer_tokens=100)
    assert budget == 1000 - engine.count_chat_tokens(messages) - 100 - 16


def test_no_room_for_text_is_a_user_error():
    engine = ScriptedEngine(lambda messages: "", context_length=200)
    with pytest.raises(ContextOverflowError, match="200 tokens"):
        input_budget(engine, [{"role": "user", "content": "x"}], answer_tokens=190)
