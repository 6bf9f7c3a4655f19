"""Files -> text: .txt/.md (any common encoding), .pdf (scanned pages by OCR), .docx, .html, images (by OCR).

Every file a user can hand over either gives text or raises DocumentError with a message that says what is
wrong with the file and what to do; nothing else happens.
"""

from __future__ import annotations

import codecs
import logging
import re
import threading
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import charset_normalizer

from runtime.errors import DocumentError
from runtime.tasks.ocr import IMAGE_SUFFIXES, PageProgress

if TYPE_CHECKING:  # pypdf and python-docx load only when such a file is opened
    from docx.text.paragraph import Paragraph
    from pypdf import PdfReader

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".rst", ".csv", ".log", ".org", ".tex"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class Document:
    path: Path
    text: str
    kind: str  # "text" | "pdf" | "docx" | "html" | "image"
    encoding: str | None = None  # for text and html files
    pages: int | None = None  # for PDFs and images
    page_texts: list[str] | None = None  # for PDFs and images: the text of each page, in order ("" if blank)


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def load_document(path: str | Path, progress: PageProgress | None = None,
                  cancel: threading.Event | None = None) -> Document:
    """The text of the file at ``path``; raises DocumentError for anything that is not a readable document.

    Scanned PDF pages and images are read by OCR, calling ``progress(done, total)`` after each page; setting
    ``cancel`` stops between pages (OcrCancelledError)."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError(f"{path} does not exist or is not a file; check the path.")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"{path.name} is empty; there is nothing to read.")
    if size > MAX_BYTES:
        raise DocumentError(
            f"{path.name} is {size / 2**20:.0f} MB; Penna reads files up to {MAX_BYTES // 2**20} MB. "
            "Split it into smaller files, or paste the part you need."
        )
    suffix = path.suffix.lower()
    with path.open("rb") as file:
        head = file.read(12)
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        document = _read_pdf(path, progress, cancel)
    elif suffix in IMAGE_SUFFIXES or head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:] == b"WEBP"):
        document = _read_image(path, progress, cancel)
    elif suffix == ".docx" or (head.startswith(b"PK") and suffix not in TEXT_SUFFIXES | HTML_SUFFIXES):
        document = _read_docx(path)
    else:
        text, encoding = decode_text(path.read_bytes(), path.name)
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
            document = Document(path, html_to_text(text), "html", encoding)
        else:
            document = Document(path, text, "text", encoding)
    if not document.text.strip():
        raise DocumentError(f"{path.name} contains no text.")
    log.info("read %s: %s, %d characters", path, document.kind, len(document.text))
    return document


def decode_text(data: bytes, name: str = "the file") -> tuple[str, str]:
    """``data`` decoded, with the encoding used: a byte-order mark, else UTF-8, else the best charset guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked_text(data.decode(encoding, errors="replace"), name), encoding
    try:
        return _checked_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    match = charset_normalizer.from_bytes(data).best()
    if match is None:
        raise DocumentError(f"{name} does not look like text (it may be a binary file with a text extension).")
    return _checked_text(str(match), name), match.encoding


def _checked_text(text: str, name: str) -> str:
    """``text`` unless it is mostly control characters, the mark of a binary file decoded as text."""
    sample = text[:20000]
    controls = sum(1 for char in sample if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\t\n\r\f\v")
    replaced = sample.count("\ufffd")
    if sample and (controls + replaced) / len(sample) > 0.05:
        raise DocumentError(f"{name} does not look like text (it may be a binary file with a text extension).")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_image(path: Path, progress: PageProgress | None, cancel: threading.Event | None) -> Document:
    from runtime.tasks.ocr import image_file_pages

    pages = image_file_pages(path, progress, cancel)
    if not any(page.strip() for page in pages):
        raise DocumentError(f"No text was found in the image {path.name}.")
    return Document(path, _joined(pages), "image", pages=len(pages), page_texts=[page.strip() for page in pages])


def _joined(pages: list[str]) -> str:
    return "\n\n".join(page.strip() for page in pages if page.strip())


def _read_pdf(path: Path, progress: PageProgress | None = None, cancel: threading.Event | None = None) -> Document:
    """pypdf checks the file (damage, passwords); PDFium (pypdfium2) extracts the text of each page, some
    twenty times faster than pypdf on PDFs that place glyph by glyph (Qt's, browsers')."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    damaged = f"{path.name} is damaged or not a PDF file; open and re-save it in a PDF viewer, then try again."
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _unlocked(reader):
            raise DocumentError(
                f"{path.name} is password-protected; save an unprotected copy (or print it to PDF) and try again."
            )
        pages = _page_texts(path)
    except (FileNotDecryptedError, DependencyError) as error:
        raise DocumentError(
            f"{path.name} is encrypted and Penna cannot open it; save an unprotected copy and try again."
        ) from error
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        log.info("could not read %s: %r", path, error)
        raise DocumentError(damaged) from error
    scanned = [number for number, page in enumerate(pages) if not page.strip()]
    if scanned:  # pages without a text layer: scans, or blank
        from runtime.tasks.ocr import pdf_pages

        log.info("%s: reading %d page(s) without a text layer by OCR", path, len(scanned))
        for number, text in zip(scanned, pdf_pages(path, scanned, progress, cancel)):
            pages[number] = text
    text = _joined(pages)
    if not text:
        raise DocumentError(
            f"{path.name} has no text layer, and OCR found no text in its pages; "
            "if it is a scan, check that the pages are legible, or paste the text."
        )
    return Document(path, text, "pdf", pages=len(pages), page_texts=[page.strip() for page in pages])


def _page_texts(path: Path) -> list[str]:
    """The text of each page, by PDFium; raises ValueError for a file it cannot read."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as error:
        raise ValueError(str(error)) from error
    try:
        return [pdf[number].get_textpage().get_text_bounded().replace("\r\n", "\n") for number in range(len(pdf))]
    finally:
        pdf.close()


def _unlocked(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens with the empty password (many "protected" PDFs only restrict printing)."""
    from pypdf import PasswordType

    return reader.decrypt("") != PasswordType.NOT_DECRYPTED


def _read_docx(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(
            f"{path.name} is damaged or not a Word .docx file; open and re-save it as .docx, then try again."
        ) from error
    blocks: list[str] = []
    for block in word.iter_inner_content():
        if isinstance(block, Table):
            rows = [" | ".join(cell.text.strip() for cell in row.cells) for row in block.rows]
            blocks.append("\n".join(rows))
        else:
            blocks.append(_docx_paragraph(block))
    # List items stay on consecutive lines; other paragraphs are separated by a blank line.
    text = ""
    for paragraph in blocks:
        if not paragraph.strip():
            continue
        if text:
            text += "\n" if _is_list_line(paragraph) and _is_list_line(text.rsplit("\n", 1)[-1]) else "\n\n"
        text += paragraph
    return Document(path, text, "docx")


def _docx_paragraph(paragraph: Paragraph) -> str:
    style = (getattr(paragraph.style, "name", "") or "").lower()
    text = paragraph.text.strip()
    if not text:
        return ""
    if style.startswith("heading"):
        level = style.removeprefix("heading").strip()
        return "#" * (int(level) if level.isdigit() else 1) + " " + text
    if style.startswith("list number"):
        return "1. " + text
    if style.startswith("list"):
        return "- " + text
    return text


_LIST_LINE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")


def _is_list_line(line: str) -> bool:
    return bool(_LIST_LINE.match(line))


def _looks_like_html(text: str) -> bool:
    start = text.lstrip()[:200].lower()
    return start.startswith("<!doctype html") or start.startswith("<html")


class _HTMLText(HTMLParser):
    _SKIP = frozenset({"script", "style", "head", "noscript", "template", "svg"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
    _BLOCK = frozenset(
        {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre", "table",
         "tr", "ul", "ol", "dl", "figure", "form", "hr"}
    ) | _HEADINGS

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._HEADINGS:
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")  # headings as in Markdown: passages keep their path
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("br", "td", "th", "dt", "dd"):
            self.parts.append("\n" if tag == "br" else " ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, with paragraphs and list items on their own lines."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
