"""The Training panel's curves: the training loss of every step (raw and smoothed) and the
held-out loss and accuracy of every snapshot, on two small pyqtgraph plots with a cursor at the
snapshot the slider shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer

from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.numbers import localise_axis

TRAIN_COLOUR = (0, 114, 178)  # Okabe–Ito blue
TRAIN_RAW_COLOUR = (0, 114, 178, 60)
HELDOUT_COLOUR = (213, 94, 0)  # Okabe–Ito vermillion
CURSOR_COLOUR = (120, 120, 120)
# The cursor follows a little later: repainting the plots is not worth delaying the network
# panels for (a scrub then reaches the panels' paint first).
CURSOR_DELAY_MS = 60


class TrainingCurves(Retranslatable, pg.GraphicsLayoutWidget):
    """Loss (training per step, held-out per snapshot) beside held-out accuracy."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("train_curves")
        self.setBackground("w")
        self.setMinimumHeight(150)
        self.loss_plot = self.addPlot(row=0, col=0)
        self.accuracy_plot = self.addPlot(row=0, col=1)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setMenuEnabled(False)
            plot.getViewBox().setMouseEnabled(x=False, y=False)
            # Training starts at epoch 0: a run's first points alone were centred on a range
            # from -50 to 50 epochs.
            plot.setLimits(xMin=0)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setTextPen("#202020")
                plot.getAxis(axis).setPen("#808080")
                plot.getAxis(axis).enableAutoSIPrefix(False)  # "epoch (x0.001)" misleads
                localise_axis(plot.getAxis(axis))  # 0,2 in Portuguese
        self.train_raw = self.loss_plot.plot(pen=pg.mkPen(TRAIN_RAW_COLOUR, width=1))
        self.train = self.loss_plot.plot(pen=pg.mkPen(TRAIN_COLOUR, width=2), antialias=True)
        marks = {"symbol": "o", "symbolSize": 5, "symbolBrush": HELDOUT_COLOUR, "symbolPen": None}
        self.heldout = self.loss_plot.plot(pen=pg.mkPen(HELDOUT_COLOUR, width=2), **marks)
        self.accuracy = self.accuracy_plot.plot(pen=pg.mkPen(HELDOUT_COLOUR, width=2), **marks)
        # In percent, as the timeline beside it writes it ("accuracy 82.6%"), not 0.826.
        self.accuracy_plot.setYRange(0, 100, padding=0.02)
        dashed = pg.mkPen(CURSOR_COLOUR, width=1, style=Qt.PenStyle.DashLine)
        self.cursors = [pg.InfiniteLine(angle=90, pen=dashed) for _ in range(2)]
        for plot, cursor in zip((self.loss_plot, self.accuracy_plot), self.cursors, strict=True):
            plot.addItem(cursor, ignoreBounds=True)
            cursor.hide()
        self._cursor_epoch: float | None = None
        self._cursor_timer = QTimer(self, singleShot=True, interval=CURSOR_DELAY_MS)
        self._cursor_timer.timeout.connect(self._move_cursors)
        self.retranslate()

    def clear_curves(self) -> None:
        # Not `clear`: GraphicsLayoutWidget sets its layout's clear() on each instance, which
        # took the method's place and emptied the widget (both plots gone for good).
        for curve in (self.train_raw, self.train, self.heldout, self.accuracy):
            curve.setData([], [])

    def show_run(
        self,
        step_epochs: Sequence[float],
        step_losses: Sequence[float],
        snapshots: Sequence[Any],
        smooth: bool = True,
    ) -> None:
        """The training loss at each step (raw, and its running mean when `smooth`; a loaded
        timeline's per-snapshot means are drawn as they are) and the snapshots' held-out
        numbers."""
        if len(step_losses):
            epochs, losses = np.asarray(step_epochs), np.asarray(step_losses)
            if smooth:
                self.train_raw.setData(epochs, losses)
                self.train.setData(epochs, smoothed(losses))
            else:
                self.train.setData(epochs, losses)
        points = [s for s in snapshots if s.heldout_loss is not None]
        if points:
            x = [s.epoch for s in points]
            self.heldout.setData(x, [s.heldout_loss for s in points])
            self.accuracy.setData(x, [100 * s.heldout_accuracy for s in points])

    def set_cursor(self, epoch: float | None) -> None:
        """Mark the shown snapshot (None: no mark), a moment later."""
        self._cursor_epoch = epoch
        if not self._cursor_timer.isActive():
            self._cursor_timer.start()

    def _move_cursors(self) -> None:
        for cursor in self.cursors:
            if self._cursor_epoch is None:
                cursor.hide()
            else:
                cursor.setValue(self._cursor_epoch)
                cursor.show()

    def retranslate(self) -> None:
        self.loss_plot.setTitle(
            tr_args(
                self.tr("Loss: %1 training (per step) %2 held-out"),
                legend_mark(TRAIN_COLOUR),
                legend_mark(HELDOUT_COLOUR),
            ),
            color="#202020",
            size="10pt",
        )
        self.accuracy_plot.setTitle(self.tr("Held-out accuracy (%)"), color="#202020", size="10pt")
        self.loss_plot.setLabel("bottom", self.tr("epoch"))
        self.accuracy_plot.setLabel("bottom", self.tr("epoch"))


def legend_mark(colour: tuple[int, ...]) -> str:
    red, green, blue = colour[:3]
    return f'<span style="color: rgb({red}, {green}, {blue}); font-weight: bold">━━</span>'


def smoothed(values: np.ndarray, keep: float = 0.9) -> np.ndarray:
    """Exponential moving average, bias-corrected at the start (as Adam's moments are)."""
    out = np.empty(len(values))
    average = 0.0
    for i, value in enumerate(values):
        average = keep * average + (1 - keep) * value
        out[i] = average / (1 - keep ** (i + 1))
    return out
