"""The Translate pane: source text and language (Auto shows what was detected), target, swap, a streamed
translation with Copy (marked when the checks doubt it), advice when the model is too small to translate well,
and the recent translations from the history, searchable."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from desktop.accessible import announce, set_accessible
from desktop.copy_button import CopyButton
from desktop.history_list import Entry, HistoryList, beside_history, shorten
from desktop.i18n import Retranslatable
from desktop.language_box import AUTO, LanguageBox
from desktop.model_advice import AdviceNotice
from desktop.notice import Notice
from desktop.settings import Settings
from desktop.streaming import Progress, StreamRunner
from desktop.task_engine import TaskEngine
from runtime.engine import EngineProtocol
from runtime.store import Writing
from runtime.tasks.language import get_language
from runtime.tasks.stream import TaskStream
from runtime.tasks.write import record_writing

HISTORY_LIMIT = 500


class TranslatePane(Retranslatable, QWidget):
    """Translate what is typed or sent here; each finished translation is recorded in ``store``."""

    def __init__(self, store: Any, translate_engine: TaskEngine, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.translate_engine = translate_engine
        self.runner = StreamRunner(translate_engine.session, "translate", self)
        self.detected: str | None = None  # the code detected for the current source text
        self.notice = Notice(self)
        self.advice = AdviceNotice(translate_engine, self)  # the model is too small: a better one, one click away
        self.doubt = QLabel(self)  # the mark on a result that failed the checks
        self.doubt.setObjectName("doubt")
        self.doubt.setWordWrap(True)
        self.doubt.hide()
        self.source_box = LanguageBox(auto=True, parent=self)
        self.swap_button = QToolButton(self)
        self.swap_button.setText("⇄")
        self.target_box = LanguageBox(parent=self)
        self.target_box.set_code(settings.translate_target or settings.primary_language)
        self.target_box.currentIndexChanged.connect(self._remember_target)
        self.translate_button = QPushButton(self)
        self.source = QPlainTextEdit(self)
        self.result = QPlainTextEdit(self)
        self.result.setReadOnly(True)
        for box in (self.source, self.result):
            box.setTabChangesFocus(True)  # Tab moves on (it trapped the keyboard); the text is not code
        self.copy_button = CopyButton(self.result.toPlainText, self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)  # "Done" may carry a warning about the model
        self.history = HistoryList(lambda: self.tr("Recent translations and writing"), self)
        self._lay_out()
        self._connect()
        self.refresh_history()
        self.retranslate()

    def _lay_out(self) -> None:
        languages = QHBoxLayout()
        languages.addWidget(self.source_box, 1)
        languages.addWidget(self.swap_button)
        languages.addWidget(self.target_box, 1)
        languages.addWidget(self.translate_button)
        texts = QHBoxLayout()
        texts.addWidget(self.source, 1)
        texts.addWidget(self.result, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.copy_button)
        main = QWidget(self)
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice)
        column.addWidget(self.advice)
        column.addLayout(languages)
        column.addLayout(texts, 1)
        column.addWidget(self.doubt)
        column.addLayout(footer)
        beside_history(self, main, self.history)

    def _connect(self) -> None:
        self.translate_button.clicked.connect(self._on_button)
        QShortcut(QKeySequence("Ctrl+Return"), self.source, self.translate, context=Qt.ShortcutContext.WidgetShortcut)
        self.swap_button.clicked.connect(self.swap)
        self.source.textChanged.connect(self._forget_detection)
        self.runner.waiting.connect(lambda: self.status.setText(self.tr("Waiting for the model to load…")))
        self.runner.started.connect(self._on_started)
        self.runner.text_changed.connect(self.result.setPlainText)
        self.runner.finished.connect(self._on_finished)
        self.runner.finished.connect(self._announce)
        self.runner.failed.connect(self._on_failed)
        self.runner.running_changed.connect(lambda _running: self.retranslate())
        self.history.chosen.connect(self.show_record)

    # translating ---------------------------------------------------------------------------
    def translate(self, text: str | None = None) -> None:
        """Translate ``text`` (put into the source box) or what the source box holds."""
        if text is not None:
            self.source.setPlainText(text)
        source_text = self.source.toPlainText()
        if not source_text.strip():
            return
        source, target = self.source_box.code(), self.target_box.code()
        self.notice.hide()
        self.doubt.hide()
        self.status.setText(self.tr("Translating…"))

        def make(engine: EngineProtocol, _progress: Progress, cancel: threading.Event) -> TaskStream:
            from runtime.tasks.translate import translate

            return translate(engine, source_text, target, source=source, cancel=cancel)

        self.runner.start(make)

    def stop(self) -> None:
        self.runner.cancel()

    def _on_button(self) -> None:
        if self.runner.is_running():
            self.stop()
        else:
            self.translate()

    def _on_started(self, translation: Any) -> None:
        self.detected = translation.source.code if translation.source else None
        self.retranslate()

    def _on_finished(self, translation: Any) -> None:
        text = self.runner.text
        if translation.cancelled:
            self.status.setText(self.tr("Stopped."))
            return
        if self.translate_engine.advice is not None:
            self.status.setText(self.tr("Done, by a model too small to translate well: check the result before "
                                        "you use it."))
        else:
            self.status.setText(self.tr("Done."))
        self._show_doubt(translation.doubts)
        if text.strip():
            record_writing(self.store, translation, text)
            self.refresh_history()

    def _announce(self, translation: Any) -> None:
        """Read the finished translation out: it appears in a box the focus is not in."""
        if not translation.cancelled:
            announce(self.result, self.tr("Translation: {text}").format(text=self.runner.text))

    def _on_failed(self, error: Exception) -> None:
        self.status.clear()
        self.notice.show_message(str(error))

    def _show_doubt(self, reasons: list[str], writing: bool = False) -> None:
        """Mark the result when the checks doubt it; the runtime's reasons (English) are in the tooltip."""
        self.doubt.setVisible(bool(reasons))
        self.doubt.setText(self.tr("⚠ This result may be wrong (it changed more than asked, or is not in the language "
                                   "of the text). Check it before you copy it; a larger model writes better.") if writing
                           else self.tr("⚠ This translation may be wrong (not in the language asked for, or empty). "
                                        "Check it before you copy it; a larger model translates better."))
        self.doubt.setToolTip("\n".join(dict.fromkeys(reasons)))

    def _forget_detection(self) -> None:
        if self.detected is not None and not self.runner.is_running():
            self.detected = None
            self.retranslate()

    def _remember_target(self) -> None:
        """The target chosen last is the one the pane starts on next time."""
        self.settings.translate_target = self.target_box.code()

    def swap(self) -> None:
        """Exchange the languages (Auto counts as the detected one) and put the translation in as the source."""
        source = self.source_box.code()
        source = self.detected if source == AUTO else source
        if source is None or self.runner.is_running():
            return
        target = self.target_box.code()
        translation = self.result.toPlainText()
        self.source_box.set_code(target)
        self.target_box.set_code(source)
        if translation:
            self.source.setPlainText(translation)
            self.result.clear()

    # history ---------------------------------------------------------------------------------
    def refresh_history(self) -> None:
        """Translations and the writing actions' results, newest first."""
        records = [*self.store.list_translations(limit=HISTORY_LIMIT), *self.store.list_writings(limit=HISTORY_LIMIT)]
        records.sort(key=lambda record: record.created, reverse=True)
        self.history.set_entries([
            Entry(_entry_title(record), f"{record.source_text}\n{record.result}", record)
            for record in records[:HISTORY_LIMIT]
        ])

    def show_record(self, record: Any, doubts: list[str] | None = None) -> None:
        """Show a past translation or writing action as it was made, marked with ``doubts`` (the popup's, when it
        opens its result here). A translation's source language stays on "Detect language", showing the record's
        language as the detected one: the history keeps the language of the text, not how it was chosen."""
        self.stop()
        self.source.setPlainText(record.source_text)
        self.result.setPlainText(record.result)
        writing = isinstance(record, Writing)
        if writing:
            self.status.setText(self.tr("{action} of the text on the left.").format(action=_action_title(record)))
        else:
            self.source_box.set_code(AUTO)
            self.detected = record.source_language
            self.target_box.set_code(record.target_language)
            self.status.clear()
        self._show_doubt(doubts or [], writing)
        self.retranslate()

    def retranslate(self) -> None:
        detected = _native(self.detected) if self.detected else None
        self.source_box.setItemText(0, self.tr("Auto: {language}").format(language=detected) if detected
                                    else self.tr("Detect language"))
        self.source_box.setToolTip(self.tr("Language of the text"))
        self.target_box.setToolTip(self.tr("Translate into"))
        self.swap_button.setToolTip(self.tr("Swap the languages"))
        running = self.runner.is_running()
        self.translate_button.setText(self.tr("Stop") if running else self.tr("Translate"))
        self.translate_button.setToolTip("" if running else self.tr("Translate (Ctrl+Enter)"))
        self.source.setPlaceholderText(self.tr("Type or paste the text to translate"))
        self.result.setPlaceholderText(self.tr("The translation appears here"))
        self.copy_button.retranslate()
        set_accessible(self.source, self.tr("Text to translate"), self.tr("Ctrl+Enter translates"))
        set_accessible(self.result, self.tr("Translation"))
        set_accessible(self.source_box, self.tr("Language of the text"))
        set_accessible(self.target_box, self.tr("Translate into"))
        set_accessible(self.swap_button, self.tr("Swap the languages"))
        if self.advice.isVisible():
            self.advice.refresh()




def _native(code: str) -> str:
    return get_language(code).native


def _action_title(record: Writing) -> str:
    from desktop.selection.popup import action_title
    from runtime.tasks.actions import BUILT_IN, WritingAction

    built_in = any(action.name == record.action for action in BUILT_IN)
    return action_title(WritingAction(record.action, None if built_in else ""))


def _entry_title(record: Any) -> str:
    if isinstance(record, Writing):
        return f"{_action_title(record)}: {shorten(record.source_text)}"
    return f"{shorten(record.source_text)}  →  {_native(record.target_language)}"
