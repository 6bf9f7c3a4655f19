"""Documents in the chat pane, offscreen, with the real default model: a file dropped on the chat is indexed and
attached, a question is answered from it, and clicking a citation shows its passage."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.desktop.test_chat_turns import type_and_send
from tests.runtime.test_ask import FACT_PAGE, QUESTION, write_guide

WAIT_MS = 120_000


def drop_files(widget, paths) -> None:  # noqa: ANN001
    """What the window receives when files are dragged from a file manager and dropped on ``widget``."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    point = QPointF(widget.rect().center())
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(point, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))


def test_drop_a_file_ask_click_a_citation_and_the_passage_shows(chat_window, qtbot, store, tmp_path):
    guide = write_guide(tmp_path / "guide.pdf")
    chat = chat_window.chat

    drop_files(chat, [guide])
    qtbot.waitUntil(lambda: [chip.name.text() for chip in chat.documents_bar.chips] == ["guide.pdf"], timeout=WAIT_MS)
    assert chat.documents_bar.isVisibleTo(chat) and not chat.documents_bar.progress.isVisibleTo(chat)

    with qtbot.waitSignal(chat.session.answer_finished, timeout=WAIT_MS):
        type_and_send(chat_window, qtbot, QUESTION)
    conversation = chat.session.current
    assert [document.title for document in store.conversation_documents(conversation)] == ["guide.pdf"]
    answer = store.active_branch(conversation)[-1]
    sources = store.get_passages(answer.options["sources"])
    assert sources[0].passage.page == FACT_PAGE

    [label] = chat.view.widgets[-1].citation_labels()
    target = label.text().split('href="cite:')[1].split('"')[0]
    label.setFocus()  # the label's links take keyboard focus: Tab goes to the first, Enter follows it
    qtbot.keyClick(label, Qt.Key.Key_Tab)
    qtbot.keyClick(label, Qt.Key.Key_Return)
    panel = chat.passage_panel
    qtbot.waitUntil(panel.isVisible, timeout=WAIT_MS)
    cited = sources[int(target) - 1]
    assert panel.where.text() == f"[{target}] guide.pdf, p. {cited.passage.page}"
    assert panel.text.toPlainText() == cited.passage.text


def test_a_file_that_cannot_be_read_is_said_in_one_line_and_nothing_is_attached(window, qtbot, store, tmp_path):
    from runtime.errors import DocumentError
    from runtime.tasks.documents import load_document

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    try:
        load_document(broken)
    except DocumentError as error:
        expected = str(error)
    chat = window.chat
    drop_files(chat, [broken])
    qtbot.waitUntil(chat.notice.isVisible, timeout=WAIT_MS)
    assert chat.notice.label.text() == expected
    assert chat.documents_bar.chips == [] and store.list_library() == []
