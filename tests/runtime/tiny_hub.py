"""A tiny model folder laid out like the hub (<root>/<repo>/<file>), its catalogue entry, and a real HTTP server
on 127.0.0.1 serving it with Range support: how catalogue downloads are tested without a network."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np

from runtime.catalogue import CatalogueModel

TINY_CONFIG = {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 64, "intermediate_size": 128,
               "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 5000,
               "tie_word_embeddings": True, "max_position_embeddings": 256}


def make_tiny_hub(root: Path, shards: int = 1) -> tuple[CatalogueModel, Path]:
    """Write a tiny model under ``root`` (3 MB of weights: several download chunks; in ``shards`` files with an
    index when more than one) and return its entry and root."""
    from safetensors.numpy import save_file

    repo = "penna-test/Tiny-Llama-Instruct"
    folder = root / repo
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps(TINY_CONFIG))
    (folder / "tokenizer.json").write_text(json.dumps({"model": {"type": "BPE", "vocab": {}, "merges": []}}))
    rng = np.random.default_rng(0)
    names = ["model.safetensors"] if shards == 1 else [
        f"model-{number:05d}-of-{shards:05d}.safetensors" for number in range(1, shards + 1)]
    weight_map = {}
    for number, name in enumerate(names):
        tensor = f"model.layers.{number}.weight"
        save_file({tensor: rng.standard_normal((5000, 160 // shards)).astype(np.float32)}, str(folder / name))
        weight_map[tensor] = name
    if shards > 1:
        (folder / "model.safetensors.index.json").write_text(json.dumps({"metadata": {}, "weight_map": weight_map}))
    files = tuple(sorted(path.name for path in folder.iterdir()))
    size = sum(file.stat().st_size for file in folder.iterdir())
    entry = CatalogueModel(
        id="tiny-llama-instruct", repo=repo, name="Tiny Llama", architecture="llama", parameters=800_000,
        download_gb=size / 1e9, size_approximate=True, ram_gb=0.1, context_length=256, license="Apache-2.0",
        license_url="", gated=False, good_for=("chat",), files=files)
    return entry, root


class HubHandler(BaseHTTPRequestHandler):
    """Serves <root>/<repo>/resolve/main/<file> with Range support; ``refuse`` answers that status instead."""

    root: Path
    refuse: int | None = None
    requests: list[tuple[str, str | None]] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.requests.append((self.path, self.headers.get("Range")))
        path = self.root / self.path.lstrip("/").replace("/resolve/main/", "/")
        if self.refuse or not path.is_file():
            self.send_response(self.refuse or 404)
            self.end_headers()
            return
        data = path.read_bytes()
        start = int(self.headers["Range"].removeprefix("bytes=").rstrip("-")) if self.headers.get("Range") else 0
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])

    def log_message(self, *_args: object) -> None:
        pass


@contextlib.contextmanager
def serve_hub(root: Path) -> Iterator[str]:
    """A server for the files under ``root``; yields its URL template for runtime.catalogue.fetch."""
    HubHandler.root, HubHandler.refuse, HubHandler.requests = root, None, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), HubHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{{repo}}/resolve/main/{{file}}"
    finally:
        server.shutdown()
        server.server_close()
