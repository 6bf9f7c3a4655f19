"""The Summarize pane: paste text, open or drop files (several are summarised together); length, style and
language; progress by step ("step 2 of 5: summarising each part") with Cancel; the summary with Copy and Save as
Markdown, marked where the checks found it cut or doubtful, and below it each of its parts with the pages or sections
it came from (a click shows the passage); advice when the model is too small to summarise well; past summaries from
the history."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget,
)

from desktop.accessible import set_accessible
from desktop.chat.documents_bar import PassagePanel
from desktop.copy_button import CopyButton
from desktop.history_list import Entry, HistoryList, beside_history, shorten
from desktop.i18n import Retranslatable
from desktop.language_box import LanguageBox
from desktop.model_advice import AdviceNotice
from desktop.notice import Notice
from desktop.streaming import Progress, StreamRunner
from desktop.task_engine import TaskEngine
from desktop.workers import Report, Task
from runtime.engine import EngineProtocol
from runtime.tasks.stream import TaskStream
from runtime.tasks.summarize import LENGTHS, STYLES

HISTORY_LIMIT = 500
DOCUMENT_FILTER = "*.txt *.md *.markdown *.pdf *.docx *.html *.htm *.png *.jpg *.jpeg *.tif *.tiff *.webp"
_PASSAGE_SCHEME = "passage:"
PROGRESS_STEPS = 1000  # the bar's range: a fraction of the planned steps, never moving back


class SummarizePane(Retranslatable, QWidget):
    """Summarise the text in the input box; a finished summary is recorded with its document in ``store``."""

    def __init__(self, store: Any, task_engine: TaskEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = StreamRunner(task_engine.session, "summarize", self)
        self.document: Any = None  # the runtime.tasks.documents.Document whose text the input box holds
        # The library's records of the files whose text the input box holds (one or several), and that text.
        self.library_documents: list[Any] = []
        self._library_text = ""
        self._load_task: Task | None = None
        self.setAcceptDrops(True)
        self.notice = Notice(self)
        self.advice = AdviceNotice(task_engine, self)  # the model is too small: a better one, one click away
        self.open_button = QPushButton(self)
        self.source_label = QLabel(self)
        self.input = QPlainTextEdit(self)
        self.input.setAcceptDrops(False)  # a dropped file reaches the pane, which opens it
        self.length_box, self.style_box = QComboBox(self), QComboBox(self)
        for box, values in ((self.length_box, LENGTHS), (self.style_box, STYLES)):
            for value in values:
                box.addItem("", value)
        self.language_box = LanguageBox(auto=True, parent=self)
        self.summarize_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setRange(0, PROGRESS_STEPS)
        self.step_label = QLabel(self)
        # The label's width comes from the layout, not from its text: the bar beside it keeps its width.
        self.step_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._step: tuple[int, int] | None = None  # model calls done, and in all (as far as known)
        self._cancelling = False
        self.output = QPlainTextEdit(self)
        self.output.setReadOnly(True)
        for box in (self.input, self.output):
            box.setTabChangesFocus(True)  # Tab moves on (it trapped the keyboard)
        self.findings = QLabel(self)  # what the checks found wrong with the summary shown
        self.findings.setObjectName("doubt")
        self.findings.setWordWrap(True)
        self.findings.hide()
        self._findings: list[str] = []
        self.copy_button = CopyButton(self.output.toPlainText, self)
        self.save_button = QPushButton(self)
        self.sources_label = QLabel(self)
        self.sources_label.setWordWrap(True)
        self.sources_label.setTextFormat(Qt.TextFormat.RichText)
        self.sources_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.sources_label.hide()
        self.passage_panel = PassagePanel(self)
        self.history = HistoryList(lambda: self.tr("Past summaries"), self)
        self._labels = [QLabel(self) for _ in range(3)]
        self._lay_out()
        self._connect()
        self.refresh_history()
        self.retranslate()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.source_label, 1)
        options = QHBoxLayout()
        for label, box in zip(self._labels, (self.length_box, self.style_box, self.language_box)):
            label.setBuddy(box)  # the label names its box for screen readers
            options.addWidget(label)
            options.addWidget(box, 1)
        actions = QHBoxLayout()  # its own row: one row of options and buttons made the window at least 909 px wide
        actions.addStretch(1)  # the buttons keep their size at the right while nothing runs
        actions.addWidget(self.progress, 3)
        actions.addWidget(self.step_label, 3)
        actions.addWidget(self.summarize_button)
        actions.addWidget(self.cancel_button)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.copy_button)
        footer.addWidget(self.save_button)
        main = QWidget(self)
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice)
        column.addWidget(self.advice)
        column.addLayout(top)
        column.addWidget(self.input, 1)
        column.addLayout(options)
        column.addLayout(actions)
        column.addWidget(self.output, 1)
        column.addWidget(self.sources_label)
        column.addWidget(self.passage_panel)
        column.addWidget(self.findings)
        column.addLayout(footer)
        beside_history(self, main, self.history)

    def _connect(self) -> None:
        self.open_button.clicked.connect(self._ask_file)
        self.input.textChanged.connect(self._update_source_label)
        self.summarize_button.clicked.connect(lambda: self.summarize())
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self._ask_save)
        self.runner.waiting.connect(lambda: self.source_label.setText(self.tr("Waiting for the model to load…")))
        self.runner.text_changed.connect(self.output.setPlainText)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.running_changed.connect(self._on_running)
        self.history.chosen.connect(self.show_record)
        self.sources_label.linkActivated.connect(self._show_passage)

    # input -----------------------------------------------------------------------------------
    def open_file(self, path: str | Path) -> None:
        self.open_files([path])

    def open_files(self, paths: list[str] | list[Path]) -> None:
        """Read documents in a worker thread and keep them in the library (so that the summary's parts can point
        back to their pages); several are summarised together. A file Penna cannot read is explained in the
        notice."""
        self.notice.hide()
        self.source_label.setText(self.tr("Reading {name}…").format(name=", ".join(Path(path).name for path in paths)))
        database = self.store.path

        def load(_report: Report, _cancel: threading.Event) -> Any:
            from runtime.store import HistoryStore
            from runtime.tasks.documents import load_document
            from runtime.tasks.library import add_document

            documents = [load_document(path) for path in paths]
            with HistoryStore.open(database) as store:  # the worker's own connection
                return documents, [add_document(store, document) for document in documents]

        self._load_task = Task(load, "load-document")
        self._load_task.succeeded.connect(lambda loaded: self._on_loaded(*loaded))
        self._load_task.failed.connect(self._on_failed)
        self._load_task.start()

    def _on_loaded(self, documents: list[Any], records: list[Any]) -> None:
        from runtime.tasks.library import joined_text

        self._library_text = joined_text([(record.title, document.text) for document, record in zip(documents, records)])
        self.library_documents = records
        self.document = documents[0] if len(documents) == 1 else None
        self.input.setPlainText(self._library_text)
        self._update_source_label()
        self._clear_summary()  # the summary shown was of another text

    def _clear_summary(self) -> None:
        if not self.runner.is_running():
            self.output.clear()
            self._show_findings([])
            self.sources_label.hide()
            self.passage_panel.hide()

    def _ask_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Open documents"), str(Path.home()))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("Documents ({patterns})").format(patterns=DOCUMENT_FILTER))
        dialog.filesSelected.connect(self.open_files)
        dialog.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if _dropped_files(event.mimeData()) or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = _dropped_files(event.mimeData())
        if paths:
            self.open_files(paths)
        else:
            self.input.setPlainText(event.mimeData().text())
            self._clear_summary()
        event.acceptProposedAction()

    def _update_source_label(self) -> None:
        text = self.input.toPlainText()
        if self.library_documents and text != self._library_text:
            self.document, self.library_documents = None, []  # edited: it is pasted text now
        if len(self.library_documents) > 1:
            self.source_label.setText(self.tr("{count} documents together: {names}").format(
                count=len(self.library_documents), names=", ".join(record.title for record in self.library_documents)))
        elif self.document is not None:
            self.source_label.setText(self.tr("{name}: {count} characters").format(
                name=self.document.path.name, count=len(text)))
        else:
            self.source_label.setText(self.tr("Pasted text: {count} characters").format(count=len(text)) if text
                                      else self.tr("Paste text below, or open or drop a document."))

    # summarising -----------------------------------------------------------------------------
    def summarize(self, text: str | None = None) -> None:
        """Summarise ``text`` (put into the input box) or what the input box holds."""
        if text is not None:
            self.input.setPlainText(text)
        source_text = self.input.toPlainText()
        if not source_text.strip() or self.runner.is_running():
            return
        length, style, language = self.length_box.currentData(), self.style_box.currentData(), self.language_box.code()
        self.notice.hide()
        self.sources_label.hide()
        self.passage_panel.hide()
        self._show_findings([])
        self._step = None
        self.progress.setValue(0)

        def make(engine: EngineProtocol, progress: Progress, cancel: threading.Event) -> TaskStream:
            from runtime.tasks.summarize import summarize

            return summarize(engine, source_text, length=length, style=style, language=language, progress=progress,
                             cancel=cancel)

        self.runner.start(make)

    def cancel(self) -> None:
        """Stop the summary within one token; the button says so until it has stopped."""
        if self.runner.is_running():
            self._cancelling = True
            self.runner.cancel()
            self._on_running(self.runner.is_running())

    def _on_progress(self, done: int, total: int) -> None:
        self._step = (done, total)
        self.progress.setValue(max(self.progress.value(), round(PROGRESS_STEPS * done / total)))
        self._show_step()

    def _show_step(self) -> None:
        if self._step is None:
            self.step_label.setText(self.tr("Reading the text…"))
            return
        done, total = self._step
        current = min(done + 1, total)
        stage = self.tr("writing the summary") if current == total else self.tr("summarising each part, then combining")
        self.step_label.setText(self.tr("Step {current} of {total}: {stage}").format(current=current, total=total, stage=stage))

    def _on_running(self, running: bool) -> None:
        if not running:
            self._cancelling = False
        self.summarize_button.setEnabled(not running)
        self.cancel_button.setEnabled(running and not self._cancelling)
        self.cancel_button.setText(self.tr("Cancelling…") if self._cancelling else self.tr("Cancel"))
        self.progress.setVisible(running)
        self.step_label.setVisible(running)
        if running:
            self._show_step()
        else:
            self._update_source_label()

    def _on_finished(self, summary: Any) -> None:
        text = self.runner.text.strip()
        self._show_findings([] if summary.cancelled else summary.findings)
        if summary.cancelled:
            self.notice.show_message(self.tr("Cancelled. The partial summary is shown but not kept in the history.") if text
                                     else self.tr("Cancelled before any of the summary was written."))
            return
        if not text:
            return
        source = summary.source_text
        documents = self.library_documents if source == self._library_text else []
        document = self.document if self.document is not None and self.document.text == source else None
        title = " + ".join(record.title for record in documents) if documents else shorten(source)
        record = self.store.add_document(title, source, path=str(document.path.resolve()) if document else None)
        options = {"length": summary.length, "style": summary.style,
                   "language": summary.language.code if summary.language else None}
        parts = self._parts(text, [document.id for document in documents])
        self.store.add_summary(record.id, text, model=summary.engine.model_name, options=options,
                               sources=[[stored.id for stored in part.passages] for part in parts] if parts else None)
        self._show_sources(parts)
        self.refresh_history()

    # sources ---------------------------------------------------------------------------------
    def _parts(self, summary: str, document_ids: list[int]) -> list[Any]:
        from runtime.tasks.summary_sources import summary_sources

        return summary_sources(self.store, document_ids, summary) if document_ids else []

    def _show_sources(self, parts: list[Any]) -> None:
        """Each part of the summary, shortened, with links to the passages it came from."""
        import html

        rows = []
        for number, part in enumerate(parts, start=1):
            links = ", ".join(f'<a href="{_PASSAGE_SCHEME}{stored.id}">{html.escape(stored.title)}, '
                              f"{html.escape(stored.passage.anchor)}</a>" for stored in part.passages)
            rows.append(f"{number}. {html.escape(shorten(part.text))} — {links or '–'}")
        heading = self.tr("Sources")
        self.sources_label.setText(f"<b>{html.escape(heading)}</b><br>" + "<br>".join(rows))
        self.sources_label.setVisible(bool(rows))
        self.passage_panel.hide()

    def _show_passage(self, target: str) -> None:
        if target.startswith(_PASSAGE_SCHEME) and target[len(_PASSAGE_SCHEME):].isdigit():
            found = self.store.get_passages([int(target[len(_PASSAGE_SCHEME):])])
            if found:
                self.passage_panel.show_passage(0, found[0])

    def _on_failed(self, error: Exception) -> None:
        self._update_source_label()
        self.notice.show_message(str(error))

    # the result ------------------------------------------------------------------------------
    def _ask_save(self) -> None:
        dialog = QFileDialog(self, self.tr("Save the summary"), str(Path.home() / "summary.md"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Markdown (*.md)"))
        dialog.setDefaultSuffix("md")
        dialog.fileSelected.connect(lambda path: self.save_markdown(Path(path)))
        dialog.open()

    def save_markdown(self, path: Path) -> None:
        """Write the summary shown, under a heading naming its source; a failure is shown, not raised."""
        title = self.document.path.name if self.document is not None else shorten(self.input.toPlainText())
        heading = self.tr("Summary of {title}").format(title=title) if title else self.tr("Summary")
        try:
            path.write_text(f"# {heading}\n\n{self.output.toPlainText().strip()}\n", encoding="utf-8")
        except OSError as error:
            self.notice.show_message(self.tr("Could not write {path}: {error}").format(path=path, error=error.strerror))

    # history ---------------------------------------------------------------------------------
    def refresh_history(self) -> None:
        titles: dict[int, str] = {}
        entries = []
        for record in self.store.list_summaries(limit=HISTORY_LIMIT):
            if record.document_id not in titles:
                titles[record.document_id] = self.store.get_document(record.document_id).title
            entries.append(Entry(titles[record.document_id], record.summary, record))
        self.history.set_entries(entries)

    def show_record(self, record: Any) -> None:
        """Show a past summary; its document's text is not kept, so the input box is left alone."""
        if not self.runner.is_running():
            self.output.setPlainText(record.summary)
            self._show_findings([])
            self._show_sources(self._stored_parts(record))
            self.source_label.setText(self.tr("Summary of {title}").format(
                title=self.store.get_document(record.document_id).title))

    def _stored_parts(self, record: Any) -> list[Any]:
        from runtime.tasks.summary_sources import SummaryPart, summary_parts

        texts = summary_parts(record.summary)
        if not record.sources or len(record.sources) != len(texts):
            return []
        return [SummaryPart(text, self.store.get_passages(ids)) for text, ids in zip(texts, record.sources)]

    def _show_findings(self, findings: list[str]) -> None:
        """Mark the summary with what runtime.tasks.result_check found (its codes), in the interface's language."""
        self._findings = list(findings)
        said = {
            "repeated": self.tr("The model began to repeat itself; the summary was cut off there."),
            "cut_at_limit": self.tr("The summary reached its length limit; its unfinished last sentence was left "
                                    "out. A longer length may say more."),
            "unfinished": self.tr("The summary reached its length limit and ends mid-sentence."),
            "off_topic": self.tr("The summary shares almost no words with the text: it may not be about it. "
                                 "Check it against the text; a larger model summarises better."),
            "echo": self.tr("The summary repeats the instructions instead of summarising the text; a larger model "
                            "summarises better."),
            "empty": self.tr("The model wrote no summary of this text, only placeholders or nothing; a larger "
                             "model summarises better."),
        }
        self.findings.setText("\n".join("⚠ " + said[finding] for finding in findings))
        self.findings.setVisible(bool(findings))

    def retranslate(self) -> None:
        self._show_findings(self._findings)
        if self.advice.isVisible():
            self.advice.refresh()
        self.open_button.setText(self.tr("Open files…"))
        self.input.setPlaceholderText(self.tr("Paste the text to summarise here, or open or drop a document."))
        for label, text in zip(self._labels, (self.tr("Length:"), self.tr("Style:"), self.tr("Language:"))):
            label.setText(text)
        names = {"short": self.tr("Short"), "medium": self.tr("Medium"), "long": self.tr("Long"),
                 "paragraph": self.tr("Paragraph"), "bullets": self.tr("Bullet points")}
        for box in (self.length_box, self.style_box):
            for index in range(box.count()):
                box.setItemText(index, names[box.itemData(index)])
        self.language_box.setItemText(0, self.tr("Same as the text"))
        self.summarize_button.setText(self.tr("Summarize"))
        self.output.setPlaceholderText(self.tr("The summary appears here"))
        self.copy_button.retranslate()
        self.save_button.setText(self.tr("Save as Markdown…"))
        set_accessible(self.input, self.tr("Text to summarise"), self.tr("Paste text here, or open a document with Open file"))
        set_accessible(self.output, self.tr("Summary"))
        for box, text in ((self.length_box, self.tr("Length")), (self.style_box, self.tr("Style")),
                          (self.language_box, self.tr("Language of the summary"))):
            set_accessible(box, text)
        self._on_running(self.runner.is_running())


def _dropped_files(mime: QMimeData) -> list[str]:
    """The local files a drag carries."""
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
