"""The engine: an exported model on ONNX Runtime, generating streamed, cancellable answers.

Imports only onnxruntime, numpy, tokenizers and jinja2 (through runtime's own modules).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from runtime.engine.context import fit_messages
from runtime.engine.decoder import Decoder
from runtime.engine.sampling import GenerationOptions, Sampler
from runtime.engine.session import open_session
from runtime.engine.stops import StopMatcher
from runtime.engine.tokenizer import ChatTokenizer, IncrementalDecoder
from runtime.errors import DeviceError
from runtime.export import ExportedModel, ProgressCallback, ensure_exported
from runtime.export.precision import resolve_precision

log = logging.getLogger(__name__)


@dataclass
class GenerationStats:
    prompt_tokens: int
    completion_tokens: int
    ttft_s: float  # time to first token, prefill included
    tokens_per_s: float  # decode speed after the first token
    finish_reason: str  # "stop" | "length" | "cancelled"
    dropped_turns: int = 0  # oldest turns left out so the prompt fits the context


class Generation:
    """A running answer: iterate it for text deltas; ``cancel()`` from any thread; ``stats`` at the end."""

    def __init__(self, run: Callable[[Generation], Iterator[str]], dropped_turns: int = 0):
        self._cancelled = threading.Event()
        self._deltas = run(self)
        self.dropped_turns = dropped_turns
        self.stats: GenerationStats | None = None

    def __iter__(self) -> Iterator[str]:
        return self._deltas

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def text(self) -> str:
        return "".join(self)


class Engine:
    def __init__(self, exported: ExportedModel, device: str = "auto", context_length: int | None = None):
        manifest = exported.manifest
        self.model_name: str = manifest["name"]
        self.precision: str = manifest["precision"]
        if self.precision == "fp16" and device == "cpu":
            raise DeviceError("fp16 models run on CUDA only. Choose auto, fp32, int8 or int4 for the CPU.")
        hint = f"Rebuild it with `penna models export {self.model_name} --precision {self.precision} --force`."
        opened = open_session(exported.onnx_path, device, rebuild_hint=hint)
        if self.precision == "fp16" and opened.device != "CUDA":
            raise DeviceError(f"fp16 models run on CUDA only, and CUDA cannot be used here: {opened.fallback_reason}. Choose auto, fp32, int8 or int4.")
        self.device: str = opened.device
        self.fallback_reason: str | None = opened.fallback_reason
        self.context_length: int = min(manifest["context_length"], context_length or manifest["context_length"])
        self.tokenizer = ChatTokenizer(exported.path, manifest)
        self._session = opened.session
        self._stop_ids = np.fromiter(self.tokenizer.stop_ids, dtype=np.int64)
        self._lock = threading.Lock()  # one generation at a time per engine

    @classmethod
    def open(cls, model: str | None = None, precision: str = "fp32", device: str = "auto",
             progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
             context_length: int | None = None) -> Engine:
        """Load ``model`` (the default when None), exporting it first if it is not in the cache yet.

        ``precision`` "auto" is the model's default on ``device`` (runtime.export.precision).
        """
        exported = ensure_exported(model, resolve_precision(precision, model, device), progress, cancel)
        return cls(exported, device, context_length)

    def decoder(self) -> Decoder:
        """A fresh KV-cache decoder over this engine's session (for callers that drive steps themselves)."""
        return Decoder(self._session, self.device)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text))

    def count_chat_tokens(self, messages: list[dict]) -> int:
        return len(self.tokenizer.encode_chat(messages))

    def chat(self, messages: list[dict], options: GenerationOptions | None = None) -> Generation:
        """Answer the conversation ``messages`` ([{"role", "content"}, ...]) as a streamed Generation."""
        options = options or GenerationOptions()
        fitted = fit_messages(messages, self.count_chat_tokens, self.context_length, options.max_new_tokens)
        prompt_ids = self.tokenizer.encode_chat(fitted.messages)
        return Generation(lambda generation: self._stream(generation, prompt_ids, options), fitted.dropped_turns)

    def _stream(self, generation: Generation, prompt_ids: list[int], options: GenerationOptions) -> Iterator[str]:
        with self._lock:
            yield from self._decode(generation, prompt_ids, options)

    def generate_ids(self, prompt_ids: list[int], options: GenerationOptions,
                     cancelled: Callable[[], bool] = lambda: False) -> Iterator[int]:
        """The answer's token ids, one per step; a stop token is yielded last."""
        decoder, sampler = self.decoder(), Sampler(options)
        seen = np.asarray(prompt_ids, dtype=np.int64)
        budget = min(options.max_new_tokens, self.context_length - len(prompt_ids))
        logits = decoder.forward(prompt_ids)
        for step in range(budget):
            if cancelled():
                return
            if step < options.min_new_tokens:
                logits[self._stop_ids] = -np.inf
            token = sampler.next_token(logits, seen)
            yield token
            if token in self.tokenizer.stop_ids:
                return
            seen = np.append(seen, token)
            if step + 1 < budget:
                logits = decoder.forward([token])

    def _decode(self, generation: Generation, prompt_ids: list[int], options: GenerationOptions) -> Iterator[str]:
        text_decoder, stops = IncrementalDecoder(self.tokenizer), StopMatcher(options.stop)
        started = time.perf_counter()
        first_token_at = None
        completion = 0
        finish = "length"
        for token in self.generate_ids(prompt_ids, options, lambda: generation.cancelled):
            completion += 1
            first_token_at = first_token_at or time.perf_counter()
            if token in self.tokenizer.stop_ids:
                finish = "stop"
                break
            delta, stopped = stops.push(text_decoder.push(token))
            if delta:
                yield delta
            if stopped:
                finish = "stop"
                break
        if generation.cancelled and finish != "stop":
            finish = "cancelled"
        if finish != "stop" and (tail := stops.flush()):
            yield tail
        ended = time.perf_counter()
        first_token_at = first_token_at or ended
        decode_time = ended - first_token_at
        generation.stats = GenerationStats(
            prompt_tokens=len(prompt_ids), completion_tokens=completion,
            ttft_s=first_token_at - started,
            tokens_per_s=(completion - 1) / decode_time if completion > 1 and decode_time > 0 else 0.0,
            finish_reason=finish, dropped_turns=generation.dropped_turns,
        )
        log.info("generated %d tokens (%s) at %.1f tok/s", completion, finish, generation.stats.tokens_per_s)
