"""What the writing tasks share: fitting input into the context window and cleaning what the model says.

Small instruct models like to open with "Here is the translation:" and to close with a note after a blank
line. ``OutputFilter`` removes both while the text streams, and keeps the shape the caller asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from runtime.errors import ContextOverflowError

# Room for counting differences: a text counted alone and inside its message may tokenize a little differently.
SAFETY_TOKENS = 16


class TokenCounting(Protocol):
    @property
    def context_length(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...

    def count_chat_tokens(self, messages: list[dict[str, str]]) -> int: ...


def input_budget(engine: TokenCounting, messages: list[dict[str, str]], answer_tokens: int) -> int:
    """Tokens left for the text a task inserts into ``messages`` (given without it), after the answer's room.

    The prompt's own cost is counted through the model's chat template, generation prompt included."""
    overhead = engine.count_chat_tokens(messages)
    budget = engine.context_length - overhead - answer_tokens - SAFETY_TOKENS
    if budget < 16:
        raise ContextOverflowError(
            f"The model's context window ({engine.context_length} tokens) leaves no room for the text after "
            f"the instructions and a {answer_tokens}-token answer; choose a model with a larger context."
        )
    return budget


_PREAMBLE = re.compile(
    r"""^\s*
    (?:(?:sure|okay|ok|certainly|of\ course)[,.!]?\s*)?
    (?:
        (?:here(?:'s|\ is|\ are)|below\ is|this\ is)\b[^\n:]{0,100}:      # "Here is the translation into French:"
      | (?:the\ )?(?:translation|translated\ text|summary|summaries)\b[^\n:]{0,40}:  # "Translation (French):"
      | [#*_\ ]*(?:translation|summary)[*_\ ]*:?[*_]*[ \t]*\n              # a heading line: "**Summary**"
    )[ \t]*\n?""",
    re.IGNORECASE | re.VERBOSE,
)
_HEAD_CHARS = 160
# A paragraph in which the model talks about its own answer ("I made some minor changes...", "Note: ...").
_COMMENTARY = re.compile(
    r"""^\s*\(?(?:note|explanation|notes|translator's\ note|pronunciation)\b
    | ^\s*(?:i|i've|i\ have)\s+(?:made|kept|added|changed|translated|rephrased|used|tried|summari[sz]ed|removed|corrected)\b
    | ^\s*(?:this|the\ above|in\ this)\s+(?:summary|translation|version|text)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_PROBE_CHARS = 48


def strip_preamble(text: str) -> str:
    """``text`` without an opening line of commentary such as "Here is the summary:"."""
    return _PREAMBLE.sub("", text, count=1).lstrip()


@dataclass
class OutputFilter:
    """Cleans one answer as it streams: drops an opening line of commentary, leading and trailing blank space,
    and everything from a break the source did not have or a paragraph that comments on the answer.

    shape: "line" stops at the first line break (a list item or a heading); "paragraph" keeps single line breaks
    and stops at a blank line; "free" keeps every break but stops at a paragraph of commentary.
    """

    shape: str = "free"
    done: bool = False
    _state: str = "head"  # "head": collecting the opening; "body"; "probe": collecting a new paragraph's start
    _held: str = ""  # the opening, or a new paragraph's start, until it can be judged
    _pending: str = ""  # blank space held back until text follows it
    _started: bool = False

    def feed(self, delta: str) -> str:
        """The part of ``delta`` to show now; sets ``done`` when the rest of the answer should be dropped."""
        out: list[str] = []
        for char in delta:
            if self.done:
                break
            if self._state == "body":
                out.append(self._body(char))
                continue
            self._held += char
            if self._state == "head":
                head = self._held.lstrip()
                if "\n" in head or len(head) >= _HEAD_CHARS:
                    out.append(self._release(strip_preamble(self._held)))
            elif "\n" in self._held or len(self._held) >= _PROBE_CHARS:
                out.append(self._judge_paragraph())
        return "".join(out)

    def finish(self) -> str:
        """What is still held back when the answer ends (trailing blank space is dropped)."""
        if self.done or self._state == "body":
            return ""
        if self._state == "head":
            return self._release(strip_preamble(self._held))
        return self._judge_paragraph()

    def _judge_paragraph(self) -> str:
        if _COMMENTARY.match(self._held):
            self.done = True
            return ""
        blank, self._pending = self._pending, ""
        return blank + self._release(self._held)

    def _release(self, text: str) -> str:
        """Back to the body state; ``text`` (held until now) goes through ``feed`` like any delta."""
        self._state, self._held = "body", ""
        return self.feed(text)

    def _body(self, char: str) -> str:
        if self.done:
            return ""
        if char.isspace():
            if self._started:
                self._pending += char
            return ""
        out = ""
        if self._pending:
            breaks = self._pending.count("\n")
            if (self.shape == "line" and breaks) or (self.shape == "paragraph" and breaks >= 2):
                self.done = True
                return ""
            if breaks >= 2 and self._state == "body" and self._started:
                self._state, self._held = "probe", char  # keep the blank lines pending until the paragraph is judged
                return ""
            out, self._pending = self._pending, ""
        self._started = True
        return out + char
