"""What ``penna translate`` and ``penna summarize`` share: arguments, the input text and the streamed output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from runtime.commands.generate import echo, interrupt_cancels
from runtime.commands.precision import add_precision_argument
from runtime.errors import DocumentError

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: imported where it is used
    from runtime.engine import EngineProtocol

_DOING = {"translation": "translate", "summaries": "summarise"}


class Task(Protocol):
    @property
    def cancelled(self) -> bool: ...

    def __iter__(self) -> Iterator[str]: ...

    def cancel(self) -> None: ...


def add_task_arguments(parser: argparse.ArgumentParser) -> None:
    add_precision_argument(parser)
    parser.add_argument("--no-history", action="store_true", help="do not keep the result in the history")


def read_text(words: list[str], what: str) -> str:
    """The text given on the command line, or standard input for ``-`` or nothing."""
    if words and words != ["-"]:
        return " ".join(words)
    if sys.stdin.isatty():
        raise DocumentError(f"Give the text to {what} as an argument, or pipe it in (use - for standard input).")
    text = sys.stdin.read()
    if not text.strip():
        raise DocumentError(f"There is nothing to {what}: the input is empty.")
    return text


def write_stream(task: Task) -> str:
    """Writes each delta to stdout as it comes (Ctrl+C stops the task); returns the whole text."""
    with interrupt_cancels(task):
        text = echo(task)
    if not text.endswith("\n"):
        sys.stdout.write("\n")
    if task.cancelled:
        print("[stopped]", file=sys.stderr)
    return text


def warn_if_too_small(engine: EngineProtocol, task: str) -> None:
    """Say on stderr when ``engine``'s model is too small for ``task`` (runtime.catalogue's rule), and what to use."""
    from runtime.catalogue import task_advice

    advice = task_advice(engine, task)
    if advice is None:
        return
    better = (f" {advice.recommended.name} does it much better: penna models download {advice.recommended.id}"
              if advice.recommended else f" See: penna models catalogue --task {task}")
    print(f"penna: note: the model {advice.model_name} is too small to {_DOING[task]} well; check the result.{better}",
          file=sys.stderr, flush=True)
