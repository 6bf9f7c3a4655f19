"""A global shortcut on X11: XGrabKey on the root window through python-xlib's own X connection.

Qt has no API for shortcuts that work while another application has the focus. On X11 Penna grabs the key
combination on the root window (also with Caps Lock and Num Lock on) and watches that connection with a
QSocketNotifier. Wayland has no such thing: there ``unavailable_reason()`` says so, and the desktop's own
shortcut settings run ``penna translate --selection`` instead.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence

from runtime.errors import PennaError

if TYPE_CHECKING:
    from desktop.settings import Settings

log = logging.getLogger(__name__)


class HotkeyError(PennaError):
    """The shortcut could not be registered."""


def unavailable_reason() -> str | None:
    """Why global shortcuts cannot work in this session, or None when they can (X11)."""
    if QGuiApplication.platformName() != "xcb":
        return QCoreApplication.translate(
            "GlobalHotkey", "Global shortcuts need an X11 session; this one is {platform}. Bind “penna translate "
            "--selection” to a key in your desktop's keyboard settings instead.").format(platform=QGuiApplication.platformName())
    if not os.environ.get("DISPLAY"):
        return QCoreApplication.translate("GlobalHotkey", "No X11 display is set (DISPLAY is empty).")
    return None


def _modifier_masks() -> dict[Qt.KeyboardModifier, int]:
    from Xlib import X

    return {Qt.KeyboardModifier.ControlModifier: X.ControlMask, Qt.KeyboardModifier.AltModifier: X.Mod1Mask,
            Qt.KeyboardModifier.ShiftModifier: X.ShiftMask, Qt.KeyboardModifier.MetaModifier: X.Mod4Mask}


class GlobalHotkey(QObject):
    """``activated`` is emitted whenever the grabbed key combination is pressed, whatever has the focus."""

    activated = Signal()
    failed = Signal(str)  # why the shortcut of the settings could not be grabbed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._display = None
        self._notifier: QSocketNotifier | None = None
        self._grabbed: list[tuple[int, int]] = []
        self.shortcut = ""

    def follow(self, settings: Settings) -> None:
        """Grab the settings' shortcut now and whenever it changes; what goes wrong is said through ``failed``."""
        settings.on_change("translate_shortcut", self._grab)
        self._grab(settings.translate_shortcut)

    def _grab(self, shortcut: str) -> None:
        try:
            self.set_shortcut(shortcut)
        except HotkeyError as error:
            self.failed.emit(str(error))

    def set_shortcut(self, shortcut: str) -> None:
        """Grab ``shortcut`` (QKeySequence text, e.g. "Ctrl+Alt+Y") instead of the previous one."""
        from Xlib import X, XK, display, error

        if reason := unavailable_reason():
            raise HotkeyError(reason)
        self.release()
        sequence = QKeySequence(shortcut)
        if sequence.isEmpty():
            return
        combination = sequence[0]
        name = QKeySequence(combination.key()).toString(QKeySequence.SequenceFormat.PortableText)
        keysym = XK.string_to_keysym(name) or XK.string_to_keysym(name.lower())
        if self._display is None:
            self._display = display.Display()
            self._notifier = QSocketNotifier(self._display.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._read_events)
        keycode = self._display.keysym_to_keycode(keysym) if keysym else 0
        if not keycode:
            raise HotkeyError(self.tr("The key {key} has no X11 key code; choose another shortcut.").format(key=name))
        modifiers = 0
        for flag, mask in _modifier_masks().items():
            if combination.keyboardModifiers() & flag:
                modifiers |= mask
        root = self._display.screen().root
        catch = error.CatchError(error.BadAccess)
        for locks in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
            root.grab_key(keycode, modifiers | locks, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catch)
            self._grabbed.append((keycode, modifiers | locks))
        self._display.sync()
        if catch.get_error():
            self.release()
            raise HotkeyError(self.tr("{shortcut} is already taken by another application; choose another shortcut "
                                      "in Settings.").format(shortcut=shortcut))
        self.shortcut = shortcut
        log.info("global shortcut %s grabbed", shortcut)
        self._read_events()

    def release(self) -> None:
        """Let go of the grabbed keys."""
        if self._display is None or not self._grabbed:
            return
        root = self._display.screen().root
        for keycode, modifiers in self._grabbed:
            root.ungrab_key(keycode, modifiers)
        self._grabbed.clear()
        self._display.sync()
        self.shortcut = ""

    def close(self) -> None:
        """Release the keys and the X connection."""
        self.release()
        if self._display is not None:
            self._notifier.setEnabled(False)
            self._display.close()
            self._display = None

    def _read_events(self) -> None:
        from Xlib import X

        while self._display is not None and self._display.pending_events():
            event = self._display.next_event()
            if event.type == X.KeyPress:
                self.activated.emit()
