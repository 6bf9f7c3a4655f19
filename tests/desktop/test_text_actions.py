"""Translate and Summarize in the context menu of selected text send it to the right pane; its Writing tools
submenu runs an action on it in the selection popup."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel


def context_menu(window, widget, target=None):  # noqa: ANN001, ANN201
    """Right-click ``widget`` (or its viewport ``target``) for real; returns the menu the filter showed."""
    window.text_actions.menu = None
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), widget.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(target or widget, event)
    return window.text_actions.menu


def action(menu, text: str):  # noqa: ANN001, ANN201
    return next(item for item in menu.actions() if item.text() == text)


def test_a_selected_chat_message_goes_to_the_translate_pane(window, store, qtbot):
    conversation = store.create_conversation("Hi")
    store.append_message(conversation.id, "user", "Bonjour tout le monde")
    window.chat.session.open_conversation(conversation.id)
    label = next(child for child in window.chat.view.widgets[0].findChildren(QLabel)
                 if child.text() and "Bonjour" in child.text())
    label.setSelection(0, 7)
    menu = context_menu(window, label)
    assert [item.text() for item in menu.actions() if item.text()] == ["Copy", "Translate", "Summarize",
                                                                       "Writing tools"]
    action(menu, "Translate").trigger()
    assert window.stack.currentWidget() is window.translate_pane
    assert window.translate_pane.source.toPlainText() == "Bonjour"
    assert window.translate_pane.runner.is_running()  # waiting for the model, then it translates
    window.translate_pane.stop()


def test_selected_text_in_a_text_box_goes_to_the_summarize_pane(window):
    source = window.translate_pane.source
    source.setPlainText("First line\nSecond line\nThird line")
    cursor = source.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfLine, QTextCursor.MoveMode.KeepAnchor)
    source.setTextCursor(cursor)
    menu = context_menu(window, source, source.viewport())
    assert "Select All" in " ".join(item.text() for item in menu.actions())  # the box's own menu is kept
    action(menu, "Summarize").trigger()
    assert window.stack.currentWidget() is window.summarize_pane
    assert window.summarize_pane.input.toPlainText() == "First line\nSecond line"
    window.summarize_pane.runner.cancel()


def test_no_selection_keeps_the_usual_menu(window):
    window.translate_pane.source.setPlainText("nothing selected")
    assert context_menu(window, window.translate_pane.source, window.translate_pane.source.viewport()) is None


def test_the_writing_tools_submenu_runs_an_action_in_the_popup(window):
    source = window.translate_pane.source
    source.setPlainText("I has went home.")
    source.selectAll()
    menu = context_menu(window, source, source.viewport())
    writing = action(menu, "Writing tools").menu()
    titles = [item.text() for item in writing.actions()]
    assert titles[:3] == ["Proofread", "Shorter", "Longer"] and "Translate" not in titles
    action(writing, "Proofread").trigger()
    popup = window.selection.popup
    assert popup.isVisible() and popup.current_action() == "proofread"
    assert popup.source.text() == "I has went home."  # the text acted on is shown above the result
    assert window.selection.runner.is_running()
    popup.close()
    assert not window.selection.runner.is_running()
