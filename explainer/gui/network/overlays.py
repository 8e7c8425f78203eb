"""What the network view draws over its panels for a lecture hall: the hovered value in large
type beside the unit (presentation mode), and one conv filter's kernels enlarged while the
mouse is over it (the 16×6 conv2 grid is ~12 px a kernel otherwise)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QLabel, QWidget

from explainer.gui import zoom
from explainer.gui.colormaps import colours_for

KERNEL_PIXELS = 40  # one enlarged kernel's side at zoom 1
KERNEL_GAP = 6
BIG_VALUE_POINTS = 15.0  # the presentation mode's hovered value at zoom 1


class BigValue:
    """A large text box in the scene, beside the hovered unit, kept inside the visible area."""

    def __init__(self, scene: QGraphicsScene) -> None:
        # Made by the scene, so owned by it: an item made in Python and then added would be
        # freed twice (by the scene and by its wrapper), corrupting the heap.
        self.item = scene.addText("")
        self.item.setZValue(100)
        self.item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.item.setDefaultTextColor(QColor(0, 0, 0))
        self.item.hide()
        self._box = scene.addRect(QRectF(), QPen(QColor(0, 0, 0), 2), QBrush(QColor(255, 255, 210)))
        self._box.setZValue(99)
        self._box.hide()

    def show(self, text: str, anchor: QPointF, bounds: QRectF) -> None:
        font = QFont(self.item.font())
        font.setPointSizeF(BIG_VALUE_POINTS * zoom.factor())
        font.setBold(True)
        self.item.setFont(font)
        self.item.setPlainText(text)
        size = self.item.boundingRect()
        x = anchor.x() + 16
        y = anchor.y() - size.height() - 8
        if x + size.width() > bounds.right():
            x = anchor.x() - size.width() - 16
        x = max(bounds.left(), x)
        y = min(max(bounds.top(), y), bounds.bottom() - size.height())
        self.item.setPos(x, y)
        self._box.setRect(QRectF(x, y, size.width(), size.height()))
        self.item.show()
        self._box.show()

    def hide(self) -> None:
        self.item.hide()
        self._box.hide()

    @property
    def visible(self) -> bool:
        return self.item.isVisible()

    def text(self) -> str:
        return self.item.toPlainText()


def kernels_image(kernels: np.ndarray, levels: tuple[float, float], cmap: str) -> QImage:
    """The (in, k, k) kernels of one output channel side by side, each enlarged, coloured."""
    channels, k, _ = kernels.shape
    side = zoom.scaled(KERNEL_PIXELS)
    gap = zoom.scaled(KERNEL_GAP)
    repeat = max(1, side // k)
    side = repeat * k
    width = channels * side + (channels - 1) * gap
    rgba = np.full((side, width, 4), 255, dtype=np.uint8)
    for c in range(channels):
        colours = colours_for(kernels[c], levels, cmap)  # (k, k, 4)
        big = np.repeat(np.repeat(colours, repeat, axis=0), repeat, axis=1)
        left = c * (side + gap)
        rgba[:, left : left + side] = big
    rgba = np.ascontiguousarray(rgba)
    image = QImage(rgba.data, width, side, 4 * width, QImage.Format.Format_RGBA8888)
    return image.copy()  # own the pixels: the numpy buffer goes away


class KernelPopup(QLabel):
    """A tool-tip window showing one filter's kernels large, beside the mouse; it may reach
    past the (narrow) network view. Never takes the mouse."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("kernel_popup")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("QLabel { background: white; border: 2px solid #333; padding: 4px; }")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown_for: tuple[str, int] | None = None  # (filters panel, output channel)
        self.hide()

    def show_kernels(
        self,
        key: tuple[str, int],
        kernels: np.ndarray,
        levels: tuple[float, float],
        cmap: str,
        caption: str,
        near: QPointF,
    ) -> None:
        if key != self.shown_for:
            self.shown_for = key
            self.setPixmap(QPixmap.fromImage(kernels_image(kernels, levels, cmap)))
            self.setToolTip(caption)
            self.adjustSize()
        screen = self.parentWidget().screen().availableGeometry()
        x = int(near.x()) + 24
        y = int(near.y()) + 24
        if x + self.width() > screen.right():
            x = max(screen.left(), int(near.x()) - self.width() - 24)
        if y + self.height() > screen.bottom():
            y = max(screen.top(), int(near.y()) - self.height() - 24)
        self.move(x, y)
        self.show()
        self.raise_()

    def hide_kernels(self) -> None:
        self.shown_for = None
        self.hide()
