"""The engine: an exported model on ONNX Runtime, generating streamed, cancellable answers.

Imports only onnxruntime, numpy, tokenizers and jinja2 (through runtime's own modules).
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Callable, Iterator

import numpy as np

from runtime.engine.argmax import DeviceArgmax
from runtime.engine.batch import BatchDecoder, decode_batch, one_by_one, rows_for
from runtime.engine.context import FittedMessages, answer_reserve, fit_messages
from runtime.engine.decoder import Decoder, GraphLayout, StaticDecoder
from runtime.engine.generation import FinishReason, Generation, GenerationStats
from runtime.engine.placement import CUDA, Placement, finish_profiling
from runtime.engine.sampling import GenerationOptions, Sampler
from runtime.devices import cuda_unavailable_reason, nvidia_gpu_present
from runtime.engine.session import DeviceSession, open_session
from runtime.engine.stops import StopMatcher
from runtime.engine.tokenizer import ChatTokenizer, IncrementalDecoder
from runtime.errors import ContextOverflowError, DeviceError
from runtime.export import ExportedModel, ProgressCallback, ensure_exported
from runtime.export.precision import resolve_precision

log = logging.getLogger(__name__)

# The static cache on the CPU too: bench/bench_engine.py's path (c) decoded faster with it than with the growing
# cache (2.31 against 1.71-1.76 tok/s, two rounds on a heavily shared 2-core machine); on CUDA it is always used.
STATIC_CACHE_ON_CPU = True
# Warm-up at load: a short prompt and a few steps, so that the first answer does not pay for first-run set-up.
_WARM_UP_PROMPT, _WARM_UP_STEPS = 8, 4


class Engine:
    """The local engine (an EngineProtocol): an exported model in an ONNX Runtime session on the CPU or CUDA."""

    def __init__(self, exported: ExportedModel, device: str = "auto", context_length: int | None = None,
                 cuda_graph: bool = False) -> None:
        """``cuda_graph`` (CUDA only): decode steps replay one captured CUDA graph (one static cache per engine)."""
        manifest = exported.manifest
        self.model_name: str = manifest["name"]
        self.folder = exported.path  # the export: model.onnx, config.json (the model's shape), manifest.json
        self.precision: str = manifest["precision"]
        if self.precision == "fp16" and device == "cpu":
            raise DeviceError("fp16 models run on CUDA only. Choose auto, fp32, int8 or int4 for the CPU.")
        self.context_length: int = min(manifest["context_length"], context_length or manifest["context_length"])
        self.tokenizer = ChatTokenizer(exported.path, manifest)
        self._stop_ids = np.fromiter(self.tokenizer.stop_ids, dtype=np.int64)
        self._lock = threading.Lock()  # one generation at a time per engine
        self._rebuild_hint = f"Rebuild it with `penna models export {self.model_name} --precision {self.precision} --force`."
        self.placement: Placement | None = None  # where each node ran, read at load where a GPU is found
        opened = self._open_on_gpu(exported, device, cuda_graph)
        if self.precision == "fp16" and opened.device != "CUDA":
            why = opened.fallback_reason or cuda_unavailable_reason()
            raise DeviceError(f"fp16 models run on CUDA only, and CUDA cannot be used here: {why}. Choose auto, fp32, int8 or int4.")
        self.device: str = opened.device
        self.fallback_reason: str | None = opened.fallback_reason
        self._session = opened.session
        self._layout = GraphLayout.of(self._session)
        self._static_cache = self._layout.shares_cache_buffer and (self.device == "CUDA" or STATIC_CACHE_ON_CPU)
        self._batches = self._layout.shares_cache_buffer and self.device == "CPU"  # runtime.engine.batch's rows
        self._graph_decoder = None
        if cuda_graph and self.device == "CUDA" and self._layout.shares_cache_buffer:
            self._graph_decoder = StaticDecoder(self._session, self.device, self.context_length, cuda_graph=True)
        self._graph_lock = threading.Lock()  # the graph decoder's buffers serve one generation at a time
        self._argmax_lock = threading.Lock()
        self._argmax = None  # greedy on the device, with the static cache
        if self._static_cache:
            self._argmax = DeviceArgmax(self._layout.vocab_size, self._layout.logits_dtype, self.device)
        self._warm_up()

    def _open_on_gpu(self, exported: ExportedModel, device: str, cuda_graph: bool) -> DeviceSession:
        """The session, checked on CUDA: a graph with heavy nodes that have no CUDA kernel is not run as if on the GPU.

        ONNX Runtime puts such nodes (fp32 GroupQueryAttention) on the CPU and copies tensors around them at every
        step; "cuda" is then refused with what to do, and "auto" runs the model on the CPU, saying why.
        """
        profile = tempfile.gettempdir() + "/penna-placement" if device != "cpu" and nvidia_gpu_present() else None
        opened = open_session(exported.onnx_path, device, self._rebuild_hint, profile_prefix=profile)
        if profile:
            Decoder(opened.session, opened.device).forward([0])  # one profiled step
            self.placement = finish_profiling(opened.session)
        if opened.device != "CUDA" or self.placement is None:  # the placement is profiled wherever CUDA can load
            return opened
        off = self.placement.heavy_nodes_off(CUDA)
        if not off:  # CUDA graphs need every node on the GPU: only now can such a session open
            return open_session(exported.onnx_path, "cuda", self._rebuild_hint, cuda_graph=True) if cuda_graph else opened
        ops = ", ".join(sorted({node.op_type for node in off}))
        reason = (f"{len(off)} heavy nodes of this {self.precision} model have no CUDA kernel ({ops}) and would run on "
                  f"the CPU; on CUDA use fp16 (`--precision fp16`)")
        if device == "cuda":
            raise DeviceError(f"This model cannot run on the GPU: {reason}, or choose --device cpu.")
        log.warning("running on the CPU: %s", reason)
        self.placement = None  # it described the CUDA session, not this one
        return DeviceSession(open_session(exported.onnx_path, "cpu", self._rebuild_hint).session, "CPU", reason)

    def _warm_up(self) -> None:
        """A short greedy answer at load, so that the first real answer runs at warm speed."""
        options = GenerationOptions(temperature=0, repetition_penalty=1.0, max_new_tokens=_WARM_UP_STEPS)
        for _ in self.generate_ids(list(range(_WARM_UP_PROMPT)), options):
            pass

    @classmethod
    def open(cls, model: str | None = None, precision: str = "fp32", device: str = "auto",
             progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
             context_length: int | None = None) -> Engine:
        """Load ``model`` (the default when None), exporting it first if it is not in the cache yet.

        ``precision`` "auto" is the model's default on ``device`` (runtime.export.precision).
        """
        exported = ensure_exported(model, resolve_precision(precision, model, device), progress, cancel)
        return cls(exported, device, context_length)

    def decoder(self, capacity: int | None = None) -> Decoder | StaticDecoder:
        """A fresh KV-cache decoder over this engine's session (for callers that drive steps themselves).

        ``capacity``: the most positions it will hold (the context length when None), for a static cache.
        """
        if self._static_cache:
            return StaticDecoder(self._session, self.device, capacity or self.context_length)
        return Decoder(self._session, self.device)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text))

    def count_chat_tokens(self, messages: list[dict[str, str]]) -> int:
        return len(self.tokenizer.encode_chat(messages))

    def chat(self, messages: list[dict[str, str]], options: GenerationOptions | None = None) -> Generation[str]:
        """Answer the conversation ``messages`` ([{"role", "content"}, ...]) as a streamed Generation."""
        options = options or GenerationOptions()
        fitted = self._fitted(messages, options)
        prompt_ids = self.tokenizer.encode_chat(fitted.messages, options.thinking)
        return Generation(lambda generation: self._stream(generation, prompt_ids, options), fitted.dropped_turns)

    def _fitted(self, messages: list[dict], options: GenerationOptions) -> FittedMessages:
        """``messages`` fitted to the context with room for the answer (the oldest turns dropped first)."""
        return fit_messages(messages, self.count_chat_tokens, self.context_length, options.max_new_tokens)

    def chat_batch(self, conversations: list[list[dict[str, str]]], options: GenerationOptions | None = None,
                   ) -> Generation[tuple[int, str]]:
        """Answers to several conversations, decoded together where the graph allows it (runtime.engine.batch).

        The Generation yields (index of the conversation, answer text) as each answer ends — not in input order.
        """
        options = options or GenerationOptions()
        if not self._batches:
            return one_by_one(self.chat, conversations, options)
        prompts = [self.tokenizer.encode_chat(self._fitted(messages, options).messages, options.thinking)
                   for messages in conversations]
        return Generation(lambda generation: self._decode_batch(generation, prompts, options))

    def _decode_batch(self, generation: Generation[tuple[int, str]], prompts: list[list[int]], options: GenerationOptions,
                      ) -> Iterator[tuple[int, str]]:
        capacity = min(max(map(len, prompts)) + options.max_new_tokens, self.context_length)
        with self._lock:
            decoder = BatchDecoder(self._session, rows_for(self._layout, capacity, len(prompts)), capacity)
            for index, ids in decode_batch(decoder, prompts, options, self.tokenizer.stop_ids,
                                           lambda: generation.cancelled):
                text, _ = StopMatcher(options.stop).push(self.tokenizer.decode(ids))
                yield index, text

    @property
    def is_chat_model(self) -> bool:
        """False for a base model (no chat template): use ``complete`` instead of ``chat``."""
        return self.tokenizer.has_chat_template

    def complete(self, prompt: str, options: GenerationOptions | None = None) -> Generation[str]:
        """Continue the plain text ``prompt`` (what a base model does) as a streamed Generation."""
        options = options or GenerationOptions()
        prompt_ids = self.tokenizer.encode_prompt(prompt)
        limit = self.context_length - answer_reserve(self.context_length, options.max_new_tokens)
        if len(prompt_ids) > limit:
            raise ContextOverflowError(
                f"The text is too long for this model: it takes {len(prompt_ids)} tokens, and the model's context of "
                f"{self.context_length} tokens must also leave room for the answer. Shorten it.")
        return Generation(lambda generation: self._stream(generation, prompt_ids, options))

    def _stream(self, generation: Generation[str], prompt_ids: list[int], options: GenerationOptions) -> Iterator[str]:
        with self._lock:
            yield from self._decode(generation, prompt_ids, options)

    def generate_ids(self, prompt_ids: list[int], options: GenerationOptions,
                     cancelled: Callable[[], bool] = lambda: False) -> Iterator[int]:
        """The answer's token ids, one per step; a stop token is yielded last."""
        if self._graph_decoder is None:
            capacity = min(len(prompt_ids) + options.max_new_tokens, self.context_length)
            yield from self._generate_ids(self.decoder(capacity), prompt_ids, options, cancelled)
            return
        with self._graph_lock:
            self._graph_decoder.reset()
            yield from self._generate_ids(self._graph_decoder, prompt_ids, options, cancelled)

    def _generate_ids(self, decoder: Decoder | StaticDecoder, prompt_ids: list[int], options: GenerationOptions,
                      cancelled: Callable[[], bool]) -> Iterator[int]:
        sampler = Sampler(options)
        seen = np.asarray(prompt_ids, dtype=np.int64)
        budget = min(options.max_new_tokens, self.context_length - len(prompt_ids))
        greedy = options.temperature <= 0 and options.repetition_penalty == 1.0
        argmax = self._argmax if greedy and isinstance(decoder, StaticDecoder) else None  # greedy on the device
        step_ids = prompt_ids
        for step in range(budget):
            if cancelled():
                return
            if argmax is not None and isinstance(decoder, StaticDecoder) and step >= options.min_new_tokens:
                token = self._greedy_on_device(argmax, decoder, step_ids)
            else:
                logits = decoder.forward(step_ids)
                if step < options.min_new_tokens:
                    logits[self._stop_ids] = -np.inf
                token = sampler.next_token(logits, seen)
            yield token
            if token in self.tokenizer.stop_ids:
                return
            seen = np.append(seen, token)
            step_ids = [token]

    def _greedy_on_device(self, argmax: DeviceArgmax, decoder: StaticDecoder, token_ids: list[int]) -> int:
        """The step's argmax computed where the logits are: only the id crosses to the host."""
        decoder.run(token_ids)
        with self._argmax_lock:
            argmax.bind(decoder.logits)
            return argmax()

    def _decode(self, generation: Generation[str], prompt_ids: list[int], options: GenerationOptions) -> Iterator[str]:
        text_decoder, stops = IncrementalDecoder(self.tokenizer), StopMatcher(options.stop)
        started = time.perf_counter()
        first_token_at = None
        completion = 0
        finish: FinishReason = "length"
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
