"""The Linux bundle as a user gets it: unpacked into a temporary folder and run with no Python environment
(``env -i PATH=/usr/bin:/bin HOME=...``). `make test-package` builds it first (`make package`).

The bundle carries the default model's GGUF and the streamed converter (no PyTorch): its first start converts the
model as a pip install does, and it adds and converts models of the fused families; tiny random-weight ones are
built here (with this venv's transformers) and handed to it."""

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


def penna(bare_env: list[str], bundle: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([*bare_env, str(bundle), *arguments], capture_output=True, text=True, timeout=600)


def test_the_bundle_prepares_its_model_like_a_pip_install_and_answers(bundle: Path, bare_env: list[str]) -> None:
    result = penna(bare_env, bundle, "generate", QUESTION, "--temperature", "0")
    assert result.returncode == 0, result.stderr
    assert "smollm2-135m-instruct (fp32) is ready" in result.stderr  # converted on this first start, at fp32
    assert "Paris" in result.stdout
    listed = penna(bare_env, bundle, "models", "list")
    assert listed.returncode == 0 and "exported: fp32*" in listed.stdout, listed.stdout + listed.stderr


@pytest.mark.parametrize("form", ["safetensors", "gguf"])
def test_the_bundle_adds_a_model_converts_it_without_torch_and_answers_with_it(
        bundle: Path, bare_env: list[str], tmp_path: Path, form: str) -> None:
    from tests.runtime.test_parity import build_tiny_model
    from tests.runtime.tiny_gguf import write_gguf

    folder = tmp_path / "tiny-llama"
    build_tiny_model("llama", folder)
    source = folder if form == "safetensors" else write_gguf(folder, tmp_path / "tiny-llama-gguf.gguf")
    added = penna(bare_env, bundle, "models", "add", str(source))
    assert added.returncode == 0, added.stderr
    name = source.stem
    assert f"added {name} (llama)" in added.stdout
    answer = penna(bare_env, bundle, "--model", name, "generate", "t1 t2 t3", "--max-new-tokens", "8", "--no-history")
    assert answer.returncode == 0, answer.stderr
    assert f"{name} (fp32) is ready" in answer.stderr  # the tiny model was converted, in the bundle's own worker
    assert answer.stdout.strip()
    exported = penna(bare_env, bundle, "models", "export", name, "--precision", "int4")  # ONNX Runtime's quantizer
    assert exported.returncode == 0, exported.stderr
    listed = penna(bare_env, bundle, "models", "list")
    assert any(line.split()[:1] == [name] and "exported: fp32*, int4" in line for line in listed.stdout.splitlines()), listed.stdout


def test_the_bundle_downloads_a_catalogue_model_and_answers_with_it(bundle: Path, bare_env: list[str],
                                                                   tmp_path: Path) -> None:
    """qwen3-0.6b's catalogue download is its publisher's GGUF file: a tiny Qwen3 GGUF stands in for it, served on
    127.0.0.1 the way the hub serves files."""
    from tests.runtime.test_parity import build_tiny_model
    from tests.runtime.tiny_gguf import write_gguf
    from tests.runtime.tiny_hub import serve_hub

    build_tiny_model("qwen3", tmp_path / "tiny-qwen3")
    repo = tmp_path / "hub" / "Qwen" / "Qwen3-0.6B-GGUF"
    repo.mkdir(parents=True)
    write_gguf(tmp_path / "tiny-qwen3", repo / "Qwen3-0.6B-Q8_0.gguf")
    with serve_hub(tmp_path / "hub") as url:
        fetched = penna([*bare_env, f"PENNA_HUB_URL={url}"], bundle, "models", "download", "qwen3-0.6b")
    assert fetched.returncode == 0, fetched.stderr
    answer = penna(bare_env, bundle, "--model", "qwen3-0.6b", "generate", "t1 t2", "--max-new-tokens", "4", "--no-history")
    assert answer.returncode == 0, answer.stderr
    assert "qwen3-0.6b (fp32) is ready" in answer.stderr and answer.stdout.strip()


def test_the_bundle_refuses_a_generic_family_model_saying_how(bundle: Path, bare_env: list[str], tmp_path: Path) -> None:
    from tests.runtime.test_parity import build_tiny_model

    build_tiny_model("gpt2", tmp_path / "tiny-gpt2")
    result = penna(bare_env, bundle, "models", "add", str(tmp_path / "tiny-gpt2"))
    assert result.returncode == 1
    assert "pipx install 'penna[export]'" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


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
