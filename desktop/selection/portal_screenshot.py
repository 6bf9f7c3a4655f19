"""A picture of the screen on Wayland, where Qt cannot grab it, through the xdg-desktop-portal Screenshot interface.

The whole screen is asked for, not ``interactive``: in that mode GNOME and KDE show their own dialog to choose an
area, and the user would then drag a second rectangle in Penna's. The desktop may still ask once for permission.
It saves the picture to a file and answers with its ``file://`` uri; the file is read and then deleted, since Penna
only needed it for the region the user drags next.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QPixmap

from desktop.selection.portal import PortalConnection

log = logging.getLogger(__name__)

INTERFACE = "org.freedesktop.portal.Screenshot"
CANCELLED = 1


def read_screenshot(uri: str) -> QPixmap | None:
    """The picture at ``uri`` (a local file, deleted once read); None when it cannot be read."""
    url = QUrl(uri)
    if not url.isLocalFile():
        log.info("the portal's screenshot is not a local file: %s", uri)
        return None
    path = Path(url.toLocalFile())
    picture = QPixmap(str(path))
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        log.info("the portal's screenshot %s stays: %s", path, error)
    if picture.isNull():
        return None
    screen = QGuiApplication.primaryScreen()
    if screen is not None:  # the portal's pixels are the screen's physical ones: shown at the screen's size
        picture.setDevicePixelRatio(screen.devicePixelRatio())
    return picture


class PortalScreenshot(QObject):
    """``taken`` carries the screenshot (a QPixmap); ``cancelled`` says the user closed the desktop's dialog;
    ``failed`` says what went wrong and what to do instead."""

    taken = Signal(object)
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.portal = PortalConnection(INTERFACE, self)
        self.portal.responded.connect(self._on_response)
        self.portal.refused.connect(self._on_refused)

    def take(self, address: str | None = None) -> None:
        """Ask the portal on the bus at ``address`` (None: the session bus) for a screenshot; the answer comes as
        one of the signals (a screenshot asked for earlier and not answered yet is forgotten)."""
        if not self.portal.open(address):
            self.failed.emit(self.tr("Penna cannot see the screen: this desktop offers no screenshot portal "
                                     "(xdg-desktop-portal). Select the text and use Translate selection instead."))
            return
        self.portal.call("Screenshot", "sa{sv}", ("", {"interactive": ("b", False)}))

    def _on_response(self, _method: str, code: int, results: dict[str, Any]) -> None:
        self.portal.close()
        if code == CANCELLED:
            self.cancelled.emit()
        elif code != 0:
            self.failed.emit(self.tr("The desktop refused to take a screenshot for Penna. Select the text and use "
                                     "Translate selection instead."))
        elif (picture := read_screenshot(results.get("uri", ""))) is None:
            self.failed.emit(self.tr("The desktop's screenshot could not be read. Select the text and use "
                                     "Translate selection instead."))
        else:
            self.taken.emit(picture)

    def _on_refused(self, detail: str) -> None:
        self.portal.close()
        self.failed.emit(self.tr("The desktop's screenshot portal failed ({detail}). Select the text and use "
                                 "Translate selection instead.").format(detail=detail))
