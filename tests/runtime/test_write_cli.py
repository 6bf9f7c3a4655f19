"""``penna write`` as a user runs it, on the real default model: every built-in action answers, in the text's
language (Translate: in the target's), without a label or preamble, and is kept in the searchable history.

The 135M model is weak: the inputs are short, plain English it can handle, and the checks are the ones Penna
itself applies (``clean_result`` would change nothing; ``language_mismatch`` finds no other language)."""

from __future__ import annotations

import re

import pytest

from runtime.cli import build_parser, main, parse_arguments
from runtime.store import HistoryStore
from runtime.tasks.actions import BUILT_IN, TRANSLATE
from runtime.tasks.language import get_language
from runtime.tasks.translation_check import language_mismatch
from runtime.tasks.writing_check import clean_result

SENTENCE = "I has went to the store yesterday and buyed three apple for my freind."
NOTE = ("The meeting is moved to Thursday at ten because the room is not free on Wednesday. "
        "Please bring the budget report and your questions.")
PREAMBLE = re.compile(r"^\s*(here is|here's|sure|certainly|of course|corrected|revised|rewritten|explanation|summary)"
                      r"\b|^[^\n]{0,40}:\s*$", re.IGNORECASE | re.MULTILINE)


@pytest.mark.slow
@pytest.mark.parametrize("action", [action.name for action in BUILT_IN])
def test_each_built_in_action_answers_in_the_texts_language_without_a_label(action, default_export, capsys):
    text = SENTENCE if action == "proofread" else NOTE
    target = "fr" if action == TRANSLATE else "en"
    argv = ["write", *(["--to", target] if action == TRANSLATE else []), action, text]
    assert main(argv) == 0
    out = capsys.readouterr().out.strip()
    assert out, f"{action} gave no output"
    assert language_mismatch(out, get_language(target)) is None, f"{action} answered in another language: {out!r}"
    assert not PREAMBLE.search(out), f"{action} kept a label or preamble: {out!r}"
    assert clean_result(out, text, get_language("en")) == out
    with HistoryStore.open() as store:
        if action == TRANSLATE:
            assert store.list_translations(limit=1)[0].result.strip() == out
        else:
            record = store.list_writings(limit=1)[0]
            assert (record.action, record.source_text, record.result.strip(), record.language) == (
                action, text, out, "en")
            word = max(out.split(), key=len)
            assert ("writing", record.id) in [(hit.kind, hit.id) for hit in store.search(word, limit=100)]


def test_list_names_the_built_in_actions(capsys):
    assert main(["write", "--list"]) == 0
    out = capsys.readouterr().out
    assert [line.split("\t")[0] for line in out.splitlines()] == [action.name for action in BUILT_IN]


def test_an_unknown_action_fails_before_the_model_loads(capsys):
    assert main(["write", "polish", "some text"]) == 1
    assert "no writing action 'polish'" in capsys.readouterr().err


def test_the_text_may_follow_an_option_given_after_the_action():
    args = parse_arguments(build_parser(), ["write", "translate", "--to", "fr", "Good", "morning"])
    assert (args.action, args.language, args.text) == ("translate", "fr", ["Good", "morning"])
    args = parse_arguments(build_parser(), ["write", "proofread", "I has", "--no-history", "went"])
    assert args.text == ["I has", "went"] and args.no_history


def test_an_unknown_option_is_still_refused(capsys):
    with pytest.raises(SystemExit):
        parse_arguments(build_parser(), ["write", "proofread", "--polish", "text"])
    assert "unrecognized arguments: --polish text" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parse_arguments(build_parser(), ["models", "list", "extra"])  # a command that takes no text
