"""How long preparing a model takes, and the peak memory of the whole process tree while it runs.

Each source is prepared by `penna models export` in its own process tree with a fresh PENNA_HOME; the peak is the
largest sum of the tree's resident sets, sampled every 20 ms with psutil. ``--old-tree`` points at a checkout of an
earlier Penna (e.g. `git worktree add /tmp/penna-old bd1ff13`, the torch path) run the same way, in the same run.
Random-weight bf16 safetensors models in Llama-3.2-1B's and Qwen2.5-3B's shapes are built once in ``--cache``.

    .venv/bin/python bench/bench_prepare.py --runs 3 [--gemma GGUF] [--shapes 1b 3b] [--old-tree /tmp/penna-old]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parents[1]
SHAPES = {  # hidden, layers, heads, kv heads, intermediate, vocab, tied
    "1b": dict(hidden_size=2048, num_hidden_layers=16, num_attention_heads=32, num_key_value_heads=8,
               intermediate_size=8192, vocab_size=128_256, tie_word_embeddings=True, model_type="llama",
               rope_theta=500_000.0, max_position_embeddings=8192),
    "3b": dict(hidden_size=2048, num_hidden_layers=36, num_attention_heads=16, num_key_value_heads=2,
               intermediate_size=11_008, vocab_size=151_936, tie_word_embeddings=True, model_type="qwen2",
               rope_theta=1_000_000.0, max_position_embeddings=8192),
}


def random_model(shape: str, folder: Path, tokenizer_from: Path) -> Path:
    """A bf16 safetensors model of ``shape`` with random weights (written a tensor at a time) and SmolLM2's tokenizer."""
    if (folder / "model.safetensors").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    config = {**SHAPES[shape], "hidden_act": "silu", "rms_norm_eps": 1e-5, "architectures": ["LlamaForCausalLM"],
              "eos_token_id": 2, "bos_token_id": 1}
    hidden, inner, heads, kv = (config[key] for key in ("hidden_size", "intermediate_size", "num_attention_heads",
                                                         "num_key_value_heads"))
    head = hidden // heads
    tensors = {"model.embed_tokens.weight": (config["vocab_size"], hidden), "model.norm.weight": (hidden,)}
    for index in range(config["num_hidden_layers"]):
        prefix = f"model.layers.{index}"
        tensors.update({f"{prefix}.input_layernorm.weight": (hidden,), f"{prefix}.post_attention_layernorm.weight": (hidden,),
                        f"{prefix}.self_attn.q_proj.weight": (heads * head, hidden),
                        f"{prefix}.self_attn.k_proj.weight": (kv * head, hidden),
                        f"{prefix}.self_attn.v_proj.weight": (kv * head, hidden),
                        f"{prefix}.self_attn.o_proj.weight": (hidden, heads * head),
                        f"{prefix}.mlp.gate_proj.weight": (inner, hidden), f"{prefix}.mlp.up_proj.weight": (inner, hidden),
                        f"{prefix}.mlp.down_proj.weight": (hidden, inner)})
        if config["model_type"] == "qwen2":
            for part, rows in (("q", heads * head), ("k", kv * head), ("v", kv * head)):
                tensors[f"{prefix}.self_attn.{part}_proj.bias"] = (rows,)
    header, offset = {}, 0
    for name, dims in tensors.items():
        size = int(np.prod(dims)) * 2
        header[name] = {"dtype": "BF16", "shape": list(dims), "data_offsets": [offset, offset + size]}
        offset += size
    encoded = json.dumps(header).encode()
    generator = np.random.default_rng(0)
    with (folder / "model.safetensors").open("wb") as file:
        file.write(len(encoded).to_bytes(8, "little") + encoded)
        for dims in tensors.values():
            values = np.ones(dims, np.float32) if len(dims) == 1 else generator.standard_normal(dims, np.float32) * 0.02
            file.write((values.view(np.uint32) >> 16).astype(np.uint16).tobytes())
    (folder / "config.json").write_text(json.dumps(config))
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(tokenizer_from / name, folder / name)
    return folder


def measure(tree: Path, source: str, precision: str) -> tuple[float, float]:
    """Wall seconds and peak resident GB of `penna models add` + `export` in a fresh PENNA_HOME."""
    with tempfile.TemporaryDirectory(prefix="bench-prepare-") as home:
        env = {**os.environ, "PENNA_HOME": home, "PYTHONPATH": str(tree)}
        python = [sys.executable, "-m", "runtime.cli"]
        name = None
        if source != "default":
            added = subprocess.run([*python, "models", "add", source], cwd=tree, env=env, capture_output=True, text=True)
            if added.returncode:
                raise RuntimeError(added.stderr[-2000:])
            name = added.stdout.strip().splitlines()[-1].split()[1]
        command = [*python, "models", "export", name or "smollm2-135m-instruct", "--precision", precision]
        started = time.perf_counter()
        process = psutil.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        while process.poll() is None:
            try:
                tree_rss = process.memory_info().rss + sum(child.memory_info().rss for child in process.children(recursive=True))
                peak = max(peak, tree_rss)
            except psutil.Error:
                pass
            time.sleep(0.02)
        wall = time.perf_counter() - started
        if process.returncode:
            raise RuntimeError(process.stderr.read().decode()[-2000:])
        return wall, peak / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gemma", type=Path, help="Gemma 3 270M's GGUF (make bench fetches it)")
    parser.add_argument("--shapes", nargs="*", default=["1b", "3b"], choices=sorted(SHAPES))
    parser.add_argument("--old-tree", type=Path, help="a checkout of the earlier (torch) path, measured beside this one")
    parser.add_argument("--old-sources", nargs="*", default=["default", "gemma"], help="which sources the old path runs "
                        "(the 1B shape took 23 GB there, the 3B one more than this machine has)")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "penna-bench")
    args = parser.parse_args()

    from runtime.export import ensure_exported

    tokenizer = ensure_exported(None, "fp32").path
    sources = [("default", "default", "fp32")]
    if args.gemma:
        sources.append(("gemma", str(args.gemma), "fp32"))
    sources += [(shape, str(random_model(shape, args.cache / f"random-{shape}", tokenizer)), "int4") for shape in args.shapes]
    trees = [("new", ROOT)] + ([("old", args.old_tree)] if args.old_tree else [])
    print(f"| source | precision | path | wall s (median of {args.runs}) | peak RSS GB (tree) |")
    print("|---|---|---|---|---|")
    for label, source, precision in sources:
        for path, tree in trees:
            if path == "old" and label not in args.old_sources:
                continue
            results = [measure(tree, source, precision) for _ in range(args.runs)]
            wall = statistics.median(result[0] for result in results)
            peak = statistics.median(result[1] for result in results)
            print(f"| {label} | {precision} | {path} | {wall:.1f} | {peak:.2f} |", flush=True)


if __name__ == "__main__":
    main()
