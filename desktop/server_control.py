"""The window's own ``penna serve``: the OpenAI API over the window's engine, on a thread, started from Settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from runtime.engine import EngineProtocol
from runtime.errors import PennaError

if TYPE_CHECKING:
    from runtime.server.run import BackgroundServer


class ServerControl(QObject):
    """Starts and stops the server; ``changed`` carries its URL, or None once stopped."""

    changed = Signal(object)  # str | None
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server: BackgroundServer | None = None

    @property
    def url(self) -> str | None:
        return self._server.url if self._server is not None else None

    def start(self, engine: EngineProtocol | None, port: int) -> None:
        """Serve ``engine`` on 127.0.0.1:``port`` (0: a free port); the engine is shared with the window (its
        answers and the served ones take turns)."""
        from runtime.server.config import ServerConfig
        from runtime.server.run import BackgroundServer

        self.stop()
        if engine is None:
            self.failed.emit(self.tr("The model is not loaded yet: wait until it is ready, then start the server."))
            return
        try:
            self._server = BackgroundServer(engine, ServerConfig(port=port))
        except PennaError as error:
            self.failed.emit(str(error))
            return
        self._server.start()
        self.changed.emit(self._server.url)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
            self.changed.emit(None)
