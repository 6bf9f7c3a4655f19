"""The ASGI application: routes, the key check, OpenAI-shaped errors, CORS only when asked; and running it."""

from __future__ import annotations

import hmac
import logging
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from runtime.server.config import ServerConfig
from runtime.server.errors import APIError
from runtime.server.queue import RequestQueue
from runtime.server.routes import Limits, Routes

if TYPE_CHECKING:
    from runtime.engine import EngineProtocol

log = logging.getLogger(__name__)


class KeyCheck:
    """Every HTTP request must carry ``Authorization: Bearer KEY`` (compared in constant time), or gets 401."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app, self._expected = app, f"Bearer {api_key}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") != "OPTIONS":
            given = dict(scope["headers"]).get(b"authorization", b"")
            if not hmac.compare_digest(given, self._expected):
                message = "Incorrect API key." if given else "This server needs an API key: send it as 'Authorization: Bearer KEY'."
                response = APIError(401, message, code="invalid_api_key").response()
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _api_error(request: Request, error: APIError) -> Response:
    return error.response()


async def _http_error(request: Request, error: HTTPException) -> Response:
    message = {404: f"There is no {request.url.path} on this server (it serves /v1/models, /v1/chat/completions "
                    "and /v1/completions).", 405: f"{request.method} is not allowed on {request.url.path}."}
    return APIError(error.status_code, message.get(error.status_code, str(error.detail))).response()


async def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return APIError(500, f"The server failed: {error}", type="server_error").response()


def create_app(engine: EngineProtocol, config: ServerConfig) -> Starlette:
    """The OpenAI-compatible API over ``engine``."""
    routes = Routes(engine, RequestQueue(config.max_waiting),
                    Limits(config.max_tokens, config.max_body_bytes, config.history))
    middleware = []
    if config.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=config.cors_origins, allow_methods=["GET", "POST"],
                                     allow_headers=["Authorization", "Content-Type"]))
    if config.api_key:
        middleware.append(Middleware(KeyCheck, api_key=config.api_key))
    return Starlette(
        routes=[Route("/v1/models", routes.models, methods=["GET"]),
                Route("/v1/chat/completions", routes.chat_completions, methods=["POST"]),
                Route("/v1/completions", routes.completions, methods=["POST"]),
                Route("/health", routes.health, methods=["GET"])],
        middleware=middleware,
        # Starlette types each handler as taking any Exception; each of these is registered for its own type.
        exception_handlers={APIError: _api_error, HTTPException: _http_error, Exception: _unexpected},  # type: ignore[dict-item]
    )
