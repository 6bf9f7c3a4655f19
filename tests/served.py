"""A real ``penna serve`` in a subprocess on a free port of 127.0.0.1, for the server, remote and desktop tests.

The session fixtures are imported by tests/conftest.py, so that every test file shares the same servers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = "smollm2-135m-instruct"
KEY = "sesame-test-key"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_home(shared_home: Path, folder: Path) -> Path:
    """A PENNA_HOME of its own (its history starts empty) that shares the exported models of ``shared_home``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cache").symlink_to(shared_home / "cache")
    return folder


@contextmanager
def running_server(home: Path, *serve_args: str, global_args: tuple[str, ...] = (), start_timeout_s: float = 180):
    """Yields (base URL ending in /v1, the process); stops the server at the end."""
    port = free_port()
    command = [sys.executable, "-m", "runtime.cli", "--device", "cpu", *global_args, "serve", "--port", str(port), *serve_args]
    env = {**os.environ, "PENNA_HOME": str(home)}
    log = (home / f"serve-{port}.log").open("w+")  # a file, not a pipe nobody reads (which could fill and block)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + start_timeout_s
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"penna serve exited ({process.returncode}): {log.read()}")
            try:
                httpx.get(f"{url}/models", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


@pytest.fixture(scope="session")
def open_server(penna_home, default_export, tmp_path_factory):
    """The default model, no key, recording served conversations (--history) in a history of its own."""
    home = server_home(penna_home, tmp_path_factory.mktemp("serve") / "home")
    with running_server(home, "--history", "--max-tokens", "64") as (url, _process):
        yield url, home


@pytest.fixture(scope="session")
def client(open_server):
    import openai

    return openai.OpenAI(base_url=open_server[0], api_key="unused", max_retries=0, timeout=60)


@pytest.fixture(scope="session")
def guarded_server(penna_home, default_export, tmp_path_factory):
    """With a key, a queue of one, and a small body limit."""
    home = server_home(penna_home, tmp_path_factory.mktemp("serve-key") / "home")
    with running_server(home, "--api-key", KEY, "--max-queue", "1", "--max-body", "2000") as (url, _process):
        yield url
