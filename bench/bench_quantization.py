"""Which 8-bit scheme keeps the default model's answers closest to fp32, and how fast each decodes.

    .venv/bin/python bench/bench_quantization.py [--runs 3] [--tokens 128]

Candidates: onnxruntime's dynamic quantization (per-tensor and per-channel: int8 weights and
activations), and weight-only block-wise MatMulNBits (8 and 4 bits, the lm_head included,
activations in float). Each is built from the cached fp32 export into a temporary folder.
Agreement is teacher-forced against fp32's greedy tokens (see bench_engine.py); decode speed
is the median of ``--runs``, all variants measured in this one process, in turn.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_engine import PROMPT, engine_generate, teacher_forced_agreement  # noqa: E402


def dynamic(per_channel: bool):
    def build(source: Path, target: Path) -> None:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # Shape inference cannot see through GroupQueryAttention: MatMul outputs are float.
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=per_channel,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})

    return build


def nbits(bits: int, block_size: int):
    def build(source: Path, target: Path) -> None:
        import onnx
        from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

        from runtime.export.quantize import untie_lm_head

        model = onnx.load(str(source))
        untie_lm_head(model)
        config = DefaultWeightOnlyQuantConfig(block_size=block_size, is_symmetric=True, bits=bits, accuracy_level=4)
        quantizer = MatMulNBitsQuantizer(model, bits=bits, block_size=block_size, is_symmetric=True,
                                         accuracy_level=4, algo_config=config)
        quantizer.process()
        quantizer.model.save_model_to_file(str(target), use_external_data_format=False)

    return build


VARIANTS = {
    "dynamic int8, per-tensor": dynamic(False),
    "dynamic int8, per-channel": dynamic(True),
    "MatMulNBits 8-bit, block 32 (Penna's int8)": nbits(8, 32),
    "MatMulNBits 8-bit, block 128": nbits(8, 128),
    "MatMulNBits 4-bit, block 32": nbits(4, 32),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=128)
    args = parser.parse_args()

    from runtime.engine import Engine
    from runtime.export import ExportedModel, ensure_exported
    from runtime.export.convert import copy_side_files

    fp32 = ensure_exported()
    engines = {"fp32 (reference)": Engine(fp32, device="cpu")}
    sizes = {"fp32 (reference)": fp32.onnx_path.stat().st_size}
    with tempfile.TemporaryDirectory() as scratch:
        for name, build in VARIANTS.items():
            folder = Path(scratch) / str(len(engines))
            folder.mkdir()
            copy_side_files(fp32.path, folder)
            started = time.perf_counter()
            build(fp32.onnx_path, folder / "model.onnx")
            print(f"built {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            sizes[name] = (folder / "model.onnx").stat().st_size
            engines[name] = Engine(ExportedModel(folder, {**fp32.manifest, "precision": "int8"}), device="cpu")
        reference = engines["fp32 (reference)"]
        input_ids = reference.tokenizer.encode_chat(PROMPT)
        reference_ids = engine_generate(reference, input_ids, args.tokens)[0]
        speeds: dict[str, list[float]] = {name: [] for name in engines}
        for _ in range(args.runs + 1):  # the first round warms up
            for name, engine in engines.items():
                _, times, _ = engine_generate(engine, input_ids, args.tokens)
                speeds[name].append((len(times) - 1) / (times[-1] - times[0]))
        base = statistics.median(speeds["fp32 (reference)"][1:])
        print(f"\nDefault model, {args.tokens} tokens, median of {args.runs} runs\n")
        print("| variant | file MB | decode tok/s | vs fp32 | teacher-forced agreement |")
        print("|---|---|---|---|---|")
        for name, engine in engines.items():
            speed = statistics.median(speeds[name][1:])
            agreement = teacher_forced_agreement(engine, input_ids, reference_ids)
            print(f"| {name} | {sizes[name] / 1e6:.0f} | {speed:.1f} | {speed / base:.2f}x | {agreement}/{args.tokens} |")
        engines.clear()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
