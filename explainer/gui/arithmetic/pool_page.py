"""The pooling page: the window over the map pooled, with the max marked (or the sum and mean)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explainer.core.arithmetic import PoolUnitResult
from explainer.gui.arithmetic.widgets import MapView, NumberGrid, ResultPage, SummaryRow
from explainer.gui.colormaps import ACTIVATION_MAP, range_levels
from explainer.gui.i18n import tr_args
from explainer.gui.names import layer_name

if TYPE_CHECKING:
    from explainer.core.config import LayerSpec
    from explainer.core.trace import Trace


class PoolPage(ResultPage):
    """The pooling window as a grid of its values, under the limits of the map it comes from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_caption = QLabel()
        self.window_grid = NumberGrid("window_grid", cell_width=70)
        self.pool_note = QLabel(objectName="pool_note")
        self.pool_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.window_caption)
        layout.addWidget(self.window_grid)
        layout.addWidget(self.pool_note)
        layout.addStretch(1)
        self.retranslate()

    def show_result(
        self, trace: Trace, result: PoolUnitResult, source: LayerSpec, input_map: MapView
    ) -> tuple[list[SummaryRow], str | None]:
        source_values = np.asarray(trace[source.name], dtype=np.float64)
        levels = range_levels(source_values)
        input_map.set_values(source_values[result.channel], levels, ACTIVATION_MAP)
        input_map.set_outline((result.top, result.left, *result.size))
        input_map.title.setText(
            tr_args(self.tr("%1[%2]: window"), layer_name(source.name), result.channel)
        )
        self.window_grid.set_values(
            result.window, levels, ACTIVATION_MAP, marked=result.winner_in_window, decimals=4
        )
        h, w = result.size
        self.window_caption.setText(
            tr_args(
                self.tr("%1×%2 window of %3, stride %4"),
                h,
                w,
                layer_name(source.name),
                result.stride[0],
            )
        )
        count = result.window.size
        rows: list[SummaryRow] = []
        if result.kind == "max":
            row, col = result.winner  # type: ignore[misc]
            self.pool_note.setText(
                tr_args(
                    self.tr("The largest of the %1 values (marked) is kept: input row %2, col %3."),
                    count,
                    row,
                    col,
                )
            )
            rows.append(("value", tr_args(self.tr("max of the %1 values →"), count), result.value))
        else:
            self.pool_note.setText(
                tr_args(self.tr("Average pooling: the mean of the %1 values."), count)
            )
            rows.append(("sum", tr_args(self.tr("Σ of the %1 values"), count), result.total))
            rows.append(("value", tr_args(self.tr("mean = Σ / %1 →"), count), result.value))
        return rows + self.network_rows(result.network_value), None
