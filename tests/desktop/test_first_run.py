"""The first run as a new user meets it: preparing the model never blocks the window, a message typed meanwhile
waits with a visible sign, and after a cancel every way forward works (no "Loading…" that never ends)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from runtime.export import is_exported

STEP_TIMEOUT_MS = 60_000


def cancel_preparation(window, qtbot) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.session.failed, timeout=STEP_TIMEOUT_MS):
        qtbot.mouseClick(window.banner.action_button, Qt.MouseButton.LeftButton)
        assert window.banner.action_button.text() == "Cancelling…"


def test_the_banner_never_blocks_and_a_message_waits_then_cancel_and_send_start_again(window, qtbot):
    assert not is_exported()
    window.start()  # an empty cache: the real export of the default model begins in a child process
    assert window.banner.isVisible() and window.banner.state == "preparing"
    assert QApplication.activeModalWidget() is None
    assert window.status.device_label.text() == "Preparing the model…"
    with qtbot.waitSignal(window.session.progress, timeout=STEP_TIMEOUT_MS):
        pass

    qtbot.keyClicks(window.chat.composer.input, "Hello")
    qtbot.keyClick(window.chat.composer.input, Qt.Key.Key_Return)
    assert window.chat.waiting_label.isVisible()
    assert [widget.item.content for widget in window.chat.view.widgets] == ["Hello"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.translate_pane and window.banner.isVisible()

    cancel_preparation(window, qtbot)
    assert window.banner.state == "stopped" and window.banner.action_button.text() == "Prepare the model"
    assert window.status.device_label.text() == "Model not loaded"

    # Asking for a translation now starts the preparation again instead of waiting for ever.
    window.translate_pane.source.setPlainText("Good morning")
    with qtbot.waitSignal(window.session.preparing, timeout=STEP_TIMEOUT_MS):
        window.translate_pane.translate()
    assert window.banner.state == "preparing" and window.status.device_label.text() == "Preparing the model…"
    cancel_preparation(window, qtbot)
    assert window.translate_pane.notice.isVisible()  # the translation that waited says why it stopped
    assert not window.translate_pane.runner.is_running()

    # The chat's queued message still waits; sending again starts the preparation again too.
    window.rail.setCurrentRow(0)
    assert window.chat.waiting_label.isVisible()
    with qtbot.waitSignal(window.session.preparing, timeout=STEP_TIMEOUT_MS):
        qtbot.keyClicks(window.chat.composer.input, "Are you there?")
        qtbot.keyClick(window.chat.composer.input, Qt.Key.Key_Return)
    cancel_preparation(window, qtbot)
    assert not is_exported()


def test_a_queued_message_is_answered_once_the_model_is_ready_even_from_another_chat(window, qtbot, store, default_engine):
    from desktop.settings import Sampling

    window.settings.sampling = Sampling(temperature=0.0, max_new_tokens=8, seed=1)
    chat = window.chat
    chat.session.send("What is the capital of France?")  # no model yet: it waits
    queued = chat.session.current
    assert chat.waiting_label.isVisible()
    chat.new_conversation()  # the user looks elsewhere meanwhile
    window.session.use(default_engine)
    qtbot.waitUntil(lambda: not chat.session.is_generating(), timeout=120_000)
    assert chat.session.current == queued and not chat.waiting_label.isVisible()
    assert [message.role for message in store.active_branch(queued)] == ["user", "assistant"]
    assert store.active_branch(queued)[1].content.strip()
