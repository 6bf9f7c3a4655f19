"""Shared fixtures. Every test session gets its own PENNA_HOME, and the real default model is exported
into it once (about a minute), then shared by every test that needs it.

Set PENNA_TEST_HOME to a folder to keep that export between runs while developing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.served import client, guarded_server, open_server  # noqa: F401 - servers shared by every test file

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def penna_home(tmp_path_factory) -> Path:
    """The session's PENNA_HOME: nothing a test does touches the user's real data."""
    home = Path(os.environ.get("PENNA_TEST_HOME") or tmp_path_factory.mktemp("penna-home"))
    os.environ["PENNA_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def default_export(penna_home):
    """The default model exported to fp32 ONNX in the session's cache."""
    from runtime.export import ensure_exported

    return ensure_exported()


@pytest.fixture(scope="session")
def default_engine(default_export):
    """An Engine on the real default model, on the CPU."""
    from runtime.engine import Engine

    return Engine(default_export, device="cpu")
