"""The server's overhead, and how it shares the engine: tokens/s and time to first token through ``penna serve``
against the engine called directly, then with 1, 4 and 8 clients at once.

    nice -n 10 .venv/bin/python bench/bench_serve.py [--runs 3] [--tokens 64]

The default model, fp32 on the CPU, one chat prompt, greedy, exactly N new tokens (min_tokens = max_tokens),
median of ``--runs`` after a warm-up. The direct engine and the server each run in a process of their own; the
clients stream with httpx from this process. With several clients, TTFT includes the wait for the engine's turn
(one generation at a time), and tok/s is all clients' tokens over the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PROMPT = [{"role": "user", "content": "Explain how a bicycle works: the frame, the gears, the brakes and the wheels."}]


def direct(runs: int, tokens: int) -> None:
    """In a child process: the engine's own figures, printed as JSON."""
    sys.path.insert(0, str(ROOT))
    from runtime.engine import Engine, GenerationOptions

    engine = Engine.open(device="cpu")
    options = GenerationOptions(temperature=0, max_new_tokens=tokens, min_new_tokens=tokens)
    results = []
    for _ in range(runs + 1):
        generation = engine.chat(PROMPT, options)
        generation.text()
        results.append((generation.stats.ttft_s, generation.stats.tokens_per_s))
    print(json.dumps(results[1:]))


def stream_once(url: str, tokens: int) -> tuple[float, float, int]:
    """(TTFT s, decode tok/s, completion tokens) of one streamed request, timed by the client."""
    body = {"messages": PROMPT, "temperature": 0, "max_tokens": tokens, "min_tokens": tokens, "stream": True,
            "stream_options": {"include_usage": True}}
    started, first, completion = time.perf_counter(), None, 0
    with httpx.stream("POST", f"{url}/chat/completions", json=body, timeout=600) as response:
        for line in response.iter_lines():
            if not line.startswith("data: {"):
                continue
            chunk = json.loads(line[6:])
            if chunk["choices"] and chunk["choices"][0]["delta"].get("content"):
                first = first or time.perf_counter()
            completion = (chunk.get("usage") or {}).get("completion_tokens", completion)
    ended = time.perf_counter()
    return first - started, (completion - 1) / (ended - first), completion


def concurrent(url: str, clients: int, tokens: int) -> tuple[float, float]:
    """(median TTFT s, aggregate tok/s) of ``clients`` streaming at once."""
    results: list[tuple[float, float, int]] = []
    threads = [threading.Thread(target=lambda: results.append(stream_once(url, tokens))) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return statistics.median(result[0] for result in results), sum(result[2] for result in results) / wall


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "runtime.cli", "--device", "cpu", "serve", "--port", str(port)],
                               cwd=ROOT, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(600):
        try:
            httpx.get(f"{url}/models", timeout=1)
            return process, url
        except httpx.TransportError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--direct", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.direct:
        direct(args.runs, args.tokens)
        return
    output = subprocess.run([sys.executable, __file__, "--direct", "--runs", str(args.runs), "--tokens", str(args.tokens)],
                            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    runs = json.loads(output.strip().splitlines()[-1])
    rows = [("engine called directly", 1, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))]
    process, url = start_server()
    try:
        stream_once(url, args.tokens)  # warm-up
        single = [stream_once(url, args.tokens) for _ in range(args.runs)]
        rows.append(("through penna serve (1 client)", 1, statistics.median(r[0] for r in single),
                     statistics.median(r[1] for r in single)))
        for clients in (4, 8):
            many = [concurrent(url, clients, args.tokens) for _ in range(args.runs)]
            rows.append((f"through penna serve ({clients} clients at once)", clients,
                         statistics.median(r[0] for r in many), statistics.median(r[1] for r in many)))
    finally:
        process.terminate()
        process.wait(10)
    print(f"\n{args.tokens} new tokens per answer, greedy, fp32 on the CPU, median of {args.runs} runs\n")
    print("| path | clients | TTFT ms (median client) | tok/s (all clients) |")
    print("|---|---|---|---|")
    for name, clients, ttft, speed in rows:
        print(f"| {name} | {clients} | {ttft * 1000:.0f} | {speed:.1f} |")


if __name__ == "__main__":
    main()
