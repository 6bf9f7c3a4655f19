"""The checks that keep a summary honest: loops cut and marked, the token cap said, an off-topic summary doubted."""

from __future__ import annotations

from runtime.tasks.result_check import (
    CUT_AT_LIMIT, REPEATED, UNFINISHED, SummaryGuard, cut_loop, echoes_prompt, find_loop, last_boundary, off_topic,
)

BULLET = "- Penna converts a Hugging Face model to ONNX once and runs it offline.\n"
GPL = ("The GNU General Public License is a free, copyleft license for software and other kinds of works. "
       "The licenses for most software are designed to take away your freedom to share and change the works. "
       "By contrast, the GNU General Public License is intended to guarantee your freedom to share and change all "
       "versions of a program, to make sure it remains free software for all its users.")


def stream(guard: SummaryGuard, text: str, finish_reason: str = "stop", step: int = 3) -> str:
    """Feed ``text`` to ``guard`` a few characters at a time, as an engine streams, and return what it passed on."""
    shown = "".join(guard.feed(text[start : start + step]) for start in range(0, len(text), step))
    return shown + guard.finish(finish_reason)


def test_a_bullet_said_thirteen_times_is_cut_after_the_first():
    text = "<<Building the Pinnacle Project>>\n" + BULLET * 13
    assert cut_loop(text) == "<<Building the Pinnacle Project>>\n" + BULLET.rstrip()


def test_a_phrase_looping_inside_one_sentence_is_cut_where_it_repeats():
    text = "The license protects users and the license protects users and the license protects users and the"
    start = find_loop(text)
    assert start is not None
    assert text[:start].rstrip() == "The license protects users and"  # one copy of the loop stays


def test_a_summary_that_does_not_repeat_itself_is_left_whole():
    assert find_loop(GPL) is None
    assert find_loop("- Short.\n- Short.\n") is None  # units this short may repeat (a list of names, "Yes.")


def test_the_guard_cuts_a_loop_before_it_is_shown_and_marks_it():
    guard = SummaryGuard()
    shown = stream(guard, "Intro line here.\n" + BULLET * 5)
    assert shown.rstrip() == "Intro line here.\n" + BULLET.rstrip()
    assert guard.findings == [REPEATED]
    assert guard.done  # the engine can stop: the rest of the answer is not wanted


def test_a_loop_that_begins_mid_sentence_takes_that_sentence_with_it():
    guard = SummaryGuard()
    loop = "a model based on a dataset using the cloud and "
    shown = stream(guard, "It explains how models are made. This example demonstrates " + loop * 4)
    assert shown == "It explains how models are made."
    assert guard.findings == [REPEATED]


def test_at_the_token_cap_the_unfinished_sentence_is_left_out_and_said():
    guard = SummaryGuard()
    shown = stream(guard, "Penna runs models offline. It keeps the history in SQLite and the wind", "length")
    assert shown == "Penna runs models offline."
    assert guard.findings == [CUT_AT_LIMIT]


def test_at_the_token_cap_in_the_first_sentence_the_text_stays_and_is_marked_unfinished():
    guard = SummaryGuard()
    assert stream(guard, "Penna runs models offline and keeps", "length") == "Penna runs models offline and keeps"
    assert guard.findings == [UNFINISHED]


def test_an_answer_that_ends_by_itself_is_passed_on_whole_and_unmarked():
    guard = SummaryGuard()
    assert stream(guard, GPL + " Its last words have no full stop") == GPL + " Its last words have no full stop"
    assert guard.findings == []


def test_the_guard_shows_finished_sentences_while_the_answer_streams():
    guard = SummaryGuard()
    assert guard.feed("First sentence here. Second sen") == "First sentence here."
    assert guard.feed("tence.\n") == " Second sentence.\n"


def test_last_boundary_counts_sentence_marks_and_line_ends():
    assert last_boundary("One. Two") == 4
    assert last_boundary("一句话。另一") == 4
    assert last_boundary("no end") == 0


def test_a_closing_mark_at_the_very_end_finishes_a_complete_text_only():
    assert last_boundary("One. Two.") == 4  # streaming: "Two." may be "Two.5" next
    assert last_boundary("One. Two.", complete=True) == 9
    assert last_boundary("One. “Two!”\n", complete=True) == 11
    assert last_boundary("One. Two", complete=True) == 4


def test_a_loop_after_a_last_sentence_with_no_space_keeps_that_sentence():
    guard = SummaryGuard()
    text = "The GPL protects users. It lets them share the code.The GPL protects users. It lets them share the code."
    assert stream(guard, text, "length", step=len(text)) == "The GPL protects users. It lets them share the code."
    assert guard.findings == [REPEATED]


def test_a_summary_about_something_else_is_doubtful_and_a_fair_one_is_not():
    assert off_topic("Same text reformatted to English.", GPL)  # what the default model made of the GPL
    assert not off_topic("The GNU GPL guarantees users the freedom to share and change free software.", GPL)
    assert not off_topic("Reformatted.", GPL)  # too few words to judge


def test_chinese_is_compared_character_by_character():
    source = "天气预报说明天会下雨，所以我们决定在家里看电影。"
    assert not off_topic("明天下雨，我们在家看电影。", source)
    assert off_topic("股票市场今年上涨了很多。", source)


def test_a_summary_made_of_the_instructions_words_is_an_echo():
    prompt = ("You summarise texts faithfully and concisely. Reply with the summary only.\n"
              "Summarise the text above as 3 short bullet points, each starting with '- '. Write it in English.")
    assert echoes_prompt("To summarize the text below, write it in English.", prompt)  # the default model, on the README
    assert not echoes_prompt("Penna summarises and translates documents offline with local models.", prompt)
