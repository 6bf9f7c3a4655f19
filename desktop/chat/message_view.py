"""Messages as rendered Markdown in a scroll area that follows the bottom unless the user scrolled up. An answer's
thinking (a reasoning model's <think> block, kept in the stored text) sits above it, collapsed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from desktop.accessible import announce, set_accessible
from desktop.copy_button import CopyToolButton
from desktop.highlight import highlight
from desktop.i18n import Retranslatable
from desktop.markdown import Segment, prose_to_html, split_segments
from runtime.engine.reasoning import Reasoned, split_reasoning

_STREAM_REFRESH_MS = 50
_FOLLOW_SLACK_PX = 24
_CITATION = re.compile(r"\[(\d{1,3})\]")
_CITE_SCHEME = "cite:"


@dataclass(frozen=True)
class MessageItem:
    """What the view shows for one message. ``branch`` is (index, count) among its siblings, 1-based. ``sources``:
    the passage ids an answer's citations [1], [2]… point to, in order."""

    id: int
    role: str
    content: str
    finish_reason: str | None = None
    branch: tuple[int, int] = (1, 1)
    sources: tuple[int, ...] = ()


def with_citation_links(markdown: str, count: int) -> str:
    """``markdown`` with each citation [n] of the ``count`` sources made a link to ``cite:n``."""
    def link(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return f"[\\[{number}\\]]({_CITE_SCHEME}{number})" if 1 <= number <= count else match.group(0)

    return _CITATION.sub(link, markdown) if count else markdown


def _selectable(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class CodeBlock(Retranslatable, QFrame):
    """A fenced code block: monospace, unwrapped (scrolls sideways), coloured by its language (Pygments), with its
    language and a Copy button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeBlock")
        self.language_label = QLabel(self)
        self.copy_button = CopyToolButton(lambda: self.code, self)
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        header = QHBoxLayout()
        header.addWidget(self.language_label)
        header.addStretch(1)
        header.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self.editor)
        self.code = ""
        self.language = ""
        self.retranslate()

    def set_code(self, code: str, language: str) -> None:
        if code != self.code or language != self.language:
            self.code, self.language = code, language
            self.editor.setPlainText(code)
            self._colour()
            lines = code.count("\n") + 1
            scrollbar = self.editor.horizontalScrollBar().sizeHint().height()
            self.editor.setFixedHeight(lines * self.editor.fontMetrics().lineSpacing() + 2 * self.editor.frameWidth() + 8 + scrollbar)
        self.language_label.setText(language)
        self.editor.setAccessibleDescription(language)

    def _colour(self) -> None:
        app = QApplication.instance()
        scheme = app.property("pennaScheme") or "light"  # desktop.theme's; absent where no theme was applied
        colours = self.editor.palette()
        highlight(self.editor.document(), self.language, scheme, colours.color(QPalette.ColorRole.AlternateBase),
                  colours.color(QPalette.ColorRole.Text))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.code:  # the theme changed: its colours
            self.editor.setPlainText(self.code)
            self._colour()

    def retranslate(self) -> None:
        self.copy_button.retranslate()
        self.copy_button.setToolTip(self.tr("Copy this code"))
        set_accessible(self.editor, self.tr("Code"), self.language_label.text())


class ThinkingBlock(Retranslatable, QFrame):
    """The model's thinking before its answer, behind a "Thinking" line that opens and closes it (closed at first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinking")
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.text = _selectable(QLabel(self))
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.hide()
        self.toggle.toggled.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text)
        self.retranslate()

    def _open(self, opened: bool) -> None:
        self.text.setVisible(opened)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("Thinking"))
        self.toggle.setToolTip(self.tr("Show or hide what the model thought before answering"))


class MessageWidget(Retranslatable, QFrame):
    """One message: a header (role, branch arrows, state, actions) over its rendered body."""

    edit_requested = Signal(int)
    branch_requested = Signal(int, int)  # message id, -1 or +1
    regenerate_requested = Signal()
    citation_clicked = Signal(int, int)  # message id, citation number

    def __init__(self, item: MessageItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setProperty("role", item.role)
        self.item = item
        self.role_label = QLabel(self)
        self.role_label.setObjectName("role")
        self.prev_button, self.next_button = QToolButton(self), QToolButton(self)
        self.prev_button.setText("‹")
        self.next_button.setText("›")
        self.branch_label = QLabel(self)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("state")
        self.copy_button = CopyToolButton(lambda: self.shown.answer, self)
        self.edit_button, self.regenerate_button = QToolButton(self), QToolButton(self)
        self.prev_button.clicked.connect(lambda: self.branch_requested.emit(self.item.id, -1))
        self.next_button.clicked.connect(lambda: self.branch_requested.emit(self.item.id, +1))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.item.id))
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        self.regenerate_button.hide()
        header = QHBoxLayout()
        for widget in (self.role_label, self.prev_button, self.branch_label, self.next_button, self.state_label):
            header.addWidget(widget)
        header.addStretch(1)
        for widget in (self.copy_button, self.edit_button, self.regenerate_button):
            header.addWidget(widget)
        self.thinking = ThinkingBlock(self)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.thinking)
        layout.addLayout(self.body)
        self._segments: list[tuple[Segment, QWidget]] = []
        self.set_item(item)

    def set_item(self, item: MessageItem) -> None:
        """Show ``item`` (new text, state or branch position), reusing the body's widgets where possible."""
        self.item = item
        index, count = item.branch
        for widget in (self.prev_button, self.branch_label, self.next_button):
            widget.setVisible(count > 1)
        self.branch_label.setText(f"{index}/{count}")
        self.prev_button.setEnabled(index > 1)
        self.next_button.setEnabled(index < count)
        self.edit_button.setVisible(item.role == "user")
        answer = item.role == "assistant"
        self.shown = split_reasoning(item.content) if answer else Reasoned(answer=item.content)
        self.thinking.text.setText(self.shown.thinking)
        self.thinking.setVisible(bool(self.shown.thinking))
        self._render(split_segments(self.shown.answer) if answer else [Segment("plain", item.content)])
        self.retranslate()

    def set_last_answer(self, last: bool) -> None:
        """Offer Regenerate on the last answer (the view hides it while an answer is being written)."""
        self.regenerate_button.setVisible(last and self.item.role == "assistant")

    def _render(self, segments: list[Segment]) -> None:
        for position, segment in enumerate(segments):
            if position < len(self._segments) and self._segments[position][0].kind == segment.kind:
                widget = self._segments[position][1]
            else:
                widget = self._make_segment_widget(segment.kind)
                if position < len(self._segments):
                    old = self._segments[position][1]
                    self.body.replaceWidget(old, widget)
                    old.deleteLater()
                else:
                    self.body.addWidget(widget)
                    self._segments.append((segment, widget))
            self._segments[position] = (segment, widget)
            self._fill(widget, segment)
        for _, widget in self._segments[len(segments):]:
            self.body.removeWidget(widget)
            widget.deleteLater()
        del self._segments[len(segments):]

    def _make_segment_widget(self, kind: str) -> QWidget:
        if kind == "code":
            return CodeBlock(self)
        label = _selectable(QLabel(self))
        label.setTextFormat(Qt.TextFormat.PlainText if kind == "plain" else Qt.TextFormat.RichText)
        if kind == "prose":  # citations are links to their passages
            label.setTextInteractionFlags(label.textInteractionFlags() | Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            label.linkActivated.connect(self._on_link)
        return label

    def _on_link(self, target: str) -> None:
        if target.startswith(_CITE_SCHEME) and target[len(_CITE_SCHEME):].isdigit():
            self.citation_clicked.emit(self.item.id, int(target[len(_CITE_SCHEME):]))

    def citation_labels(self) -> list[QLabel]:
        """The labels of this message's text that hold citation links."""
        return [widget for _, widget in self._segments
                if isinstance(widget, QLabel) and _CITE_SCHEME in widget.text()]

    def _fill(self, widget: QWidget, segment: Segment) -> None:
        if isinstance(widget, CodeBlock):
            widget.set_code(segment.text, segment.language)
        elif segment.kind == "prose":
            widget.setText(prose_to_html(with_citation_links(segment.text, len(self.item.sources))))
        else:
            widget.setText(segment.text)

    def code_blocks(self) -> list[CodeBlock]:
        return [widget for _, widget in self._segments if isinstance(widget, CodeBlock)]

    def retranslate(self) -> None:
        roles = {"user": self.tr("You"), "assistant": self.tr("Penna"), "system": self.tr("System")}
        self.role_label.setText(roles.get(self.item.role, self.item.role))
        states = {"cancelled": self.tr("stopped"), "length": self.tr("cut off at the length limit"), "error": self.tr("failed")}
        self.state_label.setText(states.get(self.item.finish_reason or "", ""))
        self.prev_button.setToolTip(self.tr("Previous version"))
        self.next_button.setToolTip(self.tr("Next version"))
        self.prev_button.setAccessibleName(self.tr("Previous version"))  # not "‹"
        self.next_button.setAccessibleName(self.tr("Next version"))
        self.copy_button.retranslate()
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setToolTip(self.tr("Edit this message and send it again; the old version is kept"))
        self.regenerate_button.setText(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr("Write this answer again (Ctrl+Shift+R)"))


class MessageView(Retranslatable, QScrollArea):
    """The conversation. Streaming text is coalesced and redrawn at most every 50 ms; an empty chat shows a welcome."""

    edit_requested = Signal(int)
    branch_requested = Signal(int, int)
    regenerate_requested = Signal()
    citation_clicked = Signal(int, int)  # message id, citation number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        container = QWidget(self)
        container.setObjectName("messages")
        self._layout = QVBoxLayout(container)
        self.welcome = QLabel(container)
        self.welcome.setObjectName("welcome")
        self.welcome.setWordWrap(True)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.welcome, 1)
        self._layout.addStretch(1)
        self.setWidget(container)
        self.widgets: list[MessageWidget] = []
        self.following = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)
        self._pending: str | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(_STREAM_REFRESH_MS)
        self._refresh.timeout.connect(self._flush_stream)
        self.generating = False
        self.retranslate()

    def set_generating(self, generating: bool) -> None:
        """While an answer streams, Regenerate is not offered (it would do nothing)."""
        self.generating = generating
        if self.widgets:
            self.widgets[-1].set_last_answer(not generating)

    def set_messages(self, items: list[MessageItem]) -> None:
        """Replace the whole conversation."""
        self._refresh.stop()
        self._pending = None
        for widget in self.widgets:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self.widgets = []
        for item in items:
            self.append(item)
        self.welcome.setVisible(not items)
        self.following = True

    def append(self, item: MessageItem) -> MessageWidget:
        widget = MessageWidget(item, self.widget())
        widget.edit_requested.connect(self.edit_requested)
        widget.branch_requested.connect(self.branch_requested)
        widget.regenerate_requested.connect(self.regenerate_requested)
        widget.citation_clicked.connect(self.citation_clicked)
        self.welcome.hide()
        self._layout.insertWidget(self._layout.count() - 1, widget)
        if self.widgets:
            self.widgets[-1].set_last_answer(False)
        self.widgets.append(widget)
        widget.set_last_answer(not self.generating)
        return widget

    def stream(self, text: str) -> None:
        """The last message's text so far; drawn on the next refresh tick."""
        self._pending = text
        if not self._refresh.isActive():
            self._refresh.start()

    def finish_last(self, item: MessageItem) -> None:
        """The streamed message is complete: draw its final text and state."""
        self._refresh.stop()
        self._pending = None
        if self.widgets:
            self.widgets[-1].set_item(item)
            if item.role == "assistant" and item.finish_reason != "error":
                announce(self, self.tr("Penna answered: {answer}").format(answer=self.widgets[-1].shown.answer))

    def _flush_stream(self) -> None:
        if self._pending is not None and self.widgets:
            last = self.widgets[-1]
            last.set_item(MessageItem(last.item.id, last.item.role, self._pending, None, last.item.branch,
                                      last.item.sources))
        self._pending = None

    def scroll_to_message(self, message_id: int) -> bool:
        """Bring a message into view and mark it; False when it is not on the shown branch."""
        for widget in self.widgets:
            widget.setProperty("highlight", widget.item.id == message_id)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        target = next((widget for widget in self.widgets if widget.item.id == message_id), None)
        if target is None:
            return False
        self.following = False
        self.widget().layout().activate()
        self.ensureWidgetVisible(target, 0, 40)
        return True

    def _on_scrolled(self, value: int) -> None:
        self.following = value >= self.verticalScrollBar().maximum() - _FOLLOW_SLACK_PX

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if self.following:
            self.verticalScrollBar().setValue(maximum)

    def retranslate(self) -> None:
        set_accessible(self, self.tr("Conversation"), self.tr("The arrow and Page keys scroll it"))
        self.welcome.setText(self.tr(
            "Ask anything: the answer is written on this computer, and nothing leaves it.\n\n"
            "For example:\n"
            "“Explain what a hash table is, in two sentences.”\n"
            "“Write a friendly reply declining an invitation to dinner.”\n"
            "“Give me three ideas for a rainy Sunday.”"
        ))
