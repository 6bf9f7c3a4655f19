"""The tokenizer files of a GGUF model (tokenizer.json, tokenizer_config.json with the chat template, …).

transformers' GGUF tokenizer converters build them from the vocabulary, scores and merges; they need tokenizers,
not torch (only transformers' GGUF *model* loader asks for torch, so the metadata is read here instead). The
tokenizer class is the one transformers picks for the model type, so the files are those of today's export.
"""

from __future__ import annotations

import os
from pathlib import Path

from runtime.export.sources.gguf_config import MODEL_TYPES
from runtime.export.sources.gguf_file import GGUFHeader


def write_tokenizer(header: GGUFHeader, output: Path) -> None:
    # transformers imports torch wherever it is installed (seconds, and a gigabyte): the tokenizers need none of it
    for framework in ("USE_TORCH", "USE_TF", "USE_FLAX"):
        os.environ.setdefault(framework, "0")
    from transformers.integrations.ggml import GGUF_TOKENIZER_MAPPING, convert_gguf_tokenizer
    from transformers.models.auto.tokenization_auto import TOKENIZER_MAPPING_NAMES, tokenizer_class_from_name

    sections: dict[str, dict] = {section: {} for section in GGUF_TOKENIZER_MAPPING}
    for key, value in header.metadata.items():
        if not key.startswith("tokenizer."):
            continue
        for section, names in GGUF_TOKENIZER_MAPPING.items():
            name = names.get(key.removeprefix("tokenizer."))
            if name is not None:
                sections[section][name] = value
    model_type = MODEL_TYPES.get(header.architecture, header.architecture)
    backend, extra = convert_gguf_tokenizer(model_type, sections["tokenizer"])
    class_name = TOKENIZER_MAPPING_NAMES[model_type][1]  # the fast tokenizer's
    tokenizer_class = tokenizer_class_from_name(class_name) if class_name else None
    if tokenizer_class is None:
        raise ValueError(f"transformers has no fast tokenizer class for {model_type!r}")
    # From a file rather than the object: tokenizer_object= deep-copies it (2.4 s for Gemma's 262k vocabulary)
    backend.save(str(output / "tokenizer.json"))
    tokenizer = tokenizer_class(tokenizer_file=str(output / "tokenizer.json"), **sections["tokenizer_config"], **extra)
    tokenizer.save_pretrained(output)
