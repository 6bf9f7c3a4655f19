"""The document library: documents kept with passages and anchors, searched with bm25, removed cleanly."""

import threading

import pytest

from runtime.tasks.documents import load_document
from runtime.tasks.library import IndexCancelledError, add_file
from runtime.tasks.passages import split_passages
from tests.runtime.test_documents import pdf_bytes

PAGES = [
    "Chapter one. The harbour opens at dawn.",
    "The ferry timetable changes every spring.",
    "Tickets for the island ferry cost twelve euros.",
    "The lighthouse was built in 1852 by stonemasons.",
]


@pytest.fixture
def guide(tmp_path):
    path = tmp_path / "guide.pdf"
    path.write_bytes(pdf_bytes(PAGES))
    return path


def test_a_pdf_is_kept_with_a_passage_per_page_and_found_by_its_words(store, guide):
    document = add_file(store, guide)
    assert document.indexed and document.kind == "pdf" and document.pages == 4
    assert [stored.passage.page for stored in store.passages_of(document.id)] == [1, 2, 3, 4]
    best = store.search_passages("How much does a ticket for the ferry cost?", [document.id])
    assert best[0].passage.page == 3 and best[0].title == "guide.pdf"
    assert store.search_passages("When was the lighthouse built?", [document.id])[0].passage.anchor == "p. 4"


def test_a_document_added_twice_is_kept_once(store, guide):
    assert add_file(store, guide).id == add_file(store, guide).id
    assert len(store.list_library()) == 1


def test_markdown_passages_carry_their_heading_path_and_text_its_lines(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Install\n\nIntro.\n\n## Linux\n\nUse the tarball.\n\n# Use\n\nRun it.\n")
    passages = split_passages(load_document(notes), max_chars=30)
    assert [passage.anchor for passage in passages] == ["Install", "Install › Linux", "Use"]
    plain = tmp_path / "plain.txt"
    plain.write_text("alpha line\n" * 10)
    assert [passage.anchor for passage in split_passages(load_document(plain), max_chars=50)] == [
        "lines 1-4", "lines 5-8", "lines 9-10"]


def test_removing_a_document_leaves_no_passages_or_index_rows(store, guide):
    document = add_file(store, guide)
    conversation = store.create_conversation("about the guide")
    store.attach_document(conversation.id, document.id)
    store.add_summary(document.id, "A guide.", sources=[[1, 2]])
    store.remove_document(document.id)
    for table in ("passages", "passages_fts", "conversation_documents", "summaries", "documents"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert store.conversation_documents(conversation.id) == []
    assert store.db.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'ferry'").fetchone()[0] == 0


def test_indexing_reports_progress_and_a_cancel_keeps_nothing(store, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("".join(f"Paragraph {n} talks about topic {n}.\n\n" for n in range(4000)))
    cancel = threading.Event()
    seen = []

    def progress(stage, done, total):
        seen.append((stage, done, total))
        if len(seen) == 1:
            cancel.set()

    with pytest.raises(IndexCancelledError, match="cancelled"):
        add_file(store, big, progress=progress, cancel=cancel)
    assert seen[0][0] == "indexing" and seen[0][1] < seen[0][2]
    assert store.list_library() == [] and store.db.execute("SELECT count(*) FROM passages").fetchone()[0] == 0


def test_documents_are_attached_to_conversations_in_order(store, guide, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Something else entirely.")
    first, second = add_file(store, guide), add_file(store, other)
    conversation = store.create_conversation("two files")
    store.attach_document(conversation.id, first.id)
    store.attach_document(conversation.id, second.id)
    store.attach_document(conversation.id, first.id)
    assert [document.id for document in store.conversation_documents(conversation.id)] == [first.id, second.id]
    store.detach_document(conversation.id, first.id)
    assert [document.id for document in store.conversation_documents(conversation.id)] == [second.id]
