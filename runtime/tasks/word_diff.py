"""A word-level diff between a text and its proofread version: what the popup marks, and how much changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

# A word, one CJK character (those scripts have no spaces), one punctuation mark, or a run of blank space.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|\w+(?:['’]\w+)*|[^\w\s]|\s+")


@dataclass(frozen=True)
class DiffPart:
    kind: Literal["same", "removed", "added"]
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(before: str, after: str) -> list[DiffPart]:
    """``before`` turned into ``after`` as parts kept, removed and added (blank space counts as kept)."""
    old, new = tokens(before), tokens(after)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(DiffPart("same", "".join(old[old_start:old_end])))
            continue
        if old_end > old_start:
            parts.append(DiffPart("removed", "".join(old[old_start:old_end])))
        if new_end > new_start:
            parts.append(DiffPart("added", "".join(new[new_start:new_end])))
    return parts


def changed_share(before: str, after: str) -> float:
    """The share of ``before``'s words and marks that were removed or replaced, plus those added (0 unchanged)."""
    old = [token for token in tokens(before) if not token.isspace()]
    new = [token for token in tokens(after) if not token.isspace()]
    if not old:
        return 1.0 if new else 0.0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changed = sum(max(old_end - old_start, new_end - new_start)
                  for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes() if operation != "equal")
    return changed / len(old)
