"""Global shortcuts on Wayland through the xdg-desktop-portal GlobalShortcuts interface (KDE Plasma 6, GNOME 48+,
Hyprland): one shortcut per writing action, bound in a portal session, each ``Activated`` signal naming its action.

The portal answers CreateSession and BindShortcuts through org.freedesktop.portal.Request ``Response`` signals
(BindShortcuts may wait for the user to confirm in a dialog), so everything here is asynchronous: the connection's
socket is watched by a QSocketNotifier and each message moves the session along. Where no portal offers the
interface, ``start`` returns False and the desktop's own shortcut settings (``penna write ACTION --selection``)
remain the way.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.portal.Desktop"
OBJECT_PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
REQUEST_INTERFACE = "org.freedesktop.portal.Request"
_MODIFIERS = {"ctrl": "CTRL", "alt": "ALT", "shift": "SHIFT", "meta": "LOGO"}


def portal_trigger(shortcut: str) -> str:
    """A Qt key sequence ("Ctrl+Alt+Y") as the shortcuts spec writes a trigger ("CTRL+ALT+y"); "" stays ""."""
    if not shortcut:
        return ""
    *modifiers, key = shortcut.split("+")
    return "+".join([*(_MODIFIERS.get(name.lower(), name.upper()) for name in modifiers),
                     key.lower() if len(key) == 1 else key])


class PortalShortcuts(QObject):
    """``activated`` carries the id (the action's name) of a shortcut the user pressed; ``bound`` the ids the
    portal bound; ``failed`` why the portal refused."""

    activated = Signal(str)
    bound = Signal(list)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection: Any = None
        self._notifier: QSocketNotifier | None = None
        self._shortcuts: list[tuple[str, str, str]] = []
        self._requests: dict[str, str] = {}  # request object path -> what it answers ("session", "bind")
        self.session: str | None = None

    def start(self, shortcuts: list[tuple[str, str, str]], address: str = "SESSION") -> bool:
        """Bind ``shortcuts`` — (id, description, preferred trigger as Qt text or "") — in a new portal session on
        the bus at ``address``; False when there is no bus or no portal offering GlobalShortcuts."""
        from jeepney import DBusAddress, MatchRule, Properties, message_bus
        from jeepney.io.blocking import Proxy, open_dbus_connection

        try:
            connection = open_dbus_connection(address)
        except (OSError, KeyError, ValueError, RuntimeError) as error:
            log.info("no D-Bus session bus for the portal: %s", error)
            return False
        bus = Proxy(message_bus, connection, timeout=5)
        try:
            if not bus.NameHasOwner(BUS_NAME)[0]:
                connection.close()
                return False
            portal = DBusAddress(OBJECT_PATH, BUS_NAME, INTERFACE)
            version = connection.send_and_get_reply(Properties(portal).get("version"), timeout=5)
            if version.header.message_type.name == "error":
                log.info("the portal has no GlobalShortcuts interface")
                connection.close()
                return False
            for rule in (MatchRule(type="signal", interface=REQUEST_INTERFACE, member="Response"),
                         MatchRule(type="signal", interface=INTERFACE, member="Activated")):
                bus.AddMatch(rule)
        except (OSError, TimeoutError) as error:
            log.info("the portal did not answer: %s", error)
            connection.close()
            return False
        self._connection, self._shortcuts = connection, shortcuts
        self._notifier = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self._call("CreateSession", "a{sv}", ({"session_handle_token": ("s", self._token())},), "session")
        return True

    def close(self) -> None:
        """End the session (the portal lets go of its shortcuts); ``start`` may begin a new one."""
        if self._connection is not None:
            if self._notifier is not None:
                self._notifier.setEnabled(False)
                self._notifier.deleteLater()
                self._notifier = None
            self._connection.close()
            self._connection = None
        self._requests.clear()
        self.session = None

    def _token(self) -> str:
        return f"penna_{secrets.token_hex(6)}"

    def _call(self, method: str, signature: str, body: tuple, answers: str) -> None:
        """Call ``method`` with a handle_token (in its last argument, the options), and expect its Response."""
        from jeepney import DBusAddress, new_method_call

        token = self._token()
        body[-1]["handle_token"] = ("s", token)
        sender = self._connection.unique_name.lstrip(":").replace(".", "_")
        self._requests[f"{OBJECT_PATH}/request/{sender}/{token}"] = answers
        self._connection.send(new_method_call(DBusAddress(OBJECT_PATH, BUS_NAME, INTERFACE), method, signature, body))

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
            detail = message.body[0] if message.body else header.fields.get(HeaderFields.error_name, "")
            self.failed.emit(self.tr("The desktop portal refused the global shortcuts ({detail}); bind “penna write "
                                     "ACTION --selection” in your desktop's keyboard settings instead.").format(detail=detail))
            return
        if header.message_type != MessageType.signal:
            return
        member, path = header.fields.get(HeaderFields.member), header.fields.get(HeaderFields.path)
        if member == "Response" and path in self._requests:
            self._on_response(self._requests.pop(path), *message.body)
        elif member == "Activated" and message.body[0] == self.session:
            log.info("portal shortcut %s pressed", message.body[1])
            self.activated.emit(message.body[1])

    def _on_response(self, answers: str, code: int, results: dict[str, tuple[str, Any]]) -> None:
        if code != 0:
            self.failed.emit(self.tr("The global shortcuts were not allowed; bind “penna write ACTION --selection” in "
                                     "your desktop's keyboard settings instead."))
            return
        if answers == "session":
            self.session = results["session_handle"][1]
            shortcuts = [(name, {"description": ("s", description),
                                 **({"preferred_trigger": ("s", portal_trigger(trigger))} if trigger else {})})
                         for name, description, trigger in self._shortcuts]
            self._call("BindShortcuts", "oa(sa{sv})sa{sv}", (self.session, shortcuts, "", {}), "bind")
        else:
            bound = [name for name, _properties in results.get("shortcuts", ("", []))[1]]
            log.info("portal shortcuts bound: %s", ", ".join(bound))
            self.bound.emit(bound)
