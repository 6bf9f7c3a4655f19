"""The endpoints: GET /v1/models, POST /v1/chat/completions, POST /v1/completions, and GET /health.

One model is served, whatever a request's ``model`` says: clients send their own default ("gpt-4o-mini") or
"default", and are answered by the served model, which the answer's ``model`` field names (as LM Studio and
llama.cpp's server do).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from dataclasses import dataclass
from typing import TYPE_CHECKING

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from runtime.errors import ContextOverflowError, PennaError
from runtime.server.errors import APIError, bad_request
from runtime.server.events import EventStream, deltas, event
from runtime.server.history import record_served
from runtime.server.queue import RequestQueue
from runtime.server.requests import ParsedRequest, chat_messages, completion_prompt, parse_request, read_json
from runtime.server.shapes import AnswerShape, finish_reason

if TYPE_CHECKING:
    from runtime.engine import EngineProtocol, Generation, GenerationStats

log = logging.getLogger(__name__)


@dataclass
class Limits:
    max_tokens: int  # per request
    max_body_bytes: int
    record_history: bool


class Routes:
    def __init__(self, engine: EngineProtocol, queue: RequestQueue, limits: Limits) -> None:
        self.engine, self.queue, self.limits = engine, queue, limits

    async def models(self, request: Request) -> Response:
        model = {"id": self.engine.model_name, "object": "model", "created": 0, "owned_by": "penna",
                 "max_model_len": self.engine.context_length}
        return JSONResponse({"object": "list", "data": [model]})

    async def health(self, request: Request) -> Response:
        """Whether the server is up, its model, and how busy it is (for monitors and the window)."""
        return JSONResponse({"status": "ok", "model": self.engine.model_name, "busy": self.queue.busy,
                             "waiting": self.queue.waiting})

    async def chat_completions(self, request: Request) -> Response | EventStream:
        body = await read_json(request, self.limits.max_body_bytes)
        if not self.engine.is_chat_model:
            raise bad_request(f"{self.engine.model_name} is a base model (it has no chat template): it continues text "
                              "and cannot chat. Use POST /v1/completions with a prompt.", code="not_a_chat_model")
        messages = chat_messages(body)
        return await self._answer(parse_request(body, self.limits.max_tokens), messages, chat=True,
                                  start=lambda options: self.engine.chat(messages, options))

    async def completions(self, request: Request) -> Response | EventStream:
        body = await read_json(request, self.limits.max_body_bytes)
        prompt = completion_prompt(body)
        return await self._answer(parse_request(body, self.limits.max_tokens), [{"role": "user", "content": prompt}],
                                  chat=False, start=lambda options: self.engine.complete(prompt, options))

    async def _answer(self, parsed: ParsedRequest, messages: list[dict], chat: bool, start: Callable,
                      ) -> Response | EventStream:
        """Wait for the engine's turn, start the generation, and answer it whole or as a stream."""
        await self.queue.enter()
        try:
            generation = await anyio.to_thread.run_sync(start, parsed.options)
        except ContextOverflowError as error:
            self.queue.leave()
            raise bad_request(str(error), param="messages", code="context_length_exceeded") from error
        except PennaError as error:
            self.queue.leave()
            raise bad_request(str(error)) from error
        except BaseException:
            self.queue.leave()
            raise
        shape = AnswerShape(self.engine.model_name, chat)
        if parsed.stream:
            return EventStream(self._events(generation, shape, parsed, messages), on_close=self.queue.leave)
        try:
            text = "".join([delta async for delta in deltas(generation)])
        finally:
            self.queue.leave()
        await self._record(messages, text, generation.stats)
        return JSONResponse(shape.whole(text, generation.final_stats))

    async def _events(self, generation: Generation[str], shape: AnswerShape, parsed: ParsedRequest, messages: list[dict],
                      ) -> AsyncGenerator[bytes, None]:
        parts: list[str] = []
        try:
            yield event(shape.chunk(first=True))
            async with aclosing(deltas(generation)) as steps:
                async for delta in steps:
                    parts.append(delta)
                    for chunk in shape.text_chunks(delta):
                        yield event(chunk)
            for chunk in shape.text_chunks(None):
                yield event(chunk)
            yield event(shape.chunk(reason=finish_reason(generation.final_stats)))
            if parsed.include_usage:
                yield event(shape.usage_chunk(generation.final_stats))
            yield event("[DONE]")
        except Exception as error:
            log.exception("generation failed mid-stream")
            yield event(APIError(500, f"The answer failed: {error}", type="server_error").event())
        finally:  # also when the client went away: the answer so far, marked cancelled
            with anyio.CancelScope(shield=True):
                await self._record(messages, "".join(parts), generation.stats)

    async def _record(self, messages: list[dict], text: str, stats: GenerationStats | None) -> None:
        if self.limits.record_history:
            await anyio.to_thread.run_sync(record_served, self.engine, messages, text, stats)

