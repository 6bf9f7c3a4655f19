"""Penna against onnxruntime-genai and llama.cpp on the same weights, one table per model, in one run.

    make bench      (installs the peers into .venv-bench, then runs this on the default model)
    .venv/bin/python bench/bench_peers.py [--model default] [--model /work/gemma3/gemma3-270m.gguf]
        [--penna fp32,int8,int4] [--genai fp32,int4] [--llama-cpp Q8_0,Q4_0,Q4_K_M]
        [--runs 5] [--passes 2] [--tokens 128] [--prefill 1000] [--cache ~/.cache/penna-bench]

For each model (``default`` is the embedded SmolLM2-135M-Instruct; a .gguf path is added to Penna's models
like `penna models add` does): decode tok/s (``--tokens`` greedy tokens, forced past end-of-text), prefill
tok/s (a ``--prefill``-token document, up to the first logits), TTFT on a short prompt, peak RSS, file size,
and teacher-forced top-1 agreement with Penna fp32's greedy tokens. Every system runs in its own process,
median of ``--runs`` after a warm-up; all systems are measured ``--passes`` times in turn, every other pass in
reverse order (the machine is noisy), and the table shows each pass.

The peers' files come from the same fp32 weights Penna exports (bench/peer_files.py) and are kept in
``--cache``. An empty list (``--genai ""``) leaves a system out; Penna fp32 always runs (it is the reference).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import peer_files  # noqa: E402
from bench.bench_engine import PROMPT  # noqa: E402

BASE_MODEL_PROMPT = "A bicycle works like this: the frame, the gears, the brakes and the wheels"
PENNA_CPU_PRECISIONS = ("fp32", "int8", "int4")
# Issue 8's targets: each Penna precision at least as fast as the llama.cpp quantization of the same size.
TARGETS = ((("penna", "int8"), ("llama.cpp", "Q8_0")), (("penna", "int4"), ("llama.cpp", "Q4_0")))


@dataclass(frozen=True)
class Entry:
    """One row of a table: a system, one of its precisions, and the file or folder it runs."""

    system: str  # a key of bench.peer_systems.SYSTEMS
    variant: str
    path: Path

    @property
    def python(self) -> Path:
        return Path(sys.executable) if self.system == "penna" else peer_files.BENCH_PYTHON

    @property
    def file_mb(self) -> float:
        files = [self.path] if self.path.is_file() else self.path.glob("model.onnx*")
        return sum(file.stat().st_size for file in files) / 1e6


def model_info(model: str):
    from runtime.models import add_model, get_model

    return get_model() if model == "default" else add_model(model)


def penna_entries(info, precisions: list[str]) -> list[Entry]:
    from runtime.export import ensure_exported

    entries = []
    for precision in ["fp32"] + [p for p in precisions if p != "fp32"]:
        print(f"  Penna export {precision} ...", file=sys.stderr)
        entries.append(Entry("penna", precision, ensure_exported(info.name, precision).path))
    return entries


def peer_entries(info, cache: Path, genai: list[str], llama_cpp: list[str]) -> list[Entry]:
    return ([Entry("genai", precision, peer_files.genai_folder(info.path, cache, precision)) for precision in genai]
            + [Entry("llama.cpp", kind, peer_files.llama_cpp_file(info.path, cache, kind)) for kind in llama_cpp])


def inputs(folder: Path, manifest: dict, prefill: int) -> tuple[list[int], list[int]]:
    """The short prompt's ids (the chat template's when the model has one) and a ``prefill``-token document."""
    from tokenizers import Tokenizer

    from runtime.engine.tokenizer import ChatTokenizer
    from tests.runtime.sample_report import report

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    if manifest.get("chat_template"):
        prompt_ids = ChatTokenizer(folder, manifest).encode_chat(PROMPT)
    else:  # a base model: plain text after its BOS
        prompt_ids = tokenizer.encode(BASE_MODEL_PROMPT).ids
    document = tokenizer.encode(report(prefill // 50 + 1), add_special_tokens=False).ids[:prefill]
    assert len(document) == prefill, f"the sample document has only {len(document)} tokens"
    return prompt_ids, document


def run_entry(entry: Entry, job: dict) -> dict:
    """``entry`` measured in a process of its own (its peak RSS is its own)."""
    command = [str(entry.python), "-m", "bench.peer_systems",
               json.dumps({**job, "system": entry.system, "path": str(entry.path)})]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if finished.returncode != 0:
        print(finished.stderr, file=sys.stderr)
        raise SystemExit(f"measuring {entry.system} {entry.variant} failed (exit code {finished.returncode})"
                         + peer_files.illegal_instruction_hint(finished.returncode))
    return json.loads(finished.stdout.strip().splitlines()[-1])


def measure_model(entries: list[Entry], job: dict, passes: int) -> list[list[dict]]:
    """Each entry's result in each pass; agreement with the reference (the first entry) in the first pass only."""
    results: list[list[dict]] = [[] for _ in entries]
    for number in range(passes):
        order = list(enumerate(entries))
        if number % 2:  # every other pass in reverse: what drifts on the machine (warming up, neighbours) falls on each side
            order.reverse()
        for index, entry in order:
            print(f"  pass {number + 1}: {entry.system} {entry.variant} ...", file=sys.stderr)
            reference = results[0][0]["ids"] if number == 0 and index > 0 else None
            result = run_entry(entry, {**job, "reference": reference})
            results[index].append(result)
            print(f"    decode {result['tokens_per_s']:.1f} tok/s, prefill {result['prefill_tokens_per_s']:.0f} tok/s, "
                  f"TTFT {result['ttft_ms']:.0f} ms, agreement {result.get('agreement', '-')}", file=sys.stderr)
    return results


def print_table(title: str, entries: list[Entry], results: list[list[dict]], job: dict) -> None:
    def each_pass(key: str, format: str) -> str:
        return " / ".join(format.format(result[key]) for result in row)

    print(f"\n{title}: {job['tokens']} tokens forced, greedy, {job['prefill']}-token prefill, "
          f"median of {job['runs']} runs, passes: {len(results[0])}, {os.cpu_count()} CPU threads\n")
    print("| system | file MB | decode tok/s | prefill tok/s | TTFT ms | peak RSS MB | agreement with Penna fp32 |")
    print("|---|---|---|---|---|---|---|")
    for entry, row in zip(entries, results):
        agreement = f"{row[0]['agreement']}/{job['tokens']}" if "agreement" in row[0] else "reference"
        label = row[0]["version"] + " " + entry.variant
        print(f"| {label} | {entry.file_mb:.0f} | {each_pass('tokens_per_s', '{:.1f}')} | "
              f"{each_pass('prefill_tokens_per_s', '{:.0f}')} | {each_pass('ttft_ms', '{:.0f}')} | "
              f"{max(result['peak_rss_mb'] for result in row):.0f} | {agreement} |")


def print_targets(entries: list[Entry], results: list[list[dict]]) -> None:
    rows = {(entry.system, entry.variant): row for entry, row in zip(entries, results)}
    for ours, peer in TARGETS:
        if ours in rows and peer in rows:
            def ratio(key: str) -> str:
                return " / ".join(f"{a[key] / b[key]:.2f}x" for a, b in zip(rows[ours], rows[peer]))

            print(f"\nPenna {ours[1]} against llama.cpp {peer[1]}, by pass: decode {ratio('tokens_per_s')}, "
                  f"prefill {ratio('prefill_tokens_per_s')}")


def comma_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def main() -> None:
    from runtime.export import PRECISIONS
    from runtime.export.cache import read_manifest

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", help="'default' or a .gguf path; repeat for several tables")
    parser.add_argument("--penna", type=comma_list, default=[p for p in PENNA_CPU_PRECISIONS if p in PRECISIONS],
                        help="Penna precisions (fp32 always runs)")
    parser.add_argument("--genai", type=comma_list, default=["fp32", "int4"], help="onnxruntime-genai precisions")
    parser.add_argument("--llama-cpp", type=comma_list, default=["Q8_0", "Q4_0", "Q4_K_M"],
                        help="llama.cpp quantizations (llama_ftype names)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--prefill", type=int, default=1000)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "penna-bench",
                        help="where the peers' converted files are kept")
    args = parser.parse_args()
    for model in args.model or ["default"]:
        info = model_info(model)
        print(f"preparing {info.name} ...", file=sys.stderr)
        entries = penna_entries(info, args.penna)
        entries += peer_entries(info, args.cache / f"{info.name}-{info.fingerprint[:12]}", args.genai, args.llama_cpp)
        reference = entries[0]
        prompt_ids, document = inputs(reference.path, read_manifest(reference.path), args.prefill)
        job = {"prompt_ids": prompt_ids, "prefill_ids": document, "tokens": args.tokens, "runs": args.runs,
               "prefill": args.prefill, "context": max(len(prompt_ids) + args.tokens, args.prefill) + 8}
        results = measure_model(entries, job, args.passes)
        print_table(info.name, entries, results, job)
        print_targets(entries, results)


if __name__ == "__main__":
    main()
