"""Text in images: scanned PDF pages and image files, read by RapidOCR's PP-OCR models on ONNX Runtime.

rapidocr (3.x) brings its detection, direction and recognition models (Chinese and English) inside its wheel
and runs them on the installed onnxruntime module (onnxruntime-gpu's): nothing is downloaded. PDF pages are
rendered with pypdfium2 (PDFium), which needs no system library.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runtime.errors import DocumentError

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"})
# Pages are rendered at this many pixels per inch: small print stays legible, and the detector's input stays
# within its 2,000-pixel side (A4 at 200 ppi is 1,654 x 2,339, scaled down a little).
RENDER_PPI = 200
# A page's progress: done and total pages; a set cancel stops between pages.
PageProgress = Callable[[int, int], None]

_engine: Any = None
_engine_lock = threading.Lock()


class OcrCancelledError(DocumentError):
    """Reading a document was cancelled."""


def _ocr_engine() -> Any:
    """One RapidOCR for the process (loading its models takes about a second); calls are serialised."""
    global _engine
    if _engine is None:
        from rapidocr import RapidOCR

        _engine = RapidOCR(params={"Global.log_level": "warning"})
    return _engine


def image_text(image: Image) -> str:
    """The text of one image, its lines top to bottom."""
    import numpy as np

    with _engine_lock:
        result = _ocr_engine()(np.asarray(image.convert("RGB")))
    return "\n".join(result.txts or ())


def read_pages(images: Iterator[Image], total: int, progress: PageProgress | None,
               cancel: threading.Event | None, name: str) -> list[str]:
    """The text of each image, with ``progress`` after each page."""
    texts: list[str] = []
    for image in images:
        if cancel is not None and cancel.is_set():
            raise OcrCancelledError(f"Reading {name} was cancelled.")
        texts.append(image_text(image))
        if progress is not None:
            progress(len(texts), total)
    return texts


def image_file_pages(path: Path, progress: PageProgress | None = None,
                     cancel: threading.Event | None = None) -> list[str]:
    """The text of each frame of an image file (a TIFF may hold several pages)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            frames = [frame.copy() for frame in ImageSequence.Iterator(picture)]
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise DocumentError(f"{path.name} is damaged or not an image Penna can read (PNG, JPEG, TIFF, WebP).") from error
    return read_pages(iter(frames), len(frames), progress, cancel, path.name)


def pdf_pages(path: Path, numbers: Sequence[int], progress: PageProgress | None = None,
              cancel: threading.Event | None = None) -> list[str]:
    """The text of the PDF's pages ``numbers`` (0-based), each rendered and read."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as error:
        raise DocumentError(f"{path.name} could not be rendered for OCR; re-save it in a PDF viewer.") from error

    def rendered() -> Iterator[Image]:
        for number in numbers:
            yield pdf[number].render(scale=RENDER_PPI / 72).to_pil()

    try:
        return read_pages(rendered(), len(numbers), progress, cancel, path.name)
    finally:
        pdf.close()
