"""The D-Bus methods a desktop's own shortcut (or ``penna translate|write --selection``) calls on the running Penna.

Service org.penna.Penna, object /Penna, interface org.penna.Penna, methods TranslateSelection() and
WriteSelection(action: s) — e.g. ``dbus-send --session --type=method_call --dest=org.penna.Penna /Penna
org.penna.Penna.WriteSelection string:proofread``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import ClassInfo, QObject, QTimer, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface

log = logging.getLogger(__name__)

SERVICE = "org.penna.Penna"
PATH = "/Penna"
INTERFACE = "org.penna.Penna"


@ClassInfo({"D-Bus Interface": INTERFACE})
class PennaService(QObject):
    """Exported on the session bus; ``translate_selection`` fires after the call has been answered."""

    translate_selection = Signal()
    write_selection = Signal(str)  # the action's name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus: QDBusConnection | None = None

    def register(self, bus: QDBusConnection | None = None) -> bool:
        """Take the service name on ``bus`` (default: the session bus); False when there is no bus or another
        Penna holds the name."""
        bus = bus if bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("no D-Bus session bus: %s", bus.lastError().message())
            return False
        if not bus.registerService(SERVICE):
            log.info("D-Bus name %s not taken: %s", SERVICE, bus.lastError().message())
            return False
        bus.registerObject(PATH, self, QDBusConnection.RegisterOption.ExportAllSlots)
        self._bus = bus
        return True

    def unregister(self) -> None:
        if self._bus is not None:
            self._bus.unregisterObject(PATH)
            self._bus.unregisterService(SERVICE)
            self._bus = None

    @Slot()
    def TranslateSelection(self) -> None:  # noqa: N802 - the D-Bus method's name
        QTimer.singleShot(0, self.translate_selection.emit)  # answer the caller first; reading the selection waits on X

    @Slot(str)
    def WriteSelection(self, action: str) -> None:  # noqa: N802 - the D-Bus method's name
        QTimer.singleShot(0, lambda: self.write_selection.emit(action))


def ask_running_instance(action: str = "translate") -> bool:
    """Ask a running Penna to run ``action`` on the selection; True when one answered."""
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    interface = QDBusInterface(SERVICE, PATH, INTERFACE, bus)
    reply = interface.call("TranslateSelection") if action == "translate" else interface.call("WriteSelection", action)
    if reply.type() == reply.MessageType.ErrorMessage:
        log.info("no running Penna answered on D-Bus: %s", reply.errorMessage())
        return False
    return True
