"""Parity: this engine's greedy ids and first-step logits against PyTorch, on tiny random models built here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from runtime import models
from runtime.engine import Engine, GenerationOptions
from runtime.export import ensure_exported

VOCAB = 256
CHATML = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n'}}"
          "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")
SMALL = dict(vocab_size=VOCAB, hidden_size=64, num_hidden_layers=2, num_attention_heads=4, max_position_embeddings=128)


def configs():
    from transformers import GPT2Config, LlamaConfig, Qwen2Config

    return {
        "gpt2": GPT2Config(vocab_size=VOCAB, n_embd=64, n_layer=2, n_head=4, n_positions=128),
        "llama": LlamaConfig(**SMALL, intermediate_size=128, num_key_value_heads=2),
        "qwen2": Qwen2Config(**SMALL, intermediate_size=128, num_key_value_heads=2),
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
    model.generation_config.eos_token_id = None
    model.save_pretrained(folder)
    tokenizer_for_test(chat_template).save_pretrained(folder)
    return model


@pytest.mark.parametrize("architecture", ["gpt2", "llama", "qwen2"])
def test_greedy_ids_and_first_logits_match_pytorch(tmp_path, architecture):
    import torch

    folder = tmp_path / f"tiny-{architecture}"
    reference = build_tiny_model(architecture, folder)
    info = models.add_model(str(folder))
    engine = Engine(ensure_exported(info.name), device="cpu")

    prompt = [5, 17, 42, 99, 3, 250 % (VOCAB - 3), 7]
    with torch.no_grad():
        expected_logits = reference(torch.tensor([prompt])).logits[0, -1].numpy()
        expected_ids = reference.generate(torch.tensor([prompt]), max_new_tokens=32, do_sample=False,
                                          attention_mask=torch.ones(1, len(prompt), dtype=torch.long))[0, len(prompt):].tolist()

    logits = engine.decoder().forward(prompt)
    np.testing.assert_allclose(logits, expected_logits, atol=1e-4)
    greedy = GenerationOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=32)
    assert list(engine.generate_ids(prompt, greedy)) == expected_ids
    assert len(expected_ids) == 32
