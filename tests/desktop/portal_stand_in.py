"""A stand-in for xdg-desktop-portal's GlobalShortcuts interface on a private session bus, as a compositor's portal
would answer: CreateSession and BindShortcuts answered by Request Response signals, and ``activate(id)`` sends the
Activated signal a key press would. It serves from a thread of the test process (jeepney, blocking)."""

from __future__ import annotations

import threading

from jeepney import DBusAddress, HeaderFields, MessageType, message_bus, new_error, new_method_return, new_signal
from jeepney.io.blocking import Proxy, open_dbus_connection

PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.GlobalShortcuts"


class StandInPortal:
    def __init__(self, address: str) -> None:
        self.connection = open_dbus_connection(address)
        Proxy(message_bus, self.connection).RequestName("org.freedesktop.portal.Desktop")
        self.session: str | None = None
        self.bound: list[tuple[str, dict]] = []
        self.bound_event = threading.Event()
        self.refuse = False  # answer as when the user does not allow the shortcuts
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def activate(self, shortcut_id: str) -> None:
        emitter = DBusAddress(PATH, interface=INTERFACE)
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
            return
        if member not in ("CreateSession", "BindShortcuts"):
            self.connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (member,)))
            return
        options = message.body[-1]
        sender = header.fields[HeaderFields.sender].lstrip(":").replace(".", "_")
        request = f"{PATH}/request/{sender}/{options['handle_token'][1]}"
        self.connection.send(new_method_return(message, "o", (request,)))
        if member == "CreateSession":
            self.session = f"{PATH}/session/{sender}/{options['session_handle_token'][1]}"
            results = {"session_handle": ("s", self.session)}
        else:
            self.bound = message.body[1]
            results = {"shortcuts": ("a(sa{sv})", self.bound)}
        response = new_signal(DBusAddress(request, interface="org.freedesktop.portal.Request"), "Response", "ua{sv}",
                              (1 if self.refuse else 0, {} if self.refuse else results))
        self.connection.send(response)
        if member == "BindShortcuts":
            self.bound_event.set()
