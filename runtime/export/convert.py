"""The steps of an export run only in the worker process: the generic path (GGUF -> HF folder -> optimum's graph), the
last-position slice, side files and what the engine needs to know of them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runtime.errors import CorruptModelError

_SIDE_FILES = ("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
               "special_tokens_map.json", "chat_template.jinja")


OnStep = Callable[[str], None]  # told the name of each step as it begins (the worker reports it as progress)


def _no_step(_name: str) -> None:
    pass


def gguf_to_hf_folder(gguf: Path, folder: Path, on_step: OnStep = _no_step) -> None:
    """De-quantize a GGUF file to an fp32 safetensors folder that the exporter can read.

    Steps: "tokenizer", "weights", "rebuild", "save".
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    try:
        on_step("tokenizer")
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        on_step("weights")
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, torch_dtype=torch.float32)
    except (ValueError, OSError, KeyError, IndexError, RuntimeError) as error:
        raise CorruptModelError(f"{gguf} could not be read ({error}). It may be truncated or damaged: download it again.") from error
    # A GGUF-loaded model may be flagged as quantized, and save_pretrained then refuses it: rebuild it plainly.
    on_step("rebuild")
    config = model.config
    config.__dict__.pop("quantization_config", None)
    plain = AutoModelForCausalLM.from_config(config, torch_dtype=torch.float32)
    plain.load_state_dict(model.state_dict())
    plain.tie_weights()
    on_step("save")
    plain.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def export_onnx(folder: Path, output: Path) -> None:
    from optimum.exporters.onnx import main_export
    from safetensors import SafetensorError

    try:
        main_export(str(folder), output=str(output), task="text-generation-with-past",
                    trust_remote_code=False, do_validation=False, local_files_only=True)
    except SafetensorError as error:
        raise CorruptModelError(f"The weights in {folder} are damaged ({error}). Download the model again.") from error


def save_tokenizer(folder: Path, output: Path) -> None:
    """tokenizer.json for a folder that has only a slow tokenizer (tokenizer.model): transformers converts it."""
    from transformers import AutoTokenizer

    AutoTokenizer.from_pretrained(folder, trust_remote_code=False, local_files_only=True).save_pretrained(output)


def keep_last_logits(model_path: Path) -> None:
    """Make the graph compute logits for the last position only.

    Generation needs nothing else, and for a long prompt the full [seq, vocab] logits cost more time
    and memory than the rest of the prefill. A Slice goes before the lm_head MatMul.
    """
    import onnx
    from onnx import helper

    model = onnx.load(str(model_path), load_external_data=False)
    graph = model.graph
    producers = {output: node for node in graph.node for output in node.output}
    node = producers["logits"]
    while node.op_type != "MatMul":
        node = producers[node.input[0]]
    hidden = node.input[0]
    sliced = hidden + "_last_position"
    constants = {"last_start": [-1], "last_end": [2**62], "last_axis": [1]}
    graph.initializer.extend(helper.make_tensor(name, onnx.TensorProto.INT64, [1], value) for name, value in constants.items())
    slice_node = helper.make_node("Slice", [hidden, *constants], [sliced], name="/penna/last_position")
    node.input[0] = sliced
    graph.node.insert(list(graph.node).index(node), slice_node)
    logits = next(output for output in graph.output if output.name == "logits")
    logits.type.tensor_type.shape.dim[1].dim_value = 1
    onnx.save(model, str(model_path))


def copy_side_files(source: Path, output: Path) -> None:
    for name in _SIDE_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, output / name)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def describe(folder: Path) -> dict:
    """What the engine needs besides the graph: context length, stop ids, chat template, special tokens."""
    config = _read_json(folder / "config.json")
    generation = _read_json(folder / "generation_config.json")
    tokenizer_config = _read_json(folder / "tokenizer_config.json")
    template_file = folder / "chat_template.jinja"
    template = template_file.read_text(encoding="utf-8") if template_file.exists() else tokenizer_config.get("chat_template")
    eos = generation.get("eos_token_id", config.get("eos_token_id"))
    eos_ids = sorted({eos} if isinstance(eos, int) else set(eos or []))
    return {
        "context_length": config.get("max_position_embeddings") or config.get("n_positions") or 2048,
        "eos_token_ids": eos_ids,
        "chat_template": template,
        "bos_token": _token_text(tokenizer_config.get("bos_token")),
        "eos_token": _token_text(tokenizer_config.get("eos_token")),
    }


def _token_text(token: Any) -> str | None:
    return token.get("content") if isinstance(token, dict) else token
