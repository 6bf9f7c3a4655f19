"""Parity: this engine's greedy ids and first-step logits against PyTorch, on tiny random models built here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest

from runtime import models
from runtime.engine import Engine, GenerationOptions
from runtime.export import ensure_exported

VOCAB = 256
CHATML = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n'}}"
          "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")
SMALL = dict(vocab_size=VOCAB, hidden_size=64, num_hidden_layers=2, num_attention_heads=4, max_position_embeddings=128)


PROMPT = [5, 17, 42, 99, 3, 250 % (VOCAB - 3), 7]
NEW_TOKENS = 32
FUSED = {"llama", "qwen2", "qwen3", "gemma3_text", "phi3"}  # gpt2 takes the generic export
WINDOW = 8  # a sliding window shorter than the prompt plus the new tokens, so that it matters


def configs():
    from transformers import GPT2Config, Gemma3TextConfig, LlamaConfig, Phi3Config, Qwen2Config, Qwen3Config

    return {
        "gpt2": GPT2Config(vocab_size=VOCAB, n_embd=64, n_layer=2, n_head=4, n_positions=128),
        "llama": LlamaConfig(**SMALL, intermediate_size=128, num_key_value_heads=2),
        "qwen2": Qwen2Config(**SMALL, intermediate_size=128, num_key_value_heads=2),
        # head_dim * heads differs from hidden_size, as in the real Qwen3 models
        "qwen3": Qwen3Config(**SMALL, intermediate_size=128, num_key_value_heads=2, head_dim=32),
        # both layer types with their two rope bases; a final soft-cap small enough to bend random-weight logits;
        # an attention soft-cap that transformers' Gemma 3 ignores, and so must the graph
        "gemma3_text": Gemma3TextConfig(**SMALL, intermediate_size=128, num_key_value_heads=2, head_dim=16,
                                        query_pre_attn_scalar=24, layer_types=["sliding_attention", "full_attention"],
                                        sliding_window=WINDOW, rope_theta=1_000_000.0, rope_local_base_freq=10_000.0,
                                        attn_logit_softcapping=2.0, final_logit_softcapping=0.2, pad_token_id=0),
        "phi3": Phi3Config(**SMALL, intermediate_size=128, num_key_value_heads=2, sliding_window=WINDOW, pad_token_id=0),
    }


def tokenizer_for_test(chat_template: str | None = CHATML):
    from tokenizers import Tokenizer, models as tokenizer_models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {f"t{index}": index for index in range(VOCAB - 3)}
    vocab.update({"<unk>": VOCAB - 3, "<|im_start|>": VOCAB - 2, "<|im_end|>": VOCAB - 1})
    backend = Tokenizer(tokenizer_models.WordLevel(vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    return PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="<unk>", chat_template=chat_template,
                                   additional_special_tokens=["<|im_start|>", "<|im_end|>"])


def build_tiny_model(architecture: str, folder: Path, chat_template: str | None = CHATML):
    """A randomly initialised model and its tokenizer saved in ``folder``; chat_template=None makes a base model."""
    import torch
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    config = configs()[architecture]
    config.eos_token_id = config.bos_token_id = None  # random weights: never stop early, compare all 32 tokens
    model = AutoModelForCausalLM.from_config(config).eval()
    with torch.no_grad():  # norm weights start as ones (zeros in Gemma): make each one matter
        for name, parameter in model.named_parameters():
            if "norm" in name:
                parameter.add_(0.2 * torch.randn_like(parameter))
    model.generation_config.eos_token_id = None
    model.save_pretrained(folder)
    tokenizer_for_test(chat_template).save_pretrained(folder)
    return model


@pytest.mark.parametrize("architecture", ["gpt2", "llama", "qwen2", "qwen3", "gemma3_text", "phi3"])
def test_greedy_ids_and_first_logits_match_pytorch(tmp_path, architecture):
    import torch

    folder = tmp_path / f"tiny-{architecture}"
    reference = build_tiny_model(architecture, folder)
    info = models.add_model(str(folder))
    exported = ensure_exported(info.name)
    engine = Engine(exported, device="cpu")
    operators = {node.op_type for node in onnx.load(str(exported.onnx_path), load_external_data=False).graph.node}
    assert ("GroupQueryAttention" in operators) == (architecture in FUSED)

    with torch.no_grad():
        expected_logits = reference(torch.tensor([PROMPT])).logits[0, -1].numpy()
        expected_ids = reference.generate(torch.tensor([PROMPT]), max_new_tokens=NEW_TOKENS, do_sample=False,
                                          attention_mask=torch.ones(1, len(PROMPT), dtype=torch.long))[0, len(PROMPT):].tolist()

    logits = engine.decoder().forward(PROMPT)
    np.testing.assert_allclose(logits, expected_logits, atol=1e-5)
    greedy = GenerationOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=NEW_TOKENS)
    assert list(engine.generate_ids(PROMPT, greedy)) == expected_ids
    assert len(expected_ids) == NEW_TOKENS


def unreproducible_configs():
    from transformers import Gemma3TextConfig, MistralConfig, Phi3Config, Qwen3Config

    longrope = {"type": "longrope", "short_factor": [1.0] * 8, "long_factor": [2.0] * 8}
    return {
        # transformers recomputes the whole KV cache when LongRoPE switches from short to long factors
        "phi3 longrope": Phi3Config(**SMALL, original_max_position_embeddings=64, rope_scaling=longrope, pad_token_id=0),
        "phi3 partial rotary": Phi3Config(**SMALL, partial_rotary_factor=0.5, pad_token_id=0),
        "qwen3 sliding window": Qwen3Config(**SMALL, use_sliding_window=True, sliding_window=WINDOW, head_dim=16),
        "mistral sliding window": MistralConfig(**SMALL, sliding_window=WINDOW),
        "gemma3 bidirectional": Gemma3TextConfig(**SMALL, head_dim=16, use_bidirectional_attention=True, pad_token_id=0),
        "gemma3 gelu (erf)": Gemma3TextConfig(**SMALL, head_dim=16, hidden_activation="gelu", pad_token_id=0),
    }


def test_only_configs_the_fused_graph_reproduces_leave_the_generic_export():
    from runtime.export import graphs
    from runtime.export.model_config import ModelConfig

    def supported(config) -> bool:  # as a config.json reads, the way the converter reads it
        return graphs.supports(ModelConfig(config.to_dict()))

    fused = {name for name, config in configs().items() if supported(config)}
    assert fused == FUSED
    assert not [name for name, config in unreproducible_configs().items() if supported(config)]
