"""What the result checks make of the default model's summaries of real documents (issue 17), and how long they take.

    nice -n 10 .venv/bin/python bench/bench_honest_summaries.py [--gpl] [--device cpu] [--precision auto]

Summarises the first 6,000 characters of this README (bullets, then a paragraph) and, with ``--gpl``,
/usr/share/common-licenses/GPL-3 (35 KB: one long pass on the default model's 8K context; minutes on 2 cores).
Prints a Markdown table: the findings (runtime.tasks.result_check), seconds to the first progress report (the
plan) and to the end, and the summary's opening.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from runtime.engine import Engine  # noqa: E402
from runtime.export import ensure_exported  # noqa: E402
from runtime.export.precision import AUTO, resolve_precision  # noqa: E402
from runtime.tasks.summarize import summarize  # noqa: E402

GPL = Path("/usr/share/common-licenses/GPL-3")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gpl", action="store_true", help="also summarise the GPL-3 (slow)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--precision", default=AUTO)
    args = parser.parse_args()
    engine = Engine(ensure_exported(precision=resolve_precision(args.precision)), device=args.device)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")[:6000]
    cases = [("README (6,000 chars)", readme, "bullets"), ("README (6,000 chars)", readme, "paragraph")]
    if args.gpl:
        cases.append(("GPL-3", GPL.read_text(encoding="utf-8"), "paragraph"))
    print(f"default model, {engine.precision}, {engine.device}")
    print("| document | style | chunks | first progress s | total s | findings | opening |")
    print("|---|---|---|---|---|---|---|")
    for name, text, style in cases:
        reports: list[float] = []
        started = time.perf_counter()
        summary = summarize(engine, text, style=style, progress=lambda _done, _total: reports.append(time.perf_counter()))
        result = summary.text()
        total = time.perf_counter() - started
        opening = " ".join(result.split())[:60].replace("|", "\\|")
        print(f"| {name} | {style} | {summary.chunks} | {reports[0] - started:.1f} | {total:.1f} | "
              f"{', '.join(summary.findings) or '—'} | {opening} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
