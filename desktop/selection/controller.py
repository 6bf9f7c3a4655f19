"""Run a writing action (Translate, Proofread, a Rewrite, a user's own...) on the selection, the clipboard or a region
of the screen (by OCR) in the popup; used by the tray, the global shortcuts, D-Bus, the portal and the CLI. Replace
pastes the result back."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, QRect, Signal
from PySide6.QtGui import QCursor, QImage, QPixmap
from PySide6.QtWidgets import QWidget

from desktop.accessible import announce
from desktop.selection.popup import SelectionPopup
from desktop.selection.portal_screenshot import PortalScreenshot
from desktop.selection.reader import read_clipboard, read_selection
from desktop.selection.replace import Replacer
from desktop.settings import Settings
from desktop.streaming import Progress, StreamRunner
from desktop.model_advice import advice_text
from desktop.task_engine import TaskEngine
from desktop.workers import Task
from runtime.engine import EngineProtocol
from runtime.tasks.actions import PROOFREAD, TRANSLATE, all_actions
from runtime.tasks.stream import TaskStream

if TYPE_CHECKING:
    from desktop.selection.region import RegionPicker


def choose_target(detected: str | None, primary: str, secondary: str) -> str:
    """The primary language, unless the text is already in it: then the secondary one."""
    return secondary if detected == primary else primary


class SelectionActions(QObject):
    """Owns the popup; each request reads the text, shows the popup near the mouse and streams the action into it."""

    finished = Signal(str)  # the whole result, once it has been shown and recorded
    open_requested = Signal(str, object, list)  # the source text, the stored record (None while unfinished), doubts
    region_closed = Signal()  # the region picker closed (a chosen region follows in the popup), or the screenshot was cancelled

    def __init__(self, translate_engine: TaskEngine, settings: Settings, store: Any,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self.translate_engine = translate_engine
        self.popup = SelectionPopup(parent if isinstance(parent, QWidget) else None)
        self.runner = StreamRunner(translate_engine.session, "selection", self)
        self.replacer = Replacer(self)
        self.source_text = ""
        self.action = TRANSLATE
        self.record: Any = None
        self.picker: RegionPicker | None = None
        self.portal_address: str | None = None  # the bus of the desktop portal (None: the session bus)
        self.screenshot = PortalScreenshot(self)
        self.screenshot.taken.connect(self.pick_region)
        self.screenshot.cancelled.connect(self.region_closed)
        self.screenshot.failed.connect(self._say_region_failed)
        self.doubts: list[str] = []
        self.popup.closed.connect(self.runner.cancel)
        self.popup.action_chosen.connect(lambda name: self.run(self.source_text, name, keep_place=True))
        self.popup.replace_requested.connect(self._replace)
        self.popup.open_requested.connect(self._open)
        self.popup.download_requested.connect(self._download_better_model)
        self.replacer.done.connect(self._on_replaced)
        self.runner.waiting.connect(lambda: self.popup.set_status(self.tr("Loading the model…")))
        self.runner.started.connect(self._on_started)
        self.runner.text_changed.connect(self._show_text)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(lambda error: self.popup.set_status(str(error)))

    def translate_selection(self) -> None:
        self.run_on_selection(TRANSLATE)

    def translate_clipboard(self) -> None:
        self.run(read_clipboard(), TRANSLATE)

    def translate_region(self) -> None:
        """Let the user drag a rectangle over the screen, read its text by OCR and translate it; where Qt cannot see
        the screen (Wayland) the picture comes from the desktop's Screenshot portal."""
        from desktop.selection.region import grab_screen

        picture = grab_screen()
        if picture is None:
            self.screenshot.take(self.portal_address)
            return
        self.pick_region(picture)

    def _say_region_failed(self, message: str) -> None:
        self.popup.reset()
        self.popup.show_near(QCursor.pos())
        self.popup.set_status(message)

    def pick_region(self, picture: QPixmap) -> RegionPicker:
        """Show ``picture`` (the screen) full-screen to drag a rectangle on; its text is then translated."""
        from desktop.selection.region import RegionPicker

        self.picker = RegionPicker(picture)
        self.picker.setGeometry(QRect(QPoint(0, 0), picture.deviceIndependentSize().toSize()))
        self.picker.chosen.connect(self._read_region)
        self.picker.closed.connect(self.region_closed)
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
        self.run(text, TRANSLATE, at)

    def run_on_selection(self, action: str) -> None:
        """``action`` on the selected text; the window it came from (X11) is remembered for Replace."""
        self.replacer.remember_source()
        self.run(read_selection(), action, from_selection=True)

    def run(self, text: str, action: str, at: QPoint | None = None, keep_place: bool = False,
            from_selection: bool = False) -> None:
        """Show the popup at ``at`` (default: the mouse; ``keep_place``: where it is) and run ``action`` on ``text``."""
        self.runner.cancel()
        if not from_selection and not keep_place:
            self.replacer.forget_source()  # the clipboard or a given text: there is no selection to paste over
        self.source_text, self.action, self.record, self.doubts = text, action, None, []
        self.popup.set_actions(all_actions())
        self.popup.set_current_action(action)
        self.popup.reset(text)
        self._show_advice()
        if not keep_place or not self.popup.isVisible():
            self.popup.show_near(at if at is not None else QCursor.pos())
        if not text.strip():
            self.popup.set_status(self.tr("Nothing is selected. Select some text, then try again."))
            return
        self.popup.set_status(self.tr("Translating…") if action == TRANSLATE else self.tr("Working…"))
        primary, secondary = self.settings.primary_language, self.settings.secondary_language

        def make(engine: EngineProtocol, _progress: Progress, cancel: threading.Event) -> TaskStream:
            from runtime.tasks.language import detect_language
            from runtime.tasks.write import write

            detected = detect_language(text)
            target = choose_target(detected.code if detected else None, primary, secondary)
            return write(engine, text, action, language=target if action == TRANSLATE else None, cancel=cancel)

        self.runner.start(make)

    def _show_text(self, text: str) -> None:
        if self.action == PROOFREAD and text:
            from runtime.tasks.word_diff import word_diff

            self.popup.set_diff(text, word_diff(self.source_text, text))
        else:
            self.popup.set_text(text)

    def _on_started(self, task: Any) -> None:
        if self.action == TRANSLATE:
            self.popup.set_languages(task.source.native if task.source else None, task.target.native)

    def _on_finished(self, task: Any) -> None:
        from runtime.tasks.write import record_writing

        if task.cancelled:
            return
        self.popup.set_status("")
        self.doubts = list(dict.fromkeys(task.doubts))
        if self.doubts:
            self.popup.set_doubt("\n".join(self.doubts))
        text = self.runner.text
        heading = self.tr("Translation: {text}") if self.action == TRANSLATE else self.tr("Result: {text}")
        announce(self.popup.text, heading.format(text=text))
        self.record = record_writing(self.store, task, text) if text.strip() else None
        self.finished.emit(text)

    def _show_advice(self) -> None:
        """The advice is about translating: the other actions' doubtful results are marked one by one instead."""
        advice = self.translate_engine.advice if self.action == TRANSLATE else None
        self.popup.set_advice(*advice_text(advice) if advice is not None else (None, None))

    def _download_better_model(self) -> None:
        self.popup.close()
        self.translate_engine.download_recommended()

    def _replace(self) -> None:
        """Paste the result over the selection in the window it came from (the popup closes first, so that the
        window can take the focus back)."""
        result = self.popup.result
        if not result or self.runner.is_running():
            return
        self.popup.close()
        self.replacer.replace(result)

    def _on_replaced(self, message: str) -> None:
        """Replace could not paste (Wayland, the window is gone...): the result is on the clipboard; say so."""
        if message:
            self.popup.show_near(QCursor.pos())
            self.popup.set_status(message)

    def _open(self) -> None:
        self.popup.close()
        self.open_requested.emit(self.source_text, self.record, self.doubts)
