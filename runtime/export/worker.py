"""The export child process: ``python -m runtime.export.worker REQUEST_JSON``.

It prints one JSON object per line on stdout: progress events, or a final ``{"error": ..., "message": ...}``.
Heavy libraries (torch, transformers, optimum) are imported here and nowhere in the app's process.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path

from runtime import errors
from runtime.export import convert, llama_graph, quantize
from runtime.export.cache import FORMAT_VERSION, MANIFEST, exporter_versions, raise_if_disk_full
from runtime.models import ModelInfo, verify_default_model


def report(stage: str, fraction: float | None, message: str) -> None:
    print(json.dumps({"stage": stage, "fraction": fraction, "message": message}), flush=True)


def export_fp32(model: ModelInfo, output: Path) -> None:
    with tempfile.TemporaryDirectory(dir=output, prefix=".hf-") as scratch:  # inside the staging folder
        report("fetch", 0.0, f"checking {model.name}")
        if model.kind == "embedded":
            verify_default_model(model.path)
        folder = model.path
        if model.kind in ("gguf", "embedded"):
            report("convert", 0.05, "de-quantizing the GGUF weights")
            folder = Path(scratch)
            convert.gguf_to_hf_folder(model.path, folder)
        report("export", 0.4, "exporting to ONNX (this takes a while)")
        if llama_graph.supports(convert.load_config(folder)):
            convert.export_fused(folder, output)
        else:
            convert.export_onnx(folder, output)
            report("export", 0.9, "keeping only the last position's logits")
            convert.keep_last_logits(output / "model.onnx")
    write_manifest(model, "fp32", output)


def write_manifest(model: ModelInfo, precision: str, output: Path) -> None:
    manifest = {
        "name": model.name, "source": model.source, "kind": model.kind, "architecture": model.architecture,
        "fingerprint": model.fingerprint, "precision": precision, "format": FORMAT_VERSION,
        "versions": exporter_versions(), **convert.describe(output),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def derive(model: ModelInfo, precision: str, source: Path, output: Path) -> None:
    report("quantize", 0.0, f"converting to {precision}")
    convert.copy_side_files(source, output)
    if precision == "fp16":
        quantize.to_fp16(source / "model.onnx", output / "model.onnx")
    else:
        scheme = {"int8": quantize.INT8, "int4": quantize.INT4}[precision]
        quantize.to_blocks(source / "model.onnx", output / "model.onnx", scheme)
    write_manifest(model, precision, output)


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    request = json.loads(argv[0])
    model, output = ModelInfo(**request["model"]), Path(request["output"])
    try:
        try:
            if request["job"] == "export":
                export_fp32(model, output)
            else:
                derive(model, request["job"], Path(request["source"]), output)
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
