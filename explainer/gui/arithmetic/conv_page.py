"""The convolution page: the patch under the kernel, the kernel and their products, one input
channel at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from explainer.core.arithmetic import ConvUnitResult
from explainer.core.config import INPUT
from explainer.gui.arithmetic.widgets import MapView, NumberGrid, ResultPage, SummaryRow
from explainer.gui.colormaps import (
    ACTIVATION_MAP,
    INPUT_MAP,
    WEIGHT_MAP,
    range_levels,
    symmetric_levels,
)
from explainer.gui.i18n import tr_args
from explainer.gui.names import layer_name
from explainer.gui.numbers import number
from explainer.gui.zoom import RelativeFont

if TYPE_CHECKING:
    from explainer.core.config import LayerSpec
    from explainer.core.trace import Trace


class ConvPage(ResultPage):
    """One input channel at a time (picked with a combo): patch ⊙ kernel = products, their sum;
    the summary adds the channel sums, the bias and the activation.

    A kernel weight can be typed (double-click): `weightEdited(in_channel, row, col, value)`;
    `edits` ((in_channel, row, col) → original value, set by the owner before `show_result`)
    marks the edited ones, and "Reset weights" (`resetWeightsRequested`) is offered while any
    weight of the network is edited (`any_edited`)."""

    channelPicked = Signal(int)  # noqa: N815 (Qt naming)
    weightEdited = Signal(int, int, int, float)  # noqa: N815
    resetWeightsRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel_label = QLabel()
        self.channel_combo = QComboBox(objectName="input_channel")
        self.channel_combo.currentIndexChanged.connect(self.channelPicked)
        self.channel_hint = QLabel()
        self.channel_hint.setWordWrap(True)
        self.patch_grid = NumberGrid("patch_grid")
        self.kernel_grid = NumberGrid("kernel_grid")
        self.kernel_grid.set_editable(True)
        self.kernel_grid.valueEdited.connect(
            lambda row, col, value: self.weightEdited.emit(self._channel, row, col, value)
        )
        self.edits: dict[tuple[int, int, int], float] = {}
        self.any_edited = False
        self._channel = 0
        self.edit_hint = QLabel(objectName="kernel_edit_hint")
        self.edit_hint.setWordWrap(True)
        self.edit_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.reset_weights_button = QPushButton(objectName="reset_weights")
        self.reset_weights_button.clicked.connect(self.resetWeightsRequested)
        self.products_grid = NumberGrid("products_grid")
        self.patch_caption = QLabel()
        self.kernel_caption = QLabel()
        self.products_caption = QLabel()
        self.channel_sum_label = QLabel(objectName="channel_sum")
        grids = QGridLayout()
        grids.setHorizontalSpacing(4)
        for column, (caption, grid) in enumerate(
            (
                (self.patch_caption, self.patch_grid),
                (None, QLabel("⊙")),
                (self.kernel_caption, self.kernel_grid),
                (None, QLabel("=")),
                (self.products_caption, self.products_grid),
            )
        ):
            if caption is not None:
                grids.addWidget(caption, 0, column, Qt.AlignmentFlag.AlignHCenter)
            else:
                RelativeFont(grid, 1.6)
            grids.addWidget(grid, 1, column, Qt.AlignmentFlag.AlignCenter)
        grids.addWidget(self.channel_sum_label, 2, 4, Qt.AlignmentFlag.AlignHCenter)
        # The hint may wrap but never widens the page: the grids set its width.
        self.channel_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        channel_row = QHBoxLayout()
        channel_row.addWidget(self.channel_label)
        channel_row.addWidget(self.channel_combo)
        channel_row.addWidget(self.channel_hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(channel_row)
        layout.addLayout(grids)
        self.normalisation_hint = QLabel(objectName="normalisation_hint")
        self.normalisation_hint.setWordWrap(True)
        self.normalisation_hint.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        layout.addWidget(self.normalisation_hint)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.edit_hint, 1)
        edit_row.addWidget(self.reset_weights_button)
        layout.addLayout(edit_row)
        layout.addStretch(1)
        self.retranslate()

    def pick_channel(self, channel: int) -> None:
        self.channel_combo.setCurrentIndex(channel)

    def _shown_input_channel(self, channels: int) -> int:
        index = self.channel_combo.currentIndex()
        return index if 0 <= index < channels else 0

    def show_result(
        self, trace: Trace, result: ConvUnitResult, source: LayerSpec, input_map: MapView
    ) -> tuple[list[SummaryRow], str | None]:
        channels = len(result.channels)
        if self.channel_combo.count() != channels:
            self.channel_combo.blockSignals(True)
            self.channel_combo.clear()
            self.channel_combo.addItems([str(c) for c in range(channels)])
            self.channel_combo.blockSignals(False)
        channel = self._shown_input_channel(channels)
        self._channel = channel
        for widget in (self.channel_label, self.channel_combo, self.channel_hint):
            widget.setVisible(channels > 1)  # conv1 reads one channel: nothing to pick
        self.channel_hint.setText(
            tr_args(
                self.tr("of %1: one kernel and one sum each; the sums add up (right)"), channels
            )
            if channels > 1
            else ""
        )
        step = result.channels[channel]
        self._explain_normalisation(source)
        source_values = np.asarray(trace[source.name], dtype=np.float64)
        source_levels = range_levels(source_values)
        cmap = INPUT_MAP if source.kind == INPUT else ACTIVATION_MAP
        input_map.set_values(source_values[channel], source_levels, cmap)
        fh, fw = result.kernel_shape
        input_map.set_outline((result.top, result.left, fh, fw))
        input_map.title.setText(
            tr_args(self.tr("%1[%2]: window"), layer_name(source.name), channel)
        )
        weights = np.stack([s.kernel for s in result.channels])
        products = np.stack([s.products for s in result.channels])
        self.patch_grid.set_values(step.patch, source_levels, cmap, padding=step.is_padding)
        edited_here = {(r, c): v for (ch, r, c), v in self.edits.items() if ch == channel}
        self.kernel_grid.set_values(
            step.kernel, symmetric_levels(weights, nice=False), WEIGHT_MAP, edited=edited_here
        )
        self.products_grid.set_values(
            step.products, symmetric_levels(products, nice=False), WEIGHT_MAP
        )
        self.patch_caption.setText(tr_args(self.tr("patch (%1)"), layer_name(source.name)))
        kernel = tr_args(
            self.tr("kernel %1[%2]"), result.layer, f"{result.filter_index}, {channel}"
        )
        self.kernel_caption.setText(
            tr_args(self.tr("%1 (edited)"), kernel) if edited_here else kernel
        )
        self.reset_weights_button.setVisible(self.any_edited)
        self.channel_sum_label.setText(tr_args(self.tr("Σ = %1"), number(step.sum)))

        rows: list[SummaryRow] = []
        if channels == 1:
            count = step.products.size
            template = (
                self.tr("Σ of the %1 product") if count == 1 else self.tr("Σ of the %1 products")
            )
            rows.append(("sum:0", tr_args(template, count), step.sum))
        else:
            for s in result.channels:
                rows.append(
                    (f"sum:{s.channel}", tr_args(self.tr("Σ channel %1"), s.channel), s.sum)
                )
            rows.append(
                (
                    "total",
                    tr_args(self.tr("total of the %1 channel sums"), channels),
                    result.total,
                )
            )
        rows += self.tail_rows(
            result.bias,
            result.pre_activation,
            result.activation,
            result.value,
            result.network_value,
        )
        return rows, f"sum:{channel}" if channels > 1 else None

    def _explain_normalisation(self, source: LayerSpec) -> None:
        """conv1 reads the *normalised* input: say why its numbers are 2.8 and −0.42, not 0..1."""
        config = self.config
        if source.kind != INPUT or config is None:
            self.normalisation_hint.hide()
            return
        mean, std = config.norm_mean, config.norm_std
        self.normalisation_hint.setText(
            tr_args(
                self.tr(
                    "The network input is normalised: (pixel − %1) / %2, with pixels 0 (paper) "
                    "to 1 (ink). So paper is %3 and full ink %4."
                ),
                number(mean),
                number(std),
                number((0.0 - mean) / std),
                number((1.0 - mean) / std),
            )
        )
        self.normalisation_hint.show()

    def retranslate(self) -> None:
        self.edit_hint.setText(
            self.tr("Double-click a kernel weight to type another value: the network uses it.")
        )
        self.reset_weights_button.setText(self.tr("Reset weights"))
        self.reset_weights_button.setToolTip(
            self.tr("Put every edited weight back to the model's own value")
        )
        self.channel_label.setText(self.tr("Input channel"))
        self.products_caption.setText(self.tr("products"))
