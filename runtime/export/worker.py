"""The export child process: ``python -m runtime.export.worker REQUEST_JSON``.

It prints one JSON object per line on stdout: progress events, or a final ``{"error": ..., "message": ...}``.
Jobs: "stream" builds a fused-family model's graph at any precision straight from its files (numpy, onnx and
ONNX Runtime's quantizer kernels; no torch); "export" runs the generic exporter (torch, transformers, optimum: the
only place they are imported) to fp32, and "derive" makes int8 / int4 / fp16 from that export.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from math import prod
from pathlib import Path

from runtime import default_model, errors
from runtime.export import convert, graphs, quantize
from runtime.export.cache import FORMAT_VERSION, MANIFEST, exporter_versions, raise_if_disk_full
from runtime.export.graphs.decoder import EMBEDDING, lm_head_weight
from runtime.export.precision import parameter_count
from runtime.export.sources import WeightSource, open_source
from runtime.models import ModelInfo


def report(stage: str, fraction: float | None, message: str, until: float | None = None) -> None:
    """One progress event: ``fraction`` of the whole job is done, and the step now starting ends at ``until``."""
    print(json.dumps({"stage": stage, "fraction": fraction, "message": message, "until": until}), flush=True)


# How long each step of a first export of the default model took (seconds; SmolLM2-135M Q4_1 GGUF, fp32, on the
# shared 2-core VM, 2026-11-28). Reading the GGUF file (its tokenizer, then its weights) is most of the time; the
# tensor de-quantization itself is a small part of "weights". The figures only say how far the bar moves per step:
# for another model the proportions are approximately right, and the window estimates the time left from the pace.
STEP_SECONDS = {
    "verify": 0.3, "start": 15.2, "tokenizer": 27.4, "weights": 139.0, "rebuild": 24.8, "save": 2.6,
    "graph": 85.8, "slice": 3.0,
}
STEP_STAGE_MESSAGES = {
    "verify": ("fetch", "checking {name}"),
    "start": (None, "starting the converter (PyTorch, transformers)"),  # the stage of the step it prepares
    "tokenizer": ("dequantize", "reading the tokenizer from the GGUF file"),
    "weights": ("dequantize", "reading and de-quantizing the weights"),
    "rebuild": ("convert", "rebuilding the model in fp32"),
    "save": ("convert", "saving the fp32 weights"),
    "graph": ("export", "exporting the ONNX graph"),
    "slice": ("export", "keeping only the last position's logits"),
}


class StepReporter:
    """Reports the steps of one job in order, each with the fraction done before it and where it ends."""

    def __init__(self, name: str, steps: list[str]) -> None:
        self._name, self._steps = name, steps
        self._total = sum(STEP_SECONDS[step] for step in steps)

    def __call__(self, step: str) -> None:
        if step not in self._steps:
            return  # a step this job does not count
        index = self._steps.index(step)
        done = sum(STEP_SECONDS[earlier] for earlier in self._steps[:index])
        stage, message = STEP_STAGE_MESSAGES[step]
        stage = stage or STEP_STAGE_MESSAGES[self._steps[index + 1]][0]
        assert stage is not None  # a step without a stage of its own comes before one with a stage
        report(stage, done / self._total, message.format(name=self._name), (done + STEP_SECONDS[step]) / self._total)


def export_fp32(model: ModelInfo, output: Path) -> None:
    """The generic export (a model no fused graph reproduces): through transformers and optimum, to fp32."""
    gguf = model.kind in ("gguf", "embedded")
    steps = ["verify", "start"] + (["tokenizer", "weights", "rebuild", "save"] if gguf else []) + ["graph", "slice"]
    step = StepReporter(model.name, steps)
    with tempfile.TemporaryDirectory(dir=output, prefix=".hf-") as scratch:  # inside the staging folder
        step("verify")
        if model.kind == "embedded":
            default_model.verify(model.path)
        step("start")
        folder = model.path
        if gguf:
            folder = Path(scratch)
            convert.gguf_to_hf_folder(model.path, folder, on_step=step)
        step("graph")
        convert.export_onnx(folder, output)
        step("slice")
        convert.keep_last_logits(output / "model.onnx")
    write_manifest(model, "fp32", output)


def prepare_streaming(model: ModelInfo, precision: str, output: Path) -> None:
    """The fused graph at ``precision`` straight from the model's files, one weight at a time (no torch)."""
    report("convert", 0.0, f"checking {model.name}")
    if model.kind == "embedded":
        default_model.verify(model.path)
    # The tokenizer (seconds of pure Python for a large GGUF vocabulary) is written by a second process meanwhile.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as side:
        side_files = side.submit(write_side_files, model.path, output)
        source = open_source(model.path)
        try:
            progress = ReadProgress(model.name, weights_read(model, source), source.total_bytes)
            graphs.write(source, precision, output, progress)
        finally:
            source.close()
        side_files.result()
    write_manifest(model, precision, output)


def write_side_files(path: Path, output: Path) -> None:
    """config.json, generation_config.json and the tokenizer files, from the folder or the GGUF metadata."""
    if path.is_dir():
        convert.copy_side_files(path, output)
        if not (output / "tokenizer.json").exists():
            convert.save_tokenizer(path, output)
        return
    from runtime.export.sources.gguf_config import config_from_gguf
    from runtime.export.sources.gguf_file import read_header
    from runtime.export.sources.gguf_tokenizer import write_tokenizer

    header = read_header(path)
    config = config_from_gguf(header)
    (output / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    generation = {key: config[key] for key in ("bos_token_id", "eos_token_id", "pad_token_id") if key in config}
    (output / "generation_config.json").write_text(json.dumps(generation, indent=2), encoding="utf-8")
    write_tokenizer(header, output)


class ReadProgress:
    """Reports the share of the weights read so far (at most every half per cent)."""

    def __init__(self, name: str, total_weights: int, total_bytes: int) -> None:
        self._name, self._total_bytes = name, total_bytes
        self._total = max(1, total_weights)
        self._read, self._reported = 0, -1.0

    def __call__(self, count: int) -> None:
        self._read += count
        fraction = min(1.0, self._read / self._total)
        if fraction - self._reported >= 0.005:
            self._reported = fraction
            read, total = fraction * self._total_bytes / 2**20, self._total_bytes / 2**20
            report("convert", fraction, f"converting {self._name}: {read:,.0f} of {total:,.0f} MB read")


def weights_read(model: ModelInfo, source: WeightSource) -> int:
    """How many weights the conversion reads: every stored one, and the embedding a second time as a tied lm_head."""
    count = parameter_count(model)
    if lm_head_weight(source) == EMBEDDING and not source.has("lm_head.weight"):
        count += prod(source.shape(EMBEDDING))
    return count


def write_manifest(model: ModelInfo, precision: str, output: Path) -> None:
    manifest = {
        "name": model.name, "source": model.source, "kind": model.kind, "architecture": model.architecture,
        "fingerprint": model.fingerprint, "precision": precision, "format": FORMAT_VERSION,
        "versions": exporter_versions(), **convert.describe(output),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def derive(model: ModelInfo, precision: str, source: Path, output: Path) -> None:
    report("quantize", 0.0, f"converting to {precision}", 1.0)
    convert.copy_side_files(source, output)
    if precision == "fp16":
        quantize.to_fp16(source / "model.onnx", output / "model.onnx")
    else:
        quantize.to_blocks(source / "model.onnx", output / "model.onnx", quantize.BLOCK_SCHEMES[precision])
    write_manifest(model, precision, output)


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    request = json.loads(argv[0])
    model, output = ModelInfo(**request["model"]), Path(request["output"])
    try:
        try:
            if request["job"] == "stream":
                prepare_streaming(model, request["precision"], output)
            elif request["job"] == "export":
                export_fp32(model, output)
            else:
                derive(model, request["precision"], Path(request["source"]), output)
        except OSError as error:
            raise_if_disk_full(error, output)
            raise
    except errors.PennaError as error:
        print(json.dumps({"error": type(error).__name__, "message": str(error)}), flush=True)
        return 2
    except Exception as error:  # the model's own problem: say what broke; the traceback goes to the log
        logging.exception("export failed")
        message = f"Converting {model.name} failed: {type(error).__name__}: {error}"
        print(json.dumps({"error": "PennaError", "message": message}), flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
