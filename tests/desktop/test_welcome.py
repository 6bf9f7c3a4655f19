"""The first-run welcome: what the built-in model is for, the recommended model for this machine with its size and
download time, a download in the background that switches the app to it, and never shown again once dismissed."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.settings import Settings
from desktop.welcome import WelcomePanel, download_minutes, recommended_first_model
from tests.runtime.tiny_hub import make_tiny_hub

DOWNLOAD_TIMEOUT_MS = 60_000


def test_a_first_run_shows_the_welcome_in_the_window_without_a_dialog(window):
    welcome = window.welcome
    assert welcome.isVisible()
    assert not [widget for widget in window.findChildren(QDialog) if widget.isVisible()]  # never modal
    assert "try Penna offline" in welcome.body.text()
    model = recommended_first_model()
    assert model is not None and model.name in welcome.body.text()
    assert "GB download (about" in welcome.body.text() and "GB of memory to run" in welcome.body.text()
    assert welcome.download_button.text() == welcome.download_button.accessibleName() == f"Download {model.name}"
    assert window.chat.composer.input.isEnabled()  # the built-in model can be used meanwhile


def test_not_now_hides_it_for_good(window, qtbot, desktop_home):
    qtbot.mouseClick(window.welcome.skip_button, Qt.MouseButton.LeftButton)
    assert not window.welcome.isVisible()
    assert window.settings.welcome_done
    assert not WelcomePanel(Settings()).isVisibleTo(None) and not WelcomePanel.wanted(Settings())  # next start


def test_a_user_who_chose_a_model_gets_no_welcome(qtbot, desktop_home):
    settings = Settings()
    welcome = WelcomePanel(settings)
    qtbot.addWidget(welcome)
    welcome.show()
    settings.model = "qwen2.5-1.5b-instruct"  # in Settings, while the welcome shows
    assert not welcome.isVisible()
    assert not WelcomePanel.wanted(settings)  # nor at the next start


def test_answers_from_a_server_get_no_welcome(desktop_home):
    settings = Settings()
    settings.source = "remote"
    assert not WelcomePanel.wanted(settings)


def test_the_download_runs_in_the_background_then_switches_the_model(qtbot, desktop_home, tmp_path):
    entry, root = make_tiny_hub(tmp_path / "hub")
    settings = Settings()
    welcome = WelcomePanel(settings, model=entry, source=str(root))
    qtbot.addWidget(welcome)
    welcome.show()
    changed: list[str] = []
    settings.changed.connect(changed.append)
    with qtbot.waitSignal(welcome.finished, timeout=DOWNLOAD_TIMEOUT_MS):
        qtbot.mouseClick(welcome.download_button, Qt.MouseButton.LeftButton)
        assert welcome.state == "downloading" and welcome.cancel_button.isVisible()
    assert settings.model == entry.id and "model" in changed  # the window follows this setting to the new model
    assert settings.welcome_done and not welcome.isVisible()


def test_a_failed_download_says_why_and_offers_to_try_again(qtbot, desktop_home, tmp_path):
    entry, _root = make_tiny_hub(tmp_path / "hub")
    settings = Settings()
    welcome = WelcomePanel(settings, model=entry, source=str(tmp_path / "empty"))
    qtbot.addWidget(welcome)
    welcome.show()
    welcome.download()
    qtbot.waitUntil(lambda: welcome.state == "failed", timeout=DOWNLOAD_TIMEOUT_MS)
    assert welcome.isVisible() and welcome.status.text().startswith("The download failed: ")
    assert welcome.download_button.text() == "Try again" and welcome.download_button.isVisible()
    assert settings.model is None and not settings.welcome_done


@pytest.mark.parametrize("gb, minutes", [(0.01, 1), (1.0, 3), (3.09, 8)])
def test_download_minutes_at_50_mbit(gb, minutes):
    assert download_minutes(gb) == minutes


def test_the_welcome_is_complete_in_chinese(window, qtbot):
    window.settings.language = "zh_CN"
    qtbot.waitUntil(lambda: window.welcome.title.text() == "欢迎使用 Penna")
    assert "内置模型" in window.welcome.body.text() and "模型目录推荐" in window.welcome.body.text()
    assert window.welcome.download_button.text().startswith("下载 ")
    assert window.welcome.skip_button.text() == "以后再说"
