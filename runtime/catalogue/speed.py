"""Expected decode speed of a model on this machine, from the speed the engine measured on the model in use.

The rule: generating one token reads every weight once, so decode speed is bound by how many bytes of weights
there are. A model with P parameters stored at b bytes each is expected to decode at

    expected tok/s = measured tok/s x (P_in_use x b_in_use) / (P_other x b_other)

where "measured" is the engine's own decode speed on the model in use (GenerationStats.tokens_per_s). Fixed
costs per step (Python, kernel launches) weigh more on small models, so scaling up from a small model errs on
the slow side: the figure is an estimate, shown as such.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: imported where it is used
    from runtime.engine import EngineProtocol

log = logging.getLogger(__name__)

BYTES_PER_PARAMETER = {"fp32": 4.0, "fp16": 2.0, "int8": 1.0, "int4": 0.5}


@dataclass(frozen=True)
class SpeedReference:
    """A decode speed the engine measured, with the size and precision of the model it measured it on."""

    parameters: int
    precision: str
    tokens_per_s: float


def expected_tokens_per_s(reference: SpeedReference, parameters: int, precision: str | None = None) -> float:
    """The decode speed expected for a model of ``parameters`` at ``precision`` (default: the reference's)."""
    weight_bytes = parameters * BYTES_PER_PARAMETER[precision or reference.precision]
    reference_bytes = reference.parameters * BYTES_PER_PARAMETER[reference.precision]
    return reference.tokens_per_s * reference_bytes / weight_bytes


def parameter_count(config: dict) -> int:
    """Parameters of a decoder-only transformer from its config.json (Llama, Qwen, Gemma, Phi-3 or GPT-2 keys)."""
    hidden = config.get("hidden_size") or config["n_embd"]
    layers = config.get("num_hidden_layers") or config["n_layer"]
    heads = config.get("num_attention_heads") or config["n_head"]
    head_dim = config.get("head_dim") or hidden // heads
    kv_heads = config.get("num_key_value_heads") or heads
    gpt2 = config.get("model_type") == "gpt2"
    intermediate = config.get("intermediate_size") or config.get("n_inner") or 4 * hidden
    attention = hidden * head_dim * (2 * heads + 2 * kv_heads)  # q and o, k and v
    mlp = (2 if gpt2 else 3) * hidden * intermediate  # GPT-2: up, down; the others: gate, up, down
    embeddings = config["vocab_size"] * hidden * (1 if config.get("tie_word_embeddings", gpt2) else 2)
    positions = config.get("n_positions", 0) * hidden if gpt2 else 0
    return layers * (attention + mlp) + embeddings + positions


def engine_parameters(engine: EngineProtocol) -> int | None:
    """Parameters of the model a local engine runs (from its export's config.json); None when it cannot be read
    (a remote engine, or a config without the usual keys)."""
    from runtime.engine import Engine

    if not isinstance(engine, Engine):
        log.info("the size of %s's model is unknown: it is not a local engine", engine.model_name)
        return None
    try:
        return parameter_count(json.loads((engine.folder / "config.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as error:
        log.info("the size of this engine's model is unknown: %s", error)
        return None


def reference_from_engine(engine: EngineProtocol, tokens_per_s: float) -> SpeedReference | None:
    """The reference for a local engine that decoded at ``tokens_per_s``; None when its size cannot be read."""
    parameters = engine_parameters(engine)
    return SpeedReference(parameters, engine.precision, tokens_per_s) if parameters and tokens_per_s > 0 else None


def measure_decode_speed(engine: EngineProtocol, tokens: int = 32) -> float:
    """Decode ``tokens`` tokens greedily on ``engine`` and return its measured tok/s (a second or two on 135M).

    A few tokens are decoded first and not counted: the first steps after loading are slower than the rest."""
    from runtime.engine import GenerationOptions

    messages = [{"role": "user", "content": "Count from one to fifty in words, separated by commas."}]
    engine.chat(messages, GenerationOptions(max_new_tokens=4, temperature=0.0)).text()
    generation = engine.chat(messages, GenerationOptions(max_new_tokens=tokens, temperature=0.0))
    generation.text()
    return generation.final_stats.tokens_per_s
