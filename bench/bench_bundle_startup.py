"""Start-up time and size of the Linux bundle (``make package``), run as a user runs it.

Each run gets a fresh HOME and starts the unpacked bundle with no Python environment (``env -i``):
- the window, on an Xvfb display, twice: the first start (which converts the default model's GGUF) and a later
  one; each is timed from the spawn to the window being visible (``xdotool search --onlyvisible``) and to the
  model being loaded (the ``model ready`` log line of ``penna -v``);
- ``penna generate "What is the capital of France?"`` in another fresh HOME: the first answer on the command line,
  preparation included, timed to the process's end.
Prints medians as a table.

    nice -n 10 .venv/bin/python bench/bench_bundle_startup.py [--runs 5] [--bundle dist/penna/penna]

Needs Xvfb and xdotool (Debian).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":96"
QUESTION = "What is the capital of France?"


def bare_env(home: str) -> list[str]:
    return ["env", "-i", "PATH=/usr/bin:/bin", f"HOME={home}", f"DISPLAY={DISPLAY}"]


def window_start(bundle: Path, home: str, timeout_s: float = 300.0) -> dict[str, float]:
    """Seconds from the spawn to the window being visible and to the model being ready."""
    started = time.perf_counter()
    process = subprocess.Popen([*bare_env(home), str(bundle), "-v"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    times: dict[str, float] = {}

    def watch_log() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if "model ready" in line:
                times.setdefault("ready", time.perf_counter() - started)

    threading.Thread(target=watch_log, daemon=True).start()
    try:
        while len(times) < 2 and time.perf_counter() - started < timeout_s:
            if "visible" not in times:
                found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Penna$"],
                                       env={"DISPLAY": DISPLAY}, capture_output=True, text=True)
                if found.stdout.strip():
                    times["visible"] = time.perf_counter() - started
            time.sleep(0.02)
    finally:
        process.terminate()
        process.wait(timeout=30)
    if len(times) < 2:
        raise SystemExit(f"the bundle did not show its window and load its model within {timeout_s:.0f} s: {times}")
    return times


def first_answer(bundle: Path, home: str) -> float:
    """Seconds from the spawn to the end of the first ``penna generate`` (preparation included); checks the answer."""
    started = time.perf_counter()
    result = subprocess.run([*bare_env(home), str(bundle), "generate", QUESTION, "--temperature", "0"],
                            capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "Paris" not in result.stdout:
        raise SystemExit(f"the bundle's first answer did not name Paris: {result.stdout!r} {result.stderr[-500:]!r}")
    return elapsed


def run_once(bundle: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as home:
        first = window_start(bundle, home)
        later = window_start(bundle, home)
        times.update({"first visible": first["visible"], "first ready": first["ready"],
                      "later visible": later["visible"], "later ready": later["ready"]})
    with tempfile.TemporaryDirectory() as home:
        times["first answer"] = first_answer(bundle, home)
    return times


LABELS = {
    "first visible": "first start: window visible",
    "first ready": "first start: model converted and ready",
    "later visible": "later start: window visible",
    "later ready": "later start: model ready",
    "first answer": "first `penna generate` (conversion + answer)",
}


def folder_mib(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink()) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "penna" / "penna")
    args = parser.parse_args()
    server = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        runs = [run_once(args.bundle.resolve()) for _ in range(args.runs)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    archives = sorted((ROOT / "dist").glob("penna-*-linux-x86_64.tar.gz"))
    print(f"Penna bundle {args.bundle.parent}: {folder_mib(args.bundle.parent):.0f} MiB unpacked"
          + (f", {archives[-1].stat().st_size / 2**20:.0f} MiB as {archives[-1].name}" if archives else ""))
    print(f"env -i, fresh HOME, window under Xvfb, {args.runs} runs ({os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f})")
    print("| moment | median s | min s | max s |")
    print("|---|---|---|---|")
    for key, label in LABELS.items():
        values = [run[key] for run in runs]
        print(f"| {label} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
