"""What the network really sees: the drawing cut to its ink, shrunk MNIST-style to 28×28 and
padded to the 32×32 input; the bounding box and centre-of-mass step shown on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from explainer.gui.canvas import grey_levels
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.numbers import decimal

if TYPE_CHECKING:
    from explainer.core.preprocess import Preprocessed
    from explainer.state import SessionState

TILE_SIZE = 88  # logical pixels: 2.75 screen pixels per input pixel at 32×32
OVERLAY_COLOUR = QColor(255, 140, 0)  # orange: visible on black and white, and for red–green CVD
BORDER_PEN = QPen(QColor(120, 120, 120), 1)
_GREY_WORDS = np.arange(256, dtype=np.uint32) * np.uint32(0x010101) | np.uint32(0xFF000000)


def grey_rgb32_image(array: np.ndarray) -> QImage:
    """float [0, 1] (rows, cols) → an RGB32 QImage of those greys that owns its pixels. RGB32,
    the backing store's format: Qt draws a Grayscale8 image by converting it first (setting
    and painting a 32×32 tile took 30 µs, now 17 µs)."""
    words = _GREY_WORDS[grey_levels(array)]  # a new C-contiguous array
    rows, cols = words.shape
    return QImage(words.data, cols, rows, 4 * cols, QImage.Format.Format_RGB32).copy()


class ImageTile(QWidget):
    """A small grayscale array painted with square pixels (no smoothing), ink white on black,
    with optional overlays given in array coordinates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._array: np.ndarray | None = None
        self._image: QImage | None = None  # made from _array when painted (hidden: never)
        self._shape = (1, 1)
        self.rects: list[tuple[float, float, float, float]] = []  # (row0, col0, row1, col1)
        self.cross: tuple[float, float] | None = None  # (row, col) pixel centre
        self.setFixedSize(TILE_SIZE, TILE_SIZE)
        self.setAutoFillBackground(True)  # opaque: each frame repaints it alone

    def set_array(self, array: np.ndarray | None) -> None:
        self._array, self._image = array, None
        if array is not None:
            self._shape = array.shape
        self.update()

    def image(self) -> QImage | None:
        """What the tile shows (made now if it has not been painted since the last array)."""
        if self._image is None and self._array is not None:
            self._image = grey_rgb32_image(self._array)
        return self._image

    def image_rect(self) -> QRectF:
        rows, cols = self._shape
        scale = min(self.width() / cols, self.height() / rows)
        width, height = cols * scale, rows * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted on every frame while a digit is drawn: the overlays' pens and antialiasing
        # only when there are overlays (with the steps shown).
        painter = QPainter(self)
        rect = self.image_rect()
        image = self.image()
        if image is not None:
            painter.drawImage(rect, image)  # no smoothing: one square per pixel
        else:
            painter.fillRect(rect, Qt.GlobalColor.black)
        if self.rects or self.cross is not None:
            self._paint_overlays(painter, rect)
        painter.setPen(BORDER_PEN)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()

    def _paint_overlays(self, painter: QPainter, rect: QRectF) -> None:
        rows, cols = self._shape
        sx, sy = rect.width() / cols, rect.height() / rows
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(OVERLAY_COLOUR, 1.5))
        for row0, col0, row1, col1 in self.rects:
            painter.drawRect(
                QRectF(
                    rect.x() + col0 * sx,
                    rect.y() + row0 * sy,
                    (col1 - col0) * sx,
                    (row1 - row0) * sy,
                )
            )
        if self.cross is not None:
            # +0.5: the centre of pixel (r, c) is half a pixel into it.
            centre = QPointF(
                rect.x() + (self.cross[1] + 0.5) * sx, rect.y() + (self.cross[0] + 0.5) * sy
            )
            arm = max(4.0, 1.5 * sx)
            painter.drawLine(centre - QPointF(arm, 0), centre + QPointF(arm, 0))
            painter.drawLine(centre - QPointF(0, arm), centre + QPointF(0, arm))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


class PreprocessView(Retranslatable, QWidget):
    """Three tiles: the ink's bounding box in the drawing (with steps on), the 28×28 MNIST-style
    digit (centre of mass marked with steps on) and the 32×32 network input."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preprocess_view")
        self._preprocessed: Preprocessed | None = None
        self.source_tile = ImageTile(self)
        self.mnist_tile = ImageTile(self)
        self.input_tile = ImageTile(self)
        self.source_caption = QLabel(self)
        self.mnist_caption = QLabel(self)
        self.input_caption = QLabel(self)
        self.status_label = QLabel(self)
        self.explanation_label = QLabel(self)
        self.explanation_label.setObjectName("preprocess_explanation")
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.steps_box = QCheckBox(self)
        self.steps_box.setObjectName("show_steps")
        self.steps_box.toggled.connect(self._on_steps_toggled)
        for caption in (self.source_caption, self.mnist_caption, self.input_caption):
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            # Explicit line breaks in the texts, no word wrap: wrapping in a narrow column
            # clipped words ("networ|k") instead of breaking between them.

        tiles = QHBoxLayout()
        tiles.setContentsMargins(0, 0, 0, 0)
        tiles.setSpacing(8)
        for tile, caption in [
            (self.source_tile, self.source_caption),
            (self.mnist_tile, self.mnist_caption),
            (self.input_tile, self.input_caption),
        ]:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(tile, 0, Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(caption)
            column.addStretch(1)
            tiles.addLayout(column)
        tiles.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tiles)
        layout.addWidget(self.steps_box)
        layout.addWidget(self.status_label)
        layout.addWidget(self.explanation_label)
        self._on_steps_toggled(False)

    # ---- API ------------------------------------------------------------------------------
    @property
    def show_steps(self) -> bool:
        return self.steps_box.isChecked()

    def set_show_steps(self, on: bool) -> None:
        self.steps_box.setChecked(on)

    def bind(self, state: SessionState) -> None:
        """Show each new preprocessing of a session's input."""
        state.trace_changed.connect(lambda _trace: self.set_preprocessed(state.preprocessed))

    def set_preprocessed(self, preprocessed: Preprocessed | None) -> None:
        """Show new stages: on every frame while a digit is drawn. A tile converts its array
        only when it is painted (the ink-box tile is hidden unless the steps are shown), and
        only the texts that depend on the stages are set again."""
        size_before = self._input_size()
        self._preprocessed = preprocessed
        if preprocessed is None:
            for tile in (self.source_tile, self.mnist_tile, self.input_tile):
                tile.set_array(None)
        else:
            self.source_tile.set_array(preprocessed.source)
            self.mnist_tile.set_array(preprocessed.mnist28)
            self.input_tile.set_array(preprocessed.padded)
        self._update_overlays()
        if self._input_size() != size_before:
            self.retranslate()
        else:
            self._update_status()

    def _input_size(self) -> int:
        return self._preprocessed.padded.shape[0] if self._preprocessed is not None else 32

    # ---- internals ------------------------------------------------------------------------
    def _on_steps_toggled(self, on: bool) -> None:
        self.source_tile.setVisible(on)
        self.source_caption.setVisible(on)
        self._update_overlays()
        self.retranslate()

    def _update_overlays(self) -> None:
        pre, on = self._preprocessed, self.show_steps
        for tile in (self.source_tile, self.mnist_tile, self.input_tile):
            tile.rects, tile.cross = [], None
        if pre is not None and on:
            if pre.bbox is not None:
                self.source_tile.rects = [tuple(float(v) for v in pre.bbox)]
                self.mnist_tile.cross = pre.center_of_mass
            size = pre.padded.shape[0]
            if size > pre.mnist28.shape[0]:  # where the 28×28 field sits inside the padding
                margin = (size - pre.mnist28.shape[0]) // 2
                self.input_tile.rects = [(margin, margin, size - margin, size - margin)]
        for tile in (self.source_tile, self.mnist_tile, self.input_tile):
            tile.update()

    def retranslate(self) -> None:
        self.source_caption.setText(self.tr("Ink bounding\nbox"))
        self.mnist_caption.setText(self.tr("28×28\ndownsampled"))
        self.input_caption.setText(tr_args(self.tr("%1×%1\nnetwork input"), self._input_size()))
        self.steps_box.setText(self.tr("Show ink box and centre of mass"))
        self.explanation_label.setText(
            self.tr(
                "Before the network sees your drawing, it is prepared like the MNIST digits the "
                "network learned from: cut to its ink, shrunk to fit a 20×20 box, placed so that "
                "its centre of mass is at the centre of a 28×28 field, then padded to the "
                "network's input size."
            )
        )
        self._update_status()

    def _update_status(self) -> None:
        pre = self._preprocessed
        if pre is not None and pre.empty:
            self.status_label.setText(self.tr("No ink yet: draw a digit."))
        elif pre is not None and self.show_steps:
            row, col = pre.center_of_mass
            self.status_label.setText(
                tr_args(
                    self.tr("Centre of mass at row %1, column %2"), decimal(row, 1), decimal(col, 1)
                )
            )
        else:
            self.status_label.setText("")
        self.status_label.setVisible(bool(self.status_label.text()))
