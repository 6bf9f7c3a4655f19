"""Writing actions on a text: Proofread, the Rewrites, Explain, Summarize and the user's own (Translate is
runtime.tasks.translate, returned by ``write`` for the ``translate`` action).

Every action but Translate writes in the text's language. The result streams as the model writes it, cleaned of
preambles and labels, except Proofread's: that is checked first (a proofread that changed far more than mistakes
would explain is asked once more with a stricter prompt, and marked doubtful when that rewrites too), so it arrives
whole. ``doubts`` says why a result may be wrong (empty when every check passed).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from runtime.errors import ContextOverflowError
from runtime.tasks.actions import PROOFREAD, TRANSLATE, WritingAction, find_action
from runtime.tasks.language import Language, detect_language, get_language
from runtime.tasks.prompting import input_budget
from runtime.tasks.prompts import task_prompts
from runtime.tasks.scaffolding import scaffold_lines
from runtime.tasks.stream import TaskStream
from runtime.tasks.translate import Translation, translate
from runtime.tasks.word_diff import changed_share
from runtime.tasks.writing_check import clean_result, proofread_doubt, writing_doubts

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: imported where it is used
    from runtime.engine import EngineProtocol, GenerationOptions
    from runtime.store import HistoryStore

log = logging.getLogger(__name__)

# Room for the answer per token of the text, and at least this many tokens (Explain and Longer grow).
_EXPANSION = {"longer": 2.5, "explain": 2.0, "summarize": 0.8, "shorter": 1.0}
_MIN_ANSWER_TOKENS = 160
# These answer a line with a line and a paragraph with a paragraph: a break the text did not have ends the result.
_SAME_SHAPE = {PROOFREAD, "shorter", "formal", "friendly", "simpler", "summarize"}
_HEAD_CHARS = 200


def writing_messages(text: str, action: WritingAction, language: Language | None,
                     instruction: str | None = None) -> list[dict[str, str]]:
    """The prompt of ``action`` (``instruction`` overrides a built-in's, e.g. Proofread's ``strict``)."""
    prompts = task_prompts("write")
    language_name = language.name if language else "the language of the text"
    if action.prompt is not None:
        return [{"role": "system", "content": prompts["user_action"]["system"]},
                {"role": "user", "content": action.prompt.format(text=text, language=language_name)}]
    instruction = instruction or prompts["instructions"][action.name]
    fields = {"text": text, "instruction": instruction, "language": language_name}
    return [{"role": "system", "content": prompts["system"].format(**fields)},
            {"role": "user", "content": prompts["user"].format(**fields)}]


class Writing(TaskStream):
    """One action's streamed result. ``language``: what the result should be written in (None: not known)."""

    def __init__(self, engine: EngineProtocol, text: str, action: WritingAction, language: Language | None,
                 cancel: threading.Event | None = None) -> None:
        super().__init__(cancel)
        self.engine = engine
        self.source_text = text
        self.action = action
        self.language = language
        self.doubts: list[str] = []

    @property
    def doubtful(self) -> bool:
        return bool(self.doubts)

    def _options(self) -> GenerationOptions:
        from runtime.engine import GenerationOptions

        tokens = self.engine.count_tokens(self.source_text)
        budget = input_budget(self.engine, writing_messages("", self.action, self.language), answer_tokens=0)
        answer = max(_MIN_ANSWER_TOKENS, int(tokens * _EXPANSION.get(self.action.name, 1.5)) + 32)
        if tokens + answer > budget:
            raise ContextOverflowError(
                f"The text is too long for {self.action.name} with this model ({tokens} tokens, with room for "
                f"{budget} in all); select less, or summarise the whole document in the Summarize pane.")
        return GenerationOptions(max_new_tokens=answer, temperature=0.0, repetition_penalty=1.05, thinking=False)

    def _deltas(self) -> Iterator[str]:
        options = self._options()
        if self.action.name == PROOFREAD:
            yield self._proofread(options)
            return
        messages = writing_messages(self.source_text, self.action, self.language)
        raw: list[str] = []
        head: str | None = ""  # held until its first line is whole, so that a label there is taken off before it shows
        for delta in self._answer(self.engine, messages, options, self._scaffold(), self._shape()):
            raw.append(delta)
            if head is None:
                yield delta
                continue
            head += delta
            if "\n" in head or len(head) >= _HEAD_CHARS:
                yield self._clean_head(head)
                head = None
        if head:
            yield self._clean_head(head)
        if not self.cancelled:
            self.doubts.extend(writing_doubts(clean_result("".join(raw), self.source_text, self.language),
                                              self.language))

    def _clean_head(self, head: str) -> str:
        """The answer's first line (or first ``_HEAD_CHARS``) cleaned as a whole result, its line break kept."""
        return clean_result(head, self.source_text, self.language) + head[len(head.rstrip()):]

    def _proofread(self, options: GenerationOptions) -> str:
        """The first answer, or the strict one when the first changed too much and the strict one changed less."""
        strict = task_prompts("write")["instructions"]["strict"]
        best, reason = "", None
        for instruction in (None, strict):
            messages = writing_messages(self.source_text, self.action, self.language, instruction)
            raw = "".join(self._answer(self.engine, messages, options, self._scaffold(), self._shape()))
            attempt = clean_result(raw, self.source_text, self.language)
            attempt_reason = proofread_doubt(attempt, self.source_text)
            if instruction is None or (attempt.strip() and changed_share(self.source_text, attempt)
                                       < changed_share(self.source_text, best)):
                best, reason = attempt, attempt_reason
            if reason is None or self.cancelled:
                break
            log.info("retrying the proofread with the strict prompt: %s", reason)
        if not self.cancelled:
            self.doubts.extend([reason] if reason else [])
            self.doubts.extend(writing_doubts(best, self.language))
        return best

    def _shape(self) -> str:
        """A line for a line, a paragraph for a paragraph (what follows is commentary); anything for longer texts."""
        source = self.source_text.strip()
        if self.action.name not in _SAME_SHAPE or "\n\n" in source:
            return "free"
        return "paragraph" if "\n" in source else "line"

    def _scaffold(self) -> frozenset[str]:
        return scaffold_lines(writing_messages("", self.action, self.language))


def write(engine: EngineProtocol, text: str, action: str | WritingAction, language: str | None = None,
          cancel: threading.Event | None = None) -> Writing | Translation:
    """Starts nothing yet: the stream of ``action`` on ``text``. ``language``: Translate's target, or the language a
    user action's ``{language}`` names (default: the text's own, detected now); other actions keep the text's."""
    chosen = find_action(action) if isinstance(action, str) else action
    if chosen.name == TRANSLATE:
        return translate(engine, text, language or "en", cancel=cancel)
    detected = detect_language(text)
    target = get_language(language) if language and not chosen.keeps_language else detected
    log.info("%s on %d characters in %s", chosen.name, len(text), target.code if target else "?")
    return Writing(engine, text, chosen, target, cancel)


def record_writing(store: HistoryStore, task: Writing | Translation, result: str) -> object:
    """Keep a finished action's ``result`` in the history (Translate with the translations); returns the record."""
    model = task.engine.model_name
    if isinstance(task, Translation):
        return store.add_translation(task.source_text, task.target.code, result, model=model,
                                     source_language=task.source.code if task.source else None)
    return store.add_writing(task.action.name, task.source_text, result, model=model,
                             language=task.language.code if task.language else None)
