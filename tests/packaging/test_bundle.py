"""The Linux bundle as a user gets it: unpacked into a temporary folder and run with no Python environment
(``env -i PATH=/usr/bin:/bin HOME=...``). `make test-package` builds it first (`make package`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging" / "bundle"))
from build import archive_path  # noqa: E402  (packaging/bundle/build.py names the archive)

pytestmark = pytest.mark.package

QUESTION = "What is the capital of France?"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    archive = archive_path()
    if not archive.exists():
        pytest.skip(f"{archive} is missing: `make test-package` builds it (`make package`)")
    folder = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["tar", "-xzf", str(archive), "-C", str(folder)], check=True, timeout=300)
    return folder / "penna" / "penna"


@pytest.fixture
def bare_env(tmp_path: Path) -> list[str]:
    """``env -i``: no Python, no virtual environment, no PENNA_HOME; an empty home folder."""
    home = tmp_path / "home"
    home.mkdir()
    return ["env", "-i", "PATH=/usr/bin:/bin", f"HOME={home}"]


def test_the_bundle_answers_with_its_own_model_and_no_python(bundle: Path, bare_env: list[str]) -> None:
    result = subprocess.run([*bare_env, str(bundle), "generate", QUESTION, "--temperature", "0"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Paris" in result.stdout


def test_the_bundle_says_how_to_convert_other_models(bundle: Path, bare_env: list[str], tmp_path: Path) -> None:
    result = subprocess.run([*bare_env, str(bundle), "models", "add", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "pipx install 'penna[export]'" in result.stderr and "Traceback" not in result.stderr


def test_the_bundle_reads_the_catalogue_and_the_prompts_from_its_assets(bundle: Path, bare_env: list[str]) -> None:
    listed = subprocess.run([*bare_env, str(bundle), "models", "catalogue"], capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0 and "qwen2.5-1.5b-instruct" in listed.stdout, listed.stderr
    summary = subprocess.run([*bare_env, str(bundle), "summarize", "-", "--no-history"], input=QUESTION * 3,
                             capture_output=True, text=True, timeout=300)
    assert summary.returncode == 0 and summary.stdout.strip(), summary.stderr


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool (Debian)")
def test_the_bundle_opens_its_window_under_xvfb(bundle: Path, bare_env: list[str], tmp_path: Path) -> None:
    display = ":97"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app = None
    try:
        time.sleep(1.0)
        app = subprocess.Popen([*bare_env, f"DISPLAY={display}", str(bundle)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        found = subprocess.run(["timeout", "120", "xdotool", "search", "--sync", "--onlyvisible", "--name", "^Penna$"],
                               env={"DISPLAY": display, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
        assert found.returncode == 0 and found.stdout.strip(), "no window named Penna appeared"
        window_class = subprocess.run(["xprop", "-id", found.stdout.split()[0], "WM_CLASS"], capture_output=True,
                                      text=True, env={"DISPLAY": display}) if shutil.which("xprop") else None
        if window_class is not None:
            assert '"Penna"' in window_class.stdout  # StartupWMClass in the desktop entry
        assert app.poll() is None
    finally:
        if app is not None:
            app.terminate()
            output = app.communicate(timeout=30)[0]
            print(output)
        server.terminate()
        server.wait(timeout=30)
