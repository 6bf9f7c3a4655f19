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


def test_first_run_prepares_the_model_with_progress_then_never_again(desktop_home: Path, qtbot, store):
    """Exports the default model for real into an empty cache (about a minute)."""
    assert not is_exported()
    window = create_window(application([]), Settings(), store)
    qtbot.addWidget(window)
    window.show()
    window.start()
    dialog = window.session.dialog
    assert dialog is not None and dialog.isVisible()
    fractions: list[int] = []
    dialog.progress_bar.valueChanged.connect(fractions.append)
    assert window.isEnabled()  # the export runs in a worker thread; the window keeps handling events
    with qtbot.waitSignal(window.session.ready, timeout=600_000):
        pass
    assert dialog.seen_stages[:3] == ["fetch", "convert", "export"]
    assert fractions and max(fractions) > 0
    assert is_exported()
    assert window.status.device_label.text().startswith(("CPU", "CUDA"))

    window.session.dialog = None
    window.start()
    assert window.session.dialog is None  # already prepared: no dialog, straight to loading
    with qtbot.waitSignal(window.session.ready, timeout=120_000):
        pass
    window.close()
