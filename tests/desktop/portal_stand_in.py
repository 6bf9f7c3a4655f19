"""A stand-in for xdg-desktop-portal on a private session bus, as a compositor's portal would answer, serving from a
thread of the test process (jeepney, blocking):
- GlobalShortcuts: CreateSession and BindShortcuts answered by Request Response signals, and ``activate(id)`` sends
  the Activated signal a key press would;
- Screenshot: the picture ``screenshot`` saved as a PNG file in ``folder`` and its file:// uri given in the
  Response; ``screenshot_answer`` answers as a user who cancels, a desktop that refuses, or a portal that fails."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from jeepney import DBusAddress, HeaderFields, MessageType, message_bus, new_error, new_method_return, new_signal
from jeepney.io.blocking import Proxy, open_dbus_connection
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPainter

PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
SCREENSHOT = "org.freedesktop.portal.Screenshot"
SCREENSHOT_ANSWERS = {"taken": 0, "cancelled": 1, "refused": 2}  # Response codes; "error": a D-Bus error instead


def picture_with_text(lines: list[str], width: int = 900, height: int = 400) -> QImage:
    """Black text on white, as a screen with a few lines on it."""
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    painter = QPainter(picture)
    painter.setPen(QColor("black"))
    painter.setFont(QFont("DejaVu Sans", 22))
    for number, line in enumerate(lines):
        painter.drawText(40, 80 + 50 * number, line)
    painter.end()
    return picture


class StandInPortal:
    def __init__(self, address: str, folder: Path | None = None) -> None:
        self.connection = open_dbus_connection(address)
        Proxy(message_bus, self.connection).RequestName("org.freedesktop.portal.Desktop")
        self.session: str | None = None
        self.bound: list[tuple[str, dict]] = []
        self.bound_event = threading.Event()
        self.refuse = False  # answer as when the user does not allow the shortcuts
        self.folder = folder if folder is not None else Path(tempfile.gettempdir())
        self.screenshot = picture_with_text(["A sign on the screen", "Lighthouse keepers met in Galway"])
        self.screenshot_answer = "taken"
        self.screenshot_options: dict = {}  # the options of the last Screenshot call
        self.screenshot_files: list[Path] = []  # the files written for Screenshot calls
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def activate(self, shortcut_id: str) -> None:
        emitter = DBusAddress(PATH, interface=SHORTCUTS)
        self.connection.send(new_signal(emitter, "Activated", "osta{sv}", (self.session, shortcut_id, 0, {})))

    def close(self) -> None:
        self.connection.close()

    def _serve(self) -> None:
        try:
            while True:
                self._answer(self.connection.receive())
        except OSError:
            return  # closed

    def _answer(self, message) -> None:  # noqa: ANN001
        header = message.header
        if header.message_type != MessageType.method_call:
            return
        member = header.fields[HeaderFields.member]
        if member == "Get":  # org.freedesktop.DBus.Properties: the interface's version
            self.connection.send(new_method_return(message, "v", (("u", 1),)))
        elif member in ("CreateSession", "BindShortcuts"):
            self._answer_shortcuts(message, member)
        elif member == "Screenshot" and self.screenshot_answer == "error":
            self.connection.send(new_error(message, "org.freedesktop.portal.Error.Failed", "s",
                                           ("the screenshot backend crashed",)))
        elif member == "Screenshot":
            self.screenshot_options = message.body[1]
            code = SCREENSHOT_ANSWERS[self.screenshot_answer]
            self._respond(message, code, {"uri": ("s", self._save_screenshot())} if code == 0 else {})
        else:
            self.connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (member,)))

    def _answer_shortcuts(self, message, member: str) -> None:  # noqa: ANN001
        if member == "CreateSession":
            sender = self._sender(message)
            self.session = f"{PATH}/session/{sender}/{message.body[-1]['session_handle_token'][1]}"
            results = {"session_handle": ("s", self.session)}
        else:
            self.bound = message.body[1]
            results = {"shortcuts": ("a(sa{sv})", self.bound)}
        self._respond(message, 1 if self.refuse else 0, {} if self.refuse else results)
        if member == "BindShortcuts":
            self.bound_event.set()

    def _save_screenshot(self) -> str:
        """The picture in a PNG file of its own, as a portal saves each screenshot; its file:// uri."""
        descriptor, name = tempfile.mkstemp(suffix=".png", prefix="Screenshot-", dir=self.folder)
        os.close(descriptor)
        file = Path(name)
        assert self.screenshot.save(str(file), "PNG")
        self.screenshot_files.append(file)
        return QUrl.fromLocalFile(str(file)).toString()

    def _respond(self, message, code: int, results: dict) -> None:  # noqa: ANN001
        """Return the Request object's path, then answer through its Response signal."""
        request = f"{PATH}/request/{self._sender(message)}/{message.body[-1]['handle_token'][1]}"
        self.connection.send(new_method_return(message, "o", (request,)))
        response = new_signal(DBusAddress(request, interface="org.freedesktop.portal.Request"), "Response", "ua{sv}",
                              (code, results))
        self.connection.send(response)

    @staticmethod
    def _sender(message) -> str:  # noqa: ANN001
        return message.header.fields[HeaderFields.sender].lstrip(":").replace(".", "_")
