"""Where each part of a summary comes from: its paragraphs or bullets, each with the passages it draws on.

A summary's parts are matched against the passages of the summarised documents with the library's bm25 index:
a part names the facts, names and numbers of the passages it condenses, and those are the passages that rank
first for its words. The map-reduce's own partial summaries are condensed away by the combining steps, so the
final parts are matched against the source passages directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runtime.store import HistoryStore, StoredPassage

# Passages shown for one part; a part rarely condenses more than two passages of ~700 characters.
PASSAGES_PER_PART = 2
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


@dataclass(frozen=True)
class SummaryPart:
    text: str
    passages: list[StoredPassage]


def summary_parts(summary: str) -> list[str]:
    """The bullets, else the paragraphs, of ``summary``."""
    parts: list[str] = []
    for block in re.split(r"\n\s*\n", summary.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if any(_BULLET.match(line) for line in lines):
            parts.extend(lines)  # a list: each item is a part (and a line that introduces it)
        elif lines:
            parts.append(" ".join(lines))
    return parts


def summary_sources(store: HistoryStore, document_ids: Sequence[int], summary: str) -> list[SummaryPart]:
    """Each part of ``summary`` with the passages of ``document_ids`` it most likely came from, best first."""
    return [SummaryPart(part, store.search_passages(_BULLET.sub("", part), document_ids, limit=PASSAGES_PER_PART))
            for part in summary_parts(summary)]
