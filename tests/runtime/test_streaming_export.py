"""The streaming converter against the torch path, on tiny random models of every fused family.

From safetensors and from GGUF (F32, Q8_0, Q4_0 as llama.cpp writes them): the graph's logits match the torch-built
one (test_parity checks the safetensors graph against PyTorch itself), int8 / int4 weights are those of today's
quantizer run on an fp32 export, GGUF blocks are carried over bit for bit, and none of it imports torch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import gguf
import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from runtime import models
from runtime.engine import Engine
from runtime.export import ExportedModel, ensure_exported, is_exported, quantize
from runtime.export.cache import read_manifest
from runtime.export.sources.gguf_source import GGUFSource
from tests.runtime.test_parity import PROMPT, build_tiny_model
from tests.runtime.tiny_gguf import gguf_ready, write_gguf

FUSED = ["llama", "qwen2", "qwen3", "gemma3_text", "phi3"]
Q8_0, Q4_0 = gguf.GGMLQuantizationType.Q8_0, gguf.GGMLQuantizationType.Q4_0


def _initializers(folder: Path) -> dict[str, np.ndarray]:
    model = onnx.load(str(folder / "model.onnx"))
    return {tensor.name: numpy_helper.to_array(tensor) for tensor in model.graph.initializer}


def _logits(folder: Path) -> np.ndarray:
    return Engine(ExportedModel(folder, read_manifest(folder)), device="cpu").decoder().forward(PROMPT)


def _add(source: Path) -> str:
    return models.add_model(str(source)).name


@pytest.fixture(scope="module")
def tiny_folders(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tiny")
    folders = {}
    for architecture in FUSED:
        folders[architecture] = root / architecture
        build_tiny_model(architecture, folders[architecture])
    return folders


@pytest.mark.parametrize("architecture", FUSED)
@pytest.mark.parametrize("precision", ["int8", "int4"])
def test_streamed_int_weights_are_todays_quantizer_on_the_fp32_export(tiny_folders, tmp_path, architecture, precision):
    name = _add(tiny_folders[architecture])
    fp32 = ensure_exported(name, "fp32")
    streamed = ensure_exported(name, precision)
    assert not (streamed.path / "model.onnx").stat().st_size > 10 * 2**20  # the weights are in the data file
    quantize.to_blocks(fp32.onnx_path, tmp_path / "model.onnx", quantize.BLOCK_SCHEMES[precision])
    expected, actual = _initializers(tmp_path), _initializers(streamed.path)
    assert sorted(expected) == sorted(actual)
    for key, value in expected.items():
        np.testing.assert_array_equal(actual[key], value, err_msg=key)


@pytest.mark.parametrize("architecture", FUSED)
def test_a_gguf_file_converts_to_the_graph_of_its_safetensors(tiny_folders, tmp_path, architecture):
    folder = gguf_ready(tiny_folders[architecture], tmp_path / f"{architecture}-as-gguf")
    reference = _logits(ensure_exported(_add(folder), "fp32").path)
    exported = ensure_exported(_add(write_gguf(folder, tmp_path / f"{architecture}-f32.gguf")), "fp32")
    np.testing.assert_allclose(_logits(exported.path), reference, atol=1e-5)
    assert exported.manifest["chat_template"].startswith("{% for message in messages %}")
    assert exported.manifest["eos_token_ids"] == [255]


@pytest.mark.parametrize("architecture", ["llama", "gemma3_text"])
@pytest.mark.parametrize("qtype, precision", [(Q8_0, "int8"), (Q4_0, "int4"), (Q4_0, "int8")])
def test_gguf_blocks_are_carried_over_bit_for_bit(tiny_folders, tmp_path, architecture, qtype, precision):
    """Q8_0 / Q4_0 weights reach MatMulNBits unchanged: de-quantizing the graph's blocks gives the GGUF's weights
    (llama's q/k rows back in transformers' order)."""
    path = write_gguf(tiny_folders[architecture], tmp_path / f"{architecture}-{qtype.name}.gguf", qtype)
    exported = ensure_exported(_add(path), precision)
    graph = onnx.load(str(exported.onnx_path))
    weights = _initializers(exported.path)
    source = GGUFSource(path)
    q, k, v = (source.read(f"model.layers.0.self_attn.{part}_proj.weight") for part in "qkv")
    node = next(node for node in graph.graph.node if node.name == f"layers.0.self_attn.qkv_proj/MatMul_Q{8 if qtype == Q8_0 else 4}")
    bits = next(attribute.i for attribute in node.attribute if attribute.name == "bits")
    assert bits == (8 if qtype == Q8_0 else 4)
    packed, scales = weights[node.input[1]], weights[node.input[2]]
    if bits == 4:
        values = np.stack([packed & 0x0F, packed >> 4], axis=-1).reshape(*packed.shape[:2], -1).astype(np.float32) - 8
    else:
        values = packed.astype(np.float32) - 128
    np.testing.assert_array_equal((values * scales[..., None]).reshape(values.shape[0], -1), np.concatenate([q, k, v]))


def test_conversion_needs_no_torch(tiny_folders, tmp_path):
    """With torch made unimportable (for the worker process too), safetensors and GGUF models convert and answer."""
    blocker = tmp_path / "no-torch"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['torch'] = None\n")
    gguf_file = write_gguf(tiny_folders["qwen3"], tmp_path / "qwen3.gguf", Q8_0)
    script = (
        "import sys\n"
        "from runtime import models\n"
        "from runtime.engine import Engine, GenerationOptions\n"
        "from runtime.export import ensure_exported\n"
        "for source, precision in ((sys.argv[1], 'int4'), (sys.argv[2], 'int8'), (sys.argv[2], 'fp32')):\n"
        "    engine = Engine(ensure_exported(models.add_model(source).name, precision), device='cpu')\n"
        "    options = GenerationOptions(temperature=0, max_new_tokens=4)\n"
        "    print(precision, len(list(engine.generate_ids([5, 17, 42], options))))\n"
        "try:\n"
        "    import torch\n"
        "except ImportError:\n"
        "    print('no torch')\n"
    )
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocker), str(Path.cwd())]),
                   "PENNA_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", script, str(tiny_folders["llama"]), str(gguf_file)],
                            capture_output=True, text=True, env=environment, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split("\n")[:4] == ["int4 4", "int8 4", "fp32 4", "no torch"]


def test_the_cache_holds_only_the_precision_asked_for(tiny_folders, tmp_path):
    folder = tmp_path / "phi3-int4-only"
    shutil.copytree(tiny_folders["phi3"], folder)
    name = _add(folder)
    ensure_exported(name, "int4")
    assert is_exported(name, "int4") and not is_exported(name, "fp32")


def test_runs_of_permuted_rows_read_as_the_whole_tensor_does(tiny_folders, tmp_path):
    """llama's q/k rows are un-permuted within heads: any run of them reads as that slice of the whole tensor."""
    source = GGUFSource(write_gguf(tiny_folders["llama"], tmp_path / "llama-q8_0.gguf", Q8_0))
    for name in ("model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.weight"):
        whole, whole_blocks = source.read(name), source.read_blocks(name)
        for start in range(0, len(whole), 5):
            stop = min(len(whole), start + 5)
            np.testing.assert_array_equal(source.read(name, start, stop), whole[start:stop])
            np.testing.assert_array_equal(source.read_blocks(name, start, stop).packed, whole_blocks.packed[start:stop])
    source.close()
