"""Several answers decoded together: one step advances every sequence of a batch.

On the CPU a decode step of a small model costs about the same for one sequence as for eight (the time goes into
reading the weights), so the answers a task needs at once — a partial summary per part of a long document — are
decoded side by side. Each prompt's prefill runs alone in its own row of the shared cache buffers (prefill is
compute-bound, so batching it gains nothing, and rows of different lengths need no padding); each step then feeds
one token per row, and GroupQueryAttention reads every row's own length from its attention-mask row. A row whose
answer has ended takes the next waiting prompt (continuous batching); once none is left, the rows still in use are
moved to the front and a step runs only those (an idle row would cost a step as much as a busy one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import onnxruntime as ort

from runtime.engine.decoder import GraphLayout
from runtime.engine.generation import Generation
from runtime.engine.sampling import GenerationOptions, Sampler

# The cache rows of a batch take at most this much memory (the default model: ~50 MB a row at 1,100 positions).
BATCH_CACHE_BYTES = 512 * 2**20
MAX_ROWS = 8  # past this, a step costs more than the rows it adds save (bench/bench_summarize.py --rows)


def rows_for(layout: GraphLayout, capacity: int, prompts: int) -> int:
    """How many rows a batch of ``prompts`` answers gets, at most MAX_ROWS and within the memory budget (at least one)."""
    per_row = len(layout.past_names) * layout.kv_heads * capacity * layout.head_dim * np.dtype(layout.kv_dtype).itemsize
    return max(1, min(prompts, MAX_ROWS, BATCH_CACHE_BYTES // per_row))


class BatchDecoder:
    """``rows`` KV caches of ``capacity`` positions in one buffer per layer (CPU memory: a row is a numpy view)."""

    def __init__(self, session: ort.InferenceSession, rows: int, capacity: int) -> None:
        self.session, self.layout, self.capacity = session, GraphLayout.of(session), capacity
        layout = self.layout
        shape = (rows, layout.kv_heads, capacity, layout.head_dim)
        self._buffers = [np.zeros(shape, dtype=layout.kv_dtype) for _ in layout.past_names]
        self._step_bindings: dict[int, ort.IOBinding] = {}  # by the number of rows a step runs
        self.lengths = np.zeros(rows, dtype=np.int64)

    def _bind(self, rows: slice) -> ort.IOBinding:
        """A binding whose past and present are the same rows of every buffer, updated in place."""
        binding = self.session.io_binding()
        binding.bind_output("logits", "cpu")  # first: get_outputs() lists outputs in the order they were bound
        for past, present, buffer in zip(self.layout.past_names, self.layout.present_names, self._buffers):
            view = ort.OrtValue.ortvalue_from_numpy(buffer[rows])  # shares the numpy memory on the CPU
            binding.bind_ortvalue_input(past, view)
            binding.bind_ortvalue_output(present, view)
        return binding

    def prefill(self, row: int, token_ids: Sequence[int]) -> np.ndarray:
        """Start ``row`` over with ``token_ids``; returns the last position's logits."""
        if len(token_ids) > self.capacity:
            raise ValueError(f"the batch cache holds {self.capacity} positions, {len(token_ids)} were asked")
        binding = self._bind(slice(row, row + 1))
        binding.bind_cpu_input("input_ids", np.asarray([token_ids], dtype=np.int64))
        binding.bind_cpu_input("attention_mask", np.ones((1, len(token_ids)), dtype=np.int64))
        self.session.run_with_iobinding(binding)
        self.lengths[row] = len(token_ids)
        return binding.get_outputs()[0].numpy()[0, -1]

    def step(self, token_ids: Sequence[int]) -> np.ndarray:
        """One token for each of the first ``len(token_ids)`` rows; returns their logits, one row per row."""
        count = len(token_ids)
        totals = self.lengths[:count] + 1
        if totals.max() > self.capacity:
            raise ValueError(f"the batch cache holds {self.capacity} positions, {totals.max()} were asked")
        if count not in self._step_bindings:
            self._step_bindings[count] = self._bind(slice(0, count))
        binding = self._step_bindings[count]
        mask = (np.arange(totals.max())[None, :] < totals[:, None]).astype(np.int64)
        binding.bind_cpu_input("input_ids", np.asarray(token_ids, dtype=np.int64)[:, None])
        binding.bind_cpu_input("attention_mask", mask)
        self.session.run_with_iobinding(binding)
        self.lengths[:count] = totals
        return binding.get_outputs()[0].numpy()[:, -1]

    def move(self, source: int, target: int) -> None:
        """Row ``source``'s sequence into row ``target`` (keeps the rows in use at the front: a step costs per row)."""
        length = self.lengths[source]
        for buffer in self._buffers:
            buffer[target, :, :length] = buffer[source, :, :length]
        self.lengths[target] = length


@dataclass
class _Answer:
    """One prompt's answer in progress, in a row of the batch."""

    index: int
    sampler: Sampler
    seen: np.ndarray
    budget: int
    ids: list[int] = field(default_factory=list)


def decode_batch(decoder: BatchDecoder, prompts: Sequence[list[int]], options: GenerationOptions,
                 stop_ids: frozenset[int], cancelled: Callable[[], bool] = lambda: False,
                 ) -> Iterator[tuple[int, list[int]]]:
    """(index of the prompt, its answer's ids without the stop token), as each answer ends; none once cancelled.

    Each answer is what the one-at-a-time loop gives the same prompt: its own sampler, repetition penalty over its
    own prompt and answer, at most ``options.max_new_tokens`` tokens and no more than the cache holds.
    """
    for answer in _decode_rows(decoder, prompts, options, stop_ids, cancelled):
        yield answer
        if cancelled():  # set while the caller held this answer: nothing more, not even answers of the same step
            return


def _decode_rows(decoder: BatchDecoder, prompts: Sequence[list[int]], options: GenerationOptions,
                 stop_ids: frozenset[int], cancelled: Callable[[], bool]) -> Iterator[tuple[int, list[int]]]:
    waiting = deque(enumerate(prompts))
    rows: list[_Answer | None] = [None] * len(decoder.lengths)  # the rows in use are rows[:active]
    next_ids = [0] * len(rows)
    stop_array = np.fromiter(stop_ids, dtype=np.int64)

    def choose(answer: _Answer, logits: np.ndarray) -> int | None:
        """The answer's next token, or None when the answer has ended."""
        if len(answer.ids) < options.min_new_tokens:
            logits[stop_array] = -np.inf
        token = answer.sampler.next_token(logits, answer.seen)
        if token in stop_ids:
            return None
        answer.ids.append(token)
        answer.seen = np.append(answer.seen, token)
        return token if len(answer.ids) < answer.budget else None

    def fill(row: int) -> Generator[tuple[int, list[int]], None, bool]:
        """Give ``row`` the next waiting prompt; False when none is left (answers that end at their first token are
        yielded at once)."""
        while waiting and not cancelled():
            index, prompt = waiting.popleft()
            budget = min(options.max_new_tokens, decoder.capacity - len(prompt))
            answer = _Answer(index, Sampler(options), np.asarray(prompt, dtype=np.int64), budget)
            if budget > 0 and (token := choose(answer, decoder.prefill(row, prompt))) is not None:
                rows[row], next_ids[row] = answer, token
                return True
            yield answer.index, answer.ids
        return False

    active = 0
    while active < len(rows) and (yield from fill(active)):
        active += 1
    while active and not cancelled():
        logits = decoder.step(next_ids[:active])
        row = 0
        while row < active:
            answer = rows[row]
            assert answer is not None  # rows[:active] are in use
            token = choose(answer, logits[row])
            if token is not None:
                next_ids[row] = token
                row += 1
                continue
            yield answer.index, answer.ids
            if (yield from fill(row)):
                row += 1
                continue
            active -= 1  # no prompt left for this row: the last row in use takes its place, this step's logits too
            if row < active:
                decoder.move(active, row)
                rows[row], next_ids[row], logits[row] = rows[active], next_ids[active], logits[active]
            rows[active] = None


def one_by_one(chat: Callable[[list[dict[str, str]], GenerationOptions], Generation[str]],
               conversations: Sequence[list[dict[str, str]]], options: GenerationOptions) -> Generation[tuple[int, str]]:
    """``chat_batch`` where answers cannot share a batch: each conversation answered in turn by ``chat``."""

    def run(generation: Generation[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        for index, messages in enumerate(conversations):
            if generation.cancelled:
                return
            answer = chat(messages, options)
            generation.on_cancel = answer.cancel
            if generation.cancelled:
                answer.cancel()
            text = "".join(answer)
            if not generation.cancelled:
                yield index, text

    return Generation(run)
