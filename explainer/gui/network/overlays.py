"""What the network view draws over its panels for a lecture hall: the hovered value in large
type beside the unit (presentation mode), and one conv filter's kernels enlarged while the
mouse is over it (the 16×6 conv2 grid is ~12 px a kernel otherwise)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QLineF, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsView, QLabel, QWidget

from explainer.gui import zoom
from explainer.gui.colormaps import colours_for

KERNEL_PIXELS = 40  # one enlarged kernel's side at zoom 1
KERNEL_GAP = 6
BIG_VALUE_POINTS = 15.0  # the presentation mode's hovered value at zoom 1


class SceneOverlay(QWidget):
    """A transparent widget over the graphics view's viewport that paints what lies above
    the panels — connection lines and the presentation's big value — from scene coordinates.
    Painted, not graphics items: items made in Python and added to a pyqtgraph scene were
    freed twice when windows closed (segfaults in the garbage collector)."""

    def __init__(self, graphics: QGraphicsView) -> None:
        viewport = graphics.viewport()
        super().__init__(viewport)
        self.setObjectName("scene_overlay")
        self.graphics = graphics
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.lines: list[tuple[QLineF, QColor, float]] = []  # scene coordinates
        self.big_text: str | None = None
        self.big_anchor = QPointF()
        self.resize(viewport.size())
        viewport.installEventFilter(self)
        self.setVisible(False)  # until it has something to show

    def _show_if_needed(self) -> None:
        # Hidden while empty: a transparent widget over the panels is painted wherever they
        # are, on every frame of a stroke, to draw nothing.
        needed = bool(self.lines) or self.big_text is not None
        if needed != self.isVisible():
            self.setVisible(needed)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize:
            self.resize(self.graphics.viewport().size())
        return False

    def set_lines(self, lines: list[tuple[QLineF, QColor, float]]) -> None:
        self.lines = lines
        self._show_if_needed()

    def show_big_value(self, text: str, anchor: QPointF) -> None:
        self.big_text, self.big_anchor = text, anchor
        self._show_if_needed()

    def hide_big_value(self) -> None:
        if self.big_text is not None:
            self.big_text = None
            self._show_if_needed()

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        if not self.lines and self.big_text is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        to_view = self.graphics.mapFromScene
        for line, colour, width in self.lines:
            painter.setPen(QPen(colour, width))
            painter.drawLine(QPointF(to_view(line.p1())), QPointF(to_view(line.p2())))
        if self.big_text is not None:
            self._paint_big_value(painter, QPointF(to_view(self.big_anchor)))
        painter.end()

    def _paint_big_value(self, painter: QPainter, anchor: QPointF) -> None:
        font = QFont(self.font())
        font.setPointSizeF(BIG_VALUE_POINTS * zoom.factor())
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        pad = 6
        box = QRectF(metrics.boundingRect(self.big_text)).adjusted(-pad, -pad, pad, pad)
        x = anchor.x() + 16
        if x + box.width() > self.width():
            x = anchor.x() - box.width() - 16
        y = anchor.y() - box.height() - 8
        x = max(0.0, x)
        y = min(max(0.0, y), self.height() - box.height())
        box.moveTo(x, y)
        painter.setPen(QPen(QColor(0, 0, 0), 2))
        painter.setBrush(QColor(255, 255, 210))
        painter.drawRect(box)
        painter.setPen(QColor(0, 0, 0))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.big_text)


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
