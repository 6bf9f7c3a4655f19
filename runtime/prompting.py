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
    context_length: int

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
    )[ \t]*\n?""",
    re.IGNORECASE | re.VERBOSE,
)
_HEAD_CHARS = 160


def strip_preamble(text: str) -> str:
    """``text`` without an opening line of commentary such as "Here is the summary:"."""
    return _PREAMBLE.sub("", text, count=1).lstrip()


@dataclass
class OutputFilter:
    """Cleans one answer as it streams: drops the preamble, leading and trailing blank space, and stops at a break
    the source did not have.

    shape: "line" stops at the first line break (a list item or a heading); "paragraph" keeps single line breaks
    and stops at a blank line; "free" keeps every break.
    """

    shape: str = "free"
    done: bool = False
    _head: str = ""
    _head_open: bool = True
    _pending: str = ""  # whitespace held back until text follows it
    _started: bool = False

    def feed(self, delta: str) -> str:
        """The part of ``delta`` to show now; sets ``done`` when the rest of the answer should be dropped."""
        if self.done:
            return ""
        if self._head_open:
            self._head += delta
            stripped = self._head.lstrip()
            if "\n" not in stripped and len(stripped) < _HEAD_CHARS:
                return ""
            self._head_open = False
            delta, self._head = strip_preamble(self._head), ""
        return self._body(delta)

    def finish(self) -> str:
        """What is still held back when the answer ends (trailing blank space is dropped)."""
        if self._head_open and not self.done:
            self._head_open = False
            text, self._head = strip_preamble(self._head), ""
            return self._body(text)
        return ""

    def _body(self, delta: str) -> str:
        out: list[str] = []
        for char in delta:
            if char.isspace():
                if self._started:
                    self._pending += char
                continue
            if self._pending:
                breaks = self._pending.count("\n")
                if (self.shape == "line" and breaks) or (self.shape == "paragraph" and breaks >= 2):
                    self.done = True
                    break
                out.append(self._pending)
                self._pending = ""
            self._started = True
            out.append(char)
        return "".join(out)
