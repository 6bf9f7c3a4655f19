"""What a screen reader finds in a widget tree: a walk through QAccessible, as assistive technology walks it.

Reusable by any pane's tests: ``unnamed_controls(widget)`` lists the interactive controls a screen reader would
announce with no name (it reads ``QAccessible.Text.Name``, which Qt fills from the accessible name, a button's text,
a form label's buddy, a placeholder…), so a control added without one fails the test that walks its window.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

Role = QAccessible.Role

# Roles a user operates (and that a screen reader must be able to name); containers and text are left out.
INTERACTIVE_ROLES = frozenset({
    Role.PushButton, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText, Role.SpinBox, Role.Slider,
    Role.List, Role.Table, Role.Tree, Role.PageTab, Role.ButtonMenu, Role.ButtonDropDown, Role.HotkeyField, Role.Link,
    Role.MenuItem,
})


def interfaces(root: QWidget) -> Iterator[QAccessibleInterface]:
    """Every visible accessible interface under ``root`` (``root`` included), depth first, in the order a screen
    reader's tree walk meets them."""
    stack = [QAccessible.queryAccessibleInterface(root)]
    while stack:
        interface = stack.pop()
        if interface is None or not interface.isValid() or interface.state().invisible:
            continue
        yield interface
        stack.extend(reversed([interface.child(index) for index in range(interface.childCount())]))


def describe(interface: QAccessibleInterface) -> str:
    """A control as a failure message names it: role, class and object name, and the parents' classes."""
    chain = []
    widget = interface.object()
    while isinstance(widget, QWidget) and len(chain) < 4:
        chain.append(f"{type(widget).__name__}#{widget.objectName()}" if widget.objectName() else type(widget).__name__)
        widget = widget.parentWidget()
    return f"{interface.role().name} {' < '.join(chain) or '(item)'}"


def unnamed_controls(root: QWidget) -> list[str]:
    """The visible interactive controls under ``root`` that a screen reader would read out without a name."""
    return [describe(interface) for interface in interfaces(root)
            if interface.role() in INTERACTIVE_ROLES and not interface.text(QAccessible.Text.Name).strip()]
