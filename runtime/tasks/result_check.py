"""Is a summary worth reading? Checks on an answer while it streams and once it has ended.

Small models loop (Penna's README became the same bullet thirteen times), run into their token cap in the middle
of a sentence, or write something that has little to do with the text ("Same text reformatted to English." for the
GPL). ``SummaryGuard`` passes a streamed answer on a sentence (or line) at a time, so nothing shown is taken back:
a sentence or line said before, or a run of ``LOOP_WORDS`` words said before, ends the answer there; at the token
cap the unfinished last sentence is left out. ``off_topic`` tells a summary that shares almost no content words with
its source, ``echoes_prompt`` one made of the instruction's words. Each finding is one of ``FINDINGS`` (codes, so that the window can word them in its own language).
"""

from __future__ import annotations

import re

from runtime.tasks.language import script_of

REPEATED = "repeated"  # the answer began to repeat itself and was cut off there
CUT_AT_LIMIT = "cut_at_limit"  # the answer reached its length limit; the unfinished last sentence was left out
UNFINISHED = "unfinished"  # the answer reached its length limit in its first sentence, which is shown unfinished
OFF_TOPIC = "off_topic"  # the answer shares almost no content words with the text
ECHO = "echo"  # the answer is made of the prompt's own words ("To summarize the text below, write it in English.")
EMPTY = "empty"  # nothing was left once cleaned: the model wrote only placeholders ("[Your Name] - [Your Company]…")
FINDINGS = {
    REPEATED: "the summary began to repeat itself and was cut off there",
    CUT_AT_LIMIT: "the summary reached its length limit; its unfinished last sentence was left out",
    UNFINISHED: "the summary reached its length limit and ends mid-sentence",
    OFF_TOPIC: "the summary shares almost no words with the text: it may not be about it",
    ECHO: "the summary repeats the instructions it was given instead of summarising the text",
    EMPTY: "the model wrote no summary of this text (only placeholders or nothing); a larger model summarises better",
}

LOOP_WORDS = 8  # a run of this many words said a second time is a loop (a legitimate summary does not do that)
MIN_UNIT_CHARS = 12  # a sentence or line at least this long (letters and digits) said twice is a loop
MIN_CONTENT_WORDS = 2  # fewer content words than this: too little to judge what a summary is about
MIN_SHARED = 0.25  # below this share of its content words found in the source, a summary is doubtful
MAX_FROM_PROMPT = 0.6  # from this share of its content words taken from the prompt, a summary is an echo of it
STEM_CHARS = 5  # words compared by their first characters: "licensed" and "license" match

# The end of a sentence (its closing mark, quotes and brackets) or of a line.
_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|[。！？]|\n")
_FINAL_STOP = re.compile(r"[.!?…][\"'”’)\]]*(?=\s*$)")  # a closing mark at the very end of a text
_WORD = re.compile(r"\w+")
_MARKERS = re.compile(r"(?:\n[ \t]*(?:[-*+•]|\d{1,3}[.)]|#{1,6}|>)?[ \t]*)+$")  # a trailing list marker with no item
_STOPWORDS = frozenset(
    "about above after again against also among and another any are because been before being below between both "
    "but can could does doing down during each either every few from further have having here hers herself him "
    "himself his how into its itself just like many more most much must neither nor not now off once only other "
    "our ours out over own same she should some such than that the their theirs them themselves then there these "
    "they this those through too under until upon very was were what when where which while who whom why will "
    "with within without would you your yours summary text document describes explains discusses".split()
)


def last_boundary(text: str, complete: bool = False) -> int:
    """Where the last finished sentence or line of ``text`` ends (0: none has). A closing mark at the very end counts
    only in a ``complete`` text: while an answer streams, "3." or "e.g." may go on."""
    if complete and (final := _FINAL_STOP.search(text)):
        return final.end()
    ends = [match.end() for match in _BOUNDARY.finditer(text)]
    return ends[-1] if ends else 0


def find_loop(text: str) -> int | None:
    """Where ``text`` starts to repeat itself: the start of a sentence or line said before, or of a run of
    ``LOOP_WORDS`` words said before; None when it does not."""
    found = [_repeated_unit(text), _repeated_run(text)]
    starts = [start for start in found if start is not None]
    return min(starts) if starts else None


def _repeated_unit(text: str) -> int | None:
    seen: set[str] = set()
    start = 0
    for match in _BOUNDARY.finditer(text):
        key = _key(text[start : match.end()])
        if len(key) >= MIN_UNIT_CHARS:
            if key in seen:
                return start + len(text[start:]) - len(text[start:].lstrip())
            seen.add(key)
        start = match.end()
    return None


def _repeated_run(text: str) -> int | None:
    words = list(_WORD.finditer(text))
    seen: set[tuple[str, ...]] = set()
    for index in range(len(words) - LOOP_WORDS + 1):
        run = tuple(word.group().lower() for word in words[index : index + LOOP_WORDS])
        if run in seen:
            return words[index].start()
        seen.add(run)
    return None


def _key(unit: str) -> str:
    return " ".join(word.lower() for word in _WORD.findall(unit))


def cut_loop(text: str) -> str:
    """``text`` up to where it starts to repeat itself (all of it when it does not), without a dangling marker."""
    start = find_loop(text)
    return text if start is None else _trim(text[:start])


def _trim(text: str) -> str:
    return _MARKERS.sub("", text.rstrip()).rstrip()


def content_words(text: str) -> set[str]:
    """The words that carry meaning, by their stems; each Han, Kana or Hangul character counts as a word."""
    words: set[str] = set()
    for word in _WORD.findall(text.lower()):
        if any(script_of(char) in ("Han", "Kana", "Hangul") for char in word):
            words.update(char for char in word if script_of(char))
        elif len(word) >= 4 and not word.isdigit() and word not in _STOPWORDS:
            words.add(word[:STEM_CHARS])
    return words


def off_topic(summary: str, source: str) -> bool:
    """True when ``summary`` has enough content words to judge and shares almost none of them with ``source``."""
    words = content_words(summary)
    if len(words) < MIN_CONTENT_WORDS:
        return False
    shared = len(words & content_words(source)) / len(words)
    return shared < MIN_SHARED


def echoes_prompt(summary: str, prompt: str) -> bool:
    """True when most of ``summary``'s content words come from ``prompt`` (the instructions it was given)."""
    words = content_words(summary)
    if len(words) < MIN_CONTENT_WORDS:
        return False
    return len(words & content_words(prompt)) / len(words) >= MAX_FROM_PROMPT


class SummaryGuard:
    """One streamed answer, passed on a finished sentence or line at a time; ``done`` once it has looped (the rest
    of the answer is not wanted); ``findings`` say what was cut."""

    def __init__(self) -> None:
        self.done = False
        self.findings: list[str] = []
        self._text = ""
        self._sent = 0

    def feed(self, delta: str) -> str:
        """The part of the answer that can be shown now."""
        if self.done:
            return ""
        self._text += delta
        whole_words = self._text[: max(self._text.rfind(" "), self._text.rfind("\n")) + 1]
        if self._cut_at_loop(whole_words):
            return self._release(len(self._text))
        return self._release(last_boundary(self._text))

    def finish(self, finish_reason: str) -> str:
        """The rest of the answer once it has ended (``finish_reason``: the engine's "stop", "length"…)."""
        if self.done:
            return ""
        self.done = True
        if self._cut_at_loop(self._text):
            return self._release(len(self._text))
        if finish_reason == "length":
            end = last_boundary(self._text, complete=True)
            self.findings.append(CUT_AT_LIMIT if end > 0 else UNFINISHED)
            if end > 0:
                self._text = _trim(self._text[: max(end, self._sent)])
        return self._release(len(self._text))

    def _cut_at_loop(self, text: str) -> bool:
        start = find_loop(text)
        if start is None:
            return False
        kept = _trim(self._text[:start])
        if (end := last_boundary(kept, complete=True)) > 0:
            kept = _trim(kept[:end])  # the loop began mid-sentence: that sentence is left out too
        self._text = self._text[: max(len(kept), self._sent)]
        self.findings.append(REPEATED)
        self.done = True
        return True

    def _release(self, end: int) -> str:
        if end <= self._sent:
            return ""
        out, self._sent = self._text[self._sent : end], end
        return out
