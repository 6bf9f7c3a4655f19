"""Start-up time and size of the Linux bundle (``make package``), run as a user runs it.

Each run starts the unpacked bundle in its own process with no Python environment (``env -i``, a fresh HOME),
on an Xvfb display, and times from the spawn to the window being visible (``xdotool search --onlyvisible``)
and to the model being loaded (the ``model ready`` log line of ``penna -v``). Prints medians as a table.

    nice -n 10 .venv/bin/python bench/bench_bundle_startup.py [--runs 5] [--bundle dist/penna/penna]

Needs Xvfb and xdotool (Debian).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_startup import print_table  # bench/ is on sys.path when a script there runs

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":96"


def run_once(bundle: Path, timeout_s: float = 180.0) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        process = subprocess.Popen(["env", "-i", "PATH=/usr/bin:/bin", f"HOME={home}", f"DISPLAY={DISPLAY}",
                                    str(bundle), "-v"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times: dict[str, float] = {}

        def watch_log() -> None:
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
    print(f"start-up under Xvfb, env -i, fresh HOME, {args.runs} runs ({os.cpu_count()} cores)")
    print_table(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
