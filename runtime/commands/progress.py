"""A terminal progress bar for exports, with stage names."""

from __future__ import annotations

import sys

from runtime.export import ExportProgress


class ExportProgressBar:
    def __init__(self, stream=sys.stderr, width: int = 30):
        self._stream, self._width = stream, width

    def __call__(self, event: ExportProgress) -> None:
        fraction = event.fraction or 0.0
        filled = int(fraction * self._width)
        bar = "#" * filled + "-" * (self._width - filled)
        self._stream.write(f"\r[{bar}] {fraction:4.0%} {event.stage:<8} {event.message[:60]:<60}")
        if event.stage == "done":
            self._stream.write("\n")
        self._stream.flush()
