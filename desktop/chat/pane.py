"""The chat pane: sidebar | (notice, messages, composer), wired to a ChatSession."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from desktop.chat.composer import Composer
from desktop.chat.documents_bar import DocumentsBar, PassagePanel
from desktop.chat.message_view import MessageView
from desktop.chat.session import ChatSession
from desktop.chat.sidebar import Sidebar
from desktop.i18n import Retranslatable
from desktop.model_session import ModelNotReadyError, ModelSession
from desktop.notice import Notice
from desktop.settings import Settings
from runtime.engine import EngineProtocol
from runtime.errors import ContextOverflowError, DocumentError, ModelNotFoundError, PennaError

log = logging.getLogger(__name__)


class ChatPane(Retranslatable, QWidget):
    """The Chat pane. ``session`` holds the behaviour; this class lays out widgets and asks the user."""

    stats_changed = Signal(float, int, int)
    stats_cleared = Signal()
    context_changed = Signal(int, int)

    def __init__(self, store: object, model_session: ModelSession, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_session = model_session
        self.session = ChatSession(store, settings, self)
        self.sidebar = Sidebar(self)
        self.notice = Notice(self)
        self.view = MessageView(self)
        self.composer = Composer(self)
        self.documents_bar = DocumentsBar(self)
        self.passage_panel = PassagePanel(self)
        self.setAcceptDrops(True)
        self.waiting_label = QLabel(self)
        self.waiting_label.setObjectName("waitingForModel")
        self.waiting_label.setWordWrap(True)
        self.waiting_label.setContentsMargins(8, 0, 8, 0)
        self.waiting_label.hide()
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice)
        column.addWidget(self.view, 1)
        column.addWidget(self.passage_panel)
        column.addWidget(self.waiting_label)
        column.addWidget(self.documents_bar)
        column.addWidget(self.composer)
        splitter = QSplitter(self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 760])
        QVBoxLayout(self).addWidget(splitter)
        self.layout().setContentsMargins(0, 0, 0, 0)
        self._connect()
        self.session.refresh_list()
        self.retranslate()

    def _connect(self) -> None:
        session, sidebar, view, composer = self.session, self.sidebar, self.view, self.composer
        sidebar.new_requested.connect(self.new_conversation)
        sidebar.conversation_chosen.connect(session.open_conversation)
        sidebar.result_chosen.connect(session.open_conversation)
        sidebar.search_changed.connect(session.search)
        sidebar.action_requested.connect(self._on_action)
        session.search_results.connect(sidebar.set_results)
        session.conversations_changed.connect(sidebar.set_conversations)
        session.messages_changed.connect(self._show_messages)
        session.streaming.connect(view.stream)
        session.answer_finished.connect(view.finish_last)
        session.focus_message.connect(view.scroll_to_message)
        session.generating_changed.connect(composer.set_generating)
        session.generating_changed.connect(view.set_generating)
        session.waiting_changed.connect(self.waiting_label.setVisible)
        session.stats_changed.connect(self.stats_changed)
        session.stats_cleared.connect(self.stats_cleared)
        session.context_changed.connect(self.context_changed)
        session.error.connect(self.show_error)
        view.edit_requested.connect(self._begin_edit)
        view.branch_requested.connect(session.switch_branch)
        view.regenerate_requested.connect(session.regenerate)
        composer.send_requested.connect(self._send)
        composer.stop_requested.connect(session.stop)
        composer.system_prompt_edited.connect(session.set_system_prompt)
        composer.attach_requested.connect(self.ask_attach)
        view.citation_clicked.connect(session.show_citation)
        session.passage_shown.connect(self.passage_panel.show_passage)
        session.documents_changed.connect(self.documents_bar.set_documents)
        session.indexing.connect(self.documents_bar.set_busy)
        session.indexing_progress.connect(self.documents_bar.set_progress)
        self.documents_bar.remove_requested.connect(session.detach)
        self.documents_bar.cancel_requested.connect(session.cancel_indexing)
        self.model_session.ready.connect(self._on_engine_ready)
        self.model_session.failed.connect(self._on_engine_failed)

    # documents ---------------------------------------------------------------------------------
    def ask_attach(self) -> None:
        dialog = QFileDialog(self, self.tr("Attach documents"), str(Path.home()))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("Documents (*.pdf *.docx *.html *.htm *.md *.txt *.png *.jpg *.jpeg *.tif *.tiff "
                                     "*.webp);;All files (*)"))
        dialog.filesSelected.connect(lambda paths: self.session.attach_files([Path(path) for path in paths]))
        dialog.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.session.attach_files(files)

    def _show_messages(self, items: list) -> None:
        self.view.set_messages(items)
        conversation = self.session.conversation()
        self.composer.system_prompt.setText((conversation.system_prompt or "") if conversation else "")

    def _send(self, text: str) -> None:
        editing = self.composer.editing_id
        self.composer.finish_edit()
        self.notice.hide()
        self.session.send(text, self.composer.system_prompt.text().strip(), editing)
        if self.session.is_waiting():
            self.model_session.request()  # after a cancel or a failure, a message starts the model again

    def _begin_edit(self, message_id: int) -> None:
        if not self.session.is_generating():
            item = next(widget.item for widget in self.view.widgets if widget.item.id == message_id)
            self.composer.begin_edit(message_id, item.content)

    def _on_engine_ready(self, engine: EngineProtocol) -> None:
        self.notice.hide()
        self.session.set_engine(engine)

    def _on_engine_failed(self, error: Exception) -> None:
        if not isinstance(error, ModelNotReadyError):  # a cancel is said, with a way on, by the window's banner
            self.show_error(error)

    def retranslate(self) -> None:
        self.waiting_label.setText(self.tr(
            "Waiting for the model: your message is sent as soon as it is ready."
        ))

    # actions the window's shortcuts call ------------------------------------------------------
    def new_conversation(self) -> None:
        self.composer.cancel_edit()
        self.sidebar.clear_search()
        self.session.new_conversation()
        self.composer.input.setFocus()

    def focus_search(self) -> None:
        self.sidebar.focus_search()

    def stop(self) -> None:
        if self.composer.editing_id is not None and not self.session.is_generating():
            self.composer.cancel_edit()
        self.session.stop()

    def regenerate(self) -> None:
        self.session.regenerate()

    def is_generating(self) -> bool:
        return self.session.is_generating()

    def shutdown(self) -> None:
        self.session.shutdown()

    # errors ----------------------------------------------------------------------------------
    def show_error(self, error: Exception) -> None:
        """Say what happened and offer what to do."""
        if isinstance(error, ContextOverflowError):
            self.notice.show_message(
                self.tr("This message is too long for the model's context. Shorten it, or split it into several messages.")
                + f"\n{error}"
            )
        elif isinstance(error, ModelNotFoundError):
            self.notice.show_message(str(error), self.tr("Open Settings"), self.window().open_settings)
        elif isinstance(error, Warning | DocumentError):  # DocumentError: a file that cannot be read
            self.notice.show_message(str(error))
        elif isinstance(error, PennaError):
            self.notice.show_message(str(error), self.tr("Prepare the model"), self.model_session.start)
        else:
            self.notice.show_message(self.tr("The answer failed: {error}. Try again, or choose another model in Settings.").format(error=error))

    # sidebar actions -------------------------------------------------------------------------
    def _on_action(self, action: str, conversation_id: int) -> None:
        if action in ("pin", "unpin"):
            self.session.pin(conversation_id, action == "pin")
        elif action == "rename":
            self._ask_rename(conversation_id)
        elif action == "delete":
            self._ask_delete(conversation_id)
        else:
            self._ask_export(conversation_id, "md" if action == "export_md" else "json")

    def _ask_rename(self, conversation_id: int) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rename chat"))
        dialog.setLabelText(self.tr("New name:"))
        dialog.setTextValue(self.session.store.get_conversation(conversation_id).title)
        dialog.textValueSelected.connect(lambda title: self.session.rename(conversation_id, title))
        dialog.open()

    def _ask_delete(self, conversation_id: int) -> None:
        title = self.session.store.get_conversation(conversation_id).title
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete chat"),
                          self.tr("Delete “{title}” and all its messages? This cannot be undone.").format(title=title),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.session.delete(conversation_id))
        box.open()

    def _ask_export(self, conversation_id: int, kind: str) -> None:
        title = self.session.store.get_conversation(conversation_id).title
        suffix = ".md" if kind == "md" else ".json"
        dialog = QFileDialog(self, self.tr("Export chat"), str(Path.home() / (_safe_name(title) + suffix)))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Markdown (*.md)") if kind == "md" else self.tr("JSON (*.json)"))
        dialog.setDefaultSuffix(suffix[1:])
        dialog.fileSelected.connect(lambda path: self.export_to(conversation_id, kind, Path(path)))
        dialog.open()

    def export_to(self, conversation_id: int, kind: str, path: Path) -> None:
        """Write the conversation to ``path``; a failure is shown, not raised."""
        try:
            path.write_text(self.session.export(conversation_id, kind), encoding="utf-8")
        except OSError as error:
            self.notice.show_message(self.tr("Could not write {path}: {error}").format(path=path, error=error.strerror))


def _safe_name(title: str) -> str:
    return "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip() or "chat"
