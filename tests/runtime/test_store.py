"""The history store's API on real SQLite files: conversations, branches, streaming, search,
export/import, translations and summaries."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from runtime.errors import ImportFormatError, RecordNotFoundError, StoreError
from runtime.store import HistoryStore
from runtime.store.search import make_snippet, parse_query

UNICODE_TEXTS = [
    "你好世界，今天天气很好。我们去公园散步吧",
    "Rocket launch 🚀🦜 with family 👨‍👩‍👧‍👦 emoji",
    "مرحبا بالعالم، كيف حالك اليوم؟",
    "שלום עולם, מה שלומך היום?",
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HistoryStore:
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    with HistoryStore.open() as opened:
        yield opened


def test_default_path_is_under_penna_home(store: HistoryStore, tmp_path: Path) -> None:
    assert store.path == tmp_path / "home" / "data" / "history.db"
    pragmas = {name: store.db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("journal_mode", "foreign_keys")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1}
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_conversations_list_pinned_first_then_newest_paged(store: HistoryStore) -> None:
    ids = [store.create_conversation(f"chat {n}", model="smol").id for n in range(5)]
    store.pin_conversation(ids[1])
    store.archive_conversation(ids[4])
    store.append_message(ids[0], "user", "bump chat 0 to the top of the unpinned")
    listed = [c.id for c in store.list_conversations()]
    assert listed == [ids[1], ids[0], ids[3], ids[2]]
    assert [c.id for c in store.list_conversations(limit=2, offset=1)] == [ids[0], ids[3]]
    assert ids[4] in [c.id for c in store.list_conversations(include_archived=True)]
    renamed = store.rename_conversation(ids[2], "Renamed")
    assert renamed.title == "Renamed" and store.get_conversation(ids[2]).title == "Renamed"
    assert store.set_system_prompt(ids[2], "Be brief.").system_prompt == "Be brief."


def test_delete_removes_messages_and_search_entries(store: HistoryStore) -> None:
    keep = store.create_conversation("keep")
    gone = store.create_conversation("gone")
    store.append_message(keep.id, "user", "kept zebra")
    store.append_message(gone.id, "user", "deleted zebra")
    store.delete_conversation(gone.id)
    assert [h.conversation_id for h in store.search("zebra")] == [keep.id]
    assert store.db.execute("SELECT count(*) FROM messages WHERE conversation_id = ?", [gone.id]).fetchone()[0] == 0
    with pytest.raises(RecordNotFoundError, match="conversation"):
        store.get_conversation(gone.id)
    with pytest.raises(RecordNotFoundError):
        store.delete_conversation(gone.id)


def test_append_defaults_to_tip_and_active_branch_is_ordered(store: HistoryStore) -> None:
    c = store.create_conversation("t")
    first = store.append_message(c.id, "user", "one")
    second = store.append_message(c.id, "assistant", "two", model="m", options={"temperature": 0.2})
    third = store.append_message(c.id, "user", "three")
    assert (second.parent_id, third.parent_id, first.parent_id) == (first.id, second.id, None)
    assert [m.content for m in store.active_branch(c.id)] == ["one", "two", "three"]
    assert store.get_message(second.id).options == {"temperature": 0.2}
    other = store.create_conversation("other")
    with pytest.raises(ValueError):
        store.append_message(other.id, "user", "x", parent_id=first.id)


def test_edit_and_regenerate_keep_old_branches_and_switch_back(store: HistoryStore) -> None:
    c = store.create_conversation("t")
    question = store.append_message(c.id, "user", "capital of France?")
    answer = store.begin_answer(c.id).finish("Paris.")
    again = store.regenerate(answer.id).finish("It is Paris.")
    assert [m.id for m in store.branches_at(answer.id)] == [answer.id, again.id]
    assert [m.content for m in store.active_branch(c.id)] == ["capital of France?", "It is Paris."]

    edited = store.edit_message(question.id, "capital of Spain?")
    madrid = store.begin_answer(c.id).finish("Madrid.")
    assert [m.content for m in store.active_branch(c.id)] == ["capital of Spain?", "Madrid."]
    assert [m.id for m in store.branches_at(question.id)] == [question.id, edited.id]

    # Back to the first question: its newest answer comes along.
    assert [m.content for m in store.switch_branch(question.id)] == ["capital of France?", "It is Paris."]
    assert [m.content for m in store.switch_branch(answer.id)] == ["capital of France?", "Paris."]
    assert store.switch_branch(madrid.id)[-1].id == madrid.id
    with pytest.raises(ValueError):
        store.regenerate(question.id)


def test_streaming_writes_at_most_every_interval_and_finish_records_figures(store: HistoryStore) -> None:
    c = store.create_conversation("t")
    store.append_message(c.id, "user", "hi")
    clock = [100.0]
    answer = store.begin_answer(c.id, model="smol", options={"seed": 1}, clock=lambda: clock[0])

    def stored() -> str:
        return store.get_message(answer.message_id).content

    assert answer.update("Hel") is False and stored() == ""
    clock[0] += 0.3
    assert answer.update("Hello") is False and stored() == ""
    clock[0] += 0.25
    assert answer.update("Hello wor") is True and stored() == "Hello wor"
    clock[0] += 0.1
    assert answer.update("Hello world") is False and stored() == "Hello wor"
    assert store.get_message(answer.message_id).finish_reason is None

    done = answer.finish(prompt_tokens=12, completion_tokens=3, ttft_s=0.05, tokens_per_s=41.5, finish_reason="length")
    assert (done.content, done.prompt_tokens, done.completion_tokens) == ("Hello world", 12, 3)
    assert (done.ttft_s, done.tokens_per_s, done.finish_reason, done.model) == (0.05, 41.5, "length", "smol")
    assert store.get_message(done.id) == done
    with pytest.raises(RuntimeError):
        answer.update("more")
    with pytest.raises(ValueError):
        store.begin_answer(c.id).finish("x", finish_reason="exploded")  # type: ignore[arg-type]


def test_streaming_context_manager_marks_an_interrupted_answer(store: HistoryStore) -> None:
    c = store.create_conversation("t")
    with pytest.raises(KeyboardInterrupt):
        with store.begin_answer(c.id, interval_s=60) as answer:
            answer.update("partial text never written by the throttle")
            raise KeyboardInterrupt
    message = store.get_message(answer.message_id)
    assert (message.content, message.finish_reason) == ("partial text never written by the throttle", "cancelled")


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ('hello "big world" x', ["hello", "big world", "x"]),
        ('AND( OR "NEAR', ["AND(", "OR", '"NEAR']),
        ('  ""  ', ['""']),
        ("", []),
    ],
)
def test_parse_query_takes_user_text_literally(query: str, terms: list[str]) -> None:
    assert parse_query(query) == terms


def test_snippet_marks_every_match_in_a_window() -> None:
    text = "x" * 200 + " the Quick fox, quick! " + "y" * 200
    snippet = make_snippet(text, ["quick"], ("[", "]"))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "[Quick] fox, [quick]!" in snippet and len(snippet) < 200


def test_search_ranks_kinds_with_snippets_and_owner(store: HistoryStore) -> None:
    c = store.create_conversation("Trip to Lisbon")
    store.append_message(c.id, "user", "Plan a trip to Lisbon with trams and pastries")
    store.append_message(c.id, "assistant", "Day one: ride tram 28 through Alfama.")
    store.create_conversation("Unrelated")
    translation = store.add_translation("Lisbon is beautiful", "pt", "Lisboa é linda", "en", model="m")
    document = store.add_document("Guide", "A long guide to Lisbon...", path="/tmp/guide.txt")
    summary = store.add_summary(document.id, "A guide to Lisbon's neighbourhoods.", "m", {"length": "short"})

    hits = store.search("lisbon", limit=10)
    kinds = {(h.kind, h.id) for h in hits}
    assert kinds == {("conversation", c.id), ("message", 1), ("translation", translation.id), ("summary", summary.id)}
    assert all("**" in h.snippet and "lisbon" in h.snippet.lower() for h in hits)
    by_kind = {h.kind: h for h in hits}
    assert by_kind["message"].conversation_id == c.id and by_kind["message"].title == "Trip to Lisbon"
    assert by_kind["summary"].title == "Guide" and by_kind["summary"].conversation_id is None
    assert by_kind["translation"].title == "en → pt"
    assert hits == sorted(hits, key=lambda h: h.rank)
    assert [h.kind for h in store.search("tram alfama")] == ["message"]
    assert store.search("lisbon", limit=2) == hits[:2]
    assert store.search("nowhere-to-be-found") == []


@pytest.mark.parametrize("query", ['"', '""', "AND(", 'lisbon" OR (', "NEAR(a b)", "*", "col:lisbon", "%_\\", "'; DROP TABLE messages; --"])
def test_search_survives_punctuation_and_fts_syntax(store: HistoryStore, query: str) -> None:
    c = store.create_conversation("t")
    store.append_message(c.id, "user", "lisbon trip")
    store.search(query)
    assert store.search("lisbon")[0].kind == "message"
    assert store.db.execute("SELECT count(*) FROM messages").fetchone()[0] == 1


def test_search_finds_punctuation_literally(store: HistoryStore) -> None:
    c = store.create_conversation("t")
    match = store.append_message(c.id, "user", 'call f(x) AND(y) with "quotes" and 100% of_it')
    store.append_message(c.id, "user", "f x and y without punctuation, 100 of it")
    for query in ["AND(y)", '"quotes"', "100%", "of_it", "f(x)"]:
        assert [h.id for h in store.search(query)] == [match.id], query


def test_unicode_round_trips_through_storage_search_and_export(store: HistoryStore) -> None:
    c = store.create_conversation("多语言 🌍 عربي")
    ids = [store.append_message(c.id, "user", text).id for text in UNICODE_TEXTS]
    assert [m.content for m in store.active_branch(c.id)] == UNICODE_TEXTS
    # Three or more characters use the trigram index; one or two characters use the LIKE path.
    for query, expected in [
        ("天气很好", ids[0]), ("你好", ids[0]), ("🚀🦜", ids[1]), ("👨‍👩‍👧‍👦", ids[1]),
        ("بالعالم", ids[2]), ("עולם", ids[3]), ("公园 散步", ids[0]),
    ]:
        hits = [h for h in store.search(query) if h.kind == "message"]
        assert [h.id for h in hits] == [expected], query
        assert all(f"**{term}**" in hits[0].snippet for term in query.split()), query
    assert store.search("🌍")[0].kind == "conversation"
    markdown = store.export_markdown(c.id)
    assert all(text in markdown for text in UNICODE_TEXTS) and "# 多语言 🌍 عربي" in markdown
    imported = store.import_json(store.export_json(c.id))
    assert [m.content for m in store.active_branch(imported.id)] == UNICODE_TEXTS
    assert imported.title == c.title


def test_a_1mb_message_is_stored_and_found(store: HistoryStore) -> None:
    c = store.create_conversation("big")
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit ".split()
    filler = " ".join(words[i % len(words)] for i in range(80_000))
    content = filler + " quetzalcoatl " + filler
    assert len(content.encode()) > 1_048_576
    message = store.append_message(c.id, "user", content)
    assert store.get_message(message.id).content == content
    hits = store.search("quetzalcoatl")
    assert [h.id for h in hits] == [message.id]
    assert "**quetzalcoatl**" in hits[0].snippet and len(hits[0].snippet) < 300


def test_json_export_import_round_trip_keeps_every_branch(store: HistoryStore) -> None:
    c = store.create_conversation("Round trip", model="smol", system_prompt="Be kind.\n\nAnd brief.")
    store.pin_conversation(c.id)
    question = store.append_message(c.id, "user", "Q1")
    store.begin_answer(c.id, model="smol", options={"temperature": 0.0, "stop": ["\n"]}).finish(
        "A1", 5, 1, 0.01, 99.0, "stop"
    )
    store.edit_message(question.id, "Q1 edited")
    with store.begin_answer(c.id, model="smol") as answer:
        answer.update("A1 partial")
        answer.finish(finish_reason="cancelled")
    store.switch_branch(question.id)
    exported = store.export_json(c.id)

    imported = store.import_json(exported)
    assert imported.id != c.id
    assert store.export_json(imported.id) == exported
    original = store.get_conversation(c.id)
    fields = ("title", "created", "updated", "model", "system_prompt", "pinned", "archived")
    assert [getattr(imported, f) for f in fields] == [getattr(original, f) for f in fields]
    assert [m.content for m in store.active_branch(imported.id)] == ["Q1", "A1"]
    assert len(json.loads(exported)["messages"]) == 4


def test_markdown_export_shows_the_active_branch(store: HistoryStore) -> None:
    c = store.create_conversation("Notes", model="smol", system_prompt="Be brief.")
    question = store.append_message(c.id, "user", "old question")
    store.edit_message(question.id, "new question")
    store.begin_answer(c.id, model="smol").finish("an answer cut short", finish_reason="length")
    markdown = store.export_markdown(c.id)
    assert markdown.startswith("# Notes\n")
    assert "> Be brief." in markdown and "## User\n\nnew question" in markdown
    assert "## Assistant (smol)\n\nan answer cut short" in markdown and "answer ended: length" in markdown
    assert "old question" not in markdown


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("not json", "not JSON"),
        ('{"format": "something else"}', "not a Penna conversation export"),
        ('{"format": "penna-conversation", "version": 99}', "version 99"),
        ("[1, 2]", "not a Penna conversation export"),
    ],
)
def test_import_rejects_what_is_not_an_export(store: HistoryStore, data: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        store.import_json(data)


def test_import_rejects_a_broken_message_and_adds_nothing(store: HistoryStore) -> None:
    c = store.create_conversation("t")
    store.append_message(c.id, "user", "hello")
    store.append_message(c.id, "assistant", "hi")
    document = json.loads(store.export_json(c.id))
    for breakage, message in [
        ({"parent": 7}, "not an earlier message"),
        ({"role": "robot"}, "role 'robot'"),
        ({"content": None}, "'content'"),
        ({"created": "yesterday"}, "ISO-8601"),
    ]:
        broken = json.loads(json.dumps(document))
        broken["messages"][1].update(breakage)
        with pytest.raises(ImportFormatError, match=message):
            store.import_json(json.dumps(broken))
    assert [x.id for x in store.list_conversations()] == [c.id]
    assert store.db.execute("SELECT count(*) FROM messages").fetchone()[0] == 2


def test_translations_documents_and_summaries(store: HistoryStore) -> None:
    first = store.add_translation("Guten Morgen", "en", "Good morning", source_language="de (detected)", model="m")
    second = store.add_translation("Bonjour", "en", "Hello")
    assert [t.id for t in store.list_translations()] == [second.id, first.id]
    assert store.get_translation(first.id).source_language == "de (detected)"
    document = store.add_document("Report", "text of the report", path="/tmp/report.pdf")
    assert document.length == len("text of the report") and len(document.sha256) == 64
    assert store.add_document("Same text, other name", "text of the report").id == document.id
    other = store.add_document("Other", "other text")
    older = store.add_summary(document.id, "Short summary.", "m", {"words": 50})
    newer = store.add_summary(document.id, "Longer summary.", "m")
    store.add_summary(other.id, "Other summary.")
    assert [s.id for s in store.list_summaries(document.id)] == [newer.id, older.id]
    assert len(store.list_summaries()) == 3 and older.options == {"words": 50}
    with pytest.raises(RecordNotFoundError):
        store.add_summary(999, "x")


def test_backup_copies_everything_and_never_overwrites(store: HistoryStore, tmp_path: Path) -> None:
    c = store.create_conversation("backed up")
    store.append_message(c.id, "user", "precious words")
    target = store.backup(tmp_path / "backup.db")
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with HistoryStore.open(target) as restored:
        assert [h.conversation_id for h in restored.search("precious")] == [c.id]
    before = target.read_bytes()
    with pytest.raises(StoreError, match="already exists"):
        store.backup(target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db", "home"]
