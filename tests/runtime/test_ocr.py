"""Scanned PDFs and images read by OCR (RapidOCR's PP-OCR models on ONNX Runtime), made here from known text."""

import threading

import pytest
from PIL import Image, ImageDraw, ImageFont

from runtime.errors import DocumentError
from runtime.tasks.documents import load_document
from runtime.tasks.ocr import OcrCancelledError
from runtime.tasks.passages import split_passages

PAGES = [
    ["Quarterly harvest report", "The orchard produced 4,200 tonnes of apples.", "Frost damaged the northern rows."],
    ["Lighthouse keepers met in Galway on Tuesday.", "They agreed to repaint the towers in March."],
]


def page_image(lines: list[str]) -> Image.Image:
    """An A4 page at 150 ppi with ``lines`` in black 28-pixel DejaVu Sans (Pillow's own font where it is missing)."""
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 28)
    except OSError:
        font = ImageFont.load_default(28)
    for number, line in enumerate(lines):
        draw.text((120, 160 + 56 * number), line, fill="black", font=font)
    return image


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory):
    """A PDF whose pages are only images of text: no text layer, as a scanner makes them."""
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    first, *rest = [page_image(lines) for lines in PAGES]
    first.save(path, "PDF", resolution=150, save_all=True, append_images=rest)
    return path


def test_a_scanned_pdf_is_read_by_ocr_page_by_page(scanned_pdf):
    progress = []
    document = load_document(scanned_pdf, progress=lambda done, total: progress.append((done, total)))
    assert document.kind == "pdf" and document.pages == 2
    assert progress == [(1, 2), (2, 2)]
    for lines, text in zip(PAGES, document.page_texts):
        for word in " ".join(lines).replace(",", " ").replace(".", " ").split():
            assert word in text, f"{word!r} not found in {text!r}"
    passages = split_passages(document)
    assert [passage.page for passage in passages if "Galway" in passage.text] == [2]


def test_reading_a_scan_can_be_cancelled(scanned_pdf):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(OcrCancelledError):
        load_document(scanned_pdf, cancel=cancel)


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".tiff", ".webp"])
def test_an_image_is_read_by_ocr(tmp_path, suffix):
    path = tmp_path / f"note{suffix}"
    page_image(PAGES[1]).save(path)
    document = load_document(path)
    assert document.kind == "image" and document.pages == 1
    assert "Lighthouse keepers met in Galway on Tuesday." in document.text


def test_a_damaged_image_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "broken.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really" * 20)
    with pytest.raises(DocumentError, match="damaged or not an image"):
        load_document(path)


def test_rapidocr_runs_on_onnxruntime_gpu_without_the_plain_onnxruntime_distribution():
    """Both distributions provide the module onnxruntime: installing the plain one would overwrite the GPU build."""
    import importlib.metadata

    import onnxruntime

    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution("onnxruntime")
    assert importlib.metadata.distribution("onnxruntime-gpu").version == "1.31.1"
    assert "CPUExecutionProvider" in onnxruntime.get_available_providers()
