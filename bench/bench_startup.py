"""Start-up time of the Penna window with the model already exported.

Each run starts a fresh process (`--child`) that opens the window exactly as `penna` does and
reports when the window is visible and when the model is loaded; the parent times both from the
moment it spawned the process. Prints the median of several runs as a table.

    .venv/bin/python bench/bench_startup.py [--runs 5]

Uses the normal per-user folders (or PENNA_HOME); the model must have been prepared once
(run `penna` or `penna models export` first).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = ("torch", "transformers", "optimum")
ROOT = Path(__file__).resolve().parent.parent


def child() -> int:
    """Open the window like run_app(); print "visible", then "ready" with the heavy modules loaded."""
    from PySide6.QtCore import QTimer

    from desktop.app import application, create_window

    app = application([])
    window = create_window(app)

    def report(event: str, **extra: object) -> None:
        print(json.dumps({"event": event, **extra}), flush=True)

    def on_ready(_engine: object) -> None:
        report("ready", heavy=[name for name in HEAVY if name in sys.modules], device=window.status.device_label.text())
        window.close()
        app.quit()

    window.session.ready.connect(on_ready)
    window.session.failed.connect(lambda error: (report("failed", error=str(error)), app.exit(1)))
    window.show()
    QTimer.singleShot(0, lambda: report("visible"))
    QTimer.singleShot(0, window.start)
    return app.exec()


def run_once() -> dict[str, float]:
    """One start-up: seconds from spawning the process to the window being visible and the model ready."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, "--child"], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    times: dict[str, float] = {}
    for line in process.stdout:
        event = json.loads(line)
        times[event["event"]] = time.perf_counter() - started
        if event["event"] == "failed":
            raise SystemExit(f"start-up failed: {event['error']}")
        if event["event"] == "ready" and event["heavy"]:
            raise SystemExit(f"heavy modules imported at start-up: {event['heavy']}")
    process.wait()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    runs = [run_once() for _ in range(args.runs)]
    print(f"Penna start-up, model already exported, {args.runs} runs ({os.cpu_count()} cores, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']})")
    print_table(runs)
    return 0


def print_table(runs: list[dict[str, float]]) -> None:
    """Median, min and max seconds to the window being visible and to the model being ready."""
    print("| moment | median s | min s | max s |")
    print("|---|---|---|---|")
    for event, label in (("visible", "window visible"), ("ready", "model loaded, ready to chat")):
        values = [run[event] for run in runs]
        print(f"| {label} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |")


if __name__ == "__main__":
    sys.exit(main())
