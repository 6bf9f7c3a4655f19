"""The real Penna window on an X display for the documents test (run as a child process; the test drives it with
xdotool only, and another process drags the file in).

Prints one JSON line per step:
- "ready": the model is loaded and the window has the keyboard; with the screen rectangles ([x, y, width, height]) of
  the conversation, where the test drops the file, of the message box, of the system prompt and of the window;
- "focus": the keyboard moved (whether the window is active, and the accessible name of the widget with the focus);
- "drag_entered", "drag_moved", "drop": a drag over the window, as each widget receives it (which widget, where on
  the screen, and the URLs it carries);
- "attached": the conversation's documents changed (their names), with where the keyboard is and what the message
  box and the system prompt hold;
- "error": what the chat pane was told to show;
- "answered": an answer finished: its text and its citation links, each with the page and file it leads to and its
  rectangle on the screen (from the text layout the answer is drawn with), and whether that lies in view;
- "passage": the passage panel shows a cited passage: its heading, text and rectangle.
Ends on Ctrl+Q or when its stdin closes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.desktop.xvfb_child import focused_name, on_stdin_closed, penna_window, run, say

_DRAGS = {QEvent.Type.DragEnter: "drag_entered", QEvent.Type.DragMove: "drag_moved", QEvent.Type.Drop: "drop"}


def on_screen(widget: QWidget, rect: QRect | None = None) -> list[int]:
    """``rect`` (in ``widget``'s coordinates; all of it by default) on the screen, as [x, y, width, height]."""
    rect = rect if rect is not None else widget.rect()
    corner = widget.mapToGlobal(rect.topLeft())
    return [corner.x(), corner.y(), rect.width(), rect.height()]


class DragWatcher(QObject):
    """Says each drag event a widget of ``window`` receives (they decide on them; this only looks)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _DRAGS and isinstance(watched, QWidget) and watched.window() is self.window:
            point = watched.mapToGlobal(event.position().toPoint())
            receiver = type(watched).__name__
            if watched.objectName() == "qt_scrollarea_viewport":
                receiver = f"{type(watched.parentWidget()).__name__}.viewport"
            say(_DRAGS[event.type()], receiver=receiver, global_position=[point.x(), point.y()],
                urls=[url.toString() for url in event.mimeData().urls()])
        return False


def links(label: QLabel) -> list[tuple[str, QRect, str]]:
    """The links drawn in a rich-text ``label``: (target, rectangle in the label, the target the label's own text
    layout finds at that rectangle's centre). QLabel draws rich text with a QTextDocument of its own, laid out from
    its contents' top left (moved down to centre it vertically where the label is taller)."""
    document = label.findChild(QTextDocument)
    contents = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    spare = contents.height() - document.documentLayout().documentSize().height()
    origin = QPointF(contents.topLeft())
    if label.alignment() & Qt.AlignmentFlag.AlignVCenter and spare > 0:
        origin += QPointF(0, spare / 2)
    found = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            target = fragment.charFormat().anchorHref()
            if target:
                layout, start = block.layout(), fragment.position() - block.position()
                line = layout.lineForTextPosition(start)
                end = min(start + fragment.length(), line.textStart() + line.textLength())  # its part on that line
                left, right = line.cursorToX(start)[0], line.cursorToX(end)[0]
                box = QRectF(layout.position() + QPointF(left, line.y()), QSizeF(right - left, line.height()))
                hit = document.documentLayout().anchorAt(box.center())
                found.append((target, box.translated(origin).toAlignedRect(), hit))
            fragments += 1
        block = block.next()
    return found


def main() -> int:
    from desktop.settings import Sampling, Settings

    settings = Settings()
    settings.sampling = Sampling(temperature=0.0, max_new_tokens=24, seed=1)
    app, window = penna_window(settings)
    chat = window.chat
    app.installEventFilter(DragWatcher(window))

    def ready(_engine: object) -> None:
        window.activateWindow()
        QTimer.singleShot(500, lambda: say("ready", drop_target=on_screen(chat.view),
                                           message_box=on_screen(chat.composer.input),
                                           system_prompt=on_screen(chat.composer.system_prompt), window=on_screen(window),
                                           active=window.isActiveWindow(), focus=focused_name()))

    def answered(item: object) -> None:
        QTimer.singleShot(0, lambda: tell_answer(item))  # once the view has drawn and laid out the final text

    def tell_answer(item: object) -> None:
        QApplication.sendPostedEvents()
        widget = next(widget for widget in chat.view.widgets if widget.item.id == item.id)
        viewport = QRect(chat.view.viewport().mapToGlobal(chat.view.viewport().rect().topLeft()),
                         chat.view.viewport().size())
        citations = []
        for label in widget.citation_labels():
            for target, box, hit in links(label):
                number = int(target.removeprefix("cite:"))
                [stored] = chat.session.store.get_passages([item.sources[number - 1]])
                rect = on_screen(label, box)
                citations.append({"number": number, "title": stored.title, "page": stored.passage.page,
                                  "target": target, "hit": hit, "rect": rect,
                                  "in_view": viewport.contains(QRect(*rect))})
        say("answered", text=item.content, finish_reason=item.finish_reason, citations=citations)

    def passage(number: int, stored: object) -> None:
        panel = chat.passage_panel
        say("passage", number=number, where=panel.where.text(), text=panel.text.toPlainText(),
            visible=panel.isVisible(), rect=on_screen(panel), title=stored.title, page=stored.passage.page)

    window.session.ready.connect(ready)
    app.focusChanged.connect(lambda _old, _new: say("focus", active=window.isActiveWindow(), focus=focused_name()))
    chat.session.documents_changed.connect(
        lambda documents: say("attached", names=[document.title for document in documents],
                              active=window.isActiveWindow(), focus=focused_name(),
                              message=chat.composer.input.toPlainText(),
                              system_prompt=chat.composer.system_prompt.text()))
    chat.session.error.connect(lambda error: say("error", message=str(error)))
    chat.session.answer_finished.connect(answered)
    chat.session.passage_shown.connect(passage)
    _closing = on_stdin_closed(window.quit)
    return run(app, window)


if __name__ == "__main__":
    sys.exit(main())
