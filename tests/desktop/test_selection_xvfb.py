"""End to end on a real X server: another X client owns the PRIMARY selection, xdotool presses Ctrl+Alt+Y,
and Penna's popup shows the real default model's translation.

Skipped where Xvfb, xdotool or xclip are missing (Debian: xvfb, xdotool, xclip; .ci/run installs them).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.desktop.xvfb import ROOT, needs_x_tools, penna_env, read_event

SENTENCE = "The library opens at nine o'clock every morning."
pytestmark = pytest.mark.slow


@needs_x_tools
def test_the_shortcut_translates_the_primary_selection_of_another_client(x_display, exported_cache, tmp_path):
    env = penna_env(x_display, exported_cache, tmp_path / "home")
    owner = subprocess.Popen(["xclip", "-quiet", "-selection", "primary"], stdin=subprocess.PIPE, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    owner.stdin.write(SENTENCE)
    owner.stdin.close()
    penna = subprocess.Popen([sys.executable, str(Path(__file__).with_name("xvfb_selection_app.py"))], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        ready = read_event(penna, deadline)
        assert ready == {"event": "ready", "grabbed": True, "status": ""}
        served = subprocess.run(["xclip", "-o", "-selection", "primary"], env=env, capture_output=True, text=True,
                                timeout=30)
        assert served.stdout == SENTENCE  # another client owns PRIMARY with the sentence
        subprocess.run(["xdotool", "key", "ctrl+alt+y"], env=env, check=True, timeout=30)
        shown = read_event(penna, deadline)
    finally:
        owner.kill()
        penna.wait(timeout=60)
    assert shown["event"] == "translated" and shown["source"] == SENTENCE
    assert shown["text"].strip() and shown["shown"] == shown["text"]
    assert shown["visible"] and shown["on_top"]
    assert shown["languages"] == "English (detected)  →  Français"
    assert penna.returncode == 0
