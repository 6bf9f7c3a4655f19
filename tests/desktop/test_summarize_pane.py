"""The Summarize pane: a file summarised by the real model and kept, progress by chunk and Cancel on a long
document, bad files, dropping a file, Save as Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from runtime.errors import DocumentError
from runtime.tasks.documents import load_document

ANSWER_TIMEOUT_MS = 300_000
SHORT_TEXT = (
    "The town of Millbrook opened a new public library on Monday. The building has three floors, a cafe and a "
    "children's room with 4,000 books. Mayor Ana Ruiz said the library cost 12 million dollars and took two years "
    "to build. It is open every day from 9 in the morning to 8 in the evening.\n"
)


def long_text(paragraphs: int = 70) -> str:
    """About 10,000 tokens of varied prose: more than one pass of the default model's context."""
    return "\n\n".join(
        f"Report {n}. In the year {1900 + n}, the village of Station {n} counted {n * 37} inhabitants, {n * 3} farms "
        f"and {n % 7 + 1} mills along the river. The council met {n % 12 + 1} times that year to discuss the roads, "
        f"the school and the price of grain, which rose to {n * 1.5:.1f} shillings a bushel. Travellers described "
        f"the market square, the old church tower and the bridge rebuilt after the flood of {1890 + n % 10}. "
        f"Letters from that time mention a teacher named Elsa {n} and a doctor who visited every {n % 4 + 2} weeks."
        for n in range(1, paragraphs + 1)
    )


def open_and_wait(pane, qtbot, path: Path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(pane.input.textChanged, timeout=30_000):
        pane.open_file(path)


@pytest.mark.slow
def test_a_file_is_summarised_and_kept_with_its_document(model_window, qtbot, store, tmp_path):
    path = tmp_path / "library.md"
    path.write_text(SHORT_TEXT, encoding="utf-8")
    pane = model_window.summarize_pane
    model_window.rail.setCurrentRow(2)
    open_and_wait(pane, qtbot, path)
    assert pane.input.toPlainText().strip() == SHORT_TEXT.strip()
    assert pane.source_label.text().startswith("library.md:")
    with qtbot.waitSignal(pane.runner.finished, timeout=ANSWER_TIMEOUT_MS):
        qtbot.mouseClick(pane.summarize_button, Qt.MouseButton.LeftButton)
        assert pane.progress.isVisible() and pane.cancel_button.isEnabled()

    summary = pane.output.toPlainText()
    assert summary.strip()
    [record] = store.list_summaries()
    assert record.summary == summary.strip() and record.options["length"] == "short"
    document = store.get_document(record.document_id)
    assert (document.title, document.path) == ("library.md", str(path.resolve()))
    assert not pane.progress.isVisible() and pane.summarize_button.isEnabled()
    assert pane.history.list.count() == 1 and pane.history.list.item(0).text() == "library.md"

    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == summary
    target = tmp_path / "out.md"
    pane.save_markdown(target)
    assert target.read_text(encoding="utf-8") == f"# Summary of library.md\n\n{summary.strip()}\n"


@pytest.mark.slow
def test_a_long_document_shows_chunk_progress_and_cancel_stops_it(model_window, qtbot, store, tmp_path):
    path = tmp_path / "chronicle.txt"
    path.write_text(long_text(), encoding="utf-8")
    pane = model_window.summarize_pane
    model_window.rail.setCurrentRow(2)
    open_and_wait(pane, qtbot, path)
    steps: list[tuple[int, int]] = []
    pane.runner.progress.connect(lambda done, total: steps.append((done, total)))
    qtbot.mouseClick(pane.summarize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(steps) > 0, timeout=ANSWER_TIMEOUT_MS)

    done, total = steps[0]
    assert done == 0 and total > 2  # the plan, before the first step ends
    assert pane.step_label.text() == f"Step 1 of {total}: summarising each part, then combining"
    with qtbot.waitSignal(pane.runner.finished, timeout=ANSWER_TIMEOUT_MS) as finished:
        qtbot.mouseClick(pane.cancel_button, Qt.MouseButton.LeftButton)
        assert pane.cancel_button.text() == "Cancelling…" and not pane.cancel_button.isEnabled()
    assert finished.args[0].cancelled
    assert steps[-1][0] < total
    assert store.list_summaries() == []
    assert pane.notice.isVisible() and pane.notice.label.text() == (
        "Cancelled before any of the summary was written." if not pane.output.toPlainText().strip()
        else "Cancelled. The partial summary is shown but not kept in the history.")
    assert pane.summarize_button.isEnabled() and not pane.progress.isVisible()


@pytest.mark.parametrize("name, content", [("scan.pdf", b"not a pdf at all"), ("empty.txt", b""),
                                           ("binary.txt", bytes(range(256)) * 64)])
def test_a_bad_file_shows_the_runtimes_message_and_nothing_else(window, qtbot, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as expected:
        load_document(path)
    pane = window.summarize_pane
    window.rail.setCurrentRow(2)
    pane.input.setPlainText("earlier text")
    pane.open_file(path)
    qtbot.waitUntil(pane.notice.isVisible, timeout=30_000)
    assert pane.notice.label.text() == str(expected.value)
    assert pane.input.toPlainText() == "earlier text" and pane.document is None


def test_a_dropped_file_is_opened(window, qtbot, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(SHORT_TEXT, encoding="utf-8")
    pane = window.summarize_pane
    window.rail.setCurrentRow(2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where, action, button, keys = QPoint(10, 10), Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, action, mime, button, keys)
    QApplication.sendEvent(pane, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(pane.input.textChanged, timeout=30_000):
        QApplication.sendEvent(pane, QDropEvent(QPointF(where), action, mime, button, keys))
    assert pane.input.toPlainText().strip() == SHORT_TEXT.strip()
    assert pane.document is not None and pane.document.path == path


@pytest.mark.slow
def test_several_files_are_summarised_together_and_each_part_links_to_its_passages(model_window, qtbot, store,
                                                                                      tmp_path):
    harbour, mill = tmp_path / "harbour.md", tmp_path / "mill.md"
    harbour.write_text("# Harbour\n\nThe harbour of Kinsale was rebuilt in 1887 with granite from Cork.\n")
    mill.write_text("# Mill\n\nThe water mill at Ballydehob ground barley until 1951.\n")
    pane = model_window.summarize_pane
    model_window.rail.setCurrentRow(2)
    with qtbot.waitSignal(pane.input.textChanged, timeout=30_000):
        pane.open_files([harbour, mill])
    assert pane.source_label.text() == "2 documents together: harbour.md, mill.md"
    assert pane.input.toPlainText().startswith("# harbour.md\n\n# Harbour")
    with qtbot.waitSignal(pane.runner.finished, timeout=ANSWER_TIMEOUT_MS):
        qtbot.mouseClick(pane.summarize_button, Qt.MouseButton.LeftButton)

    [record] = store.list_summaries()
    assert store.get_document(record.document_id).title == "harbour.md + mill.md"
    assert record.sources and any(record.sources)
    assert pane.sources_label.isVisible() and 'href="passage:' in pane.sources_label.text()
    passage_id = int(pane.sources_label.text().split('href="passage:')[1].split('"')[0])
    pane.sources_label.setFocus()  # its links take keyboard focus: Tab goes to the first, Enter follows it
    qtbot.keyClick(pane.sources_label, Qt.Key.Key_Tab)
    qtbot.keyClick(pane.sources_label, Qt.Key.Key_Return)
    qtbot.waitUntil(pane.passage_panel.isVisible, timeout=5_000)
    [stored] = store.get_passages([passage_id])
    assert pane.passage_panel.text.toPlainText() == stored.passage.text
    assert pane.passage_panel.where.text() == f"{stored.title}, {stored.passage.anchor}"
def test_a_newly_loaded_document_clears_the_old_summary(window, qtbot, tmp_path):
    pane = window.summarize_pane
    window.rail.setCurrentRow(2)
    pane.output.setPlainText("The summary of an earlier text.")
    pane._show_findings(["off_topic"])
    path = tmp_path / "new.txt"
    path.write_text(SHORT_TEXT, encoding="utf-8")
    open_and_wait(pane, qtbot, path)
    assert pane.output.toPlainText() == ""
    assert not pane.findings.isVisible()


def test_a_looping_summary_is_shown_cut_and_marked(window, qtbot, store):
    from tests.runtime.scripted_engine import ScriptedEngine

    bullet = "- The library in Millbrook has three floors and a cafe.\n"
    window.summarize_engine.session.use(ScriptedEngine(lambda messages: bullet * 13))
    pane = window.summarize_pane
    window.rail.setCurrentRow(2)
    with qtbot.waitSignal(pane.runner.finished, timeout=ANSWER_TIMEOUT_MS):
        pane.summarize(SHORT_TEXT)
    assert pane.output.toPlainText().strip() == bullet.strip()
    assert pane.findings.isVisible()
    assert pane.findings.text() == "⚠ The model began to repeat itself; the summary was cut off there."
    [record] = store.list_summaries()
    assert record.summary == bullet.strip()  # the history keeps what was shown, not the loop


def test_the_progress_bar_keeps_its_width_whatever_the_step_says(window, qtbot):
    pane = window.summarize_pane
    window.rail.setCurrentRow(2)
    pane.progress.show()
    pane.step_label.show()
    widths = []
    for text in ("Reading the text…", "Step 12 of 17: summarising each part, then combining"):
        pane.step_label.setText(text)
        pane.layout().activate()
        QApplication.processEvents()
        widths.append(pane.progress.width())
    assert widths[0] == widths[1] > 0


def test_progress_starts_with_the_plan_and_never_moves_back(window, qtbot):
    pane = window.summarize_pane
    pane._on_progress(0, 10)
    assert pane.step_label.text() == "Step 1 of 10: summarising each part, then combining"
    pane._on_progress(5, 10)
    pane._on_progress(5, 12)  # more combining than planned: the bar stays where it was
    assert pane.progress.value() == 500
    pane._on_progress(11, 12)
    assert pane.progress.value() == round(1000 * 11 / 12)
    assert pane.step_label.text() == "Step 12 of 12: writing the summary"


def test_every_finding_of_the_checks_is_said_in_both_languages(window, qtbot):
    from desktop.i18n import set_language
    from runtime.tasks.result_check import FINDINGS

    pane = window.summarize_pane
    for language in ("en", "zh_CN"):
        set_language(language)
        QApplication.processEvents()
        for finding in FINDINGS:
            pane._show_findings([finding])
            said = pane.findings.text()
            assert said.startswith("⚠ ") and finding not in said
            assert said[2:].isascii() == (language == "en")  # Chinese where the interface is Chinese
    set_language("en")
