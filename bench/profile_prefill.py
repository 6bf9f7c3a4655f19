"""Where a prefill's time goes, by operator type (ONNX Runtime's profiler), for one model and precision.

    .venv/bin/python bench/profile_prefill.py [--model NAME] [--precision fp32] [--tokens 1000]

Runs one prefill of ``--tokens`` made-up token ids after a short warm-up, on the CPU, and prints the wall time and
each operator type's share of the kernel time (warm-up included; it is 16 tokens).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runtime.engine import Engine  # noqa: E402
from runtime.engine.decoder import StaticDecoder  # noqa: E402
from runtime.engine.session import session_options  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--precision", default="fp32")
    parser.add_argument("--tokens", type=int, default=1000)
    args = parser.parse_args()

    engine = Engine.open(args.model, precision=args.precision, device="cpu")
    options = session_options(profile_prefix=str(Path(engine.folder) / "prefill-profile"))
    session = ort.InferenceSession(str(engine.folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
    ids = np.random.default_rng(0).integers(100, 10_000, args.tokens).tolist()
    decoder = StaticDecoder(session, "CPU", args.tokens)
    decoder.forward(ids[:16])
    decoder.reset()
    started = time.perf_counter()
    decoder.forward(ids)
    seconds = time.perf_counter() - started
    profile = Path(session.end_profiling())
    per_op: collections.Counter[str] = collections.Counter()
    for event in json.loads(profile.read_text()):
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
            per_op[event["args"]["op_name"]] += event["dur"]
    profile.unlink()
    total = sum(per_op.values())
    print(f"{engine.model_name} {engine.precision}: prefill of {args.tokens} tokens in {seconds:.2f} s "
          f"({args.tokens / seconds:.0f} tok/s)\n")
    print("| operator | share of kernel time |")
    print("|---|---|")
    for op, microseconds in per_op.most_common(6):
        print(f"| {op} | {100 * microseconds / total:.1f} % |")


if __name__ == "__main__":
    main()
