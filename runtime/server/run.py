"""Running the app on uvicorn: in the foreground (``penna serve``) or on a thread (the window's server)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import uvicorn

from runtime.errors import ServerSetupError
from runtime.server.app import create_app
from runtime.server.config import ServerConfig

if TYPE_CHECKING:
    from runtime.engine import EngineProtocol


def bind(config: ServerConfig) -> socket.socket:
    """The listening socket, bound here so that a busy port is a clear error rather than uvicorn exiting."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((config.host, config.port))
    except OSError as error:
        sock.close()
        raise ServerSetupError(f"Cannot listen on {config.host}:{config.port} ({error.strerror}). "
                               "Choose another --port, or stop what uses this one.") from error
    sock.listen(128)
    config.port = sock.getsockname()[1]  # port 0 asks the system for a free one
    return sock


def _server(engine: EngineProtocol, config: ServerConfig) -> uvicorn.Server:
    return uvicorn.Server(uvicorn.Config(create_app(engine, config), log_level="warning", access_log=False,
                                         timeout_graceful_shutdown=2))


def serve(engine: EngineProtocol, config: ServerConfig, announce: Callable[[str], None] = lambda url: None) -> None:
    """Serve until interrupted (Ctrl+C); ``announce`` gets the URL once the port is bound."""
    config.check()
    sock = bind(config)
    announce(config.url)
    _server(engine, config).run(sockets=[sock])


class BackgroundServer:
    """The server on a daemon thread: ``start()`` returns once it listens, ``stop()`` once it has stopped."""

    def __init__(self, engine: EngineProtocol, config: ServerConfig) -> None:
        config.check()
        self.config = config
        self._socket = bind(config)
        self._server = _server(engine, config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]},
                                        name="penna-serve", daemon=True)

    @property
    def url(self) -> str:
        return self.config.url

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout_s)
        self._socket.close()
