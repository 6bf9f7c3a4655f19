"""Template placeholders and echoes of the prompt never reach a task's result, however the answer streams."""

import pytest

from runtime.tasks.scaffolding import ScaffoldFilter, scaffold_lines
from runtime.tasks.summarize import _instruction, summary_messages

SCAFFOLD = scaffold_lines(summary_messages("", _instruction("single", "short", "paragraph", None)))
SOURCE = "The GNU General Public License is a free, copyleft license for software and other kinds of works."


def cleaned(text: str, step: int, source: str = SOURCE, translation: bool = False) -> str:
    scaffold = ScaffoldFilter(SCAFFOLD, source, translation)
    return "".join(scaffold.feed(text[start : start + step]) for start in range(0, len(text), step)) + scaffold.finish()


CASES = [
    ("[TITLE]\nThe GPL is a copyleft licence.", "The GPL is a copyleft licence."),
    ("<<Building the Pinnacle Project>>\n\nThe project was built.", "\nThe project was built."),
    ("---\nSummarise the text above in 2 or 3 sentences.\nThe GPL is free.", "The GPL is free."),
    ("**Summarise the text above in 2 or 3 sentences.**\nThe GPL is free.", "The GPL is free."),
    ("The GPL [TITLE] keeps software free [Your Name].", "The GPL keeps software free."),
    ("Dear {name}, the licence is free.", "Dear, the licence is free."),
    ("[Your Name] - [Your Company] - [Your Domain Name] - [Your Business Ad", ""),
    ("See [the FSF site](https://www.fsf.org) for more.", "See [the FSF site](https://www.fsf.org) for more."),
    ("- [ ] a task, and a << b in C++.", "- [ ] a task, and a << b in C++."),
    ("```\ncode\n```\nThe GPL is free.", "```\ncode\n```\nThe GPL is free."),
    ("You summarise texts faithfully\nand concisely.", "You summarise texts faithfully\nand concisely."),
]


@pytest.mark.parametrize("step", [1, 4, 1000])
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_placeholders_and_echoed_prompt_lines_are_dropped_however_the_answer_streams(text, expected, step):
    assert cleaned(text, step) == expected


def test_brackets_the_source_has_stay():
    source = "Copyright [yyyy] [name of copyright owner]"
    assert cleaned("Fill in [yyyy] and [name of copyright owner], not [TITLE].", 3, source) == \
        "Fill in [yyyy] and [name of copyright owner], not."


def test_a_translation_keeps_brackets_of_a_kind_its_source_uses():
    assert cleaned("Cher [Nom], voici {title} le texte.", 2, "Dear [Name], here is the text.", translation=True) == \
        "Cher [Nom], voici le texte."
