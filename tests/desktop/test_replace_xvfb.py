"""Replace in place, end to end on a real X server with the real default model: another application shows a text
field holding a sentence with mistakes, selected; xdotool presses Ctrl+Alt+Y, picks Proofread (key 2) in Penna's
popup and presses Enter. The field then holds the model's proofread (not the original), pasted by Penna, and the
clipboard holds again what it held before, text and HTML.

Skipped where Xvfb, xdotool or xclip are missing (Debian: xvfb, xdotool, xclip).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.desktop.xvfb import ROOT, child, needs_x_tools, penna_env, read_event, stop_children
from tests.desktop.xvfb_text_field import CLIPBOARD_HTML, CLIPBOARD_TEXT

SENTENCE = "I has went to the store yesterday and buyed three apple for my freind."
pytestmark = [pytest.mark.slow, needs_x_tools]


def clipboard(env: dict, target: str) -> str:
    return subprocess.run(["xclip", "-o", "-selection", "clipboard", "-t", target], env=env, capture_output=True,
                          text=True, timeout=30).stdout


def test_enter_pastes_the_proofread_over_the_selection_and_restores_the_clipboard(x_display, exported_cache, tmp_path):
    env = penna_env(x_display, exported_cache, tmp_path / "home")
    field = child("xvfb_text_field.py", env, SENTENCE)
    penna = child("xvfb_replace_app.py", env)
    deadline = time.monotonic() + 300
    try:
        shown = read_event(field, deadline)
        assert shown["event"] == "ready"
        assert read_event(penna, deadline) == {"event": "ready", "grabbed": True}
        assert clipboard(env, "text/html") == CLIPBOARD_HTML  # the other application owns the clipboard
        field.stdin.write("focus\n")
        field.stdin.flush()
        assert read_event(field, deadline)["event"] == "focused"
        subprocess.run(["xdotool", "key", "ctrl+alt+y"], env=env, check=True, timeout=30)
        # The popup opens with the keyboard focus and Translate starts; key 2 replaces it by Proofread. Pressed before
        # the popup has the focus (a busy machine), the key would go to the text field instead.
        assert read_event(penna, deadline) == {"event": "popup_active"}
        subprocess.run(["xdotool", "key", "2"], env=env, check=True, timeout=30)
        finished = read_event(penna, deadline)
        while finished["event"] == "finished" and finished["action"] != "proofread":
            finished = read_event(penna, deadline)  # Translate ended before the key arrived
        assert finished["event"] == "finished" and finished["source"] == SENTENCE and finished["visible"]
        assert finished["window"] == shown["window"]  # the window the selection was read from
        proofread = finished["text"].strip()
        assert proofread and proofread != SENTENCE
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True, timeout=30)
        assert read_event(penna, deadline) == {"event": "replaced", "message": ""}
        changes = [read_event(field, deadline)]
        while changes[-1]["text"] != proofread:
            changes.append(read_event(field, deadline))
        assert changes[-1]["text"] == proofread  # pasted over the whole selection, nothing else in the field
        assert clipboard(env, "TARGETS").split().count("text/html") == 1
        assert clipboard(env, "text/html") == CLIPBOARD_HTML
        assert clipboard(env, "UTF8_STRING") == CLIPBOARD_TEXT
    finally:
        stop_children(penna, field)


def test_replace_never_pastes_elsewhere_when_the_source_window_is_gone(x_display, tmp_path):
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT),
           "PENNA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("xvfb_replace_gone.py")), "the result"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["remembered"]  # the focused window was the one to paste into
    assert said["clipboard"] == "the result" and "is gone" in said["message"]
