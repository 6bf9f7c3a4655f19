"""Translate the selection, the clipboard or a region of the screen (by OCR) into the popup; used by the tray, the
shortcut, D-Bus and the CLI."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, QRect, Signal
from PySide6.QtGui import QCursor, QImage, QPixmap
from PySide6.QtWidgets import QWidget

from desktop.accessible import announce
from desktop.selection.popup import TranslationPopup
from desktop.selection.reader import read_clipboard, read_selection
from desktop.settings import Settings
from desktop.streaming import Progress, StreamRunner
from desktop.model_advice import advice_text
from desktop.task_engine import TaskEngine
from desktop.translate.pane import record_translation
from desktop.workers import Task
from runtime.engine import EngineProtocol
from runtime.tasks.stream import TaskStream

if TYPE_CHECKING:
    from desktop.selection.region import RegionPicker


def choose_target(detected: str | None, primary: str, secondary: str) -> str:
    """The primary language, unless the text is already in it: then the secondary one."""
    return secondary if detected == primary else primary


class SelectionTranslator(QObject):
    """Owns the popup; each request reads the text, shows the popup near the mouse and streams into it."""

    finished = Signal(str)  # the whole translation, once it has been shown and recorded
    open_requested = Signal(str, object)  # the source text, the stored Translation (None while unfinished)

    def __init__(self, translate_engine: TaskEngine, settings: Settings, store: Any,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self.translate_engine = translate_engine
        self.popup = TranslationPopup(parent if isinstance(parent, QWidget) else None)
        self.runner = StreamRunner(translate_engine.session, "translate-selection", self)
        self.source_text = ""
        self.record: Any = None
        self.picker: RegionPicker | None = None
        self.popup.closed.connect(self.runner.cancel)
        self.popup.open_requested.connect(self._open)
        self.popup.download_requested.connect(self._download_better_model)
        self.runner.waiting.connect(lambda: self.popup.set_status(self.tr("Loading the model…")))
        self.runner.started.connect(self._on_started)
        self.runner.text_changed.connect(self.popup.set_text)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(lambda error: self.popup.set_status(str(error)))

    def translate_selection(self) -> None:
        self.translate(read_selection())

    def translate_clipboard(self) -> None:
        self.translate(read_clipboard())

    def translate_region(self) -> None:
        """Let the user drag a rectangle over the screen, read its text by OCR and translate it."""
        from desktop.selection.region import grab_screen

        picture = grab_screen()
        if picture is None:
            self.popup.reset()
            self.popup.show_near(QCursor.pos())
            self.popup.set_status(self.tr("Penna cannot see the screen on this desktop (Wayland). Select the text "
                                          "and use Translate selection instead."))
            return
        self.pick_region(picture)

    def pick_region(self, picture: QPixmap) -> RegionPicker:
        """Show ``picture`` (the screen) full-screen to drag a rectangle on; its text is then translated."""
        from desktop.selection.region import RegionPicker

        self.picker = RegionPicker(picture)
        self.picker.setGeometry(QRect(QPoint(0, 0), picture.deviceIndependentSize().toSize()))
        self.picker.chosen.connect(self._read_region)
        self.picker.show()
        self.picker.activateWindow()
        return self.picker

    def _read_region(self, image: QImage, at: QPoint) -> None:
        from desktop.selection.region import region_text

        self.runner.cancel()
        self.popup.reset()
        self.popup.show_near(at)
        self.popup.set_status(self.tr("Reading the text in the region…"))
        task = Task(lambda _report, _cancel: region_text(image), "ocr-region")
        task.succeeded.connect(lambda text: self.translate(text, at))
        task.failed.connect(lambda error: self.popup.set_status(str(error)))
        task.start()

    def translate(self, text: str, at: QPoint | None = None) -> None:
        """Show the popup at ``at`` (default: the mouse) and translate ``text`` into it."""
        self.runner.cancel()
        self.source_text, self.record = text, None
        self.popup.reset()
        self._show_advice()
        self.popup.show_near(at if at is not None else QCursor.pos())
        if not text.strip():
            self.popup.set_status(self.tr("Nothing is selected. Select some text, then try again."))
            return
        self.popup.set_status(self.tr("Translating…"))
        primary, secondary = self.settings.primary_language, self.settings.secondary_language

        def make(engine: EngineProtocol, _progress: Progress, cancel: threading.Event) -> TaskStream:
            from runtime.tasks.language import detect_language
            from runtime.tasks.translate import translate

            detected = detect_language(text)
            target = choose_target(detected.code if detected else None, primary, secondary)
            return translate(engine, text, target, source=detected.code if detected else "auto", cancel=cancel)

        self.runner.start(make)

    def _on_started(self, translation: Any) -> None:
        self.popup.set_languages(translation.source.native if translation.source else None, translation.target.native)

    def _on_finished(self, translation: Any) -> None:
        if translation.cancelled:
            return
        self.popup.set_status("")
        announce(self.popup.text, self.tr("Translation: {text}").format(text=self.runner.text))
        if translation.doubtful:
            self.popup.set_doubt("\n".join(dict.fromkeys(translation.doubts)))
        self.record = record_translation(self.store, translation, self.runner.text)
        self.finished.emit(self.runner.text)

    def _show_advice(self) -> None:
        advice = self.translate_engine.advice
        self.popup.set_advice(*advice_text(advice) if advice is not None else (None, None))

    def _download_better_model(self) -> None:
        self.popup.close()
        self.translate_engine.download_recommended()

    def _open(self) -> None:
        self.popup.close()
        self.open_requested.emit(self.source_text, self.record)
