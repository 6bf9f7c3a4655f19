"""Code blocks are coloured by Pygments, readably in both themes, at the right characters."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette, QTextCursor, QTextFormat

from desktop.app import application
from desktop.chat.message_view import CodeBlock
from desktop.highlight import MIN_CONTRAST, token_formats
from desktop.theme import apply_theme, contrast, palette

CODE = 'for word in ["🙂", "b"]:\n    print(word)  # say it\n'
Role = QPalette.ColorRole


def colour_at(block: CodeBlock, text: str) -> str:
    """The foreground of the last character of ``text`` in the block's editor."""
    cursor = QTextCursor(block.editor.document())
    cursor.setPosition(block.editor.document().find(text).selectionEnd())  # the format of the character before
    run = cursor.charFormat()
    return run.foreground().color().name() if run.hasProperty(QTextFormat.Property.ForegroundBrush) else "plain"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_code_block_is_coloured_by_its_language(qtbot, scheme):  # noqa: ANN001
    app = application([])
    apply_theme(app, scheme)
    try:
        block = CodeBlock()
        qtbot.addWidget(block)
        block.set_code(CODE, "python")
        keyword, name, comment = colour_at(block, "for"), colour_at(block, "word"), colour_at(block, "# say")
        assert keyword != name and comment != name  # keywords and comments stand out from names
        assert colour_at(block, "print") != "plain"  # after the emoji (two UTF-16 units), the runs still line up
    finally:
        apply_theme(app, "system")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_code_colour_reads_on_the_code_background(scheme):
    colours = palette(scheme)
    background, text = colours.color(Role.AlternateBase), colours.color(Role.Text)
    sample = "def f(x: int) -> str:\n    '''Doc.'''\n    return f\"{x!r}\" + 'a' * 2  # note\n@decorator\nclass A: pass\n"
    runs = token_formats(sample, "python", scheme, background, text)
    assert runs
    assert min(contrast(run.foreground().color(), background) for _, _, run in runs) >= MIN_CONTRAST


def test_an_unknown_language_stays_plain():
    application([])
    assert token_formats("x = 1", "no-such-language", "light", palette("light").color(Role.Base),
                         palette("light").color(Role.Text)) == []
