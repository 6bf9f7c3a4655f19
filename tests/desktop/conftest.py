"""Fixtures for the desktop tests: a private PENNA_HOME (settings, history), a real store, the window."""

from __future__ import annotations

from collections.abc import Iterator
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection

from desktop.app import application, create_window
from desktop.main_window import MainWindow
from desktop.settings import Settings
from runtime.store import HistoryStore


@pytest.fixture
def desktop_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PENNA_HOME of the test's own: empty settings, history and model cache."""
    home = tmp_path / "home"
    monkeypatch.setenv("PENNA_HOME", str(home))
    return home


@pytest.fixture
def store(desktop_home: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open() as opened:
        yield opened


@pytest.fixture
def window(qtbot, store: HistoryStore) -> Iterator[MainWindow]:  # noqa: ANN001 - pytest-qt's fixture
    """The real window on a fresh history, without a model (tests that chat give it one)."""
    app = application([])
    shown = create_window(app, Settings(), store)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    from desktop.i18n import set_language

    set_language("en")


@pytest.fixture(scope="session")
def exported_cache(default_export) -> Path:  # noqa: ANN001 - the session's export from tests/conftest.py
    """The session's cache folder (…/cache/models/<model>) holding the exported default model, at fp32 and at the
    precision the window loads by default ("auto")."""
    from runtime.export import ensure_exported
    from runtime.export.precision import AUTO, resolve_precision

    ensure_exported(precision=resolve_precision(AUTO))
    return Path(default_export.path).parents[1]


@pytest.fixture
def chat_window(window, default_engine):  # noqa: ANN001
    """The window chatting with the real default model (CPU, fp32); short answers to keep tests quick."""
    from desktop.settings import Sampling

    window.settings.sampling = Sampling(temperature=0.0, max_new_tokens=24, seed=1)
    window.session.use(default_engine)
    return window


@pytest.fixture
def model_window(window, default_engine):  # noqa: ANN001
    """The window with the real default model loaded (CPU, fp32)."""
    window.session.use(default_engine)
    return window


@pytest.fixture
def x_display() -> Iterator[str]:
    """A fresh Xvfb for end-to-end tests; yields its DISPLAY value (only child processes use it)."""
    from tests.desktop.xvfb import xvfb

    with xvfb() as display:
        yield display


@pytest.fixture
def session_bus(tmp_path: Path):  # noqa: ANN201
    """A private D-Bus session daemon: (its address, a connection of this process to it)."""
    if not shutil.which("dbus-daemon"):
        pytest.skip("dbus-daemon is not installed (Debian: dbus)")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE,
                              text=True)
    address = daemon.stdout.readline().strip()
    bus = QDBusConnection.connectToBus(address, f"penna-test-{tmp_path.name}")
    if not bus.isConnected():
        daemon.kill()
        pytest.skip(f"could not connect to a private D-Bus daemon: {bus.lastError().message()}")
    yield address, bus
    QDBusConnection.disconnectFromBus(bus.name())
    daemon.terminate()
    daemon.wait()
