"""Read an application's accessible tree from outside, over AT-SPI (D-Bus), as a screen reader such as Orca does.

Run by the system Python, which has Debian's python3-dbus (dbus-python is not in Penna's venv); prints the tree of the
application named on the command line as JSON: one {"role", "name", "showing", "depth"} per node, depth first.
"""

from __future__ import annotations

import json
import sys

import dbus

ACCESSIBLE = "org.a11y.atspi.Accessible"
STATE_SHOWING = 25  # AtspiStateType


def main(application: str) -> int:
    session = dbus.SessionBus()
    address = session.get_object("org.a11y.Bus", "/org/a11y/bus").GetAddress(dbus_interface="org.a11y.Bus")
    bus = dbus.bus.BusConnection(str(address))

    def node(name: str, path: str) -> tuple[dbus.Interface, dbus.Interface]:
        remote = bus.get_object(name, path, introspect=False)
        return dbus.Interface(remote, ACCESSIBLE), dbus.Interface(remote, "org.freedesktop.DBus.Properties")

    def walk(name: str, path: str, depth: int, nodes: list[dict]) -> None:
        accessible, properties = node(name, path)
        try:
            low, high = accessible.GetState()
            nodes.append({"role": str(accessible.GetRoleName()), "name": str(properties.Get(ACCESSIBLE, "Name")),
                          "showing": bool((int(low) | int(high) << 32) & 1 << STATE_SHOWING), "depth": depth})
            children = accessible.GetChildren()
        except dbus.exceptions.DBusException:  # gone while we read (a tooltip, a repainted item)
            return
        for child_name, child_path in children:
            walk(child_name, child_path, depth + 1, nodes)

    registry, _ = node("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
    found = []
    for name, path in registry.GetChildren():
        _, properties = node(name, path)
        found.append(str(properties.Get(ACCESSIBLE, "Name")))
        if found[-1] == application:
            nodes: list[dict] = []
            walk(name, path, 0, nodes)
            print(json.dumps(nodes))
            return 0
    print(json.dumps(None))
    print(f"no application {application!r} on the accessibility bus; there are {found}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
