"""Replace in place: paste a result over the selection it was made from, in the application it came from (X11).

When the selection is read, the window that has the keyboard focus is remembered. Replace then checks that this
window still exists, gives it the focus back, offers the result as the CLIPBOARD from an X window of its own, and
sends Ctrl+V (Shift+Insert to terminals) through XTest. Once the application has fetched the text (its request
is served here, so there is no guessing how long it takes), the clipboard gets back what it held before, every
format it offered (text, HTML, images...), read before the paste. Undo in the application works: it was a paste.

Never into another window: when the source window is gone, or does not take the focus, the result is put on the
clipboard and ``done`` says so. On Wayland one application cannot type into another: copy, and say so.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger(__name__)

SERVE_TIMEOUT_S = 5.0  # how long the application has to fetch the pasted text before the clipboard is restored
_GRACE_S = 0.2  # served a little longer after the first fetch: some applications ask twice
_POLL_MS = 10
_FOCUS_SETTLE_MS = 60  # lets the popup's keyboard grab end before the focus moves
_TERMINALS = ("term", "konsole", "alacritty", "kitty", "foot", "wezterm", "tilix", "terminator", "guake", "tilda",
              "st-256color")
_TEXT_TARGETS = ("UTF8_STRING", "text/plain;charset=utf-8", "STRING", "TEXT", "text/plain")


def on_x11() -> bool:
    return QGuiApplication.platformName() == "xcb"


def save_clipboard() -> QMimeData | None:
    """A copy of every format the clipboard offers now (None when it holds nothing)."""
    data = QGuiApplication.clipboard().mimeData(QClipboard.Mode.Clipboard)
    if data is None or not data.formats():
        return None
    saved = QMimeData()
    for mime in data.formats():
        saved.setData(mime, QByteArray(data.data(mime)))
    return saved


class _PasteServer:
    """Owns CLIPBOARD through its own X window and serves ``text`` until a client has fetched it as text."""

    def __init__(self, display: Any, text: str) -> None:
        from Xlib import X

        self.display = display
        self.text = text.encode("utf-8")
        self.fetched = False
        self.window = display.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
        self.atoms = {name: display.intern_atom(name) for name in ("CLIPBOARD", "TARGETS", *_TEXT_TARGETS)}
        self.window.set_selection_owner(self.atoms["CLIPBOARD"], X.CurrentTime)
        display.sync()

    @property
    def owns(self) -> bool:
        return self.display.get_selection_owner(self.atoms["CLIPBOARD"]) == self.window

    def serve_pending(self) -> None:
        from Xlib import X, Xatom
        from Xlib.protocol import event as xevent

        while self.display.pending_events():
            event = self.display.next_event()
            if event.type != X.SelectionRequest:
                continue
            target, prop = event.target, event.property or event.target
            text_targets = {self.atoms[name] for name in _TEXT_TARGETS}
            if target == self.atoms["TARGETS"]:
                event.requestor.change_property(prop, Xatom.ATOM, 32, [self.atoms["TARGETS"], *text_targets])
            elif target in text_targets:
                event.requestor.change_property(prop, target, 8, self.text)
                self.fetched = True
            else:
                prop = X.NONE
            event.requestor.send_event(xevent.SelectionNotify(time=event.time, requestor=event.requestor,
                                                              selection=event.selection, target=target, property=prop))
            self.display.flush()

    def close(self) -> None:
        self.window.destroy()
        self.display.sync()


class Replacer(QObject):
    """``remember_source()`` when the selection is read; ``replace(text)`` later. ``done`` carries "" when the text
    was pasted, else what to tell the user (the text is then on the clipboard)."""

    done = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source_window: int | None = None
        self._display: Any = None
        self._server: _PasteServer | None = None
        self._saved: QMimeData | None = None
        self._deadline = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._serve)

    def _x(self) -> Any:
        from Xlib import display

        if self._display is None:
            self._display = display.Display()
        return self._display

    def remember_source(self) -> None:
        """The window with the keyboard focus now (X11), as the one to paste into later."""
        self.source_window = None
        if not on_x11():
            return
        try:
            focus = self._x().get_input_focus().focus
        except Exception as error:  # noqa: BLE001 - no X connection: Replace will copy instead
            log.info("cannot ask X11 for the focused window: %s", error)
            return
        self.source_window = focus.id if hasattr(focus, "id") else None
        log.info("selection read from X window %s", self.source_window)

    def forget_source(self) -> None:
        self.source_window = None

    def replace(self, text: str) -> None:
        """Paste ``text`` over the selection in the source window, or copy it and say why not."""
        if not on_x11():
            self._copy_instead(text, self.tr("Copied. On Wayland Penna cannot paste into another application: press "
                                             "Ctrl+V there to replace the selection."))
            return
        if self.source_window is None:
            self._copy_instead(text, self.tr("Copied: this text did not come from a selection in another window. "
                                             "Press Ctrl+V where you want it."))
            return
        window = self._window()
        if window is None:
            self._copy_instead(text, self.tr("Copied. The window the text came from is gone, so Penna did not paste "
                                             "it anywhere: press Ctrl+V where you want it."))
            return
        self._saved = save_clipboard()
        QTimer.singleShot(_FOCUS_SETTLE_MS, lambda: self._paste(window, text))

    def _window(self) -> Any:
        """The source window if it still exists and can be shown, else None."""
        from Xlib import X, error

        window = self._x().create_resource_object("window", self.source_window)
        try:
            attributes = window.get_attributes()
        except (error.BadWindow, error.BadDrawable):
            return None
        return window if attributes.map_state == X.IsViewable else None

    def _paste(self, window: Any, text: str) -> None:
        from Xlib import X, XK
        from Xlib.ext import xtest

        display = self._x()
        self._activate(window)
        if not self._has_focus(window):
            self._copy_instead(text, self.tr("Copied. The window the text came from did not take the focus, so Penna "
                                             "did not paste: press Ctrl+V where you want it."))
            return
        self._server = _PasteServer(display, text)
        modifier, key = ("Shift_L", "Insert") if self._is_terminal(window) else ("Control_L", "v")
        codes = [display.keysym_to_keycode(XK.string_to_keysym(name)) for name in (modifier, key)]
        for kind, code in ((X.KeyPress, codes[0]), (X.KeyPress, codes[1]), (X.KeyRelease, codes[1]),
                           (X.KeyRelease, codes[0])):
            xtest.fake_input(display, kind, code)
        display.sync()
        log.info("sent %s+%s to X window %s", modifier, key, self.source_window)
        self._deadline = time.monotonic() + SERVE_TIMEOUT_S
        self._timer.start()

    def _serve(self) -> None:
        """Answer the application's requests for the text; once it has it (or the time is up), restore."""
        server = self._server
        if server is None:
            self._timer.stop()
            return
        fetched = server.fetched
        server.serve_pending()
        if server.fetched and not fetched:
            self._deadline = min(self._deadline, time.monotonic() + _GRACE_S)
        if server.owns and time.monotonic() < self._deadline:
            return
        self._timer.stop()
        self._server = None
        if not server.fetched:
            log.warning("the application did not fetch the pasted text within %.0f s", SERVE_TIMEOUT_S)
        self._restore_clipboard()
        server.close()
        self.done.emit("" if server.fetched else self.tr("The application did not take the text in time; nothing "
                                                           "was pasted."))

    def _restore_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        saved, self._saved = self._saved, None
        if saved is None:
            clipboard.clear(QClipboard.Mode.Clipboard)
        else:
            clipboard.setMimeData(saved, QClipboard.Mode.Clipboard)

    def _activate(self, window: Any) -> None:
        """Raise the window and give it the focus, through the window manager where there is one."""
        from Xlib import X
        from Xlib.protocol import event as xevent

        display = self._x()
        root = display.screen().root
        active = display.intern_atom("_NET_ACTIVE_WINDOW")
        message = xevent.ClientMessage(window=self._client(window), client_type=active,
                                       data=(32, [2, X.CurrentTime, 0, 0, 0]))
        root.send_event(message, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)
        window.set_input_focus(X.RevertToParent, X.CurrentTime)
        display.sync()

    def _has_focus(self, window: Any) -> bool:
        """Whether the focus is on ``window`` or inside it (the application may focus a child)."""
        focus = self._x().get_input_focus().focus
        while hasattr(focus, "id"):
            if focus.id == window.id:
                return True
            focus = focus.query_tree().parent
        return False

    def _client(self, window: Any) -> Any:
        """The window the window manager knows as the application's (the one with WM_STATE) at or above ``window``;
        ``window`` itself where there is none (no window manager)."""
        from Xlib import X

        display = self._x()
        state, root = display.intern_atom("WM_STATE"), display.screen().root
        candidate = window
        while hasattr(candidate, "id") and candidate.id != root.id:
            if candidate.get_full_property(state, X.AnyPropertyType) is not None:
                return candidate
            candidate = candidate.query_tree().parent
        return window

    def _is_terminal(self, window: Any) -> bool:
        """Terminals paste with Shift+Insert (Ctrl+V is a control character there); told by WM_CLASS."""
        candidate = window
        while hasattr(candidate, "id") and candidate.id != self._x().screen().root.id:
            wm_class = candidate.get_wm_class()
            if wm_class:
                return any(name in part.lower() for part in wm_class for name in _TERMINALS)
            candidate = candidate.query_tree().parent
        return False

    def _copy_instead(self, text: str, message: str) -> None:
        QGuiApplication.clipboard().setText(text, QClipboard.Mode.Clipboard)
        self.done.emit(message)
