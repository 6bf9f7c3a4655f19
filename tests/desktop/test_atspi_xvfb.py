"""An AT-SPI read of the window from outside: a separate process reads Penna's accessible tree over the
accessibility bus, as Orca would, and finds every control that shows named.

Needs Xvfb, dbus-daemon, Debian's at-spi2-core (the accessibility bus and registry) and python3-dbus for the system
Python; skipped where one is missing (pyatspi is not on PyPI; the reader speaks D-Bus directly).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.desktop.xvfb import ROOT, read_event

pytestmark = pytest.mark.slow
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = "/usr/bin/python3"
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box", "entry", "text",
               "password text", "spin button", "list", "list box", "table", "tree", "page tab", "slider"}


def _missing() -> list[str]:
    missing = [tool for tool in ("Xvfb", "dbus-daemon") if shutil.which(tool) is None]
    if not BUS_LAUNCHER.exists():
        missing.append("at-spi2-core")
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run([SYSTEM_PYTHON, "-c", "import dbus"],
                                                          capture_output=True).returncode != 0:
        missing.append("python3-dbus")
    return missing


MISSING = _missing()


@pytest.fixture
def session_bus(tmp_path: Path):  # noqa: ANN201
    """A private D-Bus session bus (its accessibility bus starts on demand, in a runtime folder of its own)."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(tmp_path)}
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"], env=env,
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    address = daemon.stdout.readline().strip()
    yield address
    os.killpg(daemon.pid, signal.SIGTERM)  # the daemon and the accessibility services it started
    daemon.wait(timeout=30)


@pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)}")
def test_a_screen_reader_reading_over_atspi_finds_every_control_named(x_display, session_bus, exported_cache,
                                                                     tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "cache").symlink_to(exported_cache, target_is_directory=True)
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "PENNA_HOME": str(home),
           "PYTHONPATH": str(ROOT), "DBUS_SESSION_BUS_ADDRESS": session_bus, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    penna = subprocess.Popen([sys.executable, str(Path(__file__).with_name("xvfb_keyboard_app.py"))], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert read_event(penna, time.monotonic() + 300)["event"] == "ready"
        for _ in range(60):  # the accessibility bus and its registry start on demand: Penna joins within seconds
            read = subprocess.run([SYSTEM_PYTHON, str(Path(__file__).with_name("atspi_walk.py")), "Penna"],
                                  env={**env, "PYTHONPATH": ""}, capture_output=True, text=True, timeout=120)
            if read.returncode == 0:
                break
            time.sleep(1)
    finally:
        penna.terminate()
        penna.wait(timeout=60)
    nodes = json.loads(read.stdout)
    assert nodes, f"Penna is not on the accessibility bus: {read.stderr[-2000:]}"
    shown = [node for node in nodes if node["showing"]]
    assert [node for node in shown if node["role"] in INTERACTIVE and not node["name"].strip()] == []
    named = {(node["role"], node["name"]) for node in shown}
    assert {("list", "Panes"), ("push button", "Settings"), ("push button", "Send")} <= named
    assert any(name == "Message" for _, name in named)
