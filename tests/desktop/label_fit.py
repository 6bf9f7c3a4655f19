"""Which texts of a widget tree do not fit the rectangles they were given (clipped or elided)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def clipped_texts(root: QWidget) -> list[str]:
    """Visible labels and buttons whose text needs more room than they have: a wrapped label more height than
    its rectangle, any other label or button more width (button padding left out, so the check is lenient there)."""
    clipped = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not widget.isVisibleTo(root) or not widget.text() or widget.isWindow():
            continue
        room = widget.contentsRect()
        if isinstance(widget, QLabel) and widget.wordWrap():
            fits = widget.heightForWidth(room.width()) <= room.height()
        else:
            metrics = widget.fontMetrics()
            fits = max(metrics.horizontalAdvance(line) for line in widget.text().split("\n")) <= room.width()
        if not fits:
            clipped.append(widget.text())
    return clipped
