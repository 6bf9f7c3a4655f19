"""The Settings dialog fits a 1366x768 screen in both languages, and every control is on one of its pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QDialogButtonBox, QKeySequenceEdit, QLineEdit,
    QListWidget, QPlainTextEdit, QTabBar, QWidget,
)

from desktop.i18n import set_language
from desktop.settings_dialog import SettingsDialog

# 768 px less a 48 px task bar and a 32 px title bar: what a window gets on a 1366x768 screen.
SCREEN_ROOM = QSize(1366, 768 - 48 - 32)
SERVERS, SHORTCUT_AND_TRAY = 4, 5  # the pages' indexes
LONG_STATUS = ("No network: the model could not be downloaded. Connect to the internet and try again, or add a model "
               "folder or a .gguf file that is already on this computer.")


def controls(dialog: SettingsDialog) -> list[QWidget]:
    """Everything the user edits or presses in the dialog, but the tab bar, OK/Cancel and the parts of a control."""
    kinds = (QComboBox, QAbstractSpinBox, QAbstractButton, QLineEdit, QKeySequenceEdit, QPlainTextEdit, QListWidget)
    return [widget for widget in dialog.findChildren(QWidget)
            if isinstance(widget, kinds) and not isinstance(widget.parent(), (*kinds, QTabBar, QDialogButtonBox))]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dialog_fits_a_1366x768_screen(window, qtbot, language):
    set_language(language)
    dialog = SettingsDialog(window.settings, window, server_control=window.server_control)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._finish_add(LONG_STATUS)  # the Model page, the tallest, with a long note under the buttons
    qtbot.waitUntil(lambda: dialog.minimumHeight() > 0)  # the dialog has grown to its wrapped notes
    for size in (dialog.sizeHint(), dialog.minimumSizeHint(), dialog.minimumSize(), dialog.size()):
        assert size.width() <= SCREEN_ROOM.width() and size.height() <= SCREEN_ROOM.height(), size


def test_every_control_is_shown_on_exactly_one_page(window, qtbot):
    dialog = SettingsDialog(window.settings, window, server_control=window.server_control)
    qtbot.addWidget(dialog)
    dialog.show()
    everything = controls(dialog)
    named = [dialog.model_box, dialog.device_box, dialog.precision_box, dialog.temperature, dialog.seed,
             *dialog.task_model_boxes.values(), dialog.primary_box, dialog.secondary_box, dialog.theme_box,
             dialog.language_box, dialog.remote_group.url_edit, dialog.server_group.toggle_button, dialog.shortcut_edit,
             dialog.keep_in_tray, dialog.start_in_tray, dialog.actions_group.list, dialog.actions_group.prompt_edit,
             dialog.actions_group.shortcut_edit]
    assert set(named) <= set(everything)
    pages_of: dict[QWidget, list[int]] = {widget: [] for widget in everything}
    for index in range(dialog.pages.count()):
        dialog.pages.setCurrentIndex(index)
        for widget in everything:
            if widget.isVisibleTo(dialog):
                pages_of[widget].append(index)
    assert [widget for widget, pages in pages_of.items() if len(pages) != 1] == []
    assert dialog.pages.count() == 6 and dialog.pages.tabText(0) == "Model"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_notes_stay_whole_after_a_server_error(window, qtbot, language):
    """After the server failed to start, its error ran off the dialog's edge and the CUDA note was clipped."""
    import socket

    from tests.runtime.scripted_engine import ScriptedEngine

    set_language(language)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    engine = ScriptedEngine(lambda messages: "Hello.")
    dialog = SettingsDialog(window.settings, window, engine=engine, server_control=window.server_control)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pages.setCurrentIndex(SERVERS)
    dialog.server_group.port_box.setValue(taken.getsockname()[1])
    with qtbot.waitSignal(window.server_control.failed, timeout=10_000):
        dialog.server_group.toggle_button.click()
    error = dialog.server_group.address_label
    assert error.isVisible() and error.text()
    dialog.pages.setCurrentIndex(0)  # Model, with the CUDA note
    for _ in range(5):
        QApplication.processEvents()
    if dialog.cuda_note.isVisible():
        assert dialog.cuda_note.height() >= dialog.cuda_note.heightForWidth(dialog.cuda_note.width())
    assert dialog.width() <= SCREEN_ROOM.width()
    dialog.pages.setCurrentIndex(SERVERS)
    assert error.wordWrap()  # one line ran past the dialog's edge: "Cannot listen on 127.0.0.1:… Choose another"
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()) > 0)  # all of its lines shown
    assert error.geometry().right() <= dialog.server_group.contentsRect().right()
    assert dialog.width() <= SCREEN_ROOM.width()
    taken.close()


def test_tray_options_greyed_out_say_why_in_words(window, qtbot):
    from PySide6.QtWidgets import QSystemTrayIcon

    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pages.setCurrentIndex(SHORTCUT_AND_TRAY)
    tray = QSystemTrayIcon.isSystemTrayAvailable()
    assert dialog.keep_in_tray.isEnabled() == dialog.start_in_tray.isEnabled() == tray
    assert dialog.tray_note.isVisible() != tray
    if not tray:  # offscreen and under a bare Xvfb: no tray
        assert dialog.tray_note.text().startswith("This desktop shows no system tray")
    assert dialog.pages.count() == 6 and dialog.pages.tabText(0) == "Model"
