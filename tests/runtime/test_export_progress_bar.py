"""The export's progress in the terminal: redrawn in place on a terminal, a few lines in a log."""

from __future__ import annotations

import io

from runtime.commands.progress import ExportProgressBar
from runtime.export import ExportProgress

EVENTS = [ExportProgress("convert", index / 100, f"converting: {index} of 92 MB read") for index in range(93)]
EVENTS.append(ExportProgress("done", 1.0, "smollm2-135m-instruct (fp32) is ready"))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_a_line_per_quarter_and_stage_not_every_redraw():
    log = io.StringIO()
    bar = ExportProgressBar(out=log)
    for event in EVENTS:
        bar(event)
    lines = log.getvalue().splitlines()
    assert "\r" not in log.getvalue()
    assert lines == ["  0% convert: converting: 0 of 92 MB read", " 25% convert: converting: 25 of 92 MB read",
                     " 50% convert: converting: 50 of 92 MB read", " 75% convert: converting: 75 of 92 MB read",
                     "100% done: smollm2-135m-instruct (fp32) is ready"]


def test_a_terminal_gets_the_bar_redrawn_in_place():
    terminal = Terminal()
    bar = ExportProgressBar(out=terminal)
    for event in EVENTS:
        bar(event)
    assert terminal.getvalue().count("\r") == len(EVENTS) and terminal.getvalue().endswith("\n")
    assert "[###############---------------]  50% convert" in terminal.getvalue()
