"""Which weight scheme keeps a model's answers closest to fp32, and how fast each decodes.

    .venv/bin/python bench/bench_quantization.py [--model NAME_OR_PATH] [--runs 3] [--tokens 128] [--only TEXT ...]
                                                 [--more-prompts]

Candidates: onnxruntime's dynamic quantization (per-tensor and per-channel: int8 weights and
activations), and weight-only block-wise MatMulNBits (8 and 4 bits; block 32/64/128; symmetric or
not; accuracy level 4 = int8 compute, 1 = fp32 compute; the lm_head included, at the layers' scheme
or at its own, e.g. 8 bits under 4-bit layers). Each is built from the cached fp32 export into a
temporary folder, then measured and dropped before the next (so that a large model fits in memory).
``--model`` takes an installed model's name or a .gguf file / model folder, which is added first (the
default model when omitted); ``--only`` (repeatable) keeps the variants whose name contains one of its
texts.

Agreement is teacher-forced against fp32's greedy tokens (see bench_engine.py). The prompt is the
chat prompt of bench_engine.py, or its text alone for a base model without a chat template. One prompt's
agreement counts a handful of near-ties: ``--more-prompts`` adds a column summed over it and four more.
Decode speed is the median of ``--runs`` after a warm-up, on the CPU.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_engine import PROMPT, teacher_forced_agreement  # noqa: E402
from runtime.export.quantize import INT4, INT8, BlockScheme, to_blocks  # noqa: E402

Build = Callable[[Path, Path], None]


def dynamic(per_channel: bool) -> Build:
    def build(source: Path, target: Path) -> None:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # Shape inference cannot see through GroupQueryAttention: MatMul outputs are float.
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=per_channel,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})

    return build


def blocks(scheme: BlockScheme) -> Build:
    return lambda source, target: to_blocks(source, target, scheme)


def _name(scheme: BlockScheme) -> str:
    kind = "symmetric" if scheme.symmetric else "asymmetric"
    name = f"MatMulNBits {scheme.bits}-bit, block {scheme.block_size}, {kind}, accuracy {scheme.accuracy_level}"
    if scheme.lm_head is not None:
        name += f"; lm_head {_name(scheme.lm_head).removeprefix('MatMulNBits ')}"
    return name


SCHEMES = [
    INT8, BlockScheme(8, 128),
    BlockScheme(4, 32), BlockScheme(4, 64), BlockScheme(4, 128),
    BlockScheme(4, 32, symmetric=False), BlockScheme(4, 64, symmetric=False), BlockScheme(4, 128, symmetric=False),
    BlockScheme(4, 32, accuracy_level=1),
    # the lm_head at 8 bits (as llama.cpp keeps output.weight in Q6_K in its 4-bit files)
    BlockScheme(4, 64, lm_head=INT8), BlockScheme(4, 32, lm_head=INT8), BlockScheme(4, 128, lm_head=INT8),
    BlockScheme(4, 32, symmetric=False, lm_head=INT8), BlockScheme(4, 32, accuracy_level=1, lm_head=INT8),
    # asymmetric 4-bit layers with a cheaper lm_head
    BlockScheme(4, 32, symmetric=False, lm_head=BlockScheme(4, 32)),
    BlockScheme(4, 32, symmetric=False, lm_head=BlockScheme(4, 64)),
    # blocks of 32 where they buy agreement (the layers), 64 where they cost speed (Gemma's lm_head is 60 % of it)
    BlockScheme(4, 32, lm_head=BlockScheme(4, 64)),
]
VARIANTS: dict[str, Build | None] = {
    "fp32 (reference)": None,
    "dynamic int8, per-tensor": dynamic(False),
    "dynamic int8, per-channel": dynamic(True),
    **{_name(scheme) + (" (Penna's int8)" if scheme == INT8 else " (Penna's int4)" if scheme == INT4 else ""): blocks(scheme)
       for scheme in SCHEMES},
}


class Graph:
    """An exported graph on the CPU: what bench_engine's helpers need of an engine (base models included)."""

    def __init__(self, onnx_path: Path):
        from runtime.engine.session import open_session

        self.session = open_session(onnx_path, "cpu").session

    def decoder(self):
        from runtime.engine.decoder import Decoder

        return Decoder(self.session, "CPU")

    def greedy(self, input_ids: list[int], tokens: int) -> tuple[list[int], float]:
        """``tokens`` greedy ids and the decode speed after the first one (tok/s)."""
        import numpy as np

        decoder = self.decoder()
        logits = decoder.forward(input_ids)
        ids, times = [], []
        for _ in range(tokens):
            ids.append(int(np.argmax(logits)))
            times.append(time.perf_counter())
            logits = decoder.forward([ids[-1]])
        return ids, (len(times) - 1) / (times[-1] - times[0])


MORE_PROMPTS = [
    "Write a short story about a lighthouse keeper who finds a message in a bottle.",
    "What are the main causes of the French Revolution? Give three and explain each.",
    "Describe how to bake a loaf of bread at home, step by step.",
    "Summarize the water cycle for a ten-year-old.",
]


def prompt_ids(exported, text: str = PROMPT[0]["content"]) -> list[int]:
    from tokenizers import Tokenizer

    from runtime.engine.tokenizer import ChatTokenizer

    if exported.manifest.get("chat_template"):
        return ChatTokenizer(exported.path, exported.manifest).encode_chat([{"role": "user", "content": text}])
    return Tokenizer.from_file(str(exported.path / "tokenizer.json")).encode(text).ids


def model_name(name_or_path: str | None) -> str | None:
    """An installed model's name; a path is added to the installed models first."""
    from runtime import models

    if name_or_path and Path(name_or_path).exists():
        return models.add_model(name_or_path).name
    return name_or_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None, help="installed model name, or a .gguf file / model folder to add")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--only", action="append", default=[],
                        help="measure only the variants whose name contains this (and fp32); repeatable")
    parser.add_argument("--more-prompts", action="store_true", help="also the agreement over five prompts")
    args = parser.parse_args()

    from runtime.export import ensure_exported
    from runtime.export.convert import copy_side_files

    fp32 = ensure_exported(model_name(args.model))
    input_ids = prompt_ids(fp32)
    prompts = [input_ids] + [prompt_ids(fp32, text) for text in MORE_PROMPTS if args.more_prompts]
    more = f" {len(prompts)} prompts |" if args.more_prompts else ""
    print(f"{fp32.manifest['name']}, {args.tokens} tokens teacher-forced, decode median of {args.runs} runs\n")
    print(f"| variant | file MB | decode tok/s | vs fp32 | teacher-forced agreement |{more}")
    print("|---|---|---|---|---|" + "---|" * bool(more), flush=True)
    reference_ids: list[int] = []
    references: list[list[int]] = []
    base = 0.0
    for name, build in VARIANTS.items():
        if build is not None and args.only and not any(text in name for text in args.only):
            continue
        with tempfile.TemporaryDirectory() as scratch:
            onnx_path = fp32.onnx_path
            if build is not None:
                copy_side_files(fp32.path, Path(scratch))
                onnx_path = Path(scratch) / "model.onnx"
                started = time.perf_counter()
                build(fp32.onnx_path, onnx_path)
                print(f"built {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            graph = Graph(onnx_path)
            runs = [graph.greedy(input_ids, args.tokens) for _ in range(args.runs + 1)]  # the first warms up
            speed = statistics.median(speed for _, speed in runs[1:])
            if build is None:
                reference_ids, base, agreement = runs[0][0], speed, args.tokens
                references = [reference_ids] + [graph.greedy(ids, args.tokens)[0] for ids in prompts[1:]]
            else:
                agreement = teacher_forced_agreement(graph, input_ids, reference_ids)
            size = sum(file.stat().st_size for file in onnx_path.parent.glob("model.onnx*"))
            print(f"| {name} | {size / 1e6:.0f} | {speed:.1f} | {speed / base:.2f}x | "
                  f"{agreement}/{args.tokens} ({100 * agreement / args.tokens:.1f}%) |", end="")
            if args.more_prompts:
                total = agreement + sum(teacher_forced_agreement(graph, ids, reference)
                                        for ids, reference in zip(prompts[1:], references[1:]))
                print(f" {total}/{args.tokens * len(prompts)} ({100 * total / (args.tokens * len(prompts)):.1f}%) |",
                      end="")
            print(flush=True)
            del graph


if __name__ == "__main__":
    main()
