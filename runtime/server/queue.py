"""Requests take turns on the one engine, first come first served, and only a bounded number may wait."""

from __future__ import annotations

import asyncio

from runtime.server.errors import APIError


class RequestQueue:
    """One generation at a time. ``enter()`` waits for this request's turn (FIFO: asyncio.Lock wakes waiters in
    order) or, when ``max_waiting`` requests already wait, refuses at once with 429 and a Retry-After."""

    def __init__(self, max_waiting: int, retry_after_s: int = 2) -> None:
        self.max_waiting = max_waiting
        self.retry_after_s = retry_after_s
        self._lock = asyncio.Lock()
        self.waiting = 0

    async def enter(self) -> None:
        if self._lock.locked() and self.waiting >= self.max_waiting:
            raise APIError(429, f"The server is busy: {self.waiting} requests are already waiting for the model. "
                                "Retry in a moment.", type="rate_limit_error", code="server_busy",
                           headers={"Retry-After": str(self.retry_after_s)})
        self.waiting += 1
        try:
            await self._lock.acquire()
        finally:
            self.waiting -= 1

    def leave(self) -> None:
        self._lock.release()

    @property
    def busy(self) -> bool:
        return self._lock.locked()
