"""Start-up with an exported model stays light; the first run prepares the model with progress."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import application, create_window
from desktop.settings import Settings
from runtime.export import is_exported

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_startup_shows_the_window_first_and_never_imports_torch(exported_cache: Path, tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "cache").symlink_to(exported_cache, target_is_directory=True)
    env = {**os.environ, "PENNA_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_startup.py"), "--child"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0, result.stderr
    assert [event["event"] for event in events] == ["visible", "ready"]
    assert events[1]["heavy"] == []
    assert events[1]["device"].startswith(("CPU", "CUDA"))


def test_first_run_prepares_the_model_with_progress_then_answers_the_message_that_waited(desktop_home: Path, qtbot, store):
    """Exports the default model for real into an empty cache (a minute or more)."""
    from desktop.settings import Sampling

    assert not is_exported()
    settings = Settings()
    settings.sampling = Sampling(temperature=0.0, max_new_tokens=16, seed=1)
    window = create_window(application([]), settings, store)
    qtbot.addWidget(window)
    window.show()
    window.start()
    banner = window.banner
    assert banner.isVisible()
    fractions: list[int] = []
    banner.progress_bar.valueChanged.connect(fractions.append)
    window.chat.composer.send_requested.emit("What is the capital of France?")  # typed while the model is prepared
    assert window.chat.waiting_label.isVisible()
    with qtbot.waitSignal(window.session.ready, timeout=600_000):
        pass
    assert banner.seen_stages == ["convert"]  # streamed from the GGUF file in one pass
    assert fractions == sorted(fractions) and fractions[-1] > 800  # only forward, and nearly to the end
    assert is_exported() and not banner.isVisible()
    assert window.status.device_label.text().startswith(("CPU", "CUDA"))
    qtbot.waitUntil(lambda: not window.chat.session.is_generating() and len(window.chat.view.widgets) == 2, timeout=120_000)
    assert window.chat.view.widgets[1].item.content.strip() and not window.chat.waiting_label.isVisible()

    window.start()
    assert not banner.isVisible()  # already prepared: no banner, straight to loading
    with qtbot.waitSignal(window.session.ready, timeout=120_000):
        pass
    window.close()
