"""Driving a blocking Generation from the event loop, and streaming it as server-sent events.

Each token step runs in a worker thread. However the stream ends — finished, failed, or the client gone — the
generation is cancelled and drained before the engine's turn is given back, so a client that disconnects
mid-stream frees the engine within one token.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Callable, Iterator
from contextlib import aclosing
from typing import TYPE_CHECKING

import anyio
from starlette.types import Receive, Scope, Send

if TYPE_CHECKING:
    from runtime.engine import Generation


async def deltas(generation: Generation[str]) -> AsyncGenerator[str, None]:
    """The generation's text deltas; closing this iterator (or cancelling its task) cancels the generation."""
    steps = iter(generation)
    try:
        while (delta := await anyio.to_thread.run_sync(next, steps, None)) is not None:
            yield delta
    finally:
        generation.cancel()
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(_drain, steps)


def _drain(steps: Iterator[str]) -> None:
    """Run a cancelled generation to its end (at most one more token), which releases the engine."""
    for _ in steps:
        pass


def event(payload: dict | str) -> bytes:
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return f"data: {data}\n\n".encode()


class EventStream:
    """A text/event-stream response over ``events``, which is closed however sending ends; a disconnect seen on
    ``receive`` cancels the stream at once (not only at the next failed send). ``on_close`` runs last."""

    HEADERS = ((b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache"),
               (b"x-accel-buffering", b"no"))

    def __init__(self, events: AsyncGenerator[bytes, None], on_close: Callable[[], None]) -> None:
        self._events, self._on_close = events, on_close

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(_cancel_on_disconnect, receive, group.cancel_scope)
                try:
                    await send({"type": "http.response.start", "status": 200, "headers": list(self.HEADERS)})
                    async with aclosing(self._events) as events:
                        async for chunk in events:
                            await send({"type": "http.response.body", "body": chunk, "more_body": True})
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                except OSError:
                    pass  # the client went away while we were sending
                group.cancel_scope.cancel()
        finally:
            self._on_close()


async def _cancel_on_disconnect(receive: Receive, scope: anyio.CancelScope) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
    scope.cancel()
