"""A model's config.json read without transformers, with the defaults transformers' config classes fill in.

The fused graphs need a handful of hyper-parameters; a config.json often leaves some out and relies on its config
class's defaults (Gemma 3's layer types come from a sliding-window pattern, Qwen's sliding window is dropped unless
``use_sliding_window`` is set). ``ModelConfig`` applies the same defaults for the keys the graphs read, so that the
same model reads the same with or without transformers (tests/runtime/test_model_config.py compares them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Per model type: the defaults of transformers' config class (4.57) for the keys the fused graphs read.
_COMMON = {"hidden_act": "silu", "rms_norm_eps": 1e-6, "rope_theta": 10_000.0, "rope_scaling": None,
           "tie_word_embeddings": False, "sliding_window": None, "attention_bias": False, "mlp_bias": False,
           "partial_rotary_factor": 1.0, "head_dim": None}
DEFAULTS: dict[str, dict[str, Any]] = {
    "llama": {**_COMMON, "max_position_embeddings": 2048},
    "mistral": {**_COMMON, "max_position_embeddings": 131_072, "sliding_window": 4096},
    "qwen2": {**_COMMON, "max_position_embeddings": 32_768, "use_sliding_window": False, "sliding_window": 4096},
    "qwen3": {**_COMMON, "max_position_embeddings": 32_768, "use_sliding_window": False, "sliding_window": 4096,
              "head_dim": 128},
    "gemma3_text": {**_COMMON, "hidden_act": None, "hidden_activation": "gelu_pytorch_tanh", "head_dim": 256,
                    "max_position_embeddings": 131_072, "rope_theta": 1_000_000.0, "rope_local_base_freq": 10_000.0,
                    "query_pre_attn_scalar": 256, "sliding_window": 4096, "sliding_window_pattern": 6,
                    "layer_types": None, "final_logit_softcapping": None, "use_bidirectional_attention": False,
                    "tie_word_embeddings": True},
    "phi3": {**_COMMON, "max_position_embeddings": 4096, "rms_norm_eps": 1e-5, "original_max_position_embeddings": 4096},
}


class ModelConfig:
    """Attribute access to a config dict, falling back to its model type's defaults (None for unknown keys)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = dict(values)
        defaults = DEFAULTS.get(self.values.get("model_type", ""), _COMMON)
        merged = {**defaults, **self.values}  # an explicit null (Mistral v0.3's sliding_window) overrides the default
        if merged.get("num_key_value_heads") is None:
            merged["num_key_value_heads"] = merged.get("num_attention_heads")
        if merged.get("head_dim") is None and merged.get("hidden_size") and merged.get("num_attention_heads"):
            merged["head_dim"] = merged["hidden_size"] // merged["num_attention_heads"]
        if merged.get("use_sliding_window") is False:  # Qwen: the window exists only when switched on
            merged["sliding_window"] = None
        if "sliding_window_pattern" in merged and not merged.get("layer_types"):
            pattern = merged["sliding_window_pattern"]
            merged["layer_types"] = ["sliding_attention" if (index + 1) % pattern else "full_attention"
                                     for index in range(merged["num_hidden_layers"])]
        self._merged = merged

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._merged.get(name)

    @classmethod
    def from_folder(cls, folder: Path) -> ModelConfig:
        return cls(json.loads((folder / "config.json").read_text(encoding="utf-8")))
