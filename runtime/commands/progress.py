"""A terminal progress bar for exports, with stage names."""

from __future__ import annotations

import sys

from runtime.export import ExportProgress


class ExportProgressBar:
    def __init__(self, width: int = 30) -> None:
        self._width = width

    def __call__(self, event: ExportProgress) -> None:
        fraction = event.fraction or 0.0
        filled = int(fraction * self._width)
        bar = "#" * filled + "-" * (self._width - filled)
        sys.stderr.write(f"\r[{bar}] {fraction:4.0%} {event.stage:<8} {event.message[:60]:<60}")
        if event.stage == "done":
            sys.stderr.write("\n")
        sys.stderr.flush()
