"""Splitting text into pieces that each fit a token budget.

Pure functions over any ``count_tokens(str) -> int``. The chunks are consecutive slices of the text, so
``"".join(chunks) == text`` always holds. Cuts fall on the coarsest boundary that makes the pieces fit:
blank lines (paragraphs), then line breaks, then sentence ends, then spaces, and only for a single "word"
longer than the budget (a URL, a run of CJK text without punctuation) between characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

TokenCounter = Callable[[str], int]

# Each pattern matches the separator a piece ends with; the separator stays with the piece before it.
_BOUNDARIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraphs
    re.compile(r"\n\s*"),  # lines (list items, verse, hard-wrapped prose)
    re.compile(r"(?:[.!?…]+[\"'”’)\]]*\s+|[。！？；]+[”」』）]*\s*)"),  # sentences, Western and CJK
    re.compile(r"\s+"),  # words
)


def split_at(text: str, boundary: re.Pattern[str]) -> list[str]:
    """``text`` cut after each match of ``boundary``; the pieces join back to ``text``."""
    pieces: list[str] = []
    start = 0
    for match in boundary.finditer(text):
        if match.end() > start and match.end() < len(text):
            pieces.append(text[start : match.end()])
            start = match.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


def _cut_characters(text: str, budget: int, count_tokens: TokenCounter) -> Iterator[str]:
    """The longest prefixes that fit, one after another (binary search on the length)."""
    while text:
        low, high = 1, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if count_tokens(text[:middle]) <= budget:
                low = middle
            else:
                high = middle - 1
        if low == 1 and count_tokens(text[:1]) > budget:
            raise ValueError(f"a budget of {budget} tokens cannot hold even the character {text[0]!r}")
        yield text[:low]
        text = text[low:]


def _fitting_pieces(text: str, budget: int, count_tokens: TokenCounter, level: int = 0) -> Iterator[tuple[str, int]]:
    """Pieces of ``text`` with their token counts, each within ``budget``, cut as coarsely as possible."""
    if level == len(_BOUNDARIES):
        for piece in _cut_characters(text, budget, count_tokens):
            yield piece, count_tokens(piece)
        return
    for piece in split_at(text, _BOUNDARIES[level]):
        tokens = count_tokens(piece)
        if tokens <= budget:
            yield piece, tokens
        else:
            yield from _fitting_pieces(piece, budget, count_tokens, level + 1)


def _pack(pieces: list[tuple[str, int]], budget: int, count_tokens: TokenCounter) -> Iterator[str]:
    """Consecutive pieces joined greedily while their summed counts fit, each join checked by a real count."""
    group: list[str] = []
    total = 0
    for piece, tokens in pieces:
        if group and total + tokens > budget:
            yield from _checked("".join(group), group, budget, count_tokens)
            group, total = [], 0
        group.append(piece)
        total += tokens
    if group:
        yield from _checked("".join(group), group, budget, count_tokens)


def _checked(chunk: str, group: list[str], budget: int, count_tokens: TokenCounter) -> Iterator[str]:
    # Token counts are not always additive (merges across a cut, special tokens); halve the group if the join overflows.
    if len(group) == 1 or count_tokens(chunk) <= budget:
        yield chunk
        return
    middle = len(group) // 2
    for half in (group[:middle], group[middle:]):
        yield from _checked("".join(half), half, budget, count_tokens)


def split_text(text: str, budget: int, count_tokens: TokenCounter) -> list[str]:
    """``text`` as consecutive chunks of at most ``budget`` tokens each (by ``count_tokens``)."""
    if budget < 1:
        raise ValueError(f"a chunk budget must be at least one token, not {budget}")
    if not text:
        return []
    return list(_pack(list(_fitting_pieces(text, budget, count_tokens)), budget, count_tokens))
