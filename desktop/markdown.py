"""Markdown for message bodies: fenced code blocks are split out (they get their own widget with a
Copy action); the prose between them becomes Qt rich text. Raw HTML in a message is shown as text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QTextDocument

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$", re.MULTILINE)
_FEATURES = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value | QTextDocument.MarkdownFeature.MarkdownNoHTML.value
)


@dataclass(frozen=True)
class Segment:
    """A run of prose (``kind == "prose"``) or one code block (``kind == "code"``, with its language)."""

    kind: str
    text: str
    language: str = ""


def split_segments(text: str) -> list[Segment]:
    """Split ``text`` into prose and fenced code blocks; an unclosed fence (mid-stream) runs to the end."""
    segments: list[Segment] = []
    position = 0
    while (opening := _FENCE.search(text, position)) is not None:
        fence, language = opening.group(2), opening.group(3)
        if prose := text[position:opening.start()].strip("\n"):
            segments.append(Segment("prose", prose))
        body_start = opening.end() + 1
        closing = re.compile(rf"^ {{0,3}}{fence[0]}{{{len(fence)},}}[ \t]*$", re.MULTILINE).search(text, body_start)
        body_end = closing.start() if closing else len(text)
        segments.append(Segment("code", text[body_start:body_end].rstrip("\n"), language))
        position = closing.end() if closing else len(text)
    if rest := text[position:].strip("\n"):
        segments.append(Segment("prose", rest))
    return segments


def prose_to_html(text: str) -> str:
    """Render Markdown prose (headings, lists, tables, emphasis, inline code) to Qt rich text."""
    document = QTextDocument()
    document.setMarkdown(text, _FEATURES)
    return document.toHtml()
