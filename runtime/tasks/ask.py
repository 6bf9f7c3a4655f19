"""Asking documents: the question answered from numbered passages, and the answer's citations mapped to them.

The passages given to the model are its sources. Documents that fit the context budget together go in whole,
every passage in order; otherwise the passages that best match the question's words (FTS5 bm25) go in, best
first, as many as fit ``RETRIEVAL_TOKENS``. The model is asked to cite them as [1], [2]. Small models often
forget to: an answer that cites no source it was given is then attributed to the source its words overlap most,
and that citation is added at its end (``Answer.attributed``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from runtime.store.documents import search_terms
from runtime.tasks.prompting import input_budget
from runtime.tasks.prompts import task_prompts
from runtime.tasks.scaffolding import scaffold_lines
from runtime.tasks.stream import TaskStream

if TYPE_CHECKING:
    from runtime.engine import EngineProtocol
    from runtime.store import HistoryStore, StoredPassage

Mode = Literal["whole", "retrieval"]
# Room kept for the answer.
ANSWER_TOKENS = 384
# Retrieved passages fill at most this many tokens: prefill time is what the user waits before the first word
# (about 1,000 tokens a second for the default model on 2 CPU cores), and more passages dilute a small model.
RETRIEVAL_TOKENS = 900
RETRIEVAL_LIMIT = 8
SNIPPET_CHARS = 160
_CITATION = re.compile(r"\[(\d{1,3})\]")
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|\n+")


@dataclass(frozen=True)
class Source:
    """A numbered passage given to the model."""

    number: int
    stored: StoredPassage
    snippet: str  # the passage's sentence that best matches the question, shortened

    @property
    def where(self) -> str:
        """"guide.pdf, p. 3"."""
        return f"{self.stored.title}, {self.stored.passage.anchor}"


def snippet(text: str, query: str) -> str:
    """The sentence of ``text`` that shares most words with ``query`` (the first on a tie), at most
    ``SNIPPET_CHARS`` long."""
    words = set(search_terms(query))
    sentences = [" ".join(sentence.split()) for sentence in _SENTENCE.split(text) if sentence.strip()] or [""]
    best = max(sentences, key=lambda sentence: len(words & set(search_terms(sentence))))
    return best if len(best) <= SNIPPET_CHARS else best[: SNIPPET_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Sources:
    mode: Mode
    sources: list[Source]

    def block(self) -> str:
        """The sources as the prompt shows them."""
        template = task_prompts("ask")["source"]
        return "\n\n".join(template.format(number=source.number, where=source.where, text=source.stored.passage.text)
                           for source in self.sources)

    def cited(self, answer: str) -> list[Source]:
        """The sources ``answer`` cites, in the order of their numbers; unknown numbers are ignored."""
        numbers = {int(number) for number in _CITATION.findall(answer)}
        return [source for source in self.sources if source.number in numbers]

    def best_match(self, answer: str) -> Source | None:
        """The source whose words ``answer`` shares most (the earlier, better ranked, on a tie); None if none."""
        words = set(search_terms(answer))
        best, best_overlap = None, 0
        for source in self.sources:
            overlap = len(words & set(search_terms(source.stored.passage.text)))
            if overlap > best_overlap:
                best, best_overlap = source, overlap
        return best


def question_message(sources: Sources, question: str) -> str:
    """The user message that asks ``question`` about ``sources``."""
    return task_prompts("ask")["message"].format(sources=sources.block(), question=question)


def select_sources(store: HistoryStore, engine: EngineProtocol, document_ids: Sequence[int], question: str,
                   history: Sequence[dict[str, str]] = ()) -> Sources:
    """The passages to answer ``question`` from: all of the documents when they fit beside ``history`` (earlier
    messages of the chat) and the answer, else the best matches that fit ``RETRIEVAL_TOKENS``."""
    budget = input_budget(engine, [*_system(), *history, _user(question_message(Sources("whole", []), question))],
                          ANSWER_TOKENS)
    whole = [passage for document_id in document_ids for passage in store.passages_of(document_id)]
    if whole and _tokens(engine, whole) <= budget:
        return Sources("whole", _numbered(whole, question))
    found = store.search_passages(question, document_ids, limit=RETRIEVAL_LIMIT)
    chosen: list[StoredPassage] = []
    for passage in found:
        if _tokens(engine, [*chosen, passage]) > min(budget, RETRIEVAL_TOKENS):
            break
        chosen.append(passage)
    return Sources("retrieval", _numbered(chosen, question))


def _tokens(engine: EngineProtocol, passages: list[StoredPassage]) -> int:
    return engine.count_tokens(Sources("whole", _numbered(passages, "")).block())


def _numbered(passages: list[StoredPassage], question: str) -> list[Source]:
    return [Source(number, passage, snippet(passage.passage.text, question))
            for number, passage in enumerate(passages, start=1)]


def _system() -> list[dict[str, str]]:
    return [{"role": "system", "content": task_prompts("ask")["system"]}]


def _user(content: str) -> dict[str, str]:
    return {"role": "user", "content": content}


def document_messages(store: HistoryStore, engine: EngineProtocol, document_ids: Sequence[int],
                      messages: list[dict[str, str]]) -> tuple[Sources, list[dict[str, str]]]:
    """A chat's ``messages`` (ending with the user's question) with the documents' sources: the question wrapped
    in them, and the asking instruction before the chat's own system prompt."""
    own_system = messages[0]["content"] if messages and messages[0]["role"] == "system" else None
    history = messages[1 if own_system is not None else 0 : -1]
    question = messages[-1]["content"]
    sources = select_sources(store, engine, document_ids, question, history)
    system = _system()[0]["content"] + (f"\n\n{own_system}" if own_system else "")
    return sources, [{"role": "system", "content": system}, *history, _user(question_message(sources, question))]


def attribution(sources: Sources, answer: str) -> str:
    """What to add to ``answer`` so that it cites a source: "" when it cites one already, or when no source shares
    its words (an answer that says the documents do not tell)."""
    if not sources.sources or sources.cited(answer):
        return ""
    best = sources.best_match(answer)
    return "" if best is None else f" [{best.number}]"


class Answer(TaskStream):
    """The streamed answer to a question about documents; ``sources`` are what it was given, ``cited()`` what
    it cites."""

    def __init__(self, engine: EngineProtocol, sources: Sources, question: str,
                 cancel: threading.Event | None = None, max_new_tokens: int = ANSWER_TOKENS) -> None:
        super().__init__(cancel)
        self.engine = engine
        self.sources = sources
        self.question = question
        self.source_text = sources.block()
        self.max_new_tokens = max_new_tokens
        self.attributed = False

    @property
    def mode(self) -> Mode:
        return self.sources.mode

    def messages(self) -> list[dict[str, str]]:
        return [*_system(), _user(question_message(self.sources, self.question))]

    def cited(self) -> list[Source]:
        return self.sources.cited(self.text())

    def _deltas(self) -> Iterator[str]:
        from runtime.engine import GenerationOptions

        options = GenerationOptions(max_new_tokens=self.max_new_tokens, temperature=0.0, repetition_penalty=1.1,
                                    thinking=False)
        answer = ""
        scaffold = scaffold_lines([*_system(), _user(question_message(Sources(self.mode, []), ""))])
        for delta in self._answer(self.engine, self.messages(), options, scaffold):
            answer += delta
            yield delta
        if not self.cancelled and (added := attribution(self.sources, answer)):
            self.attributed = True
            yield added


def ask(store: HistoryStore, engine: EngineProtocol, document_ids: Sequence[int], question: str,
        cancel: threading.Event | None = None) -> Answer:
    """The answer to ``question`` from the library's documents ``document_ids``, to iterate."""
    return Answer(engine, select_sources(store, engine, document_ids, question), question, cancel)

