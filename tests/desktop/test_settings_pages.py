"""The Settings dialog fits a 1366x768 screen in both languages, and every control is on one of its pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QComboBox, QDialogButtonBox, QKeySequenceEdit, QLineEdit, QListWidget,
    QPlainTextEdit, QTabBar, QWidget,
)

from desktop.i18n import set_language
from desktop.settings_dialog import SettingsDialog

# 768 px less a 48 px task bar and a 32 px title bar: what a window gets on a 1366x768 screen.
SCREEN_ROOM = QSize(1366, 768 - 48 - 32)
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
