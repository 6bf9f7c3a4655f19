"""A connection to xdg-desktop-portal, shared by the interfaces Penna uses on Wayland (GlobalShortcuts,
Screenshot).

A portal method does not answer in its reply: it returns the path of an org.freedesktop.portal.Request object, and
the answer comes later as that object's ``Response`` signal (the desktop may first ask the user in a dialog). So
everything here is asynchronous: the connection's socket is watched by a QSocketNotifier and each message that
arrives is handed on as a Qt signal. The Request's path is known before the call (the handle_token we pass is its
last part), so the Response cannot arrive before we listen for it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.portal.Desktop"
OBJECT_PATH = "/org/freedesktop/portal/desktop"
REQUEST_INTERFACE = "org.freedesktop.portal.Request"


def handle_token() -> str:
    """A fresh token for a portal's ``handle_token`` or ``session_handle_token`` option."""
    return f"penna_{secrets.token_hex(6)}"


class PortalConnection(QObject):
    """Calls to one portal ``interface`` and what the portal answers: ``responded`` carries the method that was
    called, the response code (0 done, 1 cancelled by the user, 2 ended otherwise) and the results (a dict of plain
    values); ``signalled`` a signal of the interface (its name, its arguments as a tuple); ``refused`` the text of a
    D-Bus error the portal answered a call with."""

    responded = Signal(str, int, object)
    signalled = Signal(str, object)
    refused = Signal(str)

    def __init__(self, interface: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interface = interface
        self._connection: Any = None
        self._notifier: QSocketNotifier | None = None
        self._requests: dict[str, str] = {}  # Request object path -> the method it answers

    def open(self, address: str | None = None, signals: Iterable[str] = ()) -> bool:
        """Connect to the bus at ``address`` (None: the session bus) and listen for Responses and the interface's
        ``signals``; False when there is no bus or no portal offering the interface."""
        from jeepney import DBusAddress, MatchRule, Properties, message_bus
        from jeepney.io.blocking import Proxy, open_dbus_connection

        self.close()
        try:
            connection = open_dbus_connection(address or "SESSION")
        except (OSError, KeyError, ValueError, RuntimeError) as error:
            log.info("no D-Bus session bus for the portal: %s", error)
            return False
        bus = Proxy(message_bus, connection, timeout=5)
        try:
            if not bus.NameHasOwner(BUS_NAME)[0]:
                log.info("no desktop portal on the bus")
                connection.close()
                return False
            portal = DBusAddress(OBJECT_PATH, BUS_NAME, self.interface)
            version = connection.send_and_get_reply(Properties(portal).get("version"), timeout=5)
            if version.header.message_type.name == "error":
                log.info("the portal has no %s interface", self.interface)
                connection.close()
                return False
            bus.AddMatch(MatchRule(type="signal", interface=REQUEST_INTERFACE, member="Response"))
            for member in signals:
                bus.AddMatch(MatchRule(type="signal", interface=self.interface, member=member))
        except (OSError, TimeoutError) as error:
            log.info("the portal did not answer: %s", error)
            connection.close()
            return False
        self._connection = connection
        self._notifier = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        return True

    def close(self) -> None:
        """Let go of the connection (a portal session on it ends; an answer still to come is not heard)."""
        if self._connection is not None:
            if self._notifier is not None:
                self._notifier.setEnabled(False)
                self._notifier.deleteLater()
                self._notifier = None
            self._connection.close()
            self._connection = None
        self._requests.clear()

    def call(self, method: str, signature: str, body: tuple) -> None:
        """Call ``method``; its last argument, the options, gets the handle_token. The answer comes as ``responded``
        (or ``refused``)."""
        from jeepney import DBusAddress, new_method_call

        token = handle_token()
        body[-1]["handle_token"] = ("s", token)
        sender = self._connection.unique_name.lstrip(":").replace(".", "_")
        self._requests[f"{OBJECT_PATH}/request/{sender}/{token}"] = method
        self._connection.send(new_method_call(DBusAddress(OBJECT_PATH, BUS_NAME, self.interface), method, signature,
                                              body))

    def _read(self) -> None:
        while self._connection is not None:
            try:
                message = self._connection.receive(timeout=0)
            except TimeoutError:
                return
            except OSError as error:
                log.info("the portal connection closed: %s", error)
                self.close()
                return
            self._handle(message)

    def _handle(self, message: Any) -> None:
        from jeepney import HeaderFields, MessageType

        header = message.header
        if header.message_type == MessageType.error:
            self.refused.emit(str(message.body[0] if message.body else header.fields.get(HeaderFields.error_name, "")))
            return
        if header.message_type != MessageType.signal:
            return
        member, path = header.fields.get(HeaderFields.member), header.fields.get(HeaderFields.path)
        if member == "Response" and path in self._requests:
            code, results = message.body
            self.responded.emit(self._requests.pop(path), code, {key: value for key, (_type, value) in results.items()})
        elif header.fields.get(HeaderFields.interface) == self.interface:
            self.signalled.emit(member, message.body)
