"""The selection popup's writing actions on a scripted engine: keys 1-9 and the arrows pick the action, the source
text shows above the result, Proofread's result shows as a word diff, a doubtful result keeps its ⚠ when opened in
Penna, the results are kept in the history the Translate pane lists, and Replace off X11 copies and says so."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.history_list import shorten
from tests.runtime.scripted_engine import ScriptedEngine

TIMEOUT_MS = 30_000
TEXT = "I has went home yesterday with my freind after the long meeting."
CORRECTED = "I went home yesterday with my friend after the long meeting."


def careful(messages):  # noqa: ANN001, ANN201
    prompt = messages[-1]["content"]
    if "spelling" in prompt or "exactly" in prompt:
        return CORRECTED
    if "shorter" in prompt:
        return "I went home after the meeting."
    return "Je suis rentré hier avec mon ami après la longue réunion."


def test_keys_pick_the_action_and_proofread_shows_a_diff_under_the_source(window, qtbot, store):
    window.translate_engine.session.use(ScriptedEngine(careful))
    selection, popup = window.selection, window.selection.popup
    with qtbot.waitSignal(selection.finished, timeout=TIMEOUT_MS):
        selection.run(TEXT, "translate")
    assert popup.current_action() == "translate" and popup.source.text() == TEXT
    assert [button.text() for button in popup.action_buttons][:2] == ["1 Translate", "2 Proofread"]
    assert all(button.accessibleName() for button in popup.action_buttons)

    with qtbot.waitSignal(selection.finished, timeout=TIMEOUT_MS) as finished:
        qtbot.keyClick(popup, Qt.Key.Key_2)
    assert finished.args == [CORRECTED] and popup.current_action() == "proofread"
    assert popup.text.textFormat() == Qt.TextFormat.RichText
    assert re.search(r"<s>\s*has\s*</s>", popup.text.text()) and "<s>freind</s><u><b>friend</b></u>" in popup.text.text()
    assert popup.result == CORRECTED and popup.source.text() == TEXT and not popup.doubt.isVisible()

    with qtbot.waitSignal(selection.finished, timeout=TIMEOUT_MS):
        qtbot.keyClick(popup, Qt.Key.Key_Right)
    assert popup.current_action() == "shorter" and popup.text.text() == "I went home after the meeting."
    assert popup.text.textFormat() == Qt.TextFormat.PlainText

    [shorter, proofread] = store.list_writings()
    assert (proofread.action, proofread.result, shorter.action) == ("proofread", CORRECTED, "shorter")
    titles = [window.translate_pane.history.list.item(row).text()
              for row in range(window.translate_pane.history.list.count())]
    assert titles[:2] == [f"Shorter: {shorten(TEXT)}", f"Proofread: {shorten(TEXT)}"] and len(titles) == 3
    assert sorted(hit.kind for hit in store.search("freind")) == ["translation", "writing", "writing"]
    popup.close()


def test_a_doubtful_result_keeps_its_mark_when_opened_in_penna(window, qtbot, store):
    window.translate_engine.session.use(ScriptedEngine(lambda messages: "Yesterday, following a lengthy "
                                                                        "gathering, my companion and I returned."))
    selection, popup = window.selection, window.selection.popup
    with qtbot.waitSignal(selection.finished, timeout=TIMEOUT_MS):
        selection.run(TEXT, "proofread")
    assert popup.doubt.isVisible() and popup.doubt.text().startswith("⚠")
    assert "changed" in popup.doubt.toolTip()
    qtbot.mouseClick(popup.open_button, Qt.MouseButton.LeftButton)
    pane = window.translate_pane
    assert window.stack.currentWidget() is pane and not popup.isVisible()
    assert pane.source.toPlainText() == TEXT and pane.result.toPlainText() == store.list_writings()[0].result
    assert pane.doubt.isVisible() and pane.doubt.text().startswith("⚠") and "changed" in pane.doubt.toolTip()
    assert pane.status.text() == "Proofread of the text on the left."


def test_replace_where_penna_cannot_paste_copies_and_says_so(window, qtbot):
    window.translate_engine.session.use(ScriptedEngine(careful))
    selection, popup = window.selection, window.selection.popup
    QGuiApplication.clipboard().setText(TEXT)
    with qtbot.waitSignal(selection.finished, timeout=TIMEOUT_MS):
        selection.run_on_selection("proofread")  # offscreen is not X11: no window to paste into
    assert popup.source.text() == TEXT
    with qtbot.waitSignal(selection.replacer.done, timeout=TIMEOUT_MS) as done:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert "Wayland" in done.args[0] and done.args[0] == popup.status.text() and popup.isVisible()
    assert QGuiApplication.clipboard().text() == popup.result


def test_the_d_bus_method_runs_an_action_on_the_selection_and_no_portal_is_no_error(window, qtbot, session_bus):
    from PySide6.QtDBus import QDBus, QDBusInterface

    from desktop.selection.dbus import INTERFACE, PATH, SERVICE

    address, bus = session_bus
    window.start_selection_services(bus, portal_address=address)  # no portal on this bus: the fallback stays
    assert window.portal.session is None and window.status.currentMessage() == ""
    QGuiApplication.clipboard().setText(TEXT)
    reply = QDBusInterface(SERVICE, PATH, INTERFACE, bus).call(QDBus.CallMode.BlockWithGui, "WriteSelection", "shorter")
    assert reply.type() != reply.MessageType.ErrorMessage, reply.errorMessage()
    popup = window.selection.popup
    qtbot.waitUntil(popup.isVisible, timeout=TIMEOUT_MS)
    assert popup.current_action() == "shorter" and popup.source.text() == TEXT
    popup.close()
