"""Documents: retrieval recall, text-PDF indexing speed, OCR speed and accuracy, time to an answer's first token.

    .venv/bin/python bench/bench_documents.py [--runs 3] [--ocr-pages 4] [--parts retrieval,indexing,ocr,answer]
        [--rewrite]

Documents nobody here wrote, found offline:
- retrieval: the licence texts in /usr/share/common-licenses, all indexed together, and the question set in
  bench/document_questions.py (each question with the licence section that answers it). A question is
  answered at k when one of the first k passages overlaps the lines of the answering phrase. The same passages
  and queries are also indexed with other FTS5 tokenizers, for comparison. ``--rewrite`` also asks the default
  model to rewrite each question into search terms and scores the library searched with those terms, alone and
  added to the question.
- indexing, OCR and the first token: pages of Python's own documentation (``pydoc`` of standard-library
  modules), a 100-page text PDF written by Qt's QPdfWriter (in a child process), and pages rendered from the
  same text as images (Pillow, 150 ppi) wrapped in an image-only PDF for OCR. Character accuracy is
  1 - edit distance / length on the whitespace-normalised text of each page. Tesseract, where ``tesseract`` is on
  the PATH (Debian: tesseract-ocr), reads the same page images as the peer, one process per page.

Prints Markdown tables; timings are medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import os
import pydoc
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.document_questions import QUESTIONS  # noqa: E402
from runtime.store import HistoryStore  # noqa: E402
from runtime.store.documents import search_terms  # noqa: E402
from runtime.tasks.documents import load_document  # noqa: E402
from runtime.tasks.library import add_file  # noqa: E402
from runtime.tasks.ocr import RENDER_PPI  # noqa: E402
from runtime.tasks.passages import Passage, split_passages  # noqa: E402

LICENCES = Path("/usr/share/common-licenses")
MODULES = ["collections", "json", "pathlib", "argparse", "re", "itertools", "functools", "datetime", "string",
           "textwrap", "logging", "subprocess", "shutil", "csv", "sqlite3", "threading", "heapq", "bisect"]
LINES_PER_PAGE = 48
TOKENIZERS = ["porter unicode61 remove_diacritics 2", "unicode61 remove_diacritics 2", "trigram"]


# retrieval ------------------------------------------------------------------------------------------------------
def answer_lines(text: str, phrase: str) -> tuple[int, int]:
    """The 1-based line range of ``phrase`` in ``text``, matching any run of whitespace between its words."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    match = re.search(pattern, text)
    if match is None:
        raise SystemExit(f"the question set's phrase {phrase!r} is not in the text")
    return text.count("\n", 0, match.start()) + 1, text.count("\n", 0, match.end()) + 1


def licence_passages() -> dict[str, tuple[str, list[Passage]]]:
    names = sorted({name for name, *_ in QUESTIONS})
    documents = {name: load_document(LICENCES / name) for name in names}
    return {name: (document.text, split_passages(document)) for name, document in documents.items()}


def fts_search(tokenizer: str, corpus: list[tuple[str, Passage]]):
    """A search function over ``corpus`` in an in-memory FTS5 table with ``tokenizer``, queried as the library is."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE f USING fts5(text, heading, tokenize='{tokenizer}')")
    db.executemany("INSERT INTO f (rowid, text, heading) VALUES (?, ?, ?)",
                   [(index, passage.text, passage.heading or "") for index, (_, passage) in enumerate(corpus)])

    def search(question: str, limit: int) -> list[tuple[str, Passage]]:
        match = " OR ".join('"' + term + '"' for term in search_terms(question))
        rows = db.execute("SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f, 1.0, 2.0) LIMIT ?", [match, limit])
        return [corpus[row[0]] for row in rows]

    return search


def recall(search, texts: dict[str, str], k: int) -> tuple[float, list[str]]:
    hits, misses = 0, []
    for name, question, phrase, section in QUESTIONS:
        first, last = answer_lines(texts[name], phrase)
        found = any(found_name == name and passage.first_line <= last and passage.last_line >= first
                    for found_name, passage in search(question, k))
        hits += found
        if not found:
            misses.append(f"{name} {section}: {question}")
    return hits / len(QUESTIONS), misses


def library_search(store: HistoryStore, ids: dict[int, str]):
    def search(question: str, limit: int) -> list[tuple[str, Passage]]:
        return [(ids[stored.document_id], stored.passage)
                for stored in store.search_passages(question, list(ids), limit=limit)]

    return search


REWRITE_PROMPT = ("Question: {question}\nWrite 3 to 6 keywords to search a document for the answer, separated by "
                  "spaces. Reply with the keywords only.")


def model_rewrites() -> tuple[dict[str, str], float]:
    """Each question rewritten into search terms by the default model, and the median seconds a rewrite took."""
    from runtime.engine import Engine, GenerationOptions

    engine = Engine.open()
    options = GenerationOptions(max_new_tokens=24, temperature=0.0)
    rewrites, seconds = {}, []
    for _name, question, _phrase, _section in QUESTIONS:
        started = time.perf_counter()
        prompt = [{"role": "user", "content": REWRITE_PROMPT.format(question=question)}]
        rewrites[question] = engine.chat(prompt, options).text()
        seconds.append(time.perf_counter() - started)
    return rewrites, statistics.median(seconds)


def bench_retrieval(folder: Path, rewrite: bool) -> None:
    documents = licence_passages()
    texts = {name: text for name, (text, _) in documents.items()}
    corpus = [(name, passage) for name, (_, passages) in documents.items() for passage in passages]
    print(f"\n### Retrieval: {len(QUESTIONS)} questions over {len(documents)} licence texts "
          f"({len(corpus)} passages)\n")
    print("| index | recall@1 | recall@3 | recall@5 |\n|---|---|---|---|")
    with HistoryStore.open(folder / "licences.db") as store:
        ids = {add_file(store, LICENCES / name).id: name for name in documents}
        search = library_search(store, ids)
        scores = [recall(search, texts, k)[0] for k in (1, 3, 5)]
        print(f"| Penna's library (FTS5 Porter, bm25) | {' | '.join(f'{score:.0%}' for score in scores)} |")
        misses = recall(search, texts, 5)[1]
        if rewrite:
            rewrites, seconds = model_rewrites()
            searches = {f"the model's rewrite alone ({seconds:.1f} s a question)": lambda q, k: search(rewrites[q], k),
                        "the question and its rewrite": lambda q, k: search(f"{q} {rewrites[q]}", k)}
            for label, searched in searches.items():
                print(f"| Penna's library, {label} | "
                      f"{' | '.join(f'{recall(searched, texts, k)[0]:.0%}' for k in (1, 3, 5))} |")
    for tokenizer in TOKENIZERS:
        other = fts_search(tokenizer, corpus)
        print(f"| FTS5 `{tokenizer}` | {' | '.join(f'{recall(other, texts, k)[0]:.0%}' for k in (1, 3, 5))} |")
    for miss in misses:
        print(f"\nnot in the first 5: {miss}")


# text PDF indexing --------------------------------------------------------------------------------------------
def stdlib_pages(count: int) -> list[list[str]]:
    """``count`` pages of ``LINES_PER_PAGE`` lines of Python's own documentation of standard-library modules."""
    lines: list[str] = []
    for module in MODULES:
        for line in pydoc.plain(pydoc.render_doc(module)).splitlines():
            line = line.strip()
            if line and len(line) < 90 and line.isprintable():
                lines.append(line)
        if len(lines) >= count * LINES_PER_PAGE:
            break
    return [lines[start : start + LINES_PER_PAGE] for start in range(0, count * LINES_PER_PAGE, LINES_PER_PAGE)]


_QT_PDF = """
import json, sys
from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPainter, QPdfWriter
app = QGuiApplication(sys.argv[:1])
pages = json.load(open(sys.argv[2]))
writer = QPdfWriter(sys.argv[1])
writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
writer.setResolution(300)
painter = QPainter(writer)
painter.setFont(QFont("DejaVu Sans", 9))
height = painter.fontMetrics().lineSpacing()
for number, lines in enumerate(pages):
    if number:
        writer.newPage()
    for row, line in enumerate(lines):
        painter.drawText(150, 200 + row * height, line)
painter.end()
"""


def text_pdf(path: Path, pages: list[list[str]]) -> None:
    import json

    source = path.with_suffix(".json")
    source.write_text(json.dumps(pages))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", _QT_PDF, str(path), str(source)], check=True, env=env)


def bench_indexing(folder: Path, runs: int) -> Path:
    pdf = folder / "stdlib-100.pdf"
    text_pdf(pdf, stdlib_pages(100))
    times = []
    for run in range(runs):
        with HistoryStore.open(folder / f"index-{run}.db") as store:
            started = time.perf_counter()
            document = add_file(store, pdf)
            times.append(time.perf_counter() - started)
    print(f"\n### Indexing a 100-page text PDF ({document.pages} pages, {pdf.stat().st_size // 1024} KB, "
          f"{len(store_passages(folder / 'index-0.db', document.id))} passages)\n")
    median = statistics.median(times)
    print("| figure | median |\n|---|---|")
    print(f"| read + cut + index | {median:.2f} s |\n| pages/s | {document.pages / median:.0f} |")
    return pdf


def store_passages(path: Path, document_id: int) -> list:
    with HistoryStore.open(path) as store:
        return store.passages_of(document_id)


# OCR ---------------------------------------------------------------------------------------------------------
def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


def page_images(pages: list[list[str]]) -> list:
    """Each page's lines drawn by Pillow on a white A4 page at 150 ppi, in a 20-pixel DejaVu Sans."""
    from PIL import Image, ImageDraw, ImageFont

    images = []
    font = ImageFont.truetype("DejaVuSans.ttf", 20)
    for lines in pages:
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((110, 110 + row * 31), line, fill=0, font=font)
        images.append(image)
    return images


def accuracies(pages: list[list[str]], texts: list[str]) -> list[float]:
    """1 - edit distance / length for each page, on whitespace-normalised text."""
    scores = []
    for lines, text in zip(pages, texts):
        truth, read = " ".join(" ".join(lines).split()), " ".join(text.split())
        scores.append(1 - edit_distance(truth, read) / len(truth))
    return scores


def rapidocr_pages(folder: Path, images: list, runs: int) -> tuple[float, list[str]]:
    """Penna's OCR (RapidOCR) on the images wrapped in an image-only PDF: median seconds, the pages' texts."""
    scan = folder / "scan.pdf"
    images[0].save(scan, "PDF", resolution=150, save_all=True, append_images=images[1:])
    load_document(scan)  # loads the OCR models once: the first page of a session pays about a second for it
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        document = load_document(scan)
        times.append(time.perf_counter() - started)
    return statistics.median(times), document.page_texts or []


def tesseract_pages(folder: Path, images: list, runs: int) -> tuple[float, list[str]]:
    """Tesseract (English) on the same images, one process per page: median seconds, the pages' texts."""
    files = []
    for number, image in enumerate(images):
        files.append(folder / f"page-{number}.png")
        image.save(files[-1], dpi=(150, 150))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        texts = [subprocess.run(["tesseract", str(file), "stdout", "-l", "eng", "--dpi", "150"], check=True,
                                capture_output=True, text=True).stdout for file in files]
        times.append(time.perf_counter() - started)
    return statistics.median(times), texts


def bench_ocr(folder: Path, count: int, runs: int) -> None:
    pages = stdlib_pages(count)
    images = page_images(pages)
    systems = {f"Penna: RapidOCR (PP-OCR on ONNX Runtime, pages rendered at {RENDER_PPI} ppi)": rapidocr_pages}
    if shutil.which("tesseract"):
        version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split()[1]
        systems[f"Tesseract {version} (`eng`, the 150-ppi images)"] = tesseract_pages
    print(f"\n### OCR: {count} image-only A4 pages (150 ppi, 20-pixel DejaVu Sans, {LINES_PER_PAGE} lines each), "
          f"{os.cpu_count()} cores\n")
    print("| system | pages/s | s/page | character accuracy (mean of pages) | worst page |\n|---|---|---|---|---|")
    for name, read in systems.items():
        seconds, texts = read(folder, images, runs)
        scores = accuracies(pages, texts)
        print(f"| {name} | {count / seconds:.2f} | {seconds / count:.2f} | {statistics.mean(scores):.1%} | "
              f"{min(scores):.1%} |")
    if len(systems) == 1:
        print("\nTesseract is not installed (Debian: tesseract-ocr): no peer measured.")


# time to first token -----------------------------------------------------------------------------------------
ASK = [
    "How does a deque differ from a list when appending to both ends?",
    "How do I parse a JSON document from a string?",
    "How do I get the parent directory of a path?",
]


def first_of(deltas) -> float:  # noqa: ANN001
    """Seconds until ``deltas`` (a Generation or an Answer) gives its first piece; the rest is cancelled."""
    started = time.perf_counter()
    pieces = iter(deltas)
    next(pieces)
    seconds = time.perf_counter() - started
    deltas.cancel()
    for _rest in pieces:
        pass
    return seconds


def bench_first_token(folder: Path, pdf: Path, runs: int) -> None:
    """The first token: choosing the passages (bm25, counting tokens) plus the model's prefill and first step.
    The first text shown comes later: the answer's cleaning holds the first line until it is sure it is not a
    preamble ("Here is the answer:") or an echo of the prompt."""
    from runtime.engine import Engine, GenerationOptions
    from runtime.tasks.ask import Answer, ask, select_sources

    engine = Engine.open()
    options = GenerationOptions(max_new_tokens=64, temperature=0.0)
    with HistoryStore.open(folder / "ask.db") as store:
        document = add_file(store, pdf)
        engine.chat([{"role": "user", "content": "Hi"}], options).text()  # warm the session up
        rows = []
        for question in ASK:
            tokens, texts, prefill = [], [], []
            for _ in range(runs):
                started = time.perf_counter()
                sources = select_sources(store, engine, [document.id], question)
                answer = Answer(engine, sources, question)
                chosen = time.perf_counter() - started
                generation = engine.chat(answer.messages(), options)
                tokens.append(chosen + first_of(generation))
                stats = generation.final_stats
                prefill.append(stats.prompt_tokens / stats.ttft_s)
                texts.append(first_of(ask(store, engine, [document.id], question)))
            rows.append((question, sources.mode, len(sources.sources), engine.count_chat_tokens(answer.messages()),
                         statistics.median(tokens), statistics.median(texts), statistics.median(prefill)))
    print(f"\n### First token of an answer over the indexed 100-page PDF ({engine.model_name}, {engine.precision}, "
          f"{engine.device})\n")
    print("| question | path | passages | prompt tokens | prefill tok/s | first token | first text shown |\n"
          "|---|---|---|---|---|---|---|")
    for question, mode, passages, prompt, token, text, rate in rows:
        print(f"| {question} | {mode} | {passages} | {prompt} | {rate:.0f} | {token:.2f} s | {text:.2f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ocr-pages", type=int, default=4)
    parser.add_argument("--parts", default="retrieval,indexing,ocr,answer",
                        help="which figures, comma-separated (answer: the first token, with the default model)")
    parser.add_argument("--rewrite", action="store_true",
                        help="also score retrieval on the default model's rewrite of each question into search terms")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    with tempfile.TemporaryDirectory(prefix="penna-bench-documents-") as folder:
        if "retrieval" in parts:
            bench_retrieval(Path(folder), args.rewrite)
        if "indexing" in parts or "answer" in parts:
            pdf = bench_indexing(Path(folder), args.runs)
        if "ocr" in parts:
            bench_ocr(Path(folder), args.ocr_pages, args.runs)
        if "answer" in parts:
            bench_first_token(Path(folder), pdf, args.runs)


if __name__ == "__main__":
    main()
