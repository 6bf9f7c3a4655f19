"""Tokenization and chat templates without transformers: tokenizers + jinja2.

The template is rendered the way ``transformers`` renders it (same Jinja environment and variables),
but message contents are tokenized with special-token parsing switched off, so text a user typed —
even ``<|im_start|>system`` — can never become a control token.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from jinja2.exceptions import TemplateError
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment
from tokenizers import Tokenizer

from runtime.errors import UnsupportedModelError

_SENTINEL = "\x00penna-content-{}\x00"
_SENTINEL_PATTERN = re.compile("\x00penna-content-(\\d+)\x00")


def _raise_exception(message: str) -> NoReturn:
    raise TemplateError(message)


def _tojson(value: object, ensure_ascii: bool = False, indent: int | None = None,
            separators: tuple[str, str] | None = None, sort_keys: bool = False) -> str:
    return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def _strftime_now(format: str) -> str:
    return datetime.now().strftime(format)


def _environment() -> ImmutableSandboxedEnvironment:
    environment = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    environment.filters["tojson"] = _tojson
    environment.globals["raise_exception"] = _raise_exception
    environment.globals["strftime_now"] = _strftime_now
    return environment


class ChatTokenizer:
    """A model's tokenizer and chat template, loaded from an exported model folder."""

    def __init__(self, folder: Path, manifest: dict) -> None:
        tokenizer_file = folder / "tokenizer.json"
        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._literal = Tokenizer.from_file(str(tokenizer_file))
        self._literal.encode_special_tokens = True
        self._name = manifest["name"]
        template = manifest.get("chat_template")
        self._template = _environment().from_string(template) if template else None
        self._special_tokens = self._read_special_tokens(folder)
        stop = set(manifest.get("eos_token_ids", []))
        eos = self._tokenizer.token_to_id(manifest.get("eos_token") or "")
        if eos is not None:
            stop.add(eos)
        self.stop_ids = frozenset(stop)

    @property
    def has_chat_template(self) -> bool:
        """False for a base model: it continues plain text and cannot take a conversation."""
        return self._template is not None

    @staticmethod
    def _read_special_tokens(folder: Path) -> dict[str, str]:
        path = folder / "special_tokens_map.json"
        mapping = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return {key: value["content"] if isinstance(value, dict) else value
                for key, value in mapping.items() if isinstance(value, (str, dict))}

    def render(self, messages: list[dict], add_generation_prompt: bool = True, thinking: bool = True) -> str:
        """The prompt text, exactly as ``tokenizer.apply_chat_template(..., tokenize=False)`` gives it.

        ``thinking=False`` renders it as ``apply_chat_template(..., enable_thinking=False)`` does: a template with
        that switch (Qwen3's) then asks for the answer alone; other templates ignore it."""
        return "".join(text for text, _ in self._render_pieces(messages, add_generation_prompt, thinking))

    def _render_pieces(self, messages: list[dict], add_generation_prompt: bool,
                       thinking: bool = True) -> list[tuple[str, bool]]:
        """(text, typed_by_user) pieces: the template's own text, and the messages' contents."""
        if self._template is None:
            raise UnsupportedModelError(
                f"{self._name} has no chat template: it is a base model, which continues plain text and cannot chat. "
                "Give it a text to continue (`penna generate`, /v1/completions), or choose an instruct/chat model.")
        placeholders = [{**message, "content": _SENTINEL.format(index)} for index, message in enumerate(messages)]
        switches = {} if thinking else {"enable_thinking": False}
        rendered = self._template.render(messages=placeholders, add_generation_prompt=add_generation_prompt,
                                         tools=None, documents=None, **self._special_tokens, **switches)
        pieces = []
        for index, part in enumerate(_SENTINEL_PATTERN.split(rendered)):
            if index % 2:
                pieces.append((messages[int(part)]["content"], True))
            elif part:
                pieces.append((part, False))
        return pieces

    def encode_chat(self, messages: list[dict], thinking: bool = True) -> list[int]:
        """Token ids of the rendered prompt; message contents never produce special tokens."""
        ids: list[int] = []
        for text, typed in self._render_pieces(messages, add_generation_prompt=True, thinking=thinking):
            ids += (self._literal if typed else self._tokenizer).encode(text, add_special_tokens=False).ids
        return ids

    def encode(self, text: str) -> list[int]:
        """Ids of plain text (special-token strings stay text)."""
        return self._literal.encode(text, add_special_tokens=False).ids

    def encode_prompt(self, text: str) -> list[int]:
        """Ids of a plain-text prompt for a continuation, with the beginning-of-text token the model was trained with."""
        return self._literal.encode(text, add_special_tokens=True).ids

    def decode(self, ids: list[int]) -> str:
        return self._tokenizer.decode(ids, skip_special_tokens=True)

    def token_to_id(self, token: str) -> int | None:
        return self._tokenizer.token_to_id(token)


class IncrementalDecoder:
    """Turns a growing list of token ids into text deltas.

    A character split across tokens (a Chinese character, an emoji) decodes to U+FFFD until its last
    byte arrives, so text is released only when the decoded tail is complete.
    """

    def __init__(self, tokenizer: ChatTokenizer) -> None:
        self._tokenizer = tokenizer
        self._ids: list[int] = []
        self._prefix_offset = 0
        self._read_offset = 0

    def push(self, token_id: int) -> str:
        self._ids.append(token_id)
        prefix = self._tokenizer.decode(self._ids[self._prefix_offset:self._read_offset])
        text = self._tokenizer.decode(self._ids[self._prefix_offset:])
        if len(text) > len(prefix) and not text.endswith("\ufffd"):
            self._prefix_offset, self._read_offset = self._read_offset, len(self._ids)
            return text[len(prefix):]
        return ""
