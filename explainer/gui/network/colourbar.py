"""The panels' colour bars: a strip of the panel's own colour table above one tick axis.

pyqtgraph's ColorBarItem is a whole PlotItem: a ViewBox with its context menus, four axes (three
of them only to draw a frame), buttons and a pixmap. Ten of them were ~100 of the ~300 items in
the panels' scene: 0.25 s of the first model's start-up (25 ms each to build) and ~0.25 ms of
every frame, in which the scene asks each item near the repainted images for its bounding
rectangle (a Python call per item and frame) and repainted the side axes that touched them.

`ColourBar` draws the same thing with two items: `_Strip` (a plain QGraphicsWidget: its
bounding rectangle is Qt's own, and it paints the table and three frame lines only when it
is exposed) and the one pyqtgraph AxisItem with the end labels, whose axis line closes the
frame. It keeps the part of ColorBarItem's interface the panels use: `setLevels`, `levels`,
`getAxis("bottom")`, `setColorMap`.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsWidget, QSizePolicy

FRAME_COLOUR = "#888888"


class _Strip(QGraphicsWidget):
    """The colour table left to right (lowest value on the left), framed on three sides."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self._image = QImage()
        self._pen = QPen(QColor(FRAME_COLOUR))
        self._pen.setCosmetic(True)
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_colormap(self, colormap: pg.ColorMap) -> None:
        """256 entries of `colormap`, lowest on the left (what ColorBarItem draws)."""
        lut = np.ascontiguousarray(colormap.getLookupTable(nPts=256, alpha=True)[None, :, :])
        self._image = pg.functions.ndarray_to_qimage(lut, QImage.Format.Format_RGBA8888).copy()
        self.update()

    def paint(self, painter: QPainter, *args) -> None:  # noqa: ANN002 (Qt API)
        rect = self.rect()
        if not self._image.isNull():
            painter.drawImage(rect, self._image)
        painter.setPen(self._pen)
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        painter.drawLine(QPointF(left, top), QPointF(right, top))
        painter.drawLine(QPointF(left, top), QPointF(left, bottom))
        painter.drawLine(QPointF(right, top), QPointF(right, bottom))


class ColourBar(pg.GraphicsLayout):
    """`ColourBar(levels, colormap, height=8)`: the strip over a bottom axis whose range is
    `levels`; the axis's ticks are set by the caller (`getAxis("bottom").setTicks`)."""

    def __init__(
        self, levels: tuple[float, float], colormap: pg.ColorMap, height: float = 8
    ) -> None:
        super().__init__()
        self.setContentsMargins(0, 0, 0, 0)
        self.layout.setVerticalSpacing(0)
        self.strip = _Strip(height)
        self.strip.set_colormap(colormap)
        self.axis = pg.AxisItem("bottom")
        self.axis.setPen(pg.mkPen(FRAME_COLOUR))
        self.addItem(self.strip, row=0, col=0)
        self.addItem(self.axis, row=1, col=0)
        self._levels = (0.0, 1.0)
        self.setLevels(values=levels)

    def setLevels(self, values: tuple[float, float], update_items: bool = False) -> None:  # noqa: N802, ARG002 (ColorBarItem's API)
        lo, hi = float(values[0]), float(values[1])
        self._levels = (lo, hi)
        self.axis.setRange(lo, hi)

    def levels(self) -> tuple[float, float]:
        return self._levels

    def getAxis(self, name: str) -> pg.AxisItem:  # noqa: N802 (ColorBarItem's API)
        if name != "bottom":
            raise KeyError(f"a panel's colour bar has only its bottom axis, not {name!r}")
        return self.axis

    def setColorMap(self, colormap: pg.ColorMap) -> None:  # noqa: N802 (ColorBarItem's API)
        self.strip.set_colormap(colormap)
