import re
import threading
import time

import pytest

from runtime.tasks.summarize import SummaryOptions, summarize
from tests.runtime.sample_report import report
from tests.runtime.scripted_engine import ScriptedEngine

SHORT = "The harbour was built in 1887. It served fishing boats, and later ferries."


def first_words(messages):
    """A model that "summarises" by keeping the first eight words of the text, after a preamble."""
    text = messages[-1]["content"].rsplit("\n\n---\n", 1)[0]
    return "Here is a summary of the text:\n" + " ".join(text.split()[:8])


def long_text(paragraphs: int) -> str:
    return "\n\n".join(
        f"Section {n}. The harbour of town {n} handled {n * 37} ships in year {1900 + n}. "
        "Fishing boats and ferries shared the quays, and the records were kept by the harbour master."
        for n in range(paragraphs)
    )


def document_of(messages):
    return messages[-1]["content"].rsplit("\n\n---\n", 1)[0]


def test_a_short_text_takes_one_pass():
    engine = ScriptedEngine(first_words)
    events = []
    summary = summarize(engine, SHORT, progress=lambda done, total: events.append((done, total)))
    assert summary.text() == "The harbour was built in 1887. It served"
    assert summary.chunks == 1
    assert events == [(0, 1), (1, 1)]  # the plan at once, then the step done
    assert len(engine.calls) == 1


def scaffolded_first_words(messages):
    """A reasoning model that thinks, then writes a template's title placeholder, a title in << >> and the prompt's
    separator before its summary (what a small model did with the GPL and a project report)."""
    return ("<think>\nThe user wants a short summary.\n</think>\n\n[TITLE]\n<<Building the Pinnacle Project>>\n---\n"
            + " ".join(document_of(messages).split()[:8]))


def test_thinking_placeholders_and_echoes_of_the_prompt_never_reach_the_summary():
    engine = ScriptedEngine(scaffolded_first_words)
    assert summarize(engine, SHORT).text() == "The harbour was built in 1887. It served"
    engine = ScriptedEngine(scaffolded_first_words, context_length=1024)
    summary = summarize(engine, long_text(60), options=SummaryOptions(map_tokens=64))
    assert summary.text() == "Section 0. The harbour of town 0 handled"
    assert summary.chunks > 1
    combined = [document_of(messages) for messages, _ in engine.calls[summary.chunks:]]
    assert not any(mark in text for text in combined for mark in ("think", "[", "<<", "---"))
    assert all(options.thinking is False for _, options in engine.calls)  # asked without thinking


def test_a_long_text_is_mapped_then_reduced_with_progress():
    engine = ScriptedEngine(first_words, context_length=1024)
    text = long_text(200)
    events = []
    summary = summarize(engine, text, progress=lambda done, total: events.append((done, total)),
                        options=SummaryOptions(map_tokens=64))
    result = summary.text()
    assert result
    map_texts = [document_of(messages) for messages, _ in engine.calls[: summary.chunks]]
    # Every chunk fitted (the scripted engine raises otherwise) and together they are the whole text.
    assert summary.chunks > 5
    assert "".join(map_texts).split() == text.split()
    assert events[0] == (0, events[0][1]) and events[0][1] > summary.chunks  # the whole plan before any step
    assert sorted({done for done, _ in events}) == list(range(len(engine.calls) + 1))
    assert events[-1][0] == events[-1][1]
    assert all(done <= total for done, total in events)
    assert_monotonic(events)


def test_partial_summaries_are_combined_in_rounds_until_one_remains():
    # Partial summaries of 60 words each: many of them do not fit one context, so combining takes rounds.
    engine = ScriptedEngine(lambda messages: " ".join(document_of(messages).split()[:60]), context_length=700)
    events = []
    summary = summarize(engine, long_text(300), progress=lambda done, total: events.append((done, total)),
                        options=SummaryOptions(map_tokens=60))
    summary.text()
    instructions = [messages[-1]["content"].rsplit("\n---\n", 1)[1] for messages, _ in engine.calls]
    combines = [text for text in instructions if text.startswith("The text above is a series of summaries")]
    assert len(combines) >= 2
    assert instructions[-1].startswith("Summarise the whole document")
    assert events[0][0] == 0 and events[-1][0] == events[-1][1] == len(engine.calls)
    assert_monotonic(events)  # the rounds of combining were planned: the bar never went back


def assert_monotonic(events: list[tuple[int, int]]) -> None:
    fractions = [done / total for done, total in events]
    assert fractions == sorted(fractions), fractions


def test_bullets_length_and_language_reach_the_prompt():
    engine = ScriptedEngine(first_words)
    summarize(engine, "Le port a été construit en 1887. Il servait aux bateaux de pêche.", length="medium",
              style="bullets").text()
    instruction = engine.calls[0][0][-1]["content"].rsplit("\n---\n", 1)[1]
    assert "5 to 7 bullet points" in instruction
    assert "Write it in French." in instruction


def test_the_language_can_be_chosen():
    engine = ScriptedEngine(first_words)
    summary = summarize(engine, SHORT, language="de")
    summary.text()
    assert summary.language.code == "de"
    assert "Write it in German." in engine.calls[0][0][-1]["content"]


def test_cancel_between_chunks_stops_the_map_and_skips_the_rest():
    event = threading.Event()
    engine = ScriptedEngine(first_words, context_length=1024)
    events = []

    def progress(done, total):
        events.append((done, total))
        if done == 2:
            event.set()

    summary = summarize(engine, long_text(200), progress=progress, cancel=event, options=SummaryOptions(map_tokens=64))
    assert summary.text() == ""
    assert summary.cancelled
    assert len(engine.calls) == 2
    assert events[-1][0] == 2 < events[-1][1]


def test_cancel_during_a_chunk_stops_that_answer():
    summary = None
    engine = ScriptedEngine(lambda messages: " ".join(["word"] * 100), context_length=1024,
                            on_delta=lambda: summary.cancel())
    summary = summarize(engine, long_text(200), options=SummaryOptions(map_tokens=64))
    summary.text()
    assert len(engine.calls) == 1
    assert engine.generations[0].delivered == 1


def test_cancel_from_another_thread():
    engine = ScriptedEngine(first_words, context_length=1024, on_delta=lambda: time.sleep(0.002))
    summary = summarize(engine, long_text(400), options=SummaryOptions(map_tokens=64))
    worker = threading.Thread(target=summary.text)
    worker.start()
    time.sleep(0.05)
    summary.cancel()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert summary.cancelled and len(engine.calls) < summary.chunks


@pytest.mark.parametrize(("argument", "value"), [("length", "huge"), ("style", "haiku")])
def test_bad_options_are_refused(argument, value):
    with pytest.raises(ValueError):
        summarize(ScriptedEngine(first_words), SHORT, **{argument: value})


def test_a_context_too_small_for_parts_is_a_user_error():
    from runtime.errors import ContextOverflowError

    with pytest.raises(ContextOverflowError):
        summarize(ScriptedEngine(first_words, context_length=300), long_text(50)).text()


@pytest.mark.slow
def test_the_default_model_summarises_a_20000_token_document(default_engine):
    text = report(200)
    assert default_engine.count_tokens(text) >= 20000
    events = []
    summary = summarize(default_engine, text, progress=lambda done, total: events.append((done, total)),
                        options=SummaryOptions(map_tokens=40))
    result = summary.text()
    assert result.strip()
    assert summary.chunks >= 5
    assert len(events) >= summary.chunks + 1
    assert events[-1][0] == events[-1][1]
    assert not re.match(r"here is", result, flags=re.IGNORECASE)



def test_a_text_over_the_chunk_cap_but_within_the_context_takes_one_pass():
    engine = ScriptedEngine(first_words, context_length=4096)
    text = long_text(40)
    assert engine.count_tokens(text) > 1000
    summary = summarize(engine, text, options=SummaryOptions(max_chunk_tokens=200))
    summary.text()
    assert summary.chunks == 1 and len(engine.calls) == 1


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 4], ids=["empty", "binary"])
def test_the_command_refuses_a_bad_file_before_loading_a_model(tmp_path, capsys, content):
    from runtime.cli import main

    path = tmp_path / "input.txt"
    path.write_bytes(content)
    assert main(["summarize", str(path)]) == 1
    assert capsys.readouterr().err.startswith("penna: input.txt ")


# honest results --------------------------------------------------------------------------------------------------
def test_a_summary_that_loops_is_cut_after_the_first_copy_and_marked():
    bullet = "- The harbour served fishing boats and later ferries for the town.\n"
    engine = ScriptedEngine(lambda messages: "<<Building the Pinnacle Project>>\n" + bullet * 13)
    summary = summarize(engine, SHORT, style="bullets")
    assert summary.text().strip() == bullet.strip()
    assert summary.findings == ["repeated"]
    assert engine.generations[0].delivered < 3 * len(bullet.split())  # the model was stopped, not run to its cap


def test_a_summary_stopped_by_its_token_cap_ends_at_its_last_full_sentence_and_says_so():
    text = " ".join(["The harbour was built in 1887 for the fishing boats of the town."] * 30)
    answer = " ".join(f"In {1900 + n} the town built boats{n} for fishing." for n in range(100))
    summary = summarize(ScriptedEngine(lambda messages: answer), text)  # short: a 160-token cap
    assert summary.text().endswith("for fishing.")
    assert summary.findings == ["cut_at_limit"]


def test_a_summary_about_something_else_is_marked_off_topic():
    summary = summarize(ScriptedEngine(lambda messages: "Same text reformatted to English for the readers."), SHORT)
    assert summary.text() == "Same text reformatted to English for the readers."
    assert summary.findings == ["off_topic"]


def test_a_summary_that_echoes_the_instructions_is_marked():
    summary = summarize(ScriptedEngine(lambda messages: "To summarize the text below, write it in English."), SHORT)
    summary.text()
    assert summary.findings == ["echo"]


def test_a_summary_of_placeholders_only_is_empty_and_says_so():
    """What the default model made of the GFDL: placeholders up to its cap, all of it removed by the cleaning."""
    answer = "[Your Name] - [Your Company] - " + " - ".join(f"[Your Business Address {n}]" for n in range(80))
    summary = summarize(ScriptedEngine(lambda messages: answer), SHORT)
    assert summary.text().strip() == ""
    assert summary.findings == ["empty"]  # not "ends mid-sentence", which there is nothing of


def test_a_fair_summary_has_no_findings():
    summary = summarize(ScriptedEngine(first_words), SHORT)
    summary.text()
    assert summary.findings == []


@pytest.mark.slow
def test_the_default_model_on_the_readme_gives_an_honest_summary(default_engine):
    """The README once became a placeholder title and the same bullet 13 times, cut off mid-sentence: whatever the
    model writes now, no line repeats, and a summary that reached its cap says so and ends at a full sentence."""
    from pathlib import Path

    from runtime.tasks.result_check import find_loop, last_boundary

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    summary = summarize(default_engine, readme[:6000], style="bullets")
    text = summary.text()
    assert text.strip() and find_loop(text) is None
    if "cut_at_limit" in summary.findings or "repeated" in summary.findings:
        assert last_boundary(text, complete=True) >= len(text.rstrip())  # it ends at a full sentence or line


@pytest.mark.slow
@pytest.mark.parametrize("argv, said", [
    (["summarize", "--no-history", "-"], "too small to summarise well"),
    (["translate", "--no-history", "--to", "fr", "-"], "too small to translate well"),
])
def test_the_commands_say_when_the_default_model_is_too_small(default_export, monkeypatch, capsys, argv, said):
    import io

    from runtime.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(SHORT))
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert said in err and "penna models download qwen2.5-1.5b-instruct" in err
