"""Is a translation worth copying? Labels and preambles off, then its language checked against the target.

Small models often answer "Simplified Chinese: …" (the prompt's label repeated), open with a preamble in the
target language ("Bien sûr, voici la traduction :"), echo the source line, or answer in the wrong language.
``clean_translation`` removes the first three; ``doubt`` says why a cleaned answer is not a translation into
the target (None when nothing speaks against it).
"""

from __future__ import annotations

import re

from runtime.tasks.language import LANGUAGES, Language, detect_language, script_of

# Words a label line may name: every language (English and native names) and "translation" in several
# languages. A label is one of them (or two, "Translation (French)") followed by a colon.
_TRANSLATION_WORDS = ("translation", "translated text", "traduction", "übersetzung", "traducción", "tradução",
                      "traduzione", "vertaling", "tłumaczenie", "перевод", "翻译", "翻譯", "翻訳", "번역")
_LANGUAGE_WORDS = {name.lower(): language for language in LANGUAGES
                   for name in (language.name, language.native, language.name.split()[-1])}
_NAME = "|".join(re.escape(word) for word in sorted({*_LANGUAGE_WORDS, *_TRANSLATION_WORDS}, key=len, reverse=True))
_LABEL = re.compile(rf"^[ \t*_#>\"“「]*({_NAME})(?:[ \t]*\([^)\n]{{1,40}}\))?[*_ \t]*[:：][*_]*[ \t]*",
                    re.IGNORECASE)  # "Simplified Chinese:", "**Chinese (Simplified):**", "Traduction :"
# Openings that announce an answer instead of being one ("Sure, here it is:", "Bien sûr, je …", "以下是翻译：").
_OPENERS = ("sure", "certainly", "of course", "okay", "here is", "here's", "below is", "bien sûr", "voici",
            "d'accord", "certes", "claro", "aquí está", "aquí tienes", "por supuesto", "natürlich", "gerne", "hier ist",
            "certo", "ecco", "certamente", "com certeza", "aqui está", "конечно", "вот перевод", "当然", "好的",
            "以下是", "这是", "もちろん", "以下は", "물론")
_OPENER = re.compile(rf"^\s*(?:{'|'.join(re.escape(opener) for opener in _OPENERS)})(?![a-zà-ÿ])", re.IGNORECASE)
# Words within one script are too few to tell languages apart below this (names and numbers stay as they are).
MIN_WORDS_TO_JUDGE = 3


def clean_translation(text: str, source_text: str, source: Language | None) -> str:
    """``text`` without a preamble line, lines that echo the source (labelled with its language) and labels.

    A first line that opens like an announcement and ends with a colon or an ellipsis is a preamble, unless the
    source text opens the same way (then it is the translation of that opening)."""
    lines = text.strip().split("\n")
    if _is_preamble(lines[0]) and not _OPENER.match(source_text):
        lines = lines[1:]
    kept = []
    for line in lines:
        label = _LABEL.match(line)
        if label is None:
            kept.append(line)
            continue
        named = _LANGUAGE_WORDS.get(label.group(1).lower())
        if source is not None and named == source and len(lines) > 1:
            continue  # "English: Good morning" above the answer: the source, echoed
        kept.append(line[label.end() :])
    return "\n".join(kept).strip()


def _is_preamble(line: str) -> bool:
    return bool(_OPENER.match(line)) and line.rstrip().endswith((":", "：", "…", "..."))


def doubt(translation: str, source_text: str, target: Language) -> str | None:
    """Why ``translation`` does not look like ``source_text`` in ``target``; None when it does (or cannot be told)."""
    if not translation.strip():
        return "the model gave no translation"
    found = language_mismatch(translation, target)
    if found is None:
        return None
    if translation.strip() == source_text.strip():
        return f"the model returned the text unchanged instead of translating it into {target.name}"
    return f"the result looks like {found.name}, not {target.name}"


def language_mismatch(text: str, expected: Language) -> Language | None:
    """The language ``text`` is in when that is clearly not ``expected``; None when it is (or cannot be told)."""
    if not any(script_of(char) for char in text):
        return None  # numbers and punctuation only: nothing to judge
    found = detect_language(text)
    if found is None or found == expected or {found.code, expected.code} == {"zh-Hans", "zh-Hant"}:
        return None
    if _script(found) == _script(expected) and _words(text) < MIN_WORDS_TO_JUDGE:
        return None  # "Paris", "Hallo Anna": too short to tell languages of one script apart
    return found


def _script(language: Language) -> str | None:
    """The script a language is written in (of its native name; Japanese and Chinese both count as Han)."""
    scripts = [script_of(char) for char in language.native if script_of(char)]
    return max(set(scripts), key=scripts.count) if scripts else None


def _words(text: str) -> int:
    return sum(1 for word in text.split() if any(script_of(char) for char in word))
