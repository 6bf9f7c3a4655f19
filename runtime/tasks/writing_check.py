"""Is a writing action's result worth using? Labels, preambles and added quotes off, then checked.

Small models open with "Corrected text:", "Here is the revised version:" or wrap the answer in quotation marks,
answer in English whatever the text's language, and "proofread" by rewriting. ``clean_result`` removes the
first three; ``writing_doubts`` says why a cleaned result is doubtful (empty when nothing speaks against it).
"""

from __future__ import annotations

import re

from runtime.tasks.language import Language
from runtime.tasks.translation_check import clean_translation, language_mismatch
from runtime.tasks.word_diff import changed_share

# A label line the model puts above its result: "Corrected text:", "**Revised version:**", "Explanation:".
_LABEL = re.compile(
    r"^[ \t*_#>]*(?:the\s+)?(?:(?:corrected|proofread|revised|rewritten|improved|edited|shorter|longer|simpler|"
    r"simplified|formal|friendlier|friendly|final|new|updated)(?:\s+(?:text|version|sentence|paragraph))?|"
    r"correction|explanation|summary|result|answer|output|text)[*_ \t]*[:：][*_]*[ \t]*",
    re.IGNORECASE)
# A sentence that introduces the result, then the result in quotes: 'The revised sentence is: "…"'.
_INTRODUCED = re.compile(r'^[^"“«「\n]{0,160}[:：]\s*(["“«「])(.+)(["”»」])\.?\s*$', re.DOTALL)
_QUOTES = {'"': '"', "“": "”", "«": "»", "「": "」", "'": "'"}
# A proofread that changes more than this share of the words rewrote the text instead of correcting it.
MAX_PROOFREAD_CHANGE = 0.4
# Below this many words a share says little ("teh cat" -> "the cat" is half the words).
MIN_WORDS_FOR_SHARE = 6


def clean_result(text: str, source_text: str, language: Language | None) -> str:
    """``text`` without a preamble, labels (of the language or the action) and quotes the source did not have."""
    cleaned = strip_label(clean_translation(text, source_text, language), source_text).strip()
    source = source_text.strip()
    introduced = _INTRODUCED.match(cleaned)
    if introduced and _QUOTES.get(introduced.group(1)) == introduced.group(3) and not _INTRODUCED.match(source):
        cleaned = introduced.group(2).strip()
    if len(cleaned) > 1 and _QUOTES.get(cleaned[0]) == cleaned[-1] and source[:1] != cleaned[0]:
        cleaned = cleaned[1:-1].strip()
    return cleaned


def strip_label(text: str, source_text: str) -> str:
    """``text`` without a label such as "Corrected text:" at its start, unless the source starts with one too."""
    label = _LABEL.match(text)
    return text[label.end():] if label and not _LABEL.match(source_text) else text


def proofread_doubt(result: str, source_text: str) -> str | None:
    """Why ``result`` is more than a proofread of ``source_text``; None when its changes are few enough."""
    share = changed_share(source_text, result)
    if len(source_text.split()) >= MIN_WORDS_FOR_SHARE and share > MAX_PROOFREAD_CHANGE:
        return (f"the proofread changed {share:.0%} of the text, more than spelling, grammar and punctuation "
                "mistakes would explain")
    return None


def writing_doubts(result: str, language: Language | None) -> list[str]:
    """Why ``result`` is doubtful: empty, or not in ``language`` (None: the language could not be told)."""
    if not result.strip():
        return ["the model gave no result"]
    found = language_mismatch(result, language) if language is not None else None
    return [f"the result looks like {found.name}, not {language.name}"] if found and language else []
