"""Choosing the precision in Settings, and seeing the one really loaded in the status bar."""

from __future__ import annotations

from desktop.settings_dialog import SettingsDialog


def test_automatic_precision_is_the_default_and_int4_can_be_chosen(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.precision_box.currentData() == "auto"
    offered = [dialog.precision_box.itemData(index) for index in range(dialog.precision_box.count())]
    assert offered == ["auto", "fp32", "int8", "int4", "fp16"]
    dialog.precision_box.setCurrentIndex(dialog.precision_box.findData("int4"))
    with qtbot.waitSignal(window.settings.changed, check_params_cb=lambda name: name == "precision"):
        dialog.apply()
    assert window.settings.precision == "int4"


def test_status_bar_shows_the_precision_the_engine_loaded(model_window):
    status = model_window.status
    assert status.precision_label.text() == model_window.session.engine.precision == "fp32"
    status.set_loading(None)
    assert status.precision_label.text() == ""
