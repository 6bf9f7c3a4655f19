"""Thinking apart from the answer, however the text is cut into deltas."""

import pytest

from runtime.engine.reasoning import Reasoned, ReasoningSplitter, split_reasoning


def streamed(text: str, step: int) -> Reasoned:
    splitter = ReasoningSplitter()
    parts = [splitter.feed(text[start : start + step]) for start in range(0, len(text), step)] + [splitter.finish()]
    return Reasoned("".join(part.thinking for part in parts), "".join(part.answer for part in parts))


CASES = [
    ("<think>\nThe user greets me.\n</think>\n\nHello!", Reasoned("The user greets me.", "Hello!")),
    ("  <think>a < b, and </thin is not the end</think>Yes.", Reasoned("a < b, and </thin is not the end", "Yes.")),
    ("<think>\n\n</think>\n\nParis.", Reasoned("", "Paris.")),
    ("<think>Still thinking when cut off", Reasoned("Still thinking when cut off", "")),
    ("Paris is the capital.", Reasoned("", "Paris is the capital.")),
    ("Use <think> tags in the prompt.", Reasoned("", "Use <think> tags in the prompt.")),
    ("<thin", Reasoned("", "<thin")),
    ("", Reasoned("", "")),
]


@pytest.mark.parametrize("step", [1, 2, 5, 1000])
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_thinking_is_split_from_the_answer_however_the_text_streams(text, expected, step):
    assert streamed(text, step) == expected
    assert split_reasoning(text) == expected


def test_thinking_streams_as_it_comes_and_the_answer_after_it():
    splitter = ReasoningSplitter()
    assert splitter.feed("<think>\nLet me see") == Reasoned("Let me see", "")
    assert splitter.feed(" more.\n</th") == Reasoned(" more.", "")
    assert splitter.feed("ink>\n\nDone") == Reasoned("", "Done")
    assert splitter.feed(" now.") == Reasoned("", " now.")
