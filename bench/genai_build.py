"""onnxruntime-genai's model builder (run with .venv-bench's Python), taught Gemma 3's nested rope parameters.

genai 0.18 builds Gemma 3 from ``config.rope_parameters["rope_type"]``, ``config.rope_theta`` and
``config.rope_local_base_freq``, the shape transformers 4 gave; transformers 5 nests the rope parameters per layer
type ({"full_attention": {...}, "sliding_attention": {...}}), as genai already reads for Gemma 4, and the builder
stops with KeyError 'rope_type'. The builder is given the flat values it reads; the config keeps its nested form
for loading the weights. Same arguments as ``python -m onnxruntime_genai.models.builder``.
"""

import runpy

import onnxruntime_genai.models  # noqa: F401  (puts the builder's folder on sys.path: it imports `builders`)
from builders.gemma import Gemma3Model


def _nested_rope(config) -> dict | None:
    rope = getattr(config, "rope_parameters", None)
    return rope if isinstance(rope, dict) and "full_attention" in rope else None


def _make_config_init(self, config):
    _base_config_init(self, config)
    if rope := _nested_rope(config):
        config.rope_theta = rope["full_attention"]["rope_theta"]
        config.rope_local_base_freq = rope["sliding_attention"]["rope_theta"]


def _make_rope_init(self, config):
    if rope := _nested_rope(config):
        if {layer["rope_type"] for layer in rope.values()} != {"default"}:
            raise SystemExit(f"genai_build: only plain rope is flattened for Gemma 3, not {rope}")
        return  # plain rope: nothing for the builder to set up
    _base_rope_init(self, config)


_base_config_init, _base_rope_init = Gemma3Model.make_config_init, Gemma3Model.make_rope_init
Gemma3Model.make_config_init, Gemma3Model.make_rope_init = _make_config_init, _make_rope_init
runpy.run_module("onnxruntime_genai.models.builder", run_name="__main__", alter_sys=True)
