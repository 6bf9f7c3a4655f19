"""Penna's own icons (assets/icons: line drawings in SVG, drawn for Penna), in the theme's colours: the text colour,
and the highlighted-text colour where they sit on a selection."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QImage, QPalette, QPixmap

from assets import asset

_RENDER_SCALE = 2  # the SVGs are 48 px for 24 px icons: sharp on 2x screens too


def _pixmap(name: str, colour: str) -> QPixmap:
    svg = asset("icons", f"{name}.svg").read_text(encoding="utf-8").replace("currentColor", colour)
    image = QImage.fromData(svg.encode("utf-8"), "SVG")
    image.setDevicePixelRatio(_RENDER_SCALE)
    return QPixmap.fromImage(image)


def themed_icon(name: str, palette: QPalette) -> QIcon:
    """The icon ``name`` (a file in assets/icons) drawn in ``palette``'s colours."""
    icon = QIcon()
    icon.addPixmap(_pixmap(name, palette.color(QPalette.ColorRole.WindowText).name()), QIcon.Mode.Normal)
    icon.addPixmap(_pixmap(name, palette.color(QPalette.ColorRole.HighlightedText).name()), QIcon.Mode.Selected)
    icon.addPixmap(_pixmap(name, palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()),
                   QIcon.Mode.Disabled)
    return icon
