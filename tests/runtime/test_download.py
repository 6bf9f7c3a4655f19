"""runtime.download against a real HTTP server on 127.0.0.1 that honours Range requests, and file URLs."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from runtime.download import DownloadPausedError, download, part_path
from runtime.errors import CorruptModelError, OfflineError

PAYLOAD = os.urandom(5 * 2**20 + 123)
SHA256 = hashlib.sha256(PAYLOAD).hexdigest()


class _RangeHandler(BaseHTTPRequestHandler):
    requests: list[str | None] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.requests.append(self.headers.get("Range"))
        start = int(self.headers["Range"].removeprefix("bytes=").rstrip("-")) if self.headers.get("Range") else 0
        if start >= len(PAYLOAD):
            self.send_response(416)
            self.end_headers()
            return
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(PAYLOAD) - start))
        self.end_headers()
        self.wfile.write(PAYLOAD[start:])

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _RangeHandler.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RangeHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/model.gguf"
    httpd.shutdown()


def test_download_checks_the_sha256_and_reports_progress(server, tmp_path):
    seen = []
    target = download(server, tmp_path / "model.gguf", SHA256, progress=lambda done, total: seen.append((done, total)))
    assert target.read_bytes() == PAYLOAD
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD)) and len(seen) > 1
    assert not part_path(target).exists()


def test_pause_keeps_the_part_and_resume_fetches_only_the_rest(server, tmp_path):
    target, pause = tmp_path / "model.gguf", threading.Event()
    pause.set()  # pause after the first chunk
    with pytest.raises(DownloadPausedError):
        download(server, target, SHA256, pause=pause)
    kept = part_path(target).stat().st_size
    assert 0 < kept < len(PAYLOAD) and not target.exists()
    download(server, target, SHA256)
    assert target.read_bytes() == PAYLOAD
    assert _RangeHandler.requests == [None, f"bytes={kept}-"]


def test_a_damaged_download_is_deleted_with_a_clear_message(server, tmp_path):
    with pytest.raises(CorruptModelError, match="damaged"):
        download(server, tmp_path / "model.gguf", "0" * 64)
    assert not any(tmp_path.iterdir())


def test_unreachable_host_fails_fast_with_an_offline_message(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(OfflineError, match="Cannot download"):
        download(f"http://127.0.0.1:{port}/x", tmp_path / "x", timeout_s=5)


def test_file_urls_work_too(tmp_path):
    source = tmp_path / "source.bin"
    source.write_bytes(PAYLOAD)
    target = download(source.as_uri(), tmp_path / "out" / "copy.bin", SHA256)
    assert target.read_bytes() == PAYLOAD
