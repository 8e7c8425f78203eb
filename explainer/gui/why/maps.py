"""The Why panel's two maps side by side, over the drawing, with one shared colour bar.

Each map is coloured through a cached pyqtgraph table (gui/colormaps.py): a signed map on the
diverging CET-D1 with symmetric limits, so that 0 is its white centre; a non-negative map on the
sequential CET-L18 from 0 (white). Both maps of a pair share the limits — "why 3" and "why not 8"
are on one scale — rounded up to a short number, so that the colour bar is only re-labelled when
the range really moves. The drawing shows through: each pixel's colour is darkened by the ink of
the network input under it (`overlay_pixels`).

Per frame this is two 32×32 table look-ups written into preallocated RGB32 pixels
(network.rendering.MosaicImage); no item is created per frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from explainer.core.scales import nice_ceil
from explainer.gui import numbers
from explainer.gui.colormaps import (
    POSITIVE_ATTRIBUTION_MAP,
    SIGNED_ATTRIBUTION_MAP,
    colormap,
    colour_indices,
    lookup_table,
)
from explainer.gui.network.rendering import BACKGROUND, TEXT_COLOUR, MosaicImage

BACKGROUND_COLOUR = "#ffffff"  # as the panels' BACKGROUND ("w")
INK_SHADE = 0.45  # how much full ink darkens a map's colour (0: the drawing is invisible)
Levels = tuple[float, float]


def map_levels(maps: Sequence[np.ndarray], signed: bool, floor: float = 0.0) -> Levels:
    """Shared colour limits of a pair: (−m, m) for signed maps, (0, m) for the others, m the
    largest |value| rounded up to a short number, and at least `floor`; m = 1 when every
    value is 0."""
    finite = [np.abs(m[np.isfinite(m)]) for m in maps if np.size(m)]
    peak = max((float(f.max()) for f in finite if f.size), default=0.0)
    limit = max(nice_ceil(peak), floor) if peak > 0 else 1.0
    return (-limit, limit) if signed else (0.0, limit)


def colormap_name(signed: bool) -> str:
    return SIGNED_ATTRIBUTION_MAP if signed else POSITIVE_ATTRIBUTION_MAP


def overlay_pixels(values: np.ndarray, levels: Levels, signed: bool, ink: np.ndarray) -> np.ndarray:
    """(S, S) 0xFFRRGGBB words: each value's colour under `levels`, darkened by the ink
    (0..1) of the drawing under it: colour · (1 − INK_SHADE · ink)."""
    table = lookup_table(colormap_name(signed))
    rgb = table[colour_indices(values, levels, len(table))][:, :3].astype(np.float32)
    shade = 1.0 - INK_SHADE * np.clip(ink, 0.0, 1.0).astype(np.float32).ravel()
    rgb = (rgb * shade[:, None] + 0.5).astype(np.uint32)
    words = (0xFF << 24) | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
    return words.astype(np.uint32).reshape(np.shape(values))


def tick_label(value: float) -> str:
    return "0" if value == 0 else numbers.significant(value, 2)


class MapPairView(QWidget):
    """Two titled maps and a colour bar. `show_maps(maps, signed, ink, titles)`; `clear_maps()`.
    `values` are the arrays shown (tests compare them with the core), `levels` their limits.

    The titles are QLabels above the graphics, not pyqtgraph LabelItems: their text changes with
    every frame (the probabilities), and a LabelItem lays out its HTML again each time (0.27 ms
    per title per frame, against microseconds for a plain QLabel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("why_maps")
        self.setAutoFillBackground(True)  # the titles on the graphics' white
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND_COLOUR))
        self.setPalette(palette)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setObjectName("why_maps_graphics")
        self.graphics.setBackground(BACKGROUND)
        # It paints its own opaque background: no palette fill first on every frame.
        self.graphics.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.graphics.ci.setContentsMargins(2, 2, 2, 2)
        self.title_labels: list[tuple[QLabel, QLabel]] = []
        header = QHBoxLayout()
        header.setContentsMargins(4, 0, 4, 0)
        for column in range(2):
            head, detail = QLabel(), QLabel()
            head.setObjectName(f"why_map_title_{column}")
            detail.setObjectName(f"why_map_detail_{column}")
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            small = detail.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            detail.setFont(small)
            for label in (head, detail):
                label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                label.setTextFormat(Qt.TextFormat.PlainText)
            pair = QVBoxLayout()
            pair.setSpacing(0)
            pair.addWidget(head)
            pair.addWidget(detail)
            header.addLayout(pair, 1)
            self.title_labels.append((head, detail))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(header)
        box.addWidget(self.graphics, 1)
        self.views: list[pg.ViewBox] = []
        self.images: list[MosaicImage] = []
        self.values: list[np.ndarray] | None = None
        self.levels: Levels | None = None
        self.signed: bool | None = None
        self._size = 0
        for column in range(2):
            view = pg.ViewBox(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False)
            view.setMouseEnabled(False, False)
            view.setDefaultPadding(0.01)
            self.graphics.addItem(view, row=0, col=column)
            self.views.append(view)
        self.colorbar = pg.ColorBarItem(
            values=(0.0, 1.0),
            colorMap=colormap(POSITIVE_ATTRIBUTION_MAP),
            interactive=False,
            orientation="horizontal",
            width=10,
            colorMapMenu=False,
        )
        self.colorbar.setMouseEnabled(False, False)
        for axis_name in ("left", "right", "top", "bottom"):
            axis = self.colorbar.getAxis(axis_name)
            axis.setPen(pg.mkPen("#888888"))
            axis.setTextPen(pg.mkPen(TEXT_COLOUR))
        # The end labels stick out of the bar by half their width: let them.
        self.colorbar.getAxis("bottom").setStyle(tickTextOffset=2, hideOverlappingLabels=40)
        self.colorbar.setContentsMargins(24, 0, 24, 0)
        self.graphics.addItem(self.colorbar, row=1, col=0, colspan=2)
        self.graphics.ci.layout.setRowStretchFactor(0, 1)
        self.colorbar.setVisible(False)

    @property
    def titles(self) -> list[str]:
        """The two titles as shown: 'head\ndetail'."""
        return [f"{head.text()}\n{detail.text()}" for head, detail in self.title_labels]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(420, 230)

    def _ensure_images(self, size: int) -> None:
        if size == self._size:
            return
        for view, old in zip(self.views, self.images or [None, None], strict=True):
            if old is not None:
                view.removeItem(old)
        self.images = []
        for view in self.views:
            image = MosaicImage(size, size, 0xFFFFFFFF)
            view.addItem(image)
            view.setRange(xRange=(0, size), yRange=(0, size), padding=0.01)
            self.images.append(image)
        self._size = size

    def set_titles(self, titles: Sequence[str]) -> None:
        """Each title is 'head' or 'head\ndetail' (plain text)."""
        for (head, detail), text in zip(self.title_labels, titles, strict=True):
            first, _, rest = text.partition("\n")
            if head.text() != first:
                head.setText(first)
            if detail.text() != rest:
                detail.setText(rest)

    def show_maps(
        self,
        maps: Sequence[np.ndarray],
        signed: bool,
        ink: np.ndarray,
        titles: Sequence[str],
        floor: float = 0.0,
    ) -> None:
        """`floor`: the least colour limit (maps in units that mean something, like Δp)."""
        size = int(np.shape(maps[0])[-1])
        self._ensure_images(size)
        levels = map_levels(maps, signed, floor)
        for image, values in zip(self.images, maps, strict=True):
            image.pixels[...] = overlay_pixels(values, levels, signed, ink)
            image.pixels_changed()
            image.setVisible(True)
        self.values = [np.asarray(m) for m in maps]
        if levels != self.levels or signed != self.signed:
            self._set_colorbar(levels, signed)
        self.levels, self.signed = levels, signed
        self.set_titles(titles)

    def _set_colorbar(self, levels: Levels, signed: bool) -> None:
        lo, hi = levels
        self.colorbar.setColorMap(colormap(colormap_name(signed)))
        self.colorbar.setLevels(values=(lo, hi), update_items=False)
        ticks = [(lo, tick_label(lo)), (hi, tick_label(hi))]
        if signed:
            ticks.insert(1, (0.0, "0"))
        self.colorbar.getAxis("bottom").setTicks([ticks, []])
        self.colorbar.setVisible(True)

    def relabel_colorbar(self) -> None:
        """The tick labels again (the decimal mark follows the interface language)."""
        if self.levels is not None and self.signed is not None:
            self._set_colorbar(self.levels, self.signed)

    def clear_maps(self, titles: Sequence[str] = ("", "")) -> None:
        for image in self.images:
            image.setVisible(False)
        self.values = None
        self.levels = self.signed = None
        self.colorbar.setVisible(False)
        self.set_titles(titles)
