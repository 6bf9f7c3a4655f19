"""Code blocks coloured by Pygments, in a style that suits the theme, every colour kept readable (WCAG AA) on the
block's background."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument

from desktop.theme import contrast

STYLES = {"light": "default", "dark": "one-dark"}
MIN_CONTRAST = 4.5  # WCAG AA for text


def readable(colour: QColor, background: QColor, text: QColor) -> QColor:
    """``colour``, moved towards ``text`` (the theme's text colour) until it reads on ``background``."""
    for step in range(11):
        mixed = QColor.fromRgbF(*(a + (b - a) * step / 10 for a, b in zip(colour.getRgbF()[:3], text.getRgbF()[:3])))
        if contrast(mixed, background) >= MIN_CONTRAST:
            return mixed
    return text


@lru_cache(maxsize=8)
def _style(name: str) -> dict:
    from pygments.styles import get_style_by_name

    return dict(get_style_by_name(name))


def token_formats(code: str, language: str, scheme: str, background: QColor, text: QColor) -> list[tuple[int, int, QTextCharFormat]]:
    """(start, length, format) for the coloured runs of ``code``, in the UTF-16 positions QTextDocument counts."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False) if language else None
    except ClassNotFound:
        lexer = None
    if lexer is None:
        return []
    style, formats = _style(STYLES[scheme]), []
    position = 0
    for _index, token, value in lexer.get_tokens_unprocessed(code):
        length = len(value.encode("utf-16-le")) // 2
        while token not in style and token.parent is not None:
            token = token.parent
        look = style.get(token, {})
        if look.get("color") or look.get("bold") or look.get("italic"):
            run = QTextCharFormat()
            if look.get("color"):
                run.setForeground(readable(QColor(f"#{look['color']}"), background, text))
            if look.get("bold"):
                run.setFontWeight(QFont.Weight.Bold)
            run.setFontItalic(bool(look.get("italic")))
            formats.append((position, length, run))
        position += length
    return formats


def highlight(document: QTextDocument, language: str, scheme: str, background: QColor, text: QColor) -> None:
    """Colour the code ``document`` holds as ``language`` (no colour for a language Pygments does not know)."""
    cursor = QTextCursor(document)
    for start, length, run in token_formats(document.toPlainText(), language, scheme, background, text):
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(run)
