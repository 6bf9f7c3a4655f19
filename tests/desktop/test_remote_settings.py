"""Settings' Local / Remote choice and the window's own server, against a real ``penna serve`` on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest

from desktop.settings_dialog import SettingsDialog
from runtime.engine.remote import RemoteEngine
from tests.served import MODEL

pytestmark = pytest.mark.slow


def test_remote_choice_lists_the_servers_models_and_answers_come_from_it(window, qtbot, open_server, default_engine):
    url = open_server[0]
    window.session.use(default_engine)  # the local model answers until the server is chosen
    dialog = SettingsDialog(window.settings, window, engine=window.session.engine, server_control=window.server_control)
    qtbot.addWidget(dialog)
    dialog.remote_group.remote_button.setChecked(True)
    dialog.remote_group.url_edit.setText(url)
    dialog.remote_group.fetch_models()
    qtbot.waitUntil(lambda: dialog.remote_group.model_box.count() > 0, timeout=20_000)
    assert [dialog.remote_group.model_box.itemText(index) for index in range(dialog.remote_group.model_box.count())] == [MODEL]
    with qtbot.waitSignal(window.session.ready, timeout=30_000):
        dialog.apply()  # the model session follows the settings it loads from
    assert isinstance(window.session.engine, RemoteEngine) and window.session.engine.url == url
    assert window.status.source_label.text() == f"Answers from {url}"
    assert window.settings.source == "remote" and window.settings.remote_model == MODEL

    # a new dialog: it serves the engine the window has now
    dialog = SettingsDialog(window.settings, window, engine=window.session.engine, server_control=window.server_control)
    qtbot.addWidget(dialog)
    dialog.server_group.port_box.setValue(0)
    dialog.server_group.toggle_button.click()
    served = window.server_control.url
    assert served and window.status.server_label.text() == f"Serving at {served}"
    assert httpx.get(f"{served}/models", timeout=10).json()["data"][0]["id"] == MODEL
    dialog.server_group.toggle_button.click()
    assert window.server_control.url is None and window.status.server_label.text() == ""
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{served}/models", timeout=5)


def test_an_unreachable_server_is_reported_under_the_model_list(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.remote_group.remote_button.setChecked(True)
    dialog.remote_group.url_edit.setText("http://127.0.0.1:9")
    dialog.remote_group.fetch_models()
    qtbot.waitUntil(lambda: "Cannot reach" in dialog.remote_group.status_label.text(), timeout=20_000)
    assert dialog.remote_group.fetch_button.isEnabled()
