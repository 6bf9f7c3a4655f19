"""A terminal progress bar for exports, with stage names."""

from __future__ import annotations

import sys
from typing import TextIO

from runtime.export import ExportProgress

STEPS_LOGGED = 4  # where the output is not a terminal: a line at each quarter of the export, and at each new stage


class ExportProgressBar:
    """The export's progress, redrawn in place where ``out`` (stderr) is a terminal; a few whole lines where it is
    a file or a pipe (a log, CI), which would otherwise keep hundreds of redraws on one line."""

    def __init__(self, width: int = 30, out: TextIO | None = None) -> None:
        self._width = width
        self._out = out or sys.stderr
        self._redraw = self._out.isatty()
        self._logged: tuple[str, int] | None = None  # the stage and step last written as a line

    def __call__(self, event: ExportProgress) -> None:
        fraction = event.fraction or 0.0
        if self._redraw:
            filled = int(fraction * self._width)
            bar = "#" * filled + "-" * (self._width - filled)
            self._out.write(f"\r[{bar}] {fraction:4.0%} {event.stage:<8} {event.message[:60]:<60}")
            if event.stage == "done":
                self._out.write("\n")
        elif (step := (event.stage, int(fraction * STEPS_LOGGED))) != self._logged:
            self._logged = step
            self._out.write(f"{fraction:4.0%} {event.stage}: {event.message}\n")
        self._out.flush()
