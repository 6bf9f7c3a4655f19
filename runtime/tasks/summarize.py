"""Summaries of texts of any length.

A text that fits the context budget is summarised in one pass. A longer one is split into token-budgeted
chunks on paragraph and sentence boundaries; each chunk is summarised (map), then the partial summaries are
grouped into budget-sized groups and each group is combined into one, repeating until a single group remains,
whose combination is the summary, streamed (reduce). ``progress(done, total)`` is called once the plan is known
(``done`` 0) and after every model call. ``total`` counts the rounds of combining the partial summaries are
expected to need at their longest, so it is right from the start; it grows only if the partials turn out longer,
and shrinks to what is left when they turn out shorter.

Small models loop and overrun: a partial summary is cut where it starts to repeat itself, and the streamed summary
goes through a ``SummaryGuard`` (runtime/tasks/result_check.py); ``findings`` says what it cut, and whether the
summary shares too few words with the text to be about it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runtime.errors import ContextOverflowError
from runtime.tasks.chunking import split_text
from runtime.tasks.language import Language, detect_language, get_language
from runtime.tasks.prompting import input_budget, strip_preamble
from runtime.tasks.prompts import task_prompts
from runtime.tasks.result_check import ECHO, EMPTY, OFF_TOPIC, SummaryGuard, cut_loop, echoes_prompt, off_topic
from runtime.tasks.scaffolding import scaffold_lines
from runtime.tasks.stream import TaskStream

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: imported where it is used
    from runtime.engine import EngineProtocol, GenerationOptions

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

LENGTHS = ("short", "medium", "long")
STYLES = ("paragraph", "bullets")
# length -> the room for its answer (the prompts themselves are in assets/prompts/summarize.toml)
_ANSWER_TOKENS = {"short": 160, "medium": 320, "long": 640}


@dataclass
class SummaryOptions:
    map_tokens: int = 128  # the longest partial summary of one chunk
    # A cap on chunk size. Prefill cost grows faster than linearly with length (default model on 2 CPU cores:
    # 173 tok/s at 512 tokens, 137 at 1024, 69 at 2048), and small models summarise short pieces better.
    max_chunk_tokens: int | None = 1024
    temperature: float = 0.0
    repetition_penalty: float = 1.1


def summary_messages(text: str, instruction: str) -> list[dict[str, str]]:
    prompts = task_prompts("summarize")
    return [{"role": "system", "content": prompts["system"]},
            {"role": "user", "content": prompts["message"].format(text=text, instruction=instruction)}]


def _instruction(kind: str, length: str, style: str, language: Language | None) -> str:
    """The instruction of one step: ``kind`` is "map", "combine", "final" or "single"."""
    prompts = task_prompts("summarize")
    in_language = prompts["in_language"].format(language=language.name) if language else ""
    return prompts[kind].format(form=prompts["lengths"][length][style], in_language=in_language)


class Summary(TaskStream):
    """The streamed summary. ``chunks`` is how many pieces the text was split into (1: one pass); ``findings``
    holds runtime.tasks.result_check's codes for what is wrong with it (empty when every check passed)."""

    def __init__(self, engine: EngineProtocol, text: str, length: str, style: str, language: Language | None,
                 progress: Progress | None, options: SummaryOptions, cancel: threading.Event | None) -> None:
        super().__init__(cancel)
        self.engine = engine
        self.source_text = text
        self.length = length
        self.style = style
        self.language = language
        self.progress = progress
        self.options = options
        self.chunks = 0
        self.findings: list[str] = []
        self._done = 0
        self._total = 0

    def _options(self, max_new_tokens: int) -> GenerationOptions:
        from runtime.engine import GenerationOptions

        return GenerationOptions(max_new_tokens=max_new_tokens, temperature=self.options.temperature,
                                 repetition_penalty=self.options.repetition_penalty, thinking=False)

    def _budget(self, kind: str, answer_tokens: int) -> int:
        """Tokens of text that fit one step of ``kind``; map and combine pieces also keep to the chunk cap."""
        instruction = _instruction(kind, self.length, self.style, self.language)
        budget = input_budget(self.engine, summary_messages("", instruction), answer_tokens)
        if kind in ("map", "combine") and self.options.max_chunk_tokens:
            return min(budget, self.options.max_chunk_tokens)
        return budget

    def _step_done(self) -> None:
        self._done += 1
        self._report()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self._done, self._total)

    def _planned_combines(self, chunks: int, combine_budget: int, final_budget: int) -> int:
        """Combining steps needed if every partial summary is as long as it may be."""
        steps, tokens = 0, chunks * self.options.map_tokens
        while tokens > final_budget:
            groups = -(-tokens // combine_budget)
            if groups * self.options.map_tokens >= tokens:
                break  # no progress to be had; the real rounds will tell
            steps, tokens = steps + groups, groups * self.options.map_tokens
        return steps

    def _partials(self, kind: str, texts: list[str]) -> list[str]:
        """Map or combine steps, one per text, decoded together (``engine.chat_batch``); not streamed."""
        instruction = _instruction(kind, self.length, self.style, self.language)
        conversations = [summary_messages(text, instruction) for text in texts]
        partials = [""] * len(texts)
        answers = self._answers(self.engine, conversations, self._options(self.options.map_tokens),
                                scaffold_lines(summary_messages("", instruction)))
        for index, answer in answers:
            partials[index] = cut_loop(strip_preamble(answer).strip())
            self._step_done()
        return partials

    def _deltas(self) -> Iterator[str]:
        final_tokens = _ANSWER_TOKENS[self.length]
        text = self.source_text.strip()
        final_budget = self._budget("single", final_tokens)
        if self.engine.count_tokens(text) <= final_budget:
            self.chunks, self._total = 1, 1
            self._report()
            yield from self._final("single", text, final_tokens)
            return
        map_budget = self._budget("map", self.options.map_tokens)
        if map_budget < 3 * self.options.map_tokens:
            raise ContextOverflowError(
                f"The model's context window ({self.engine.context_length} tokens) is too small to summarise a long "
                "text in parts; choose a model with a larger context."
            )
        chunks = split_text(text, map_budget, self.engine.count_tokens)
        combine_budget = self._budget("combine", self.options.map_tokens)
        final_budget = self._budget("final", final_tokens)
        self.chunks = len(chunks)
        self._total = len(chunks) + self._planned_combines(len(chunks), combine_budget, final_budget) + 1
        self._report()
        log.info("summarising %d chunks of at most %d tokens", len(chunks), map_budget)
        partials = self._partials("map", chunks)
        joined = "\n\n".join(partials)
        while not self.cancelled and self.engine.count_tokens(joined) > final_budget:
            groups = split_text(joined, combine_budget, self.engine.count_tokens)
            self._total = max(self._total, self._done + len(groups) + 1)
            partials = self._partials("combine", groups)
            joined = "\n\n".join(partials)
        if self._total > self._done + 1:  # the partials were shorter than planned: fewer rounds were needed
            self._total = self._done + 1
            self._report()
        yield from self._final("final", joined, final_tokens)

    def _final(self, kind: str, text: str, answer_tokens: int) -> Iterator[str]:
        instruction = _instruction(kind, self.length, self.style, self.language)
        guard = SummaryGuard()
        yield from self._answer(self.engine, summary_messages(text, instruction), self._options(answer_tokens),
                                scaffold_lines(summary_messages("", instruction)), guard=guard)
        if self.cancelled:
            return
        self.findings = list(guard.findings)
        summary = "".join(self._parts)
        prompt = "\n".join(message["content"] for message in summary_messages("", instruction))
        if not summary.strip():
            self.findings = [EMPTY]  # whatever the guard said of the answer, none of it is shown
        elif echoes_prompt(summary, prompt):
            self.findings.append(ECHO)
        elif self.language is None or detect_language(self.source_text) == self.language:
            if off_topic(summary, self.source_text):  # words compare within one language
                self.findings.append(OFF_TOPIC)
        self._step_done()


def summarize(engine: EngineProtocol, text: str, length: str = "short", style: str = "paragraph", language: str = "auto",
              progress: Progress | None = None, cancel: threading.Event | None = None,
              options: SummaryOptions | None = None) -> Summary:
    """Returns the Summary to iterate; ``language="auto"`` writes it in the language of the text."""
    if length not in LENGTHS:
        raise ValueError(f"length must be one of {LENGTHS}, not {length!r}")
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    chosen = detect_language(text) if language == "auto" else get_language(language)
    return Summary(engine, text, length, style, chosen, progress, options or SummaryOptions(), cancel)
