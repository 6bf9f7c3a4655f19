"""Template placeholders and echoes of the prompt, kept out of a task's answer whatever the model writes.

Small models fill gaps with a template's placeholders ("[TITLE]", "[Your Name]", "{title}", "<<Project title>>")
and repeat the prompt's own lines (its instruction, its "---"). ``ScaffoldFilter`` drops, as the answer streams,
each bracketed span that the source text does not have (a Markdown link "[text](url)" stays; a translation keeps
the spans of a kind its source uses, which may be the source's own, translated), each line that repeats a line of
the prompt, and each line left without a word once its placeholders are gone.
"""

from __future__ import annotations

import re

_BRACKETS = {"[": "]", "{": "}", "<<": ">>"}
_LONGEST_PLACEHOLDER = 120  # a longer bracketed span is text, not a placeholder
_EDGES = " \t*_#>`"  # Markdown emphasis and heading marks around an echoed line
_CLOSE_UP = ".,;:!?)\n"  # no space before these where a placeholder was taken out


def _normal(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip(_EDGES).lower()


def scaffold_lines(messages: list[dict[str, str]]) -> frozenset[str]:
    """The prompt's own lines, from its messages built around an empty text (as for ``input_budget``)."""
    return frozenset(normal for message in messages for line in message["content"].splitlines()
                     if (normal := _normal(line)))


class ScaffoldFilter:
    """Cleans one answer as it streams. A line is held while it could still be an echo or has no word yet, a
    bracketed span until it closes, and blank space until the next character (around a placeholder taken out it
    closes up to one space, or none before punctuation and at either end of a line)."""

    def __init__(self, scaffold: frozenset[str], source: str, translation: bool = False) -> None:
        self._scaffold = scaffold
        self._source = source
        self._brackets = {opening: closing for opening, closing in _BRACKETS.items()
                          if not (translation and opening in source)}
        self._line = ""  # the current line so far while it is held (placeholders taken out)
        self._holding = True
        self._removed = False  # a placeholder was taken out of the current line
        self._spaces = ""  # blank space held until the next character
        self._gap = False  # a placeholder was taken out since the last character
        self._span = ""  # a bracketed span being read, or the "<" that may open "<<"
        self._closed = False  # "[...]" has closed: a placeholder unless "(" follows (a Markdown link)

    def feed(self, delta: str) -> str:
        return "".join(self._char(char) for char in delta)

    def finish(self) -> str:
        """The held end of the answer; an unclosed span there is a placeholder cut short."""
        span, self._span, self._closed = self._span, "", False
        out = self._text(span) if span == "<" else ""
        if span and span != "<":
            self._drop_placeholder()
        if not self._gap:
            out += "".join(self._put(char) for char in self._spaces)
        if self._holding:
            out += self._end_line() or ""
        return out

    def _char(self, char: str) -> str:
        if self._closed:
            span, self._span, self._closed = self._span, "", False
            if char == "(":
                return self._text(span + char)
            self._drop_placeholder()
        elif self._span:
            return self._in_span(char)
        if char in self._brackets or (char == "<" and "<<" in self._brackets):
            self._span = char
            return ""
        return self._text(char)

    def _in_span(self, char: str) -> str:
        if self._span == "<" and char != "<":
            self._span = ""
            return self._text("<") + self._char(char)
        self._span += char
        opening = "<<" if self._span.startswith("<<") else self._span[0]
        if len(self._span) > len(opening) and self._span.endswith(self._brackets[opening]):
            if self._span in self._source:
                span, self._span = self._span, ""
                return self._text(span)
            if opening == "[":
                self._closed = True
            else:
                self._span = ""
                self._drop_placeholder()
        elif char == "\n" or len(self._span) > _LONGEST_PLACEHOLDER or (char.isspace() and self._span == opening + char):
            span, self._span = self._span, ""  # a line break, a long span or a space after the opening: text
            return self._text(span)
        return ""

    def _drop_placeholder(self) -> None:
        self._removed = self._gap = True

    def _text(self, text: str) -> str:
        out: list[str] = []
        for char in text:
            if char in " \t":
                self._spaces += char
                continue
            spaces, self._spaces = self._spaces, ""
            if self._gap and spaces:
                closes_up = char in _CLOSE_UP or (self._holding and not self._line)
                spaces = "" if closes_up else " "
            self._gap = False
            out.extend(self._put(piece) for piece in spaces + char)
        return "".join(out)

    def _put(self, char: str) -> str:
        if char == "\n":
            kept = self._end_line() if self._holding else ""
            self._line, self._holding, self._removed = "", True, False
            return "" if kept is None else kept + "\n"
        if not self._holding:
            return char
        self._line += char
        if self._could_be_scaffolding():
            return ""
        self._holding = False
        return self._line

    def _could_be_scaffolding(self) -> bool:
        normal = _normal(self._line)
        return not any(char.isalnum() for char in self._line) or any(line.startswith(normal) for line in self._scaffold)

    def _end_line(self) -> str | None:
        """The held line at its end; None (dropped, line break and all) if it echoes the prompt or only
        placeholders left it."""
        line, self._line = self._line, ""
        if _normal(line) in self._scaffold or (self._removed and not any(char.isalnum() for char in line)):
            return None
        return line
