"""Keyboard only, on a real X server: xdotool key events (nothing else) send a chat message, translate a sentence
and open Settings, with the real default model.

Skipped where Xvfb or xdotool are missing (Debian: xvfb, xdotool).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.desktop.xvfb import ROOT, read_event

pytestmark = pytest.mark.slow
_missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


def keys(env: dict, *names: str) -> None:
    subprocess.run(["xdotool", "key", "--delay", "40", *names], env=env, check=True, timeout=30)


def type_text(env: dict, text: str) -> None:
    """Key events for each character (xdotool type sends key presses, as a keyboard would)."""
    subprocess.run(["xdotool", "type", "--delay", "40", text], env=env, check=True, timeout=60)


@pytest.mark.skipif(bool(_missing), reason=f"needs {', '.join(_missing)} (Debian packages xvfb, xdotool)")
def test_chat_translate_and_settings_from_the_keyboard_alone(x_display, exported_cache, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "cache").symlink_to(exported_cache, target_is_directory=True)
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "PENNA_HOME": str(home),
           "PYTHONPATH": str(ROOT), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    penna = subprocess.Popen([sys.executable, str(Path(__file__).with_name("xvfb_keyboard_app.py"))], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        ready = read_event(penna, deadline)
        assert ready == {"event": "ready", "active": True, "focus": "Message"}  # the keyboard starts in the message box

        type_text(env, "Say hello.")
        keys(env, "Return")
        answered = read_event(penna, deadline)
        assert answered["event"] == "answered" and answered["text"].strip()

        keys(env, "ctrl+2")  # Translate; the keyboard lands in its text box
        type_text(env, "Good morning.")
        keys(env, "ctrl+Return")
        translated = read_event(penna, deadline)
        assert translated["event"] == "translated" and translated["source"] == "Good morning."
        assert translated["text"].strip()

        keys(env, "ctrl+comma")
        shown = read_event(penna, deadline)
        assert shown["event"] == "settings" and shown["title"] == "Settings"
        keys(env, "Escape")
        closed = read_event(penna, deadline)
        assert closed == {"event": "settings_closed", "active": True, "focus": "Text to translate"}
        keys(env, "ctrl+q")
        assert penna.wait(timeout=60) == 0
    finally:
        if penna.poll() is None:
            penna.kill()
