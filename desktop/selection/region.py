"""Translating a region of the screen: the screen is frozen in a full-screen window, the user drags a rectangle
over it, the text in that rectangle is read by OCR (runtime.tasks.ocr) and translated in the selection popup.

The screen is grabbed with Qt (``QScreen.grabWindow(0)``), which reads the X11 root window; on Wayland that
returns nothing, and the picture comes from the desktop's Screenshot portal instead (portal_screenshot)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QRubberBand, QWidget

from desktop.i18n import Retranslatable


class RegionPicker(Retranslatable, QWidget):
    """A frozen picture of the screen on which a rectangle is dragged; Esc closes it without choosing."""

    chosen = Signal(QImage, QPoint)  # the part of the picture, and the bottom left of the rectangle on the screen
    closed = Signal()  # with or without a choice (a choice follows as ``chosen``)

    def __init__(self, picture: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.picture = picture
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._origin: QPoint | None = None
        self.retranslate()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.picture)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._origin = event.position().toPoint()
        self.band.setGeometry(QRect(self._origin, self._origin))
        self.band.show()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._origin is not None:
            self.band.setGeometry(QRect(self._origin, event.position().toPoint()).normalized())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._origin is None:
            return
        rectangle = QRect(self._origin, event.position().toPoint()).normalized()
        self._origin = None
        self.band.hide()
        self.close()
        if rectangle.width() > 4 and rectangle.height() > 4:
            ratio = self.picture.devicePixelRatio()
            pixels = QRect(rectangle.topLeft() * ratio, rectangle.size() * ratio)
            self.chosen.emit(self.picture.toImage().copy(pixels), self.mapToGlobal(rectangle.bottomLeft()))

    def event(self, event: QEvent) -> bool:
        # Esc is the window's "stop" shortcut too: take it here first, as a key press.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        super().closeEvent(event)
        self.closed.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Drag over the text to translate (Esc: cancel)"))
        self.setAccessibleName(self.tr("Choose a region of the screen to translate"))


def grab_screen() -> QPixmap | None:
    """The whole primary screen as it is now; None where the platform cannot grab it (Wayland)."""
    screen = QGuiApplication.primaryScreen()
    picture = screen.grabWindow(0) if screen is not None else QPixmap()
    return None if picture.isNull() else picture


def region_text(image: QImage) -> str:
    """The text in ``image``, read by OCR (call from a worker thread: about a second for a few lines)."""
    from PIL import Image

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    stride = rgb.bytesPerLine()
    picture = Image.frombuffer("RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()), "raw", "RGB", stride, 1)
    from runtime.tasks.ocr import image_text

    return image_text(picture)
