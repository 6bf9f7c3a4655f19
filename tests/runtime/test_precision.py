"""int4 weights (MatMulNBits, 4 bits), and the default precision chosen per device and model size."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from runtime import default_model, models
from runtime.engine import Engine, GenerationOptions
from runtime.export import ensure_exported
from runtime.export.quantize import INT4, BlockScheme, to_blocks
from runtime.export.precision import (AUTO, default_precision, gguf_parameter_count, parameter_count,
                                      resolve_precision)
from tests.runtime.test_parity import build_tiny_model

# The bicycle prompt of bench/bench_engine.py; bench/bench_quantization.py measured int4's agreement on it.
BICYCLE = [{"role": "user", "content": "Explain how a bicycle works: the frame, the gears, the brakes and the wheels."}]
INT4_AGREEMENT_FLOOR = 0.60  # of 128 teacher-forced tokens; bench_quantization.py measured 85/128 (66%)


def _attributes(node) -> dict:
    import onnx

    return {attribute.name: onnx.helper.get_attribute_value(attribute) for attribute in node.attribute}


def _block_scheme(node) -> tuple[int, int, bool]:
    """(bits, block size, symmetric) of a MatMulNBits node: an asymmetric one has a zero-points input."""
    attributes = _attributes(node)
    return attributes["bits"], attributes["block_size"], len(node.input) < 4 or not node.input[3]


def _expected(scheme: BlockScheme) -> tuple[int, int, bool]:
    return scheme.bits, scheme.block_size, scheme.symmetric


def test_int4_export_of_a_tiny_model_quantizes_every_matmul_to_4_bits(tmp_path):
    import onnx

    folder = tmp_path / "tiny-llama"
    reference = build_tiny_model("llama", folder)
    info = models.add_model(str(folder))
    fp32, int4 = ensure_exported(info.name), ensure_exported(info.name, "int4")

    fp32_ops = Counter(node.op_type for node in onnx.load(str(fp32.onnx_path)).graph.node)
    int4_nodes = onnx.load(str(int4.onnx_path)).graph.node
    quantized = {node.name: node for node in int4_nodes if node.op_type == "MatMulNBits"}
    assert fp32_ops["MatMul"] > 0
    assert len(quantized) == fp32_ops["MatMul"]  # the lm_head too
    assert not any(node.op_type == "MatMul" for node in int4_nodes)
    lm_head_scheme = INT4.lm_head or INT4
    assert _block_scheme(quantized.pop(f"/lm_head/MatMul_Q{lm_head_scheme.bits}")) == _expected(lm_head_scheme)
    assert {_block_scheme(node) for node in quantized.values()} == {_expected(INT4)}
    assert INT4.bits == 4 and int4.manifest["precision"] == "int4"

    prompt = [5, 17, 42, 99, 3, 7]
    expected = Engine(fp32, device="cpu").decoder().forward(prompt)
    logits = Engine(int4, device="cpu").decoder().forward(prompt)
    assert not np.allclose(logits, expected, atol=1e-4)  # really quantized
    assert np.corrcoef(logits, expected)[0, 1] > 0.95
    assert parameter_count(info) == sum(parameter.numel() for parameter in reference.parameters())


def test_a_scheme_of_its_own_reaches_the_tied_lm_head_of_the_generic_graph(tmp_path):
    """optimum's graph feeds a tied lm_head from Transpose(embedding): it is untied, found and given its scheme."""
    import onnx

    folder = tmp_path / "tiny-gpt2"
    build_tiny_model("gpt2", folder)
    fp32 = ensure_exported(models.add_model(str(folder)).name)
    scheme = BlockScheme(4, 32, symmetric=False, lm_head=BlockScheme(8, 16))
    to_blocks(fp32.onnx_path, tmp_path / "model.onnx", scheme)

    quantized = [node for node in onnx.load(str(tmp_path / "model.onnx")).graph.node if node.op_type == "MatMulNBits"]
    assert [node.name for node in quantized] == ["/lm_head/MatMul_Q8"]  # its layers are Gemm, left in fp32
    assert _block_scheme(quantized[0]) == (8, 16, True)


@pytest.fixture(scope="session")
def int4_export(default_export):
    return ensure_exported(precision="int4")


@pytest.mark.slow
def test_int4_default_model_stays_close_to_fp32(default_export, default_engine, int4_export):
    from bench.bench_engine import engine_generate, teacher_forced_agreement

    assert int4_export.size_bytes < 0.4 * default_export.size_bytes
    int4 = Engine(int4_export, device="cpu")
    prompt = default_engine.tokenizer.encode_chat(BICYCLE)
    reference = engine_generate(default_engine, prompt, 128)[0]
    agreement = teacher_forced_agreement(int4, prompt, reference) / len(reference)
    assert INT4_AGREEMENT_FLOOR <= agreement < 1.0


def test_default_precision_follows_device_and_size():
    assert default_precision(135_000_000, "cpu") == "fp32"
    assert default_precision(700_000_000, "cpu") == "int8"
    assert default_precision(3_000_000_000, "cpu") == "int4"
    assert {default_precision(size, "cuda") for size in (135_000_000, 3_000_000_000)} == {"fp16"}


def test_auto_resolves_for_the_default_model_from_its_gguf_header():
    from gguf import GGUFReader

    path = models.default_gguf_path()
    assert gguf_parameter_count(path) == sum(int(tensor.n_elements) for tensor in GGUFReader(path).tensors)
    assert gguf_parameter_count(path) == default_model.GGUF_PARAMETERS  # what auto uses before the first fetch
    assert resolve_precision(AUTO, None, "cpu") == "fp32"
    assert resolve_precision("int4", None, "cpu") == "int4"


@pytest.mark.slow
def test_the_default_model_at_its_default_precision_answers_in_english(default_export):
    """Why the smallest models stay in fp32: int8 flips this answer's first near-tie token and answers in French."""
    engine = Engine.open(precision=AUTO, device="cpu")
    answer = engine.chat([{"role": "user", "content": "What is the capital of France?"}],
                         GenerationOptions(temperature=0, max_new_tokens=16)).text()
    assert answer.startswith("The capital of France is Paris")


def test_models_list_marks_the_default_precision(capsys):
    from runtime.cli import main

    assert main(["--device", "cpu", "models", "list"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(models.DEFAULT_MODEL))
    assert "default: fp32 " in line


def test_models_list_says_when_a_model_file_is_gone(tmp_path, capsys):
    import shutil

    from runtime.cli import main

    copy = tmp_path / "moved-away.gguf"
    shutil.copyfile(models.default_gguf_path(), copy)
    added = models.add_model(str(copy))
    copy.unlink()
    try:
        assert main(["--device", "cpu", "models", "list"]) == 0
        line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(added.name))
        assert "no longer exists" in line
    finally:
        models.remove_model(added.name)


def test_a_new_block_scheme_re_derives_its_precision_and_keeps_the_fp32_export(monkeypatch):
    from runtime.export import cache, quantize

    model = models.get_model()
    before = {precision: cache.export_folder(model, precision) for precision in ("fp32", "int8", "int4")}
    monkeypatch.setitem(quantize.BLOCK_SCHEMES, "int4", BlockScheme(4, 128))
    after = {precision: cache.export_folder(model, precision) for precision in ("fp32", "int8", "int4")}
    assert after["int4"] != before["int4"]
    assert after["fp32"] == before["fp32"] and after["int8"] == before["int8"]
