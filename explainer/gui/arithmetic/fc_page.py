"""The fully connected page: a unit's largest contributions as a sorted bar chart, then the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from explainer.core.arithmetic import FcUnitResult
from explainer.gui import zoom
from explainer.gui.arithmetic.widgets import MapView, ResultPage, SummaryRow, as_grid
from explainer.gui.colormaps import ACTIVATION_MAP, range_levels
from explainer.gui.i18n import tr_args
from explainer.gui.names import layer_name
from explainer.gui.numbers import localise_axis, number

if TYPE_CHECKING:
    from explainer.core.config import LayerSpec
    from explainer.core.trace import Trace

POSITIVE_BAR = (178, 24, 43)  # red/blue ends of a blue–white–red map: colour-blind safe pair
NEGATIVE_BAR = (33, 102, 172)
TOP_CONTRIBUTIONS = 12
TEXT_COLOUR = "#202020"


def product_text(value: float, weight: float) -> str:
    """ "10,3513 × (−0,1164)": input × weight as arithmetic writes it, a negative second factor
    in parentheses and true minus signs ("= 10,3513×-0,1164" read as an equation)."""

    def signed(x: float) -> str:
        return number(x).replace("-", "−", 1) if x < 0 else number(x)

    second = f"({signed(weight)})" if weight < 0 else signed(weight)
    return f"{signed(value)} × {second}"


class FcPage(ResultPage):
    """The TOP_CONTRIBUTIONS largest |input × weight| of the unit, largest first; the input map
    shows the whole layer it reads as a near-square grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = pg.PlotWidget(objectName="contributions_chart")
        self.chart.setBackground("w")
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(False, False)
        self.chart.hideButtons()
        self.chart.showGrid(x=True, y=False, alpha=0.3)
        self.chart.getPlotItem().invertY(True)
        self.chart.addLine(x=0, pen=pg.mkPen("#404040"))
        self._title = ""
        self._fit_height()
        zoom.notifier.changed.connect(self._fit_height)
        localise_axis(self.chart.getPlotItem().getAxis("bottom"))  # 0,2 in Portuguese
        for side in ("left", "bottom"):  # pyqtgraph's default light grey is unreadable on white
            axis = self.chart.getPlotItem().getAxis(side)
            axis.setTextPen(pg.mkPen(TEXT_COLOUR))
            axis.setPen(pg.mkPen("#606060"))
        self.bars: pg.BarGraphItem | None = None
        self.contribution_labels: list[str] = []
        self.contribution_values: np.ndarray = np.zeros(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart)
        self.retranslate()

    def _fit_height(self, _factor: float | None = None) -> None:
        # A line per bar's label, plus the title and the axis: at 140 % the 12 labels were
        # drawn over each other in a chart of 100 % height (a dock too short now scrolls).
        line = QFontMetrics(QApplication.font()).height()  # the axis's (the app font, zoomed)
        self.chart.setMinimumSize(200, max(120, round((TOP_CONTRIBUTIONS + 2.5) * line)))
        self._show_title()

    def _show_title(self) -> None:
        if self._title:
            size = f"{9 * zoom.factor():.1f}pt"
            self.chart.getPlotItem().setTitle(self._title, size=size, color=TEXT_COLOUR)

    def show_result(
        self, trace: Trace, result: FcUnitResult, source: LayerSpec, input_map: MapView
    ) -> tuple[list[SummaryRow], str | None]:
        input_map.set_outline(None)
        top = result.top_contributions(TOP_CONTRIBUTIONS)
        # Largest |product| first, drawn top-down.
        values = np.array([c.product for c in top])
        labels = [c.label for c in top]
        self.contribution_values, self.contribution_labels = values, labels
        plot = self.chart.getPlotItem()
        if self.bars is not None:
            plot.removeItem(self.bars)
        brushes = [pg.mkBrush(*(POSITIVE_BAR if v >= 0 else NEGATIVE_BAR)) for v in values]
        self.bars = pg.BarGraphItem(
            x0=0, y=np.arange(len(values)), height=0.7, width=values, brushes=brushes, pen=None
        )
        plot.addItem(self.bars)
        axis = plot.getAxis("left")
        axis.setTicks(
            [
                [
                    (i, f"{label}: {product_text(c.input, c.weight)}")
                    for i, (label, c) in enumerate(zip(labels, top, strict=True))
                ]
            ]
        )
        self._title = tr_args(
            self.tr("the %1 largest |input × weight| of %2 (either sign)"),
            len(top),
            result.products.size,
        )
        self._show_title()
        limit = float(np.max(np.abs(values))) if values.size else 1.0
        plot.setXRange(
            min(0.0, float(values.min(initial=0))) - 0.05 * limit,
            max(0.0, float(values.max(initial=0))) + 0.05 * limit,
            padding=0,
        )
        plot.setYRange(-0.6, len(values) - 0.4, padding=0)

        if source.name in trace:
            values_in = np.asarray(trace[source.name], dtype=np.float64).reshape(-1)
            input_map.set_values(as_grid(values_in), range_levels(values_in), ACTIVATION_MAP)
            input_map.title.setText(
                tr_args(self.tr("%1: the %2 inputs"), layer_name(source.name), values_in.size)
            )
        shown = float(values.sum())
        count, rest = result.products.size, result.products.size - len(top)
        rows: list[SummaryRow] = [
            (
                "top_sum",
                tr_args(self.tr("Σ of the %1 products in the chart"), len(top)),
                shown,
            ),
            ("rest_sum", tr_args(self.tr("+ Σ of the other %1"), rest), result.total - shown),
            ("total", tr_args(self.tr("= Σ of all %1 products"), count), result.total),
        ]
        rows += self.tail_rows(
            result.bias,
            result.pre_activation,
            result.activation,
            result.value,
            result.network_value,
        )
        return rows, None
