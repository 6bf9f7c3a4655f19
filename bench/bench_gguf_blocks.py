"""GGUF Q8_0 / Q4_0 blocks carried over into MatMulNBits as they are, against de-quantizing and quantizing them again.

The default model's GGUF (Q4_1) is de-quantized once; that is the reference (its fp32 graph's greedy tokens). gguf-py's
reference quantizer (ggml's own rounding) then writes it as Q8_0 and as Q4_0 files, which is what a publisher's file
of that type holds. Each file is converted to int8 and int4 twice: carrying the blocks over (Penna's default where
the bits fit), and with the carry turned off (de-quantize, then ONNX Runtime's quantizer). Agreement is teacher-forced
against the reference over five prompts of ``--tokens`` tokens.

    .venv/bin/python bench/bench_gguf_blocks.py [--tokens 128]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import gguf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_engine import teacher_forced_agreement  # noqa: E402
from bench.bench_quantization import MORE_PROMPTS, Graph, prompt_ids  # noqa: E402
from runtime.export import ensure_exported, graphs  # noqa: E402
from runtime.export.sources.gguf_source import GGUFSource  # noqa: E402
from runtime.models import default_gguf_path  # noqa: E402


class Requantized(GGUFSource):
    """A GGUF source whose blocks are never carried over: every weight is de-quantized first."""

    def block_bits(self, name: str) -> int | None:
        return None


def requantize_file(source: Path, target: Path, qtype: gguf.GGMLQuantizationType) -> Path:
    """``source`` with every 2-D weight de-quantized and quantized again to ``qtype`` (metadata copied as it is)."""
    reader = gguf.GGUFReader(source)
    writer = gguf.GGUFWriter(str(target), str(bytes(reader.fields["general.architecture"].parts[-1]), "utf-8"))
    for field in reader.fields.values():
        if field.name.startswith("GGUF.") or field.name == "general.architecture":
            continue
        kind = field.types[0]
        value = field.contents()
        writer.add_key_value(field.name, value, kind, sub_type=field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None)
    for tensor in reader.tensors:
        values = gguf.quants.dequantize(tensor.data, tensor.tensor_type)
        if values.ndim == 2:
            writer.add_tensor(tensor.name, gguf.quants.quantize(values, qtype), raw_dtype=qtype)
        else:
            writer.add_tensor(tensor.name, values)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return target


def convert(source: GGUFSource, precision: str, folder: Path) -> Path:
    folder.mkdir()
    graphs.write(source, precision, folder)
    return folder / "model.onnx"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokens", type=int, default=128)
    args = parser.parse_args()

    fp32 = ensure_exported(None, "fp32")
    prompts = [prompt_ids(fp32)] + [prompt_ids(fp32, text) for text in MORE_PROMPTS]
    reference_graph = Graph(fp32.onnx_path)
    references = [reference_graph.greedy(ids, args.tokens)[0] for ids in prompts]
    del reference_graph
    total = args.tokens * len(prompts)
    print(f"{fp32.manifest['name']}: agreement with the de-quantized Q4_1 model's fp32 greedy tokens, "
          f"{len(prompts)} prompts x {args.tokens} tokens teacher-forced\n")
    print("| file | precision | blocks | agreement |")
    print("|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        for qtype in (gguf.GGMLQuantizationType.Q8_0, gguf.GGMLQuantizationType.Q4_0):
            path = requantize_file(default_gguf_path(), Path(scratch) / f"{qtype.name}.gguf", qtype)
            for precision in ("int8", "int4"):
                for label, source_class in (("carried over", GGUFSource), ("re-quantized", Requantized)):
                    source = source_class(path)
                    carried = label == "carried over" and source.block_bits("model.layers.0.mlp.up_proj.weight") <= \
                        (8 if precision == "int8" else 4)
                    if label == "carried over" and not carried:
                        continue  # Q8_0 blocks do not fit int4: they are quantized again either way
                    onnx_path = convert(source, precision, Path(scratch) / f"{qtype.name}-{precision}-{label[:3]}")
                    graph = Graph(onnx_path)
                    agreement = sum(teacher_forced_agreement(graph, ids, reference)
                                    for ids, reference in zip(prompts, references))
                    print(f"| {qtype.name} | {precision} | {label} | {agreement}/{total} ({100 * agreement / total:.1f}%) |",
                          flush=True)
                    del graph
                    source.close()


if __name__ == "__main__":
    main()
