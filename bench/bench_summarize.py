"""Time and peak memory to summarise a 20,000-token document with the default model, and chunks per minute.

    .venv/bin/python bench/bench_summarize.py [--runs 3] [--device cpu] [--precision auto] [--max-chunk-tokens N]
        [--map-tokens N] [--rows N]

``--rows``: how many partial summaries are decoded together at most (runtime.engine.batch.MAX_ROWS; 1 = one at a
time, as before batching).

Prints a Markdown table: the median of the runs for each figure (peak RSS is the process's resident memory,
sampled every 20 ms during each run, model loaded included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runtime.engine import Engine, batch  # noqa: E402
from runtime.tasks.summarize import SummaryOptions, summarize  # noqa: E402
from tests.runtime.sample_report import report  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class PeakSampler:
    def __init__(self) -> None:
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def one_run(engine: Engine, text: str, options: SummaryOptions) -> dict[str, float]:
    steps: list[float] = []
    started = time.perf_counter()
    summary = summarize(engine, text, options=options, progress=lambda done, total: steps.append(time.perf_counter()))
    with PeakSampler() as sampler:
        result = summary.text()
    total = time.perf_counter() - started
    map_time = steps[summary.chunks - 1] - started
    return {"seconds": total, "chunks": summary.chunks, "chunks_per_min": summary.chunks / map_time * 60,
            "peak_mb": sampler.peak, "summary_chars": len(result)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--precision", default="auto", help="auto: the default for the model on the device")
    parser.add_argument("--paragraphs", type=int, default=200, help="size of the made-up report")
    parser.add_argument("--max-chunk-tokens", type=int, default=1024)
    parser.add_argument("--map-tokens", type=int, default=40)
    parser.add_argument("--rows", type=int, default=batch.MAX_ROWS)
    args = parser.parse_args()
    batch.MAX_ROWS = args.rows

    engine = Engine.open(precision=args.precision, device=args.device)
    text = report(args.paragraphs)
    tokens = engine.count_tokens(text)
    options = SummaryOptions(map_tokens=args.map_tokens, max_chunk_tokens=args.max_chunk_tokens)
    runs = []
    for number in range(1, args.runs + 1):
        runs.append(one_run(engine, text, options))
        print(f"run {number}: " + ", ".join(f"{key} {value:.1f}" for key, value in runs[-1].items()), file=sys.stderr,
              flush=True)
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"model {engine.model_name} ({engine.precision}, {engine.device}), document {tokens} tokens, chunks of at most "
          f"{args.max_chunk_tokens} tokens, partial summaries of at most {args.map_tokens} tokens decoded {args.rows} at a "
          f"time, {args.runs} runs")
    print()
    print("| figure | median |")
    print("|---|---|")
    print(f"| time to summarise | {median['seconds']:.0f} s |")
    print(f"| chunks | {median['chunks']:.0f} |")
    print(f"| chunks per minute (map phase) | {median['chunks_per_min']:.1f} |")
    print(f"| peak RSS | {median['peak_mb']:.0f} MB |")
    print(f"| summary length | {median['summary_chars']:.0f} characters |")


if __name__ == "__main__":
    main()
