"""A tiny model's safetensors folder written as a GGUF file the way llama.cpp's converter writes one: its names,
llama's q/k rows permuted for its rotary layout, Gemma's norms stored plus one, weights in F32, Q8_0 or Q4_0.

GGUF has no key for Gemma 3's query scale (llama.cpp uses 1/sqrt(head size)): ``gguf_ready`` gives a copy of a
folder whose config says so, to compare the two files of one model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import gguf
import numpy as np
from safetensors.numpy import load_file

from runtime.export.sources.gguf_config import MODEL_TYPES
from tests.runtime.test_parity import CHATML, VOCAB

ARCHITECTURES = {model_type: architecture for architecture, model_type in MODEL_TYPES.items()}


def _permute(weights: np.ndarray, heads: int) -> np.ndarray:
    """llama.cpp's convert_hf_to_gguf permutation of llama's q/k rows."""
    return weights.reshape(heads, 2, weights.shape[0] // heads // 2, *weights.shape[1:]).swapaxes(1, 2).reshape(weights.shape)


def write_gguf(folder: Path, path: Path, qtype: gguf.GGMLQuantizationType = gguf.GGMLQuantizationType.F32) -> Path:
    config = json.loads((folder / "config.json").read_text())
    model_type = config["model_type"]
    architecture = ARCHITECTURES[model_type]
    writer = gguf.GGUFWriter(str(path), architecture)
    heads, kv_heads = config["num_attention_heads"], config["num_key_value_heads"]
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_block_count(config["num_hidden_layers"])
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_head_count(heads)
    writer.add_head_count_kv(kv_heads)
    writer.add_layer_norm_rms_eps(config["rms_norm_eps"])
    writer.add_rope_freq_base(config.get("rope_theta", 10_000.0))
    if config.get("head_dim"):
        writer.add_key_length(config["head_dim"])
        writer.add_value_length(config["head_dim"])
    if model_type in ("gemma3_text", "phi3") and config.get("sliding_window"):
        writer.add_sliding_window(config["sliding_window"])
    if config.get("final_logit_softcapping"):
        writer.add_final_logit_softcapping(config["final_logit_softcapping"])
    if model_type == "gemma3_text":  # llama.cpp's default pattern: every sixth layer global; the tiny model lists its own
        writer.add_array(f"{architecture}.attention.sliding_window_pattern",
                         [kind == "sliding_attention" for kind in config["layer_types"]])
    tokens = [f"t{index}" for index in range(VOCAB - 4)] + ["t0t1", "<unk>", "<|im_start|>", "<|im_end|>"]
    writer.add_token_list(tokens)
    writer.add_token_types([1] * (VOCAB - 3) + [2, 3, 3])
    if model_type == "gemma3_text":  # Gemma's files carry a SentencePiece vocabulary with scores
        writer.add_tokenizer_model("llama")
        writer.add_token_scores([-float(index) for index in range(VOCAB)])
        writer.add_unk_token_id(VOCAB - 3)
    else:  # a byte-level BPE, which needs a merge
        writer.add_tokenizer_model("gpt2")
        writer.add_token_merges(["t0 t1"])
    writer.add_bos_token_id(VOCAB - 2)
    writer.add_pad_token_id(VOCAB - 3)
    writer.add_eos_token_id(VOCAB - 1)
    writer.add_chat_template(CHATML)

    names = gguf.get_tensor_name_map(next(key for key, name in gguf.MODEL_ARCH_NAMES.items() if name == architecture),
                                     config["num_hidden_layers"])
    for name, value in load_file(folder / "model.safetensors").items():
        base, suffix = name.rsplit(".", 1)
        value = value.astype(np.float32)
        if architecture == "llama" and base.endswith(("q_proj", "k_proj")):
            value = _permute(value, heads if base.endswith("q_proj") else kv_heads)
        if architecture == "gemma3" and "norm" in base:
            value = value + 1
        if name == "lm_head.weight" and config.get("tie_word_embeddings", True):
            continue
        stored = qtype if value.ndim == 2 else gguf.GGMLQuantizationType.F32
        data = value if stored == gguf.GGMLQuantizationType.F32 else gguf.quants.quantize(value, stored)
        writer.add_tensor(f"{names.get_name(base)}.{suffix}", data, raw_dtype=stored)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def gguf_ready(folder: Path, copy: Path) -> Path:
    """``folder`` itself, or for Gemma 3 a copy whose query scale is the one a GGUF file implies."""
    config = json.loads((folder / "config.json").read_text())
    if config["model_type"] != "gemma3_text":
        return folder
    shutil.copytree(folder, copy)
    config["query_pre_attn_scalar"] = config["head_dim"]
    (copy / "config.json").write_text(json.dumps(config))
    return copy
