"""Penna on CUDA against PyTorch eager on the same GPU: TTFT, decode tok/s, % of the memory-bandwidth bound, node placement.

    .venv/bin/python bench/bench_gpu.py --device cuda [--runs 3] [--tokens 128] [--bandwidth 4.8e12]
    .venv/bin/python bench/bench_gpu.py --device cpu --runs 1 --tokens 16 --big-dims layers=2,hidden=256,heads=4,kv=2,inter=512

Models: the default (SmolLM2-135M) and a random-weight Llama in Llama-3.2-1B's shape (``--big-dims`` shrinks it,
for a smoke run of the plumbing on the CPU). Paths: Penna in each precision that exists for the device (fp16 and
int4 on CUDA, when the export offers int4; fp32 on the CPU), Penna with CUDA graphs (CUDA only), PyTorch eager
generate (fp16 on CUDA, fp32 on the CPU). Batch 1, one real chat prompt, greedy, exactly N new tokens, median of
``--runs`` after a warm-up; each path in its own process. The bound: bytes of weights read per token (every
initializer but tables only gathered from) / ``--bandwidth`` (the H200's 4.8 TB/s by default).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_engine import PROMPT, TokenClock, engine_generate, median_timings  # noqa: E402

# Llama-3.2-1B's shape (tied embeddings), random weights.
BIG = {"hidden": 2048, "layers": 16, "heads": 32, "kv": 8, "inter": 8192, "vocab": 128256, "positions": 4096}
BIG_NAME = "random-llama-1b-shape"


def penna_paths(device: str) -> list[str]:
    from runtime.export import PRECISIONS

    if device == "cpu":
        return ["penna:fp32"]
    return ["penna:fp16", "penna:fp16:cuda-graph"] + (["penna:int4"] if "int4" in PRECISIONS else [])


def onnx_read_bytes(onnx_path: Path) -> int:
    """Bytes of the initializers a decode step reads: all but tables that are only gathered from (embeddings)."""
    import numpy as np
    import onnx
    from onnx import helper

    graph = onnx.load(str(onnx_path), load_external_data=False).graph
    gathered_only = {name for name in (tensor.name for tensor in graph.initializer)
                     if all(node.op_type == "Gather" and node.input[0] == name for node in graph.node if name in node.input)}
    return sum(int(np.prod(tensor.dims, dtype=np.int64)) * helper.tensor_dtype_to_np_dtype(tensor.data_type).itemsize
               for tensor in graph.initializer if tensor.name not in gathered_only)


def model_name(which: str) -> str | None:
    return None if which == "default" else BIG_NAME


def measure_penna(which: str, precision: str, device: str, cuda_graph: bool, runs: int, tokens: int) -> dict:
    from runtime.engine import Engine
    from runtime.engine.decoder import Decoder
    from runtime.engine.placement import finish_profiling
    from runtime.engine.session import open_session
    from runtime.engine.tokenizer import ChatTokenizer
    from runtime.export import ensure_exported

    exported = ensure_exported(model_name(which), precision)
    started = time.perf_counter()
    engine = Engine(exported, device=device, cuda_graph=cuda_graph)
    load_s = time.perf_counter() - started
    input_ids = ChatTokenizer(exported.path, exported.manifest).encode_chat(PROMPT)
    _, first_times, first_started = engine_generate(engine, input_ids, tokens)  # the first answer after loading
    result = median_timings(lambda: engine_generate(engine, input_ids, tokens), runs, tokens)
    placement = engine.placement
    if placement is None:  # the engine profiles only where a GPU is found: profile one step here
        opened = open_session(exported.onnx_path, device, profile_prefix=str(Path(os.environ["SCRATCH"]) / "profile"))
        Decoder(opened.session, opened.device).forward([0])
        placement = finish_profiling(opened.session)
    result.update(device=engine.device, fallback=engine.fallback_reason, load_s=load_s, placement=placement.summary(),
                  first_answer_ttft_ms=(first_times[0] - first_started) * 1000,
                  read_bytes=onnx_read_bytes(exported.onnx_path), decoder=type(engine.decoder(8)).__name__)
    return result


def measure_pytorch(which: str, device: str, runs: int, tokens: int) -> dict:
    import torch
    from transformers import AutoModelForCausalLM

    from runtime.engine.tokenizer import ChatTokenizer
    from runtime.export import ensure_exported
    from runtime.models import default_gguf_path, get_model

    dtype = torch.float16 if device == "cuda" else torch.float32
    torch.set_num_threads(os.cpu_count())
    if which == "default":
        gguf = default_gguf_path()
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, torch_dtype=dtype)
    else:
        model = AutoModelForCausalLM.from_pretrained(get_model(BIG_NAME).path, torch_dtype=dtype)
    model = model.to(device).eval()
    exported = ensure_exported(model_name(which), "fp32" if device == "cpu" else "fp16")
    input_ids = ChatTokenizer(exported.path, exported.manifest).encode_chat(PROMPT)

    def run():
        clock, ids = TokenClock(), torch.tensor([input_ids], device=device)
        started = time.perf_counter()
        with torch.no_grad():
            output = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=tokens, min_new_tokens=tokens,
                                    do_sample=False, streamer=clock, pad_token_id=0)
        return output[0, len(input_ids):].tolist(), clock.times, started

    result = median_timings(run, runs, tokens)
    embedding = model.get_input_embeddings().weight
    tied = model.get_output_embeddings().weight.data_ptr() == embedding.data_ptr()
    weights = sum(parameter.numel() * parameter.element_size() for parameter in model.parameters())
    result.update(device=device, read_bytes=weights - (0 if tied else embedding.numel() * embedding.element_size()),
                  placement=f"torch {torch.__version__} ({torch.cuda.get_device_name() if device == 'cuda' else 'CPU'})")
    return result


def prepare_big(dims: dict) -> None:
    """The random Llama saved with the default model's tokenizer, added to Penna's models (exported on first use)."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    from runtime import models

    if any(model.name == BIG_NAME for model in models.list_models()):
        return
    gguf = models.default_gguf_path()
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    config = LlamaConfig(vocab_size=dims["vocab"], hidden_size=dims["hidden"], num_hidden_layers=dims["layers"],
                         num_attention_heads=dims["heads"], num_key_value_heads=dims["kv"], intermediate_size=dims["inter"],
                         max_position_embeddings=dims["positions"], rope_theta=500000.0, rms_norm_eps=1e-5,
                         tie_word_embeddings=True, bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id)
    torch.manual_seed(0)
    folder = Path(os.environ["SCRATCH"]) / BIG_NAME
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    (folder / "tokenizer.model").unlink(missing_ok=True)  # a GGUF-loaded tokenizer saves the whole GGUF under this name
    info = models.add_model(str(folder))
    assert info.name == BIG_NAME, info.name


def worker(args: argparse.Namespace) -> dict:
    which, path = args.worker.split("/", 1)
    if path == "pytorch":
        return measure_pytorch(which, args.device, args.runs, args.tokens)
    _, precision, *graph = path.split(":")
    return measure_penna(which, precision, args.device, bool(graph), args.runs, args.tokens)


def run_worker(step: str, args: argparse.Namespace) -> dict | None:
    command = [sys.executable, __file__, "--worker", step, "--device", args.device, "--runs", str(args.runs),
               "--tokens", str(args.tokens), "--big-dims", args.big_dims]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"{step} failed:\n{done.stderr[-3000:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(results: dict[str, dict | None], args: argparse.Namespace) -> None:
    print(f"\nBatch 1, {args.tokens} new tokens, greedy, median of {args.runs} runs after a warm-up, device {args.device}, "
          f"bound at {args.bandwidth / 1e12:.1f} TB/s\n")
    print("| model | path | device | decoder | MB read/token | TTFT ms | first answer TTFT ms | decode tok/s | bound tok/s | % of bound | ids as PyTorch |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for step, result in results.items():
        if result is None:
            print(f"| {step} | failed |")
            continue
        which = step.split("/")[0]
        bound = args.bandwidth / result["read_bytes"]
        reference = results.get(f"{which}/pytorch")
        same = "–" if reference is None or step.endswith("pytorch") else \
            f"{sum(a == b for a, b in zip(result['ids'], reference['ids']))}/{args.tokens}"
        first = f"{result['first_answer_ttft_ms']:.1f}" if "first_answer_ttft_ms" in result else "–"
        print(f"| {which} | {step.split('/')[1]} | {result['device']} | {result.get('decoder', '–')} | "
              f"{result['read_bytes'] / 1e6:.0f} | {result['ttft_ms']:.1f} | {first} | {result['tokens_per_s']:.1f} | {bound:.0f} | "
              f"{100 * result['tokens_per_s'] / bound:.1f}% | {same} |")
    print()
    for step, result in results.items():
        if result:
            print(f"{step}: {result['placement']}" + (f" (fell back: {result['fallback']})" if result.get("fallback") else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", choices=["cuda", "cpu"], default="cuda")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--bandwidth", type=float, default=4.8e12, help="memory bandwidth in bytes/s (H200: 4.8e12)")
    parser.add_argument("--big-dims", default="", help="override the big model's shape, e.g. layers=2,hidden=256")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("SCRATCH", os.environ.get("PENNA_HOME", "/tmp"))
    if args.worker:
        print(json.dumps(worker(args)))
        return
    dims = dict(BIG, **{key: int(value) for key, value in (item.split("=") for item in filter(None, args.big_dims.split(",")))})
    print(f"preparing {BIG_NAME} {dims}…", file=sys.stderr)
    prepare_big(dims)
    results = {}
    for which in ("default", "big"):
        for path in [*penna_paths(args.device), "pytorch"]:
            print(f"measuring {which}/{path}…", file=sys.stderr)
            results[f"{which}/{path}"] = run_worker(f"{which}/{path}", args)
    print_table(results, args)


if __name__ == "__main__":
    main()
