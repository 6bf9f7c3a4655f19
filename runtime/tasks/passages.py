"""A document cut into passages that each know where they come from.

A passage is a few hundred characters of consecutive text with its anchor: the page of a PDF, the path of
Markdown-style headings above it (docx and HTML are read into that form, see documents.py), and its line range
in the document's text. The passages are what the library indexes, what answers cite and what summaries
point back to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runtime.tasks.chunking import split_text

if TYPE_CHECKING:  # the store imports Passage; documents.py (and its readers) load only where files are read
    from runtime.tasks.documents import Document

# About 150 tokens of English: five of them and a question fit a small model's prompt in well under a second of
# prefill each, and a passage this size usually holds one fact whole (bench/bench_documents.py measures recall).
PASSAGE_CHARS = 700
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class Passage:
    text: str
    page: int | None = None  # 1-based, for PDFs
    heading: str | None = None  # "Chapter › Section", where the document has headings
    first_line: int = 1  # 1-based, inclusive, in the document's text (in the page's text for a PDF)
    last_line: int = 1

    @property
    def anchor(self) -> str:
        """Where the passage is, for people: "p. 3", "Install › Linux" or "lines 10-24"."""
        if self.page is not None:
            return f"p. {self.page}"
        if self.heading:
            return self.heading
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}-{self.last_line}"


def split_passages(document: Document, max_chars: int = PASSAGE_CHARS) -> list[Passage]:
    """``document`` as passages of at most ``max_chars`` characters, cut on paragraph, line and sentence ends."""
    if document.page_texts is not None:
        return [passage for number, text in enumerate(document.page_texts, start=1)
                for passage in _passages_of(text, max_chars, page=number)]
    return _passages_of(document.text, max_chars)


def _passages_of(text: str, max_chars: int, page: int | None = None) -> list[Passage]:
    """Passages of ``text``, each within one section: a heading starts a new passage."""
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    headings = list(_HEADING.finditer(text))
    bounds = [0] + [match.start() for match in headings if match.start() > 0] + [len(text)]
    passages: list[Passage] = []
    path: list[tuple[int, str]] = []
    for section_start, section_end in zip(bounds, bounds[1:]):
        heading = _HEADING.match(text, section_start)
        if heading is not None:
            level = len(heading.group(1))
            path = [(lvl, name) for lvl, name in path if lvl < level] + [(level, heading.group(2).strip())]
        offset = section_start
        for piece in split_text(text[section_start:section_end], max_chars, len):
            start = offset + len(piece) - len(piece.lstrip())
            end = offset + len(piece.rstrip())
            offset += len(piece)
            if end > start:
                passages.append(Passage(
                    text=text[start:end],
                    page=page,
                    heading=" › ".join(name for _, name in path) or None,
                    first_line=bisect.bisect_right(line_starts, start),
                    last_line=bisect.bisect_right(line_starts, end - 1),
                ))
    return passages
