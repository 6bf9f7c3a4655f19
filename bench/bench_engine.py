"""Decode speed, time to first token, peak memory and file size on the default model, against peers.

    .venv/bin/python bench/bench_engine.py [--runs 5] [--tokens 128]

(a) PyTorch eager generate, (b) optimum ORTModelForCausalLM.generate, (c) Penna's engine fp32,
(d) Penna's engine int8 — batch 1, one real chat prompt, greedy, exactly N new tokens, median of
``--runs`` after a warm-up. Each path runs in its own process so that its peak RSS is its own.
(b) is optimum on its own export; (b2) runs optimum's generate on Penna's graph, so (b2) against (c)
is the decode loop alone.
For (d), teacher-forced top-1 agreement with (c): (c)'s tokens are fed to (d), and each step counts
when (d)'s argmax is the token (c) chose.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROMPT = [{"role": "user", "content": "Explain how a bicycle works: the frame, the gears, the brakes and the wheels."}]
PATHS = {
    "a": "PyTorch eager generate (fp32)",
    "b": "optimum ORTModelForCausalLM.generate on optimum's export (fp32)",
    "b2": "optimum ORTModelForCausalLM.generate on Penna's graph (fp32)",
    "c": "Penna engine fp32",
    "d": "Penna engine int8",
}


class TokenClock:
    """A transformers streamer that timestamps every new token (its first ``put`` is the prompt)."""

    def __init__(self):
        self.times: list[float] = []
        self._prompt_seen = False

    def put(self, value) -> None:
        if self._prompt_seen:
            self.times.append(time.perf_counter())
        self._prompt_seen = True

    def end(self) -> None:
        pass


def hf_generate(model, input_ids, tokens: int) -> tuple[list[int], list[float], float]:
    import torch

    clock = TokenClock()
    started = time.perf_counter()
    with torch.no_grad():
        output = model.generate(torch.tensor([input_ids]), attention_mask=torch.ones(1, len(input_ids), dtype=torch.long),
                                max_new_tokens=tokens, min_new_tokens=tokens, do_sample=False, streamer=clock)
    return output[0, len(input_ids):].tolist(), clock.times, started


def engine_generate(engine, input_ids, tokens: int) -> tuple[list[int], list[float], float]:
    from runtime.engine import GenerationOptions

    options = GenerationOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=tokens, min_new_tokens=tokens)
    times, ids = [], []
    started = time.perf_counter()
    for token in engine.generate_ids(input_ids, options):
        times.append(time.perf_counter())
        ids.append(token)
    return ids, times, started


def forced_agreement(forward, input_ids, reference: list[int]) -> int:
    """How many of ``reference``'s tokens are the argmax when each previous one is fed (teacher forcing).

    ``forward(ids)`` runs new ids on a fresh cache it keeps, and returns the last position's logits.
    """
    import numpy as np

    logits = forward(input_ids)
    agree = 0
    for token in reference:
        agree += int(np.argmax(logits)) == token
        logits = forward([token])
    return agree


def teacher_forced_agreement(engine, input_ids, reference: list[int]) -> int:
    return forced_agreement(engine.decoder().forward, input_ids, reference)


def median_timings(run, runs: int, tokens: int) -> dict:
    """Median TTFT and decode speed of ``runs`` calls of ``run`` after a warm-up; each returns (ids, token times, start)."""
    run()  # warm-up
    ttfts, speeds = [], []
    for _ in range(runs):
        ids, times, started = run()
        assert len(ids) == tokens, f"made {len(ids)} tokens instead of {tokens}"
        ttfts.append(times[0] - started)
        speeds.append((len(times) - 1) / (times[-1] - times[0]))
    return {"ttft_ms": statistics.median(ttfts) * 1000, "tokens_per_s": statistics.median(speeds), "ids": ids}


def optimum_export(scratch: Path) -> Path:
    """The default model exported the way optimum does it on its own (main_export, no Penna changes)."""
    from optimum.exporters.onnx import main_export

    from runtime.export.convert import gguf_to_hf_folder
    from runtime.models import default_gguf_path

    gguf_to_hf_folder(default_gguf_path(), scratch / "hf")
    main_export(str(scratch / "hf"), output=str(scratch / "onnx"), task="text-generation-with-past", do_validation=False)
    return scratch / "onnx"


def measure(path: str, runs: int, tokens: int, reference: list[int] | None, scratch: Path) -> dict:
    """One path's figures, in this process; (b) finds optimum's export in ``scratch``."""
    from runtime.engine import Engine
    from runtime.engine.tokenizer import ChatTokenizer
    from runtime.export import ensure_exported

    exported = ensure_exported(precision="int8" if path == "d" else "fp32")
    input_ids = ChatTokenizer(exported.path, exported.manifest).encode_chat(PROMPT)
    file_bytes = exported.size_bytes
    engine = None
    if path == "a":
        import torch
        from transformers import AutoModelForCausalLM

        from runtime.models import default_gguf_path

        torch.set_num_threads(os.cpu_count())
        gguf = default_gguf_path()
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, torch_dtype=torch.float32).eval()
        file_bytes = sum(tensor.numel() * tensor.element_size() for tensor in model.state_dict().values())
        run = lambda: hf_generate(model, input_ids, tokens)  # noqa: E731
    elif path in ("b", "b2"):
        from optimum.onnxruntime import ORTModelForCausalLM

        folder = scratch / "onnx" if path == "b" else exported.path
        file_bytes = sum(file.stat().st_size for file in folder.glob("model.onnx*"))
        model = ORTModelForCausalLM.from_pretrained(folder, use_cache=True, provider="CPUExecutionProvider")
        run = lambda: hf_generate(model, input_ids, tokens)  # noqa: E731
    else:
        engine = Engine(exported, device="cpu")
        run = lambda: engine_generate(engine, input_ids, tokens)  # noqa: E731
    result = {
        **median_timings(run, runs, tokens),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "file_mb": file_bytes / 1e6,
    }
    if reference is not None:
        result["agreement"] = teacher_forced_agreement(engine, input_ids, reference)
    return result


def run_path(path: str, runs: int, tokens: int, reference: list[int] | None, scratch: str) -> dict:
    command = [sys.executable, __file__, "--worker", path, "--runs", str(runs), "--tokens", str(tokens), "--scratch", scratch]
    if reference is not None:
        command += ["--reference", json.dumps(reference)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def print_table(results: dict[str, dict], tokens: int) -> None:
    base = results["a"]
    print(f"\nDefault model, batch 1, {tokens} new tokens, greedy, median of runs, {os.cpu_count()} CPU threads\n")
    print("| path | file MB | TTFT ms | decode tok/s | vs (a) | peak RSS MB | teacher-forced agreement with (c) |")
    print("|---|---|---|---|---|---|---|")
    for key, label in PATHS.items():
        result = results[key]
        agreement = f"{result['agreement']}/{tokens}" if "agreement" in result else ("ref" if key == "c" else "–")
        print(f"| ({key}) {label} | {result['file_mb']:.0f} | {result['ttft_ms']:.0f} | {result['tokens_per_s']:.1f} | "
              f"{result['tokens_per_s'] / base['tokens_per_s']:.2f}x | {result['peak_rss_mb']:.0f} | {agreement} |")
    a, b, b2, c, d = (results[key]["tokens_per_s"] for key in ("a", "b", "b2", "c", "d"))
    print(f"\n(c)/(a) = {c / a:.2f}x, (c)/(b) = {c / b:.2f}x, (c)/(b2) = {c / b2:.2f}x, (d)/(c) = {d / c:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--worker", choices=list(PATHS), help=argparse.SUPPRESS)
    parser.add_argument("--reference", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", help=argparse.SUPPRESS)
    parser.add_argument("--optimum-export", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        reference = json.loads(args.reference) if args.reference else None
        print(json.dumps(measure(args.worker, args.runs, args.tokens, reference, Path(args.scratch))))
        return
    if args.optimum_export:
        optimum_export(Path(args.scratch))
        return
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        print("exporting with optimum for (b)…", file=sys.stderr)
        subprocess.run([sys.executable, __file__, "--optimum-export", "--scratch", scratch], check=True, capture_output=True)
        for key in PATHS:
            print(f"measuring ({key}) {PATHS[key]}…", file=sys.stderr)
            results[key] = run_path(key, args.runs, args.tokens, results["c"]["ids"] if key == "d" else None, scratch)
    print_table(results, args.tokens)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
