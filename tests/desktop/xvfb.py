"""What the end-to-end tests on a real X server share: a fresh Xvfb, and reading a child's JSON lines.

Xvfb runs on a display it picks itself; only the child processes see it (the rest of the suite stays offscreen).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest

ROOT = Path(__file__).resolve().parents[2]
MISSING_TOOLS = [tool for tool in ("Xvfb", "xdotool", "xclip") if shutil.which(tool) is None]
needs_x_tools = pytest.mark.skipif(bool(MISSING_TOOLS), reason=f"needs {', '.join(MISSING_TOOLS)} (Debian packages "
                                                               "xvfb, xdotool, xclip)")


_unread: WeakKeyDictionary[subprocess.Popen, bytearray] = WeakKeyDictionary()


def read_event(process: subprocess.Popen, deadline: float) -> dict:
    """The child's next JSON line; fails (with its stderr) if it ends or the deadline passes first.

    Reads the pipe itself (os.read), keeping what follows the line for the next call: a line read through
    ``process.stdout`` would leave any lines that came with it in the file object's buffer, where select() does not
    see them, and the next call would wait for the deadline on an event already received."""
    pending = _unread.setdefault(process, bytearray())
    while b"\n" not in pending and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 1.0)
        if ready:
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:  # the child closed its output: nothing more comes
                break
            pending += chunk
        elif process.poll() is not None:
            break
    if b"\n" in pending:
        line, _, rest = pending.partition(b"\n")
        pending[:] = rest
        return json.loads(line)
    process.kill()
    pytest.fail(f"the child said nothing more (exit {process.poll()}):\n{process.stderr.read()[-4000:]}")


@contextmanager
def xvfb() -> Iterator[str]:
    """A fresh Xvfb; yields its DISPLAY value."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


def penna_env(display: str, exported_cache: Path, home: Path) -> dict[str, str]:
    """The environment of a Penna child on ``display``: a fresh PENNA_HOME at ``home`` sharing the session's
    exported model, the xcb platform, and no session bus (so that no running Penna answers instead)."""
    home.mkdir()
    (home / "cache").symlink_to(exported_cache, target_is_directory=True)
    return {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PENNA_HOME": str(home),
            "PYTHONPATH": str(ROOT), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}


def child(script: str, env: dict, *args: str) -> subprocess.Popen:
    """The test child ``script`` (a file beside this one) on ``env``'s display, its stdin, stdout and stderr piped."""
    return subprocess.Popen([sys.executable, str(Path(__file__).with_name(script)), *args], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop_children(*processes: subprocess.Popen) -> None:
    """Close each child's stdin (which tells it to quit), then wait for it; one that does not quit is killed."""
    for process in processes:
        process.stdin.close()
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
