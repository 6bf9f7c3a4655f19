"""Global shortcuts on Wayland through the xdg-desktop-portal GlobalShortcuts interface (KDE Plasma 6, GNOME 48+,
Hyprland): one shortcut per writing action, bound in a portal session, each ``Activated`` signal naming its action.

CreateSession and BindShortcuts are answered through Request ``Response`` signals (BindShortcuts may wait for the
user to confirm in a dialog): each answer moves the session along. Where no portal offers the interface, ``start``
returns False and the desktop's own shortcut settings (``penna write ACTION --selection``) remain the way.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.selection.portal import PortalConnection, handle_token

log = logging.getLogger(__name__)

INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
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
        self.portal = PortalConnection(INTERFACE, self)
        self.portal.responded.connect(self._on_response)
        self.portal.signalled.connect(self._on_signal)
        self.portal.refused.connect(self._on_refused)
        self._shortcuts: list[tuple[str, str, str]] = []
        self.session: str | None = None

    def start(self, shortcuts: list[tuple[str, str, str]], address: str | None = None) -> bool:
        """Bind ``shortcuts`` — (id, description, preferred trigger as Qt text or "") — in a new portal session on
        the bus at ``address`` (None: the session bus); False when there is no bus or no portal offering
        GlobalShortcuts."""
        if not self.portal.open(address, signals=("Activated",)):
            return False
        self._shortcuts = shortcuts
        self.portal.call("CreateSession", "a{sv}", ({"session_handle_token": ("s", handle_token())},))
        return True

    def close(self) -> None:
        """End the session (the portal lets go of its shortcuts); ``start`` may begin a new one."""
        self.portal.close()
        self.session = None

    def _on_signal(self, member: str, arguments: tuple) -> None:
        if member == "Activated" and arguments[0] == self.session:
            log.info("portal shortcut %s pressed", arguments[1])
            self.activated.emit(arguments[1])

    def _on_refused(self, detail: str) -> None:
        self.failed.emit(self.tr("The desktop portal refused the global shortcuts ({detail}); bind “penna write "
                                 "ACTION --selection” in your desktop's keyboard settings instead.").format(detail=detail))

    def _on_response(self, method: str, code: int, results: dict[str, Any]) -> None:
        if code != 0:
            self.failed.emit(self.tr("The global shortcuts were not allowed; bind “penna write ACTION --selection” in "
                                     "your desktop's keyboard settings instead."))
            return
        if method == "CreateSession":
            self.session = results["session_handle"]
            shortcuts = [(name, {"description": ("s", description),
                                 **({"preferred_trigger": ("s", portal_trigger(trigger))} if trigger else {})})
                         for name, description, trigger in self._shortcuts]
            self.portal.call("BindShortcuts", "oa(sa{sv})sa{sv}", (self.session, shortcuts, "", {}))
        else:
            bound = [name for name, _properties in results.get("shortcuts", [])]
            log.info("portal shortcuts bound: %s", ", ".join(bound))
            self.bound.emit(bound)
