import os

import docx
import pytest
from pypdf import PdfWriter

from runtime.errors import DocumentError
from runtime.tasks.documents import MAX_BYTES, load_document


def pdf_bytes(pages: list[str]) -> bytes:
    """A minimal PDF with one Helvetica text line per line of each page's text."""
    count = len(pages)
    font = 3 + 2 * count
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(count))}] /Count {count} >>".encode(),
    ]
    for index, page in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> "
            f"/Contents {4 + 2 * index} 0 R >>".encode()
        )
        escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in page.split("\n")]
        stream = ("BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET").encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


@pytest.fixture
def text_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(["Hello world. First page.", "Second page (with brackets)."]))
    return path


def test_reads_the_text_of_every_pdf_page(text_pdf):
    document = load_document(text_pdf)
    assert document.kind == "pdf" and document.pages == 2
    assert document.text == "Hello world. First page.\n\nSecond page (with brackets)."


def test_a_password_protected_pdf_is_refused(tmp_path, text_pdf):
    writer = PdfWriter(clone_from=text_pdf)
    writer.encrypt("secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    with pytest.raises(DocumentError, match="password-protected"):
        load_document(path)


def test_a_pdf_restricted_only_by_an_owner_password_opens(tmp_path, text_pdf):
    writer = PdfWriter(clone_from=text_pdf)
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    writer.write(path)
    assert "First page" in load_document(path).text


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: b"%PDF-1.4\n" + bytes(range(256)) * 8],
    ids=["truncated", "garbage"],
)
def test_a_damaged_pdf_is_refused(tmp_path, damage):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damage(pdf_bytes(["Some text that will be lost."])))
    with pytest.raises(DocumentError, match="damaged"):
        load_document(path)


def test_a_pdf_of_blank_pages_says_no_text_was_found(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_blank_page(612, 792)
    path = tmp_path / "scan.pdf"
    writer.write(path)
    with pytest.raises(DocumentError, match="no text layer, and OCR found no text"):
        load_document(path)


def test_a_binary_file_with_a_text_extension_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DocumentError, match="does not look like text"):
        load_document(path)


def test_random_bytes_with_a_text_extension_are_refused(tmp_path):
    path = tmp_path / "notes.md"
    path.write_bytes(os.urandom(10000))
    with pytest.raises(DocumentError, match="does not look like text"):
        load_document(path)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="empty"):
        load_document(path)


def test_a_file_of_only_blank_space_is_refused(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t\n")
    with pytest.raises(DocumentError, match="no text"):
        load_document(path)


def test_a_file_over_50_mb_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # sparse: no 50 MB written to disk
        file.truncate(MAX_BYTES + 1)
    with pytest.raises(DocumentError, match="up to 50 MB"):
        load_document(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="does not exist"):
        load_document(tmp_path / "nowhere.txt")


def test_utf16_text_is_detected(tmp_path):
    path = tmp_path / "utf16.txt"
    text = "Hello 世界\nСтрока два"
    path.write_text(text, encoding="utf-16")
    document = load_document(path)
    assert document.text == text and document.encoding == "utf-16"


def test_gb18030_text_is_detected(tmp_path):
    path = tmp_path / "chinese.txt"
    text = "这是一个用于测试的中文文档。它用国标编码保存，应该被正确识别出来。第二句话在这里。"
    path.write_bytes(text.encode("gb18030"))
    document = load_document(path)
    assert document.text == text
    assert document.encoding in ("gb18030", "gbk", "gb2312")


def test_utf8_markdown_keeps_its_lines(tmp_path):
    path = tmp_path / "notes.md"
    text = "# Title\n\n- one\n- two\n\nÜber café.\n"
    path.write_text(text, encoding="utf-8")
    assert load_document(path).text == text


def test_windows_line_ends_become_newlines(tmp_path):
    path = tmp_path / "dos.txt"
    path.write_bytes(b"one\r\ntwo\r\n")
    assert load_document(path).text == "one\ntwo\n"


def test_html_gives_only_the_visible_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title><style>p {color: red}</style></head><body><h1>Title</h1>"
        "<p>Para one &amp; more.</p><ul><li>a</li><li>b</li></ul><script>var x = 1;</script></body></html>"
    )
    document = load_document(path)
    assert document.kind == "html"
    assert document.text == "# Title\n\nPara one & more.\n\n- a\n- b"


def test_docx_keeps_headings_paragraphs_lists_and_tables(tmp_path):
    word = docx.Document()
    word.add_heading("Title", 1)
    word.add_paragraph("Para one.")
    word.add_paragraph("item a", style="List Bullet")
    word.add_paragraph("item b", style="List Bullet")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "left"
    table.rows[0].cells[1].text = "right"
    word.add_paragraph("After.")
    path = tmp_path / "doc.docx"
    word.save(path)
    document = load_document(path)
    assert document.kind == "docx"
    assert document.text == "# Title\n\nPara one.\n\n- item a\n- item b\n\nleft | right\n\nAfter."


def test_a_damaged_docx_is_refused(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"not really a zip file" * 20)
    with pytest.raises(DocumentError, match="damaged"):
        load_document(path)
