"""``penna generate`` and ``penna chat`` as a user runs them: real processes, the real default model."""

from __future__ import annotations

import io
import os
import select
import signal
import subprocess
import sys
import time

import pytest

from runtime.commands.generate import DIM, PLAIN, TerminalAnswer


def penna_command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "runtime.cli", *argv]


@pytest.fixture
def home(tmp_path, default_export):
    """A fresh history, sharing the session's exported model cache."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "cache").symlink_to(default_export.path.parent.parent)
    return {**os.environ, "PENNA_HOME": str(home), "PYTHONUNBUFFERED": "1"}


def run(env: dict, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(penna_command(*argv), env=env, capture_output=True, text=True, timeout=300)


def test_generate_streams_an_answer_and_records_it(home):
    result = run(home, "generate", "What is the capital of France? Answer in one sentence.", "--temperature", "0")
    assert result.returncode == 0, result.stderr
    assert "Paris" in result.stdout
    found = run(home, "history", "search", "capital of France")
    assert found.returncode == 0 and "capital of France" in found.stdout


def test_no_history_records_nothing(home):
    result = run(home, "generate", "Say hello to Zanzibar.", "--max-new-tokens", "8", "--no-history")
    assert result.returncode == 0
    assert "Zanzibar" not in run(home, "history", "search", "Zanzibar").stdout


def read_some(stream, timeout: float) -> str:
    deadline, text = time.monotonic() + timeout, ""
    while time.monotonic() < deadline and not text.replace(">", "").strip():  # past the "> " prompt
        if select.select([stream], [], [], 0.2)[0]:
            text += os.read(stream.fileno(), 4096).decode("utf-8", "replace")
    return text


def test_chat_ctrl_c_stops_the_answer_not_the_program(home):
    process = subprocess.Popen(penna_command("chat", "--max-new-tokens", "400", "--temperature", "0"), env=home,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdin.write(b"Write a very long story about a dragon who learns to cook.\n")
    process.stdin.flush()
    assert read_some(process.stdout, 120), "no answer started streaming"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(b"What is the capital of France? Answer in one sentence.\n", timeout=300)
    assert process.returncode == 0, err
    assert b"[stopped]" in err
    assert b"Paris" in out
    listing = run(home, "history", "show", "1")
    assert "dragon" in listing.stdout and "Paris" in listing.stdout


class Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty", [True, False])
def test_a_reasoning_models_thinking_is_dimmed_on_a_terminal_and_left_out_of_a_pipe(tty):
    out = Terminal(tty)
    answer = TerminalAnswer(out)
    for delta in ["<thi", "nk>\nThe user wants", " a capital.</th", "ink>\n\nParis", " is the capital."]:
        answer.write(delta)
    answer.finish()
    thinking = f"{DIM}The user wants a capital.{PLAIN}\n\n" if tty else ""
    assert out.getvalue() == thinking + "Paris is the capital."
    assert answer.answer == "Paris is the capital."  # what penna chat --no-history gives the model back


def test_an_answer_stopped_while_thinking_leaves_the_terminal_undimmed():
    out = Terminal(True)
    answer = TerminalAnswer(out)
    answer.write("<think>Let me see")
    answer.finish()
    assert out.getvalue() == f"{DIM}Let me see{PLAIN}"
