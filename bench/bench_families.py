"""The fused graph against the generic (optimum) export on any model: graph size, decode speed, and
teacher-forced agreement with PyTorch.

    .venv/bin/python bench/bench_families.py MODEL [--runs 5] [--tokens 128] [--work DIR]

MODEL is a GGUF file or a Hugging Face folder (config.json, safetensors, tokenizer). A GGUF is de-quantized to
fp32 once into ``--work`` (default: a folder beside MODEL), where both exports are cached between runs too.
PyTorch's greedy continuation of a plain-text prompt (no chat template: base models work) is the reference;
each graph is fed those tokens, and a step agrees when the graph's argmax is PyTorch's token. Decode speed is
the median of ``--runs`` after a warm-up, exactly ``--tokens`` new tokens, batch 1. Every export, the reference
and each graph's measurement run in their own process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_engine import engine_generate, teacher_forced_agreement  # noqa: E402

PROMPT = "The history of the bicycle began in the early nineteenth century, when"
GRAPHS = ("generic", "fused")
PLAIN_TEMPLATE = "{{ messages[0]['content'] }}"  # the engine wants a template; the bench passes token ids itself


def hf_folder(model: Path, work: Path) -> Path:
    return work / "hf" if model.suffix == ".gguf" else model


def prepare(model: Path, work: Path) -> None:
    """The fp32 Hugging Face folder and both exports, each made once."""
    from runtime.export import convert

    folder = hf_folder(model, work)
    if not (folder / "config.json").exists():
        print(f"de-quantizing {model.name}…", file=sys.stderr)
        convert.gguf_to_hf_folder(model, folder)
    for graph, export in (("generic", _export_generic), ("fused", convert.export_fused)):
        output = work / graph
        if not (output / "model.onnx").exists():
            print(f"exporting the {graph} graph…", file=sys.stderr)
            output.mkdir(parents=True, exist_ok=True)
            export(folder, output)


def _export_generic(folder: Path, output: Path) -> None:
    from runtime.export import convert

    convert.export_onnx(folder, output)
    convert.keep_last_logits(output / "model.onnx")


def reference(model: Path, work: Path, tokens: int) -> dict:
    """The prompt's ids and PyTorch's greedy continuation of exactly ``tokens`` tokens."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = hf_folder(model, work)
    prompt = AutoTokenizer.from_pretrained(folder)(PROMPT)["input_ids"]  # with the model's BOS
    model = AutoModelForCausalLM.from_pretrained(folder, torch_dtype=torch.float32).eval()
    with torch.no_grad():
        output = model.generate(torch.tensor([prompt]), attention_mask=torch.ones(1, len(prompt), dtype=torch.long),
                                max_new_tokens=tokens, min_new_tokens=tokens, do_sample=False)
    return {"prompt": prompt, "reference": output[0, len(prompt):].tolist()}


def measure(work: Path, graph: str, runs: int, tokens: int, prompt: list[int], expected: list[int]) -> dict:
    """One graph's node count, median decode speed and agreement with ``expected``, in this process."""
    import onnx

    from runtime.engine import Engine
    from runtime.export import ExportedModel, convert

    folder = work / graph
    manifest = {**convert.describe(folder), "name": graph, "precision": "fp32"}
    manifest["chat_template"] = manifest["chat_template"] or PLAIN_TEMPLATE
    nodes = len(onnx.load(str(folder / "model.onnx"), load_external_data=False).graph.node)
    engine = Engine(ExportedModel(folder, manifest), device="cpu")
    engine_generate(engine, prompt, tokens)  # warm-up
    speeds = []
    for _ in range(runs):
        ids, times, _ = engine_generate(engine, prompt, tokens)
        assert len(ids) == tokens, f"{graph} made {len(ids)} tokens"
        speeds.append((len(times) - 1) / (times[-1] - times[0]))
    return {"nodes": nodes, "tokens_per_s": statistics.median(speeds),
            "agreement": teacher_forced_agreement(engine, prompt, expected)}


def _stage(args: argparse.Namespace, *extra: str) -> dict | None:
    command = [sys.executable, __file__, str(args.model), "--work", str(args.work), "--runs", str(args.runs),
               "--tokens", str(args.tokens), *extra]
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    return json.loads(output.splitlines()[-1]) if output else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path, help="a GGUF file or a Hugging Face model folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--work", type=Path, help="where the fp32 folder and the exports are kept")
    parser.add_argument("--stage", choices=["prepare", "reference", *GRAPHS], help=argparse.SUPPRESS)
    parser.add_argument("--reference", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.model = args.model.resolve()
    args.work = (args.work or args.model.parent / f"{args.model.stem}-bench").resolve()
    if args.stage == "prepare":
        prepare(args.model, args.work)
    elif args.stage == "reference":
        print(json.dumps(reference(args.model, args.work, args.tokens)))
    elif args.stage in GRAPHS:
        expected = json.loads(args.reference)
        print(json.dumps(measure(args.work, args.stage, args.runs, args.tokens, expected["prompt"], expected["reference"])))
    else:
        _stage(args, "--stage", "prepare")
        print("PyTorch reference…", file=sys.stderr)
        expected = _stage(args, "--stage", "reference")
        results = {}
        for graph in GRAPHS:
            print(f"measuring the {graph} graph…", file=sys.stderr)
            results[graph] = _stage(args, "--stage", graph, "--reference", json.dumps(expected))
        print_table(args.model.name, results, args.tokens, args.runs)


def print_table(model: str, results: dict[str, dict], tokens: int, runs: int) -> None:
    generic, fused = results["generic"], results["fused"]
    print(f"\nfp32, batch 1, {tokens} new tokens, greedy, median of {runs} runs; agreement: teacher-forced with "
          f"PyTorch's greedy tokens\n")
    print("| model | nodes generic | nodes fused | decode tok/s generic | decode tok/s fused | fused / generic "
          "| agreement generic | agreement fused |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {model} | {generic['nodes']:,} | {fused['nodes']:,} | {generic['tokens_per_s']:.1f} | "
          f"{fused['tokens_per_s']:.1f} | {fused['tokens_per_s'] / generic['tokens_per_s']:.2f}x | "
          f"{generic['agreement']}/{tokens} | {fused['agreement']}/{tokens} |")


if __name__ == "__main__":
    main()
