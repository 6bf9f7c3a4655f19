"""Fixtures shared by the runtime tests."""

import pytest

from runtime.store import HistoryStore


@pytest.fixture
def store(tmp_path):
    """A fresh history database of the test's own (a test file may define its own ``store``)."""
    with HistoryStore.open(tmp_path / "history.db") as opened:
        yield opened
