"""A transformers-style config dict from a GGUF file's metadata, for the fused families.

It reads what transformers' GGUF loader reads, and also what that loader leaves out but llama.cpp uses: Qwen3's
and Gemma 3's head size (``attention.key_length``), rope scaling, Gemma 3's sliding-window pattern. Where llama.cpp
hard-codes a value for an architecture (Gemma 3's local rope base, 10,000), so does this.
"""

from __future__ import annotations

from runtime.export.sources.gguf_file import GGUFHeader

# GGUF general.architecture -> transformers model_type
MODEL_TYPES = {"llama": "llama", "mistral": "mistral", "qwen2": "qwen2", "qwen3": "qwen3", "gemma3": "gemma3_text",
               "phi3": "phi3"}
_KEYS = {  # GGUF key (after the architecture prefix) -> config key
    "context_length": "max_position_embeddings", "block_count": "num_hidden_layers",
    "feed_forward_length": "intermediate_size", "embedding_length": "hidden_size",
    "rope.freq_base": "rope_theta", "attention.head_count": "num_attention_heads",
    "attention.head_count_kv": "num_key_value_heads", "attention.layer_norm_rms_epsilon": "rms_norm_eps",
    "attention.key_length": "head_dim", "attention.sliding_window": "sliding_window",
}
_TOKEN_IDS = {"tokenizer.ggml.bos_token_id": "bos_token_id", "tokenizer.ggml.eos_token_id": "eos_token_id",
              "tokenizer.ggml.padding_token_id": "pad_token_id"}
GEMMA3_SLIDING_PATTERN = 6  # llama.cpp's default for gemma3 files that do not list the layer types


def config_from_gguf(header: GGUFHeader) -> dict:
    architecture = header.architecture
    model_type = MODEL_TYPES.get(architecture, architecture)
    metadata = header.metadata
    config: dict = {"model_type": model_type}
    for key, name in _KEYS.items():
        if f"{architecture}.{key}" in metadata:
            config[name] = metadata[f"{architecture}.{key}"]
    if "head_dim" not in config and f"{architecture}.rope.dimension_count" in metadata and model_type in ("llama", "mistral"):
        config["head_dim"] = metadata[f"{architecture}.rope.dimension_count"]
    config.update({name: metadata[key] for key, name in _TOKEN_IDS.items() if key in metadata})
    config["vocab_size"] = header.tensors["token_embd.weight"].shape[0]
    config["tie_word_embeddings"] = "output.weight" not in header.tensors
    config["rope_scaling"] = _rope_scaling(metadata, architecture)
    if model_type == "gemma3_text":
        config.update(_gemma3(metadata, architecture, config))
    if model_type == "qwen2":
        config["use_sliding_window"] = False
    if model_type == "phi3" and "rope_factors_long.weight" in header.tensors:
        config["rope_scaling"] = {"rope_type": "longrope"}  # the fused graph leaves LongRoPE to the generic export
    return config


def _rope_scaling(metadata: dict, architecture: str) -> dict | None:
    kind = metadata.get(f"{architecture}.rope.scaling.type")
    if kind in (None, "none"):
        return None
    scaling = {"rope_type": kind, "factor": float(metadata.get(f"{architecture}.rope.scaling.factor", 1.0))}
    original = metadata.get(f"{architecture}.rope.scaling.original_context_length")
    if original:
        scaling["original_max_position_embeddings"] = original
    return scaling


def _gemma3(metadata: dict, architecture: str, config: dict) -> dict:
    layers = config["num_hidden_layers"]
    pattern = metadata.get(f"{architecture}.attention.sliding_window_pattern")
    if isinstance(pattern, list):  # newer files: one flag a layer, true where the layer is local
        layer_types = ["sliding_attention" if flag else "full_attention" for flag in pattern]
    else:
        period = int(pattern or GEMMA3_SLIDING_PATTERN)
        layer_types = ["sliding_attention" if (index + 1) % period else "full_attention" for index in range(layers)]
    # llama.cpp scales queries by 1/sqrt(head size) for every Gemma 3 but the 27B one (hidden size / heads).
    scalar = config["hidden_size"] // config["num_attention_heads"] if layers == 62 else config.get("head_dim", 256)
    return {"layer_types": layer_types, "rope_local_base_freq": 10_000.0, "query_pre_attn_scalar": scalar,
            "final_logit_softcapping": metadata.get(f"{architecture}.final_logit_softcapping"),
            "hidden_activation": "gelu_pytorch_tanh"}
