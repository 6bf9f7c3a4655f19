"""Writing actions on a scripted engine (prompts, cleaning, the proofread retry), the word diff, user actions and
the history of writings. The real default model is exercised in tests/runtime/test_write_cli.py."""

import json

import pytest

from runtime.errors import ContextOverflowError
from runtime.tasks.actions import ActionError, WritingAction, find_action, save_user_actions, user_actions
from runtime.tasks.translate import Translation
from runtime.tasks.word_diff import DiffPart, changed_share, word_diff
from runtime.tasks.write import Writing, write, writing_messages
from runtime.tasks.writing_check import clean_result
from tests.runtime.scripted_engine import ScriptedEngine

SENTENCE = "I has went to the store yesterday and buyed three apple for my freind."
CORRECTED = "I went to the store yesterday and bought three apples for my friend."


def source_of(messages):
    return messages[-1]["content"].split("\n\n---\n")[0]


def test_word_diff_marks_only_what_changed():
    parts = word_diff("teh cat sat", "the cat sat.")
    assert parts == [DiffPart("removed", "teh"), DiffPart("added", "the"), DiffPart("same", " cat sat"),
                     DiffPart("added", ".")]
    assert "".join(part.text for part in parts if part.kind != "removed") == "the cat sat."
    assert "".join(part.text for part in parts if part.kind != "added") == "teh cat sat"


def test_changed_share_counts_changed_words():
    assert changed_share(SENTENCE, SENTENCE) == 0
    assert 0 < changed_share(SENTENCE, CORRECTED) < 0.4
    assert changed_share(SENTENCE, "Yesterday a trip to the shop got me fruit for a pal.") > 0.6
    assert changed_share("你好世界", "你好世間") == 0.25  # one character of four, in a script without spaces


def test_labels_preambles_and_added_quotes_are_removed():
    assert clean_result(f"Corrected text: {CORRECTED}", SENTENCE, None) == CORRECTED
    assert clean_result(f"Sure, here is the revised version:\n\"{CORRECTED}\"", SENTENCE, None) == CORRECTED
    assert clean_result(f"**Explanation:** {CORRECTED}", SENTENCE, None) == CORRECTED
    assert clean_result(f'The revised sentence is: "{CORRECTED}"', SENTENCE, None) == CORRECTED
    assert clean_result('"Quoted" stays', '"Quoted" stays', None) == '"Quoted" stays'


def test_a_rewrite_streams_without_its_label_in_the_texts_language():
    engine = ScriptedEngine(lambda messages: "Shorter version: I bought apples\nfor my friend yesterday.\n\n"
                                             "Note: I removed details.")
    text = SENTENCE.replace(" and ", "\nand ")  # a paragraph of two lines
    writing = write(engine, text, "shorter")
    deltas = list(writing)
    assert len(deltas) > 2  # the first line is held until its label is off; the rest streams
    assert "".join(deltas) == "I bought apples\nfor my friend yesterday."
    assert not writing.doubtful
    system, user = engine.calls[0][0]
    assert "English" in system["content"] and "shorter" in user["content"] and text in user["content"]


def test_a_line_is_answered_with_a_line():
    engine = ScriptedEngine(lambda messages: f"{CORRECTED}\nI corrected four words in the sentence.")
    assert write(engine, SENTENCE, "proofread").text() == CORRECTED
    assert engine.generations[0].cancelled  # stopped at the break, not left to write the note


def test_a_result_in_another_language_is_doubtful():
    writing = write(ScriptedEngine(lambda messages: "Le chat est sur la table, et il dort."), SENTENCE, "explain")
    assert writing.text()
    assert writing.doubts == ["the result looks like French, not English"]


def test_a_proofread_that_rewrites_is_retried_strictly_then_kept_when_the_retry_is_a_proofread():
    answers = iter(["Yesterday a trip to the shop got me some fruit for a pal.", CORRECTED])
    engine = ScriptedEngine(lambda messages: next(answers))
    writing = write(engine, SENTENCE, "proofread")
    assert list(writing) == [CORRECTED]  # checked before it is shown: it arrives whole
    assert not writing.doubtful
    assert len(engine.calls) == 2 and "exactly" in engine.calls[1][0][-1]["content"]


def test_a_proofread_that_rewrites_twice_is_doubtful():
    engine = ScriptedEngine(lambda messages: "Yesterday a trip to the shop got me some fruit for a pal.")
    writing = write(engine, SENTENCE, "proofread")
    assert writing.text().startswith("Yesterday")
    assert writing.doubtful and "changed" in writing.doubts[0]


def test_a_proofread_with_few_changes_is_asked_once():
    engine = ScriptedEngine(lambda messages: CORRECTED)
    assert write(engine, SENTENCE, "proofread").text() == CORRECTED
    assert len(engine.calls) == 1


def test_translate_is_the_translation_task():
    engine = ScriptedEngine(lambda messages: "Bonjour.")
    task = write(engine, "Good morning.", "translate", language="fr")
    assert isinstance(task, Translation) and task.target.code == "fr"


def test_a_text_too_long_for_the_model_is_a_user_error():
    writing = write(ScriptedEngine(lambda messages: "x", context_length=256), "word " * 400, "proofread")
    with pytest.raises(ContextOverflowError, match="select less"):
        writing.text()


def test_user_actions_are_saved_found_by_name_and_fill_in_text_and_language(tmp_path):
    path = tmp_path / "actions.json"
    assert user_actions(path) == []
    save_user_actions([WritingAction("Pirate", "Say this like a pirate, in {language}: {text}", "Ctrl+Alt+P")], path)
    assert json.loads(path.read_text())[0]["shortcut"] == "Ctrl+Alt+P"
    action = find_action("pirate", path)
    assert not action.built_in and not action.keeps_language
    messages = writing_messages("Hello there.", action, None)
    assert messages[-1]["content"] == "Say this like a pirate, in the language of the text: Hello there."
    engine = ScriptedEngine(lambda messages: "Ahoy, matey! Hello there, me hearty friend.")
    writing = Writing(engine, "Hello there.", action, None)
    assert writing.text().startswith("Ahoy")


@pytest.mark.parametrize("action, message", [
    (WritingAction("proofread", "{text}"), "built-in"),
    (WritingAction("Mine", "no placeholder"), "must contain {text}"),
    (WritingAction("Mine", "{text} {other}"), "only use {text} and {language}"),
    (WritingAction("", "{text}"), "cannot name"),
])
def test_a_user_action_that_cannot_work_is_refused_with_what_to_change(tmp_path, action, message):
    with pytest.raises(ActionError, match=message):
        save_user_actions([action], tmp_path / "actions.json")
    assert not (tmp_path / "actions.json").exists()


def test_an_unknown_action_names_the_ones_there_are():
    with pytest.raises(ActionError, match="proofread"):
        find_action("polish")


def test_writings_are_kept_and_searchable(tmp_path):
    from runtime.store import HistoryStore
    from runtime.tasks.write import record_writing

    with HistoryStore.open(tmp_path / "history.db") as store:
        writing = write(ScriptedEngine(lambda messages: CORRECTED), SENTENCE, "proofread")
        record = record_writing(store, writing, writing.text())
        assert store.list_writings() == [record]
        assert (record.action, record.source_text, record.result, record.language, record.model) == (
            "proofread", SENTENCE, CORRECTED, "en", "scripted")
        hits = store.search("buyed")
        assert [(hit.kind, hit.id, hit.title) for hit in hits] == [("writing", record.id, "proofread")]
        assert "**bought**" in store.search("bought")[0].snippet
