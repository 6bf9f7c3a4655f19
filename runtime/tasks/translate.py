"""Translation that keeps the shape of the text, and says when the result is doubtful.

The text is cut into segments: fenced code blocks, blank lines, list markers and heading marks stay verbatim;
each paragraph, list item and heading is translated on its own (longer ones piece by piece within the context
budget) and streamed in order, so paragraphs, line breaks and lists come out where they went in.

Each piece's answer is cleaned of labels and preambles and checked against the target language before it is
streamed (so a piece arrives whole, never as text that is taken back); a piece that fails the check is asked
once more with a stricter prompt, and if that fails too the translation is marked doubtful (``doubts``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runtime.tasks.chunking import split_text
from runtime.tasks.language import Language, detect_language, get_language, script_of
from runtime.tasks.prompting import input_budget
from runtime.tasks.prompts import task_prompts
from runtime.tasks.scaffolding import scaffold_lines
from runtime.tasks.stream import TaskStream
from runtime.tasks.translation_check import clean_translation, doubt

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: imported where it is used
    from runtime.engine import EngineProtocol, GenerationOptions

log = logging.getLogger(__name__)


@dataclass
class TranslateOptions:
    temperature: float = 0.0  # greedy: translations should not vary from run to run
    repetition_penalty: float = 1.05
    max_piece_tokens: int = 768  # small models translate short pieces far better than long ones
    expansion: float = 2.5  # answer room per source token (English -> German or Japanese grows)


@dataclass(frozen=True)
class Segment:
    text: str
    shape: str | None  # None: copy verbatim; "line" or "paragraph": translate with that shape


_FENCE = re.compile(r"^\s*(```|~~~)")
# A list marker, heading mark or quote mark, with the space after it: kept verbatim before the translated rest.
_MARKER = re.compile(r"^(\s*(?:[-*+•]|\d{1,3}[.)]|#{1,6}|>)[ \t]+)(?=\S)")


def split_segments(text: str) -> list[Segment]:
    """``text`` as verbatim and translatable segments whose texts join back to ``text``."""
    segments: list[Segment] = []
    paragraph: list[str] = []  # the lines of a paragraph being collected, each with its line break
    fence: str | None = None

    def close_paragraph() -> None:
        if paragraph:
            body = "".join(paragraph)
            core = body.rstrip("\n")
            segments.extend(_with_spaces(core, "paragraph"))
            segments.append(Segment(body[len(core) :], None))
            paragraph.clear()

    for line in text.splitlines(keepends=True):
        if fence is not None:
            segments.append(Segment(line, None))
            if line.strip().startswith(fence):
                fence = None
            continue
        opening = _FENCE.match(line)
        marker = _MARKER.match(line)
        wordless = not any(script_of(char) for char in line)  # blank lines, rules (---), lone numbers
        if opening or wordless or marker:
            close_paragraph()
        if opening:
            fence = opening.group(1)
            segments.append(Segment(line, None))
        elif wordless:
            segments.append(Segment(line, None))
        elif marker:
            content = line[marker.end() :]
            core = content.rstrip("\n")
            segments.append(Segment(marker.group(1), None))
            segments.extend(_with_spaces(core, "line"))
            segments.append(Segment(content[len(core) :], None))
        else:
            paragraph.append(line)
    close_paragraph()
    return [segment for segment in segments if segment.text]


def _with_spaces(text: str, shape: str) -> list[Segment]:
    """Leading and trailing blank space verbatim around the translatable core; text without letters verbatim."""
    core = text.strip()
    if not any(script_of(char) for char in core):
        return [Segment(text, None)]
    start = text.index(core)
    return [Segment(text[:start], None), Segment(core, shape), Segment(text[start + len(core) :], None)]


def translation_messages(text: str, source: Language | None, target: Language) -> list[dict[str, str]]:
    """The first try's prompt (assets/prompts/translate.toml, ``first``)."""
    prompts = task_prompts("translate")["first"]
    fields = {"text": text, "target": target.name, "label": source.name if source else prompts["unknown_label"],
              "origin": prompts["origin"].format(source=source.name) if source else ""}
    return _messages(prompts, fields)


def strict_translation_messages(text: str, source: Language | None, target: Language) -> list[dict[str, str]]:
    """The second try's prompt (``strict``), for an answer that was empty or in the wrong language."""
    prompts = task_prompts("translate")["strict"]
    fields = {"text": text, "target": target.name,
              "not_source": prompts["not_source"].format(source=source.name) if source else ""}
    return _messages(prompts, fields)


def _messages(prompts: dict[str, str], fields: dict[str, str]) -> list[dict[str, str]]:
    return [{"role": "system", "content": prompts["system"].format(**fields)},
            {"role": "user", "content": prompts["user"].format(**fields)}]


class Translation(TaskStream):
    """The streamed translation; ``source`` is the language given or detected (None if it could not be told);
    ``doubts`` holds why parts of the result may be wrong (empty when every check passed)."""

    translation = True

    def __init__(self, engine: EngineProtocol, text: str, source: Language | None, target: Language, options: TranslateOptions,
                 cancel: threading.Event | None = None) -> None:
        super().__init__(cancel)
        self.engine = engine
        self.source_text = text
        self.source = source
        self.target = target
        self.options = options
        self.doubts: list[str] = []
        self._checked: list[tuple[str, str]] = []  # (piece, its answer) for each piece sent to the model

    @property
    def doubtful(self) -> bool:
        """True when the result failed the language check even after a retry: show it marked, not as-is."""
        return bool(self.doubts)

    def _deltas(self) -> Iterator[str]:
        if self.source == self.target:
            log.info("the text is already in %s; returning it unchanged", self.target.name)
            yield self.source_text
            return
        from runtime.engine import GenerationOptions

        # A piece and its translation (up to ``expansion`` times longer) share what the instructions leave free.
        free = input_budget(self.engine, translation_messages("", self.source, self.target), answer_tokens=0)
        budget = min(self.options.max_piece_tokens, int(free / (1 + self.options.expansion)))
        for segment in split_segments(self.source_text):
            if self.cancelled:
                return
            if segment.shape is None:
                yield segment.text
                continue
            for piece in split_text(segment.text, budget, self.engine.count_tokens):
                core = piece.strip()
                options = GenerationOptions(
                    max_new_tokens=int(self.engine.count_tokens(core) * self.options.expansion) + 16,
                    temperature=self.options.temperature,
                    repetition_penalty=self.options.repetition_penalty,
                    thinking=False,
                )
                yield self._checked_piece(core, segment.shape, options)
                yield piece[len(piece.rstrip()) :] if core else piece
        pieces, answers = ("\n".join(texts) for texts in zip(*self._checked)) if self._checked else ("", "")
        if not self.doubts and not self.cancelled and answers and (reason := doubt(answers, pieces, self.target)):
            self.doubts.append(reason)  # pieces too short to judge alone can still add up to the wrong language

    def _checked_piece(self, text: str, shape: str, options: GenerationOptions) -> str:
        """One piece's cleaned answer; asked again with the strict prompt when the first fails the check."""
        answer, reason = "", None
        for make_messages in (translation_messages, strict_translation_messages):
            scaffold = scaffold_lines(make_messages("", self.source, self.target))
            raw = "".join(self._answer(self.engine, make_messages(text, self.source, self.target), options, scaffold,
                                       shape))
            attempt = clean_translation(raw, text, self.source)
            attempt_reason = doubt(attempt, text, self.target)
            if make_messages is translation_messages or attempt_reason is None or not answer:
                answer, reason = attempt, attempt_reason
            if reason is None or self.cancelled:
                break
            log.info("retrying a piece with the strict prompt: %s", reason)
        if reason is not None and not self.cancelled:
            self.doubts.append(reason)
        self._checked.append((text, answer))
        return answer


def translate(engine: EngineProtocol, text: str, target: str, source: str = "auto", options: TranslateOptions | None = None,
              cancel: threading.Event | None = None) -> Translation:
    """Starts nothing yet: returns the Translation to iterate. ``source="auto"`` detects the language now."""
    target_language = get_language(target)
    source_language = detect_language(text) if source == "auto" else get_language(source)
    log.info("translating %d characters from %s into %s", len(text), source_language.code if source_language else "?",
             target_language.code)
    return Translation(engine, text, source_language, target_language, options or TranslateOptions(), cancel)
