import re

import pytest

from runtime.tasks.chunking import split_text
from tests.runtime.scripted_engine import count_tokens as words_and_cjk


def characters(text: str) -> int:
    return len(text)


def with_start_token(text: str) -> int:
    # Like a tokenizer that adds <s>: counts are not additive, a join costs less than its parts.
    return len(text.split()) + 1


def pairs(text: str) -> int:
    # Like BPE merging across a cut: the join can cost more than the parts' sum would suggest per word.
    return (len(text) + 1) // 2


COUNTERS = [words_and_cjk, characters, with_start_token, pairs]

TEXT = (
    "# Report on the harbour\n\n"
    "The harbour was built in 1887. It served fishing boats! Later, ferries came? Nobody knows why.\n\n"
    "- first item of a list\n- second item, a little longer than the first\n- third\n\n"
    + "A very long paragraph follows. " * 40
    + "\n\n"
    + "这是一个很长的中文段落。" * 30
    + "\n\nhttps://example.org/" + "a" * 300 + "\n\n"
    + "Last line without a full stop"
)


@pytest.mark.parametrize("counter", COUNTERS, ids=lambda counter: counter.__name__)
@pytest.mark.parametrize("budget", [2, 7, 20, 64, 500, 100000])
def test_chunks_cover_the_text_and_stay_within_budget(counter, budget):
    chunks = split_text(TEXT, budget, counter)
    assert "".join(chunks) == TEXT
    assert all(counter(chunk) <= budget for chunk in chunks)
    assert all(chunk for chunk in chunks)


def test_a_text_within_budget_is_one_chunk():
    assert split_text(TEXT, 10**6, characters) == [TEXT]


def test_paragraphs_that_fit_are_never_cut():
    paragraphs = [f"Paragraph {n} has a few words in it, about {n} things." for n in range(30)]
    text = "\n\n".join(paragraphs)
    budget = max(words_and_cjk(p + "\n\n") for p in paragraphs) * 2
    chunks = split_text(text, budget, words_and_cjk)
    assert len(chunks) > 1
    for chunk in chunks[:-1]:
        assert chunk.endswith("\n\n")
    assert {p for chunk in chunks for p in chunk.split("\n\n") if p} == set(paragraphs)


def test_a_long_paragraph_is_cut_at_sentence_ends():
    text = " ".join(f"Sentence number {n} ends here." for n in range(50))
    chunks = split_text(text, 12, words_and_cjk)
    assert len(chunks) > 1
    for chunk in chunks[:-1]:
        assert re.search(r"here\. $", chunk), chunk


def test_chinese_sentences_are_cut_at_chinese_full_stops():
    text = "这是第一句话。" * 20
    chunks = split_text(text, 15, words_and_cjk)
    assert len(chunks) > 1
    assert all(chunk.endswith("。") for chunk in chunks)


def test_a_long_sentence_is_cut_between_words():
    text = " ".join(f"word{n}" for n in range(100)) + "."
    chunks = split_text(text, 9, words_and_cjk)
    assert len(chunks) == 12
    assert all(chunk.endswith(" ") for chunk in chunks[:-1])


def test_a_word_longer_than_the_budget_is_cut_between_characters():
    text = "x" * 1000
    chunks = split_text(text, 64, characters)
    assert [len(chunk) for chunk in chunks] == [64] * 15 + [40]


def test_empty_text_has_no_chunks():
    assert split_text("", 10, characters) == []


@pytest.mark.parametrize("budget", [0, -5])
def test_a_budget_below_one_token_is_refused(budget):
    with pytest.raises(ValueError):
        split_text("some text", budget, characters)


def test_a_budget_too_small_for_one_character_is_refused():
    with pytest.raises(ValueError, match="cannot hold"):
        split_text("abc", 1, lambda text: len(text) + 1)
