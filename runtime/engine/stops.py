"""Stop strings in streamed text: hold back only what could still turn into a stop string."""

from __future__ import annotations


class StopMatcher:
    def __init__(self, stops: tuple[str, ...]) -> None:
        self._stops = tuple(stop for stop in stops if stop)
        self._pending = ""

    def push(self, text: str) -> tuple[str, bool]:
        """Returns (text safe to show, whether a stop string was reached)."""
        if not self._stops:
            return text, False
        self._pending += text
        found = [index for stop in self._stops if (index := self._pending.find(stop)) >= 0]
        if found:
            ready, self._pending = self._pending[: min(found)], ""
            return ready, True
        keep = max((size for stop in self._stops for size in range(1, len(stop)) if self._pending.endswith(stop[:size])), default=0)
        ready = self._pending[: len(self._pending) - keep]
        self._pending = self._pending[len(ready):]
        return ready, False

    def flush(self) -> str:
        """What was held back, once the answer ended without reaching a stop string."""
        pending, self._pending = self._pending, ""
        return pending
