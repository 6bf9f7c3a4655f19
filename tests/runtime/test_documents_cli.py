"""``penna ask``, ``penna documents`` and ``penna summarize --sources`` through the real CLI and default model
(the session's PENNA_HOME: its history database and its model export)."""

import pytest

from runtime.cli import main
from runtime.store import HistoryStore
from tests.runtime.test_ask import FACT_PAGE, QUESTION, write_guide


@pytest.fixture
def guide(tmp_path):
    return write_guide(tmp_path / "cli-guide.pdf")


def test_ask_prints_the_answer_then_the_page_it_cites(guide, default_export, capsys):
    assert main(["ask", str(guide), QUESTION]) == 0
    out = capsys.readouterr().out
    answer, sources = out.split("\nSources:\n")
    assert answer.strip()
    assert f"cli-guide.pdf, p. {FACT_PAGE}: " in sources and "night tours" in sources


def test_documents_add_list_remove(guide, tmp_path, capsys):
    notes = tmp_path / "cli-notes.md"
    notes.write_text("# Hours\n\nOpen from eight.\n")
    assert main(["documents", "add", str(guide), str(notes)]) == 0
    added = capsys.readouterr()
    assert "indexing cli-notes.md: passage 1 of 1" in added.err
    ids = {line.split()[1]: int(line.split()[0]) for line in added.out.splitlines()}
    assert main(["documents", "list"]) == 0
    listing = capsys.readouterr().out
    assert "cli-notes.md" in listing and "60 p." in listing
    assert main(["documents", "remove", str(ids["cli-notes.md"])]) == 0
    assert main(["documents", "list"]) == 0
    assert "cli-notes.md" not in capsys.readouterr().out
    assert main(["documents", "remove", str(ids["cli-notes.md"])]) == 1
    assert "no document" in capsys.readouterr().err


def test_summarize_several_files_prints_each_part_with_its_sources(tmp_path, default_export, capsys):
    first, second = tmp_path / "harbour.md", tmp_path / "mill.md"
    first.write_text("# Harbour\n\nThe harbour of Kinsale was rebuilt in 1887 with granite from Cork.\n")
    second.write_text("# Mill\n\nThe water mill at Ballydehob ground barley until 1951.\n")
    assert main(["summarize", str(first), str(second), "--sources", "--style", "bullets"]) == 0
    out = capsys.readouterr().out
    assert "\nSources:\n" in out
    sources = out.split("\nSources:\n")[1]
    assert "harbour.md, Harbour" in sources or "mill.md, Mill" in sources
    with HistoryStore.open() as store:
        summary = store.list_summaries(limit=1)[0]
    assert summary.sources and all(isinstance(ids, list) for ids in summary.sources)
