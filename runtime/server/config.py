"""What ``penna serve`` is asked to do, and the safety rule on where it may listen (no web stack imported here)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from runtime.errors import ServerSetupError


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8088
    api_key: str | None = None
    max_waiting: int = 16  # requests queued behind the running one; more get 429
    max_tokens: int = 1024  # the most new tokens one request may ask for (and its default)
    max_body_bytes: int = 1_000_000
    cors_origins: list[str] = field(default_factory=list)
    history: bool = False

    def check(self) -> None:
        """Refuse to expose the model beyond this machine without a key."""
        if not is_loopback(self.host) and not self.api_key:
            raise ServerSetupError(
                f"Binding {self.host} makes the model reachable from other machines, so it needs a key: add "
                "--api-key KEY (clients then send it as a Bearer token), or keep the default --host 127.0.0.1.")

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/v1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
