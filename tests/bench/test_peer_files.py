"""The peers' files are made from the same weights Penna reads: the F32 copy of a GGUF and the cache's atomicity."""

from __future__ import annotations

import gguf
import numpy as np
import pytest

from bench.peer_files import _write_f32_gguf, cached


def write_quantized_gguf(path) -> dict[str, np.ndarray]:
    """A small GGUF with a Q8_0 matrix, an F32 vector and a tokenizer list; returns the tensors it holds, de-quantized."""
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((4, 64)).astype(np.float32)
    norm = rng.standard_normal(64).astype(np.float32)
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_block_count(1)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_Q8_0)
    writer.add_token_list(["<s>", "a", "b"])
    writer.add_token_scores([0.0, -1.0, -2.5])
    writer.add_chat_template("{{ messages }}")
    quantized = gguf.quants.quantize(matrix, gguf.GGMLQuantizationType.Q8_0)
    writer.add_tensor("blk.0.attn_q.weight", quantized, raw_dtype=gguf.GGMLQuantizationType.Q8_0)
    writer.add_tensor("blk.0.attn_norm.weight", norm)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return {"blk.0.attn_q.weight": gguf.quants.dequantize(quantized, gguf.GGMLQuantizationType.Q8_0), "blk.0.attn_norm.weight": norm}


def test_f32_copy_holds_the_dequantized_weights_and_keeps_the_metadata(tmp_path):
    expected = write_quantized_gguf(tmp_path / "q8.gguf")
    _write_f32_gguf(tmp_path / "q8.gguf", tmp_path / "f32.gguf")

    source, copy = gguf.GGUFReader(tmp_path / "q8.gguf"), gguf.GGUFReader(tmp_path / "f32.gguf")
    tensors = {tensor.name: tensor for tensor in copy.tensors}
    assert set(tensors) == set(expected)
    for name, values in expected.items():
        assert tensors[name].tensor_type == gguf.GGMLQuantizationType.F32
        assert list(tensors[name].shape) == list(reversed(values.shape))
        np.testing.assert_array_equal(np.asarray(tensors[name].data).reshape(values.shape), values)
    assert not np.array_equal(expected["blk.0.attn_q.weight"], np.zeros((4, 64)))
    assert copy.fields["general.file_type"].contents() == gguf.LlamaFileType.ALL_F32
    for key in ("general.architecture", "llama.block_count", "tokenizer.ggml.tokens", "tokenizer.ggml.scores",
                "tokenizer.chat_template"):
        assert copy.fields[key].contents() == source.fields[key].contents(), key


def test_cached_keeps_nothing_from_a_failed_step_and_makes_a_file_once(tmp_path):
    target = tmp_path / "model.gguf"

    def failing(partial):
        partial.write_text("half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        cached(target, failing)
    assert not target.exists()

    calls = []

    def succeeding(partial):
        calls.append(partial)
        partial.write_text("whole")

    assert cached(target, succeeding).read_text() == "whole"
    assert cached(target, succeeding).read_text() == "whole"
    assert len(calls) == 1
