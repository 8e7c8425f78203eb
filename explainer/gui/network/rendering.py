"""The panels' graphics: one column per panel (title, one mosaic image, colour bar), and the
per-frame path that writes colours into the mosaic's pixels.

Per frame, `show_values` maps a layer through its cached colour table and writes the colours
into the panel's preallocated RGB32 pixels with one np.put (precomputed mosaic indices); no
item is created per frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QGraphicsItem

from explainer.core.mosaic import Mosaic
from explainer.core.scales import Levels
from explainer.gui import numbers, zoom
from explainer.gui.colormaps import (
    ACTIVATION_MAP,
    INPUT_MAP,
    WEIGHT_MAP,
    argb_table,
    colormap,
    colour_indices,
    range_levels,
)
from explainer.gui.network.colourbar import ColourBar
from explainer.gui.network.layout import FILTERS, INPUT_PANEL, MAPS, STRIP, PanelPlan

if TYPE_CHECKING:
    from explainer.core.config import LayerSpec
    from explainer.gui.network.hover import Outline

BACKGROUND = "w"
GAP_PIXEL = 0xFFFFFFFF  # gaps between tiles: the background's white, opaque
TEXT_COLOUR = "#202020"
COLOURBAR_MARGIN = 12  # px at zoom 1: half of "-0.37" in the bar's type
TITLE_POINTS = (9.0, 8.0, 7.0)  # name, shape, caption; × the zoom (gui/zoom.py)
# Weights: diverging map, symmetric limits; activations sequential; the input a grey ramp.
PANEL_COLORMAPS = {
    INPUT_PANEL: INPUT_MAP,
    MAPS: ACTIVATION_MAP,
    FILTERS: WEIGHT_MAP,
    STRIP: ACTIVATION_MAP,
}


class MosaicImage(pg.ImageItem):
    """An ImageItem drawn from ready-made 0xFFRRGGBB pixels (QImage.Format_RGB32).

    Qt draws a scaled RGB32 image several times faster than the Indexed8/RGBA images that
    pyqtgraph builds from float data + levels + LUT (measured 0.15-0.5 ms against 1.4-1.8 ms
    for 8 panels), and no colour table is rebuilt per frame. The panels map values through
    the cached `argb_table` themselves and write straight into `pixels`, which the QImage
    shares; local coordinates stay mosaic pixels, as for any ImageItem.

    `paint` draws that QImage into the item's rectangle itself, as ImageItem.paint draws its
    own, so no pyqtgraph render state is touched."""

    def __init__(self, height: int, width: int, background: int) -> None:
        super().__init__(axisOrder="row-major")
        self.pixels = np.full((height, width), background, dtype=np.uint32)
        self._pixel_image = QImage(
            self.pixels.data, width, height, 4 * width, QImage.Format.Format_RGB32
        )
        self._pixel_rect = QRectF(0, 0, width, height)
        # The float image only gives the item its size (setRect and bounds read it).
        super().setImage(np.zeros((height, width), np.float32), autoLevels=False, levels=(0, 1))
        self.qimage = self._pixel_image

    @property
    def pixel_image(self) -> QImage:
        """The QImage painted (it shares `pixels`)."""
        return self._pixel_image

    def render(self) -> None:
        # ImageItem.save() and getPixmap() render on demand: our QImage already holds the pixels.
        self.qimage = self._pixel_image

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        # ImageItem's works it out from the image's shape on each call, and the scene asks
        # for it on every paint; the pixels' size is fixed for the item's life. (A copy: a
        # caller may adjust the rectangle it gets.)
        return QRectF(self._pixel_rect)

    def paint(self, painter, *args) -> None:  # noqa: ANN001 (Qt API)
        painter.drawImage(self._pixel_rect, self._pixel_image)

    def pixels_changed(self) -> None:
        self.update()


@dataclass
class Panel:
    plan: PanelPlan
    mosaic: Mosaic
    colormap_name: str
    fixed_levels: Levels
    layout: pg.GraphicsLayout
    title: pg.LabelItem
    view: pg.ViewBox
    image: MosaicImage
    colorbar: ColourBar
    extra_width: float = 0.0  # pixels beside the view (the class names of the output strip)
    visible: bool = True
    levels: Levels = (0.0, 1.0)
    values: np.ndarray | None = None  # what the mosaic shows, in source (tile, row, col) order
    outlines: list[Outline] = field(default_factory=list)
    selection: Outline | None = None
    selection_fields: list[Outline] = field(default_factory=list)  # the selected unit's window
    colorbar_levels: Levels | None = None  # what the colour bar is labelled with
    column_width: float | None = None  # pixels, once laid out (the bar's labels must fit)
    marks: list = field(default_factory=list)  # knocked-out / edited marks (network/knockouts)

    @property
    def name(self) -> str:  # as in layer_names(): "conv1", "conv1_filters", "fc1", ...
        return self.plan.name

    @property
    def kind(self) -> str:  # "input" | "maps" | "filters" | "strip"
        return self.plan.kind

    @property
    def layer(self) -> LayerSpec:
        """The layer the panel shows (for filters: the conv layer whose weights)."""
        return self.plan.layer

    @property
    def cell_width(self) -> float:
        return self.plan.cell_width

    @property
    def trace_key(self) -> str | None:
        return self.plan.trace_key

    @property
    def aspect(self) -> float:
        return self.mosaic.width * self.cell_width / self.mosaic.height


def shape_text(plan: PanelPlan) -> str:
    """The shape line of a panel's title: "6@28×28", "16×6@5×5" (filters), "120"."""
    spec = plan.layer
    if plan.kind == FILTERS:
        out_channels, in_channels, k_rows, k_cols = spec.weights
        if in_channels == 1:
            return f"{out_channels}@{k_rows}×{k_cols}"
        return f"{out_channels}×{in_channels}@{k_rows}×{k_cols}"
    if spec.is_spatial:
        channels, rows, cols = spec.shape
        return f"{channels}@{rows}×{cols}"
    return str(spec.shape[0])


def two_lines(text: str) -> tuple[str, str]:
    """Split a caption at the space nearest its middle; always two lines, so that every
    panel's title has the same height and the views line up."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text, "&nbsp;"
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut], text[cut + 1 :]


def tick_label(value: float) -> str:
    # Two significant digits: the end labels of a narrow strip's colour bar must both fit.
    return numbers.significant(value, 2)


def make_panel(
    plan: PanelPlan,
    mosaic: Mosaic,
    fixed_levels: Levels,
    caption: str,
    font: QFont,
    heading: str | None = None,
) -> Panel:
    """A column: title (`heading`, default the panel's name; shape; caption), the view with the
    mosaic image, a colour bar."""
    name = heading if heading is not None else plan.name.replace("_", " ")
    caption_html = "<br>".join(two_lines(caption))
    sub = pg.GraphicsLayout()
    sub.setContentsMargins(0, 0, 0, 0)
    sub.layout.setVerticalSpacing(2)
    big, medium, small = (f"{size * zoom.factor():.1f}pt" for size in TITLE_POINTS)
    title = pg.LabelItem(
        f"<span style='color:{TEXT_COLOUR}; font-size:{big}'><b>{name}</b>"
        f"</span><br><span style='color:{TEXT_COLOUR}; font-size:{medium}'>{shape_text(plan)}"
        f"</span><br><span style='color:#666666; font-size:{small}'>{caption_html}</span>",
        justify="center",
    )
    title.item.document().setDocumentMargin(0)  # narrow columns: no padding around text
    title.updateMin()
    sub.addItem(title, row=0, col=0, colspan=2)
    # Strips fill their column's height: a 10-unit output strip beside long class names
    # would otherwise shrink to a few pixels.
    view = pg.ViewBox(
        lockAspect=plan.kind != STRIP, invertY=True, enableMouse=False, enableMenu=False
    )
    view.setMouseEnabled(False, False)
    view.setDefaultPadding(0.02)
    sub.addItem(view, row=1, col=1)
    image = make_image(mosaic, plan.cell_width)
    view.addItem(image)
    view.setRange(
        xRange=(0, mosaic.width * plan.cell_width), yRange=(0, mosaic.height), padding=0.02
    )
    cmap_name = PANEL_COLORMAPS[plan.kind]
    colorbar = ColourBar(fixed_levels, colormap(cmap_name), height=8)
    axis = colorbar.getAxis("bottom")
    axis.setTextPen(pg.mkPen(TEXT_COLOUR))
    # End labels stick out of the bar by half their width: room for that, as large as the
    # zoom makes their type (a fixed 12 px cut the minus off "-0.37" at 150 %).
    margin = colourbar_margin()
    axis.setStyle(tickFont=font, tickTextOffset=2, hideOverlappingLabels=round(2.5 * margin))
    colorbar.setContentsMargins(margin, 0, margin, 0)
    # Spans column 0 too, where the output strip has its class names, so both limits fit.
    sub.addItem(colorbar, row=2, col=0, colspan=2)
    sub.layout.setRowStretchFactor(1, 1)
    paints_nothing(sub, title, view, colorbar)  # the view has no border: only its children
    panel = Panel(
        plan=plan,
        mosaic=mosaic,
        colormap_name=cmap_name,
        fixed_levels=fixed_levels,
        layout=sub,
        title=title,
        view=view,
        image=image,
        colorbar=colorbar,
        levels=fixed_levels,
    )
    set_colorbar_levels(panel, fixed_levels)
    return panel


def make_image(mosaic: Mosaic, cell_width: float) -> MosaicImage:
    image = MosaicImage(mosaic.height, mosaic.width, GAP_PIXEL)
    image.setVisible(False)  # until it has values
    image.setRect(QRectF(0, 0, mosaic.width * cell_width, mosaic.height))
    return image


def add_class_names(panel: Panel, class_names: tuple[str, ...], font: QFont) -> None:
    """Class names beside a strip (the output layer's), on an axis linked to its view."""
    axis = pg.AxisItem("left")
    axis.setPen(pg.mkPen(None))  # names only: no axis line
    axis.setTextPen(pg.mkPen(TEXT_COLOUR))
    axis.setStyle(tickLength=0, tickFont=font)
    axis.setTicks([[(i + 0.5, name) for i, name in enumerate(class_names)], []])
    metrics = QFontMetrics(font)
    names_width = max(metrics.horizontalAdvance(name) for name in class_names) + 10
    axis.setWidth(names_width)
    panel.extra_width = names_width
    axis.linkToView(panel.view)
    panel.layout.addItem(axis, row=1, col=0)


def set_mosaic(panel: Panel, mosaic: Mosaic) -> None:
    """Re-tile a panel: a new image of the new size, the outlines moved onto it."""
    panel.mosaic = mosaic
    old_image, panel.image = panel.image, make_image(mosaic, panel.cell_width)
    panel.view.addItem(panel.image)
    for outline in [
        *panel.outlines,
        panel.selection,
        *panel.selection_fields,
    ]:  # outlines live on the image
        if outline is not None:
            outline.halo.setParentItem(panel.image)
            outline.core.setParentItem(panel.image)
    for mark in panel.marks:  # so do the what-if marks (deleted with the old image otherwise)
        mark.setParentItem(panel.image)
    panel.view.removeItem(old_image)
    panel.view.setRange(
        xRange=(0, mosaic.width * panel.cell_width), yRange=(0, mosaic.height), padding=0.02
    )
    if panel.values is not None:
        show_values(panel, panel.values, panel.levels)
    else:
        panel.image.setVisible(False)


def paints_nothing(*items: QGraphicsItem) -> None:
    """Mark containers that draw nothing themselves (layouts, labels' frames, borderless
    views) so that the scene skips them when it paints: it asks every item with contents for
    its bounding rectangle on each paint, and pyqtgraph's are Python (a quarter of the panels'
    paint time with 60 such items)."""
    for item in items:
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)


# ---- painting -------------------------------------------------------------------------------
def show_values(panel: Panel, values: np.ndarray, levels: Levels) -> None:
    """Draw `values` (the panel's layer, any shape of the right size) with `levels`."""
    table = argb_table(panel.colormap_name)
    indices = colour_indices(values, levels, len(table))
    # One fancy-indexed write: each value's colour lands on its mosaic pixel.
    np.put(panel.image.pixels, panel.mosaic.destination, table[indices])
    _record_shown(panel, values, levels)


def _record_shown(panel: Panel, values: np.ndarray, levels: Levels) -> None:
    """What show_values does after writing the pixels: remember, re-label, repaint."""
    panel.values = values
    if levels != panel.levels:
        panel.levels = levels
        set_colorbar_levels(panel, levels)
    panel.image.pixels_changed()
    if not panel.image.isVisible():
        panel.image.setVisible(True)


class ColourPass:
    """`show_values` for several panels at once, as one pass over all their values.

    Per panel, mapping a layer costs seven numpy calls whatever its size, and the whole trace
    is ~9,000 values: one pass over the concatenated values with per-value limits and one
    table holding every panel's colours costs the calls of one panel. The pixels are the same
    as show_values's (the same float32 steps, value by value); what stays per panel is writing
    its pixels and asking for its repaint."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._images: list[MosaicImage] = []  # the key's ids stay theirs while held here

    def show(self, shown: list[tuple[Panel, np.ndarray, Levels]]) -> None:
        if not shown:
            return
        key = tuple(
            (id(panel.image), panel.colormap_name, values.size, levels)
            for panel, values, levels in shown
        )
        if key != self._key:
            self._prepare(shown, key)
        scaled = self._scaled
        np.subtract(
            np.concatenate([values.ravel() for _, values, _ in shown]),
            self._low,
            out=scaled,
            dtype=np.float32,
        )
        scaled *= self._factor
        np.fmax(scaled, 0, out=scaled)  # NaN → 0, as colour_indices
        np.fmin(scaled, self._top, out=scaled)
        indices = scaled.astype(np.intp)
        indices += self._table_start
        colours = self._table[indices]
        for (panel, values, levels), (start, stop) in zip(shown, self._bounds, strict=True):
            panel.image.pixels.put(panel.mosaic.destination, colours[start:stop])
            _record_shown(panel, values, levels)

    def _prepare(self, shown: list[tuple[Panel, np.ndarray, Levels]], key: tuple) -> None:
        """Per-value limits, scale factors and table offsets for this set of panels."""
        names = sorted({panel.colormap_name for panel, _, _ in shown})
        tables = [argb_table(name) for name in names]
        table_starts = np.cumsum([0] + [len(t) for t in tables])
        low, factor, top, start, bounds, offset = [], [], [], [], [], 0
        for panel, values, (lo, hi) in shown:
            which = names.index(panel.colormap_name)
            size = len(tables[which])
            span = (hi - lo) or 1.0  # as colour_indices
            n = values.size
            low.append(np.full(n, lo, np.float32))
            factor.append(np.full(n, size / span, np.float32))
            top.append(np.full(n, size - 1, np.float32))
            start.append(np.full(n, table_starts[which], np.intp))
            bounds.append((offset, offset + n))
            offset += n
        # (Never empty: show() returns first when there is no panel.)
        self._table = np.concatenate(tables)
        self._low = np.concatenate(low)
        self._factor = np.concatenate(factor)
        self._top = np.concatenate(top)
        self._table_start = np.concatenate(start)
        self._scaled = np.empty(offset, np.float32)
        self._bounds = bounds
        self._images = [panel.image for panel, _, _ in shown]
        self._key = key


def hide_values(panel: Panel) -> None:
    panel.values = None
    panel.image.setVisible(False)


def auto_levels(panel: Panel, values: np.ndarray) -> Levels:
    """This frame's range, rounded outwards to a step of ~1/20 of its span: the colour bar
    then reads cleanly and is only re-labelled when the range really moves (re-labelling 8
    bars costs ~3 ms a frame). The input keeps its fixed limits."""
    if panel.kind == INPUT_PANEL:
        return panel.fixed_levels
    lo, hi = range_levels(values)
    span = hi - lo
    if span < 1e-6:
        return lo, lo + 1e-6
    step = 10.0 ** math.floor(math.log10(span / 20))
    return math.floor(lo / step) * step, math.ceil(hi / step) * step


def set_colorbar_levels(panel: Panel, levels: Levels) -> None:
    """The bar's limits and its end labels. Where the column (once laid out) is too narrow
    for the two end labels would not fit side by side (classic LeNet's fc1 strip: "-1.71.7")
    one centred label says both: "±1.7" for symmetric limits, else "-0.2 … 3.4"."""
    lo, hi = levels
    panel.colorbar.setLevels(values=(lo, hi), update_items=False)
    panel.colorbar_levels = (lo, hi)
    ticks = [(lo, tick_label(lo)), (hi, tick_label(hi))]
    if panel.kind == FILTERS:  # diverging: show where zero (the centre colour) is
        ticks.insert(1, (0.0, "0"))
    elif panel.column_width is not None and not _end_labels_fit(panel, ticks, panel.column_width):
        if abs(lo + hi) <= 1e-9 * max(abs(lo), abs(hi), 1.0):
            ticks = [(0.0, "±" + tick_label(hi))]
        else:
            ticks = [((lo + hi) / 2, f"{tick_label(lo)} … {tick_label(hi)}")]
    panel.colorbar.getAxis("bottom").setTicks([ticks, []])


def fit_colorbar_labels(panel: Panel, width: float) -> None:
    """Choose the bar's labels again for a column now `width` pixels wide."""
    panel.column_width = width
    if panel.colorbar_levels is not None:
        set_colorbar_levels(panel, panel.colorbar_levels)


def _end_labels_fit(panel: Panel, ticks: list[tuple[float, str]], width: float) -> bool:
    axis = panel.colorbar.getAxis("bottom")
    metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
    labels = sum(metrics.horizontalAdvance(text) for _, text in ticks)
    # Each end label is centred on its end of the bar: half of each sticks out (into the
    # margins); they collide when their inner halves overlap.
    return labels / 2 + 4 <= width - 2 * colourbar_margin()


def colourbar_margin() -> int:
    """Pixels beside a colour bar for half an end label, at the zoom's type size."""
    return round(COLOURBAR_MARGIN * zoom.factor())
