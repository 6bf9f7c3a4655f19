"""Asking documents with the real default model: the path chosen by size, and citations that point at the page."""

import random
import re

import pytest

from runtime.tasks.ask import ask, attribution, select_sources
from runtime.tasks.library import add_file
from tests.runtime.test_documents import pdf_bytes

FACT_PAGE = 37
FACT = "The museum night tours start at half past nine on Fridays."
QUESTION = "When do the museum night tours start?"
_WORDS = ("harbour ferry orchard quarry granite meadow bakery textile railway canal foundry weaver barley "
          "parish salmon lantern chapel mill brewery tannery pottery orchard glacier tunnel viaduct").split()


def filler_pages(count: int) -> list[str]:
    """Pages about other things, each different, none about museums or tours."""
    chance = random.Random(7)
    pages = []
    for number in range(1, count + 1):
        lines = [f"Chapter {number}."]
        for _ in range(6):
            a, b, c = chance.sample(_WORDS, 3)
            lines.append(f"The {a} near the {b} supplied the {c} in year {chance.randint(1700, 1950)}.")
        pages.append("\n".join(lines))
    return pages


def write_guide(path):
    """A 60-page PDF at ``path`` with ``FACT`` on page ``FACT_PAGE`` among pages about other things."""
    pages = filler_pages(60)
    pages[FACT_PAGE - 1] += "\n" + FACT
    path.write_bytes(pdf_bytes(pages))
    return path


@pytest.fixture
def long_guide(tmp_path):
    return write_guide(tmp_path / "guide.pdf")


def test_a_small_document_goes_in_whole_and_a_large_one_by_retrieval(store, tmp_path, long_guide, default_engine):
    short = tmp_path / "short.pdf"
    short.write_bytes(pdf_bytes(filler_pages(3)))
    small = add_file(store, short)
    whole = select_sources(store, default_engine, [small.id], QUESTION)
    assert whole.mode == "whole" and [source.stored.passage.page for source in whole.sources] == [1, 2, 3]
    large = add_file(store, long_guide)
    retrieved = select_sources(store, default_engine, [large.id], QUESTION)
    assert retrieved.mode == "retrieval" and 0 < len(retrieved.sources) < 60
    assert retrieved.sources[0].stored.passage.page == FACT_PAGE


def test_an_answer_found_on_page_n_cites_page_n(store, long_guide, default_engine):
    document = add_file(store, long_guide)
    answer = ask(store, default_engine, [document.id], QUESTION)
    text = answer.text()
    assert answer.mode == "retrieval"
    assert FACT_PAGE in [source.stored.passage.page for source in answer.cited()], text


def test_several_documents_are_asked_together(store, tmp_path, long_guide, default_engine):
    notes = tmp_path / "notes.md"
    notes.write_text("# Opening hours\n\nThe library opens at eight in the morning.\n")
    ids = [add_file(store, long_guide).id, add_file(store, notes).id]
    sources = select_sources(store, default_engine, ids, "When does the library open?")
    assert sources.sources[0].where == "notes.md, Opening hours"


def test_an_answer_without_citations_is_attributed_to_the_source_it_repeats(store, long_guide, default_engine):
    document = add_file(store, long_guide)
    sources = select_sources(store, default_engine, [document.id], QUESTION)
    assert attribution(sources, "Night tours start at half past nine.") == " [1]"
    assert attribution(sources, "They start at 21:30 [1].") == ""
    assert attribution(sources, "Zzz.") == ""


def test_a_chat_with_a_document_answers_from_it_and_keeps_its_sources(store, long_guide, default_engine):
    from runtime.chat import Chat
    from runtime.engine import GenerationOptions

    chat = Chat(store, default_engine)
    chat.send(QUESTION)
    store.attach_document(chat.conversation_id, add_file(store, long_guide).id)
    turn = chat.begin_answer(GenerationOptions(max_new_tokens=48, temperature=0.0))
    assert turn.messages[-1]["content"].startswith("Sources:") and turn.messages[-1]["content"].endswith(
        "Answer from the sources above, citing them like [1].")
    reply = chat.stream(turn)
    passages = store.get_passages(reply.message.options["sources"])
    assert passages[0].passage.page == FACT_PAGE
    cited = {int(number) for number in re.findall(r"\[(\d+)\]", reply.message.content)}
    assert cited and cited <= set(range(1, len(passages) + 1)), reply.message.content
