"""The drawing canvas: mouse, pen tablet and touch; brush, eraser, undo/redo of strokes.

The picture is kept as ink (0 = paper, 255 = ink), the way MNIST stores digits, and painted
inverted so that it looks like dark ink on white paper to the person drawing.

Per mouse move the canvas notes one segment and repaints only the widget pixels it covers; the
segments are drawn into the picture when it is next read or painted, so moves that queue up
while the window is busy (a 1000 Hz pen) cost little each, and one painter draws them all.
The ink lives in an RGB32 image (r = g = b): Qt's raster engine draws an antialiased segment
there ~9× faster than into Grayscale8, and the grey levels are bit-for-bit the same (every
channel is blended alike; `ink_array` reads one of them). Undo snapshots stay Grayscale8
(a quarter of the memory).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from explainer.core.inputs import InputSource

CANVAS_SIZE = 280  # image pixels: 10× MNIST's 28, a comfortable size to draw a digit with a mouse
DEFAULT_BRUSH = 22  # a 200-px-tall digit drawn with it has MNIST's stroke-to-height ratio
MIN_BRUSH, MAX_BRUSH = 4, 60
INK, PAPER = 255, 0
# Each undo step keeps two 280×280 snapshots (~157 kB): unbounded, a 10-minute drawing session
# grew by ~145 MB (bench/memory.py). 50 steps cap the history at ~8 MB.
UNDO_LIMIT = 50


GRAY = QImage.Format.Format_Grayscale8
WORKING = QImage.Format.Format_RGB32  # the ink while drawing: r = g = b = the grey level


def image_to_array(image: QImage) -> np.ndarray:
    """A Grayscale8 QImage → float32 (rows, cols) in [0, 1] (a copy; pyqtgraph's converter)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return pg.functions.ndarray_from_qimage(gray).astype(np.float32) / np.float32(255.0)


def grey_levels(array: np.ndarray) -> np.ndarray:
    """float [0, 1] → uint8 0..255, rounded: the greys every image made from an array shows."""
    return np.clip(array * 255.0 + 0.5, 0, 255).astype(np.uint8)


def array_to_image(array: np.ndarray) -> QImage:
    """float [0, 1] (rows, cols) → a Grayscale8 QImage that owns its pixels."""
    pixels = np.ascontiguousarray(grey_levels(array))
    return pg.functions.ndarray_to_qimage(pixels, QImage.Format.Format_Grayscale8).copy()


# (canvas image, loaded picture or None, what is known of that picture or None)
Snapshot = tuple[QImage, "np.ndarray | None", "InputSource | None"]


class _ReplaceImage(QUndoCommand):
    """One undo step: a stroke, a clear or a loaded picture; both states are kept (77 kB each)."""

    def __init__(self, canvas: DrawingCanvas, before: Snapshot, after: Snapshot, text: str) -> None:
        super().__init__(text)
        self._canvas, self._before, self._after = canvas, before, after
        self._applied = True  # the change is already on the canvas when it is pushed

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._canvas._set_image(*self._after)

    def undo(self) -> None:
        self._canvas._set_image(*self._before)


class DrawingCanvas(QWidget):
    """Draw with the left button (or pen, or a finger); erase with the right button or the
    eraser tool (or the pen's eraser end).

    `imageChanged` says that the drawing changed since it was last read (`input_array`,
    `ink_array`), also while a stroke is being drawn: moves between two reads are one signal.
    Listeners read the drawing when they are ready (the main window once per frame).
    """

    imageChanged = Signal()
    strokeFinished = Signal()
    brushSizeChanged = Signal(int)
    eraserChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self._image = QImage(CANVAS_SIZE, CANVAS_SIZE, WORKING)
        self._image.fill(QColor(PAPER, PAPER, PAPER))
        self._paper: QImage | None = None  # the inverted image shown; None: to be made again
        self._paper_stale: QRect | None = None  # the part of _paper that strokes since changed
        self._pens: dict[tuple[float, bool], QPen] = {}
        self._brush_size = DEFAULT_BRUSH
        self._eraser = False
        # A loaded picture (sample, file, clipboard) as given, until it is drawn on: the
        # network gets it rather than its 280×280 rendering, which a resize would blur.
        self._picture: np.ndarray | None = None
        self._source: InputSource | None = None  # its true label, MNIST form (undone with it)
        self._stroke_before: Snapshot | None = None
        self._stroke_erases = False
        self._last_point: QPointF | None = None
        # Segments of the stroke not drawn into _image yet: (start, end, width, erases).
        self._pending: list[tuple[QPointF, QPointF, float, bool]] = []
        self._change_unread = False  # imageChanged emitted and the drawing not read since
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)  # only allowed while the stack is empty
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(160, 160)
        # As tall as wide: the layout gives any extra height to the widgets below.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # ---- public API --------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(CANVAS_SIZE, CANVAS_SIZE)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def ink_array(self) -> np.ndarray:
        """The drawing as float32 (280, 280), ink = 1 on 0 paper (MNIST's polarity)."""
        # One channel of the RGB32 pixels (they are grey), read in place: no conversion pass.
        self._change_unread = False
        image = self._drawn_image()
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(-1, image.bytesPerLine())
        levels = rows[: image.height(), : 4 * image.width() : 4]
        return levels.astype(np.float32) / np.float32(255.0)

    def _gray_image(self) -> QImage:
        """The drawing as a Grayscale8 image (a copy): what undo snapshots keep."""
        return self._drawn_image().convertToFormat(GRAY)

    def _drawn_image(self) -> QImage:
        """The ink image with every segment so far drawn into it."""
        if self._pending:
            painter = QPainter(self._image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for start, end, width, erases in self._pending:
                painter.setPen(self._pen(width, erases))
                painter.drawLine(QLineF(start, end))
            painter.end()
            self._pending.clear()
        return self._image

    def input_array(self) -> np.ndarray:
        """What the network should read: the loaded picture as given (any size and polarity)
        while it is untouched, else the drawing (ink = 1)."""
        if self._picture is not None:
            self._change_unread = False
            return self._picture.copy()
        return self.ink_array()

    def input_source(self) -> InputSource | None:
        """What is known of the loaded picture while it is untouched (None once drawn on)."""
        return self._source if self._picture is not None else None

    def is_blank(self) -> bool:
        return self._picture is None and not self.ink_array().any()

    def loaded_picture(self) -> np.ndarray | None:
        """The loaded picture as given (a copy) while it is untouched; None for a drawing."""
        return None if self._picture is None else self._picture.copy()

    def set_drawing(self, ink: np.ndarray, text: str | None = None) -> None:
        """Put a drawing on the canvas as if it had been drawn (undoable): `ink` is the
        canvas's size, float [0, 1], ink = 1 on 0 paper (what `ink_array()` returns)."""
        ink = np.asarray(ink, dtype=np.float32)
        if ink.shape != (CANVAS_SIZE, CANVAS_SIZE):
            raise ValueError(f"a drawing is {CANVAS_SIZE}×{CANVAS_SIZE}, found {ink.shape}")
        self._replace(array_to_image(ink), None, None, text or self.tr("Load picture"))

    @property
    def brush_size(self) -> int:
        return self._brush_size

    def set_brush_size(self, size: int) -> None:
        size = int(min(max(size, MIN_BRUSH), MAX_BRUSH))
        if size != self._brush_size:
            self._brush_size = size
            self.brushSizeChanged.emit(size)

    @property
    def eraser(self) -> bool:
        return self._eraser

    def set_eraser(self, on: bool) -> None:
        if on != self._eraser:
            self._eraser = on
            self.eraserChanged.emit(on)

    def clear(self) -> None:
        if self.is_blank():
            return
        blank = QImage(self._image.size(), GRAY)
        blank.fill(PAPER)
        self._replace(blank, None, None, self.tr("Clear"))

    def set_ink_array(
        self,
        ink: np.ndarray,
        text: str | None = None,
        picture: np.ndarray | None = None,
        source: InputSource | None = None,
    ) -> None:
        """Show an ink image [0, 1] (undoable), fitted into the canvas with its aspect ratio
        kept, the margin filled with the picture's own border level. `picture` (default: `ink`)
        is what `input_array()` returns, and `source` what `input_source()` returns, until the
        user draws on it."""
        ink = np.asarray(ink, dtype=np.float32)
        rows, cols = ink.shape
        scale = CANVAS_SIZE / max(rows, cols)
        fitted = array_to_image(ink).scaled(
            max(1, round(cols * scale)),
            max(1, round(rows * scale)),
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        border = np.concatenate([ink[0], ink[-1], ink[:, 0], ink[:, -1]])
        result = QImage(CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
        result.fill(int(round(float(np.median(border)) * 255)))
        painter = QPainter(result)
        painter.drawImage(
            QPoint((CANVAS_SIZE - fitted.width()) // 2, (CANVAS_SIZE - fitted.height()) // 2),
            fitted,
        )
        painter.end()
        given = ink if picture is None else np.asarray(picture, dtype=np.float32)
        self._replace(result, given.copy(), source, text or self.tr("Load picture"))

    # ---- drawing -----------------------------------------------------------------------------
    def _image_rect(self) -> QRectF:
        """Where the square image is shown: the largest centred square in the widget."""
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_image(self, position: QPointF) -> QPointF:
        rect = self._image_rect()
        scale = CANVAS_SIZE / rect.width() if rect.width() > 0 else 1.0
        return QPointF((position.x() - rect.x()) * scale, (position.y() - rect.y()) * scale)

    def _widget_rect(self, image_rect: QRectF) -> QRect:
        """The widget pixels that show `image_rect` (image coordinates), with a margin for the
        smooth scaling's neighbours."""
        rect = self._image_rect()
        scale = rect.width() / CANVAS_SIZE
        shown = QRectF(
            rect.x() + image_rect.x() * scale,
            rect.y() + image_rect.y() * scale,
            image_rect.width() * scale,
            image_rect.height() * scale,
        )
        return shown.toAlignedRect().adjusted(-2, -2, 2, 2)

    def _begin_stroke(self, position: QPointF, erase: bool, pressure: float = 1.0) -> None:
        self._stroke_before = (self._gray_image(), self._picture, self._source)
        self._picture = self._source = None  # drawn on: from now on the network reads the canvas
        self._stroke_erases = erase or self._eraser
        self._last_point = self._to_image(position)
        self._paint_segment(self._last_point, self._last_point, pressure)

    def _continue_stroke(self, position: QPointF, pressure: float = 1.0) -> None:
        if self._last_point is None:
            return
        point = self._to_image(position)
        self._paint_segment(self._last_point, point, pressure)
        self._last_point = point

    def _end_stroke(self) -> None:
        if self._stroke_before is None:
            return
        before, self._stroke_before, self._last_point = self._stroke_before, None, None
        now = self._gray_image()
        if before[0] != now or before[1] is not None:
            text = self.tr("Erase") if self._stroke_erases else self.tr("Stroke")
            after = (now, None, None)
            self.undo_stack.push(_ReplaceImage(self, before, after, text))
        self.strokeFinished.emit()

    def _pen(self, width: float, erase: bool) -> QPen:
        pen = self._pens.get((width, erase))
        if pen is None:
            level = PAPER if erase else INK
            pen = QPen(
                QColor(level, level, level),
                width,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
            if len(self._pens) > 64:  # pressure gives many widths
                self._pens.clear()
            self._pens[(width, erase)] = pen
        return pen

    def _paint_segment(self, start: QPointF, end: QPointF, pressure: float) -> None:
        eraser_scale = 1.5 if self._stroke_erases else 1.0  # erasing wants a wider tip
        width = self._brush_size * eraser_scale * max(pressure, 0.2)
        self._pending.append((start, end, width, self._stroke_erases))
        # Only the pixels the segment covers: the window repaints that rectangle, not the canvas,
        # and the paint inverts only it again (the whole image was 5× the time per frame).
        reach = width / 2 + 1
        covered = QRectF(start, end).normalized().adjusted(-reach, -reach, reach, reach)
        stale = covered.toAlignedRect().intersected(self._image.rect())
        self._paper_stale = stale if self._paper_stale is None else self._paper_stale.united(stale)
        self.update(self._widget_rect(covered))
        if not self._change_unread:
            self._change_unread = True
            self.imageChanged.emit()

    def _replace(
        self, image: QImage, picture: np.ndarray | None, source: InputSource | None, text: str
    ) -> None:
        before = (self._gray_image(), self._picture, self._source)
        self._set_image(image, picture, source)
        self.undo_stack.push(_ReplaceImage(self, before, (image.copy(), picture, source), text))

    def _set_image(
        self,
        image: QImage,
        picture: np.ndarray | None = None,
        source: InputSource | None = None,
    ) -> None:
        # Through Grayscale8: whatever the image was, r = g = b = its grey level.
        self._image = image.convertToFormat(GRAY).convertToFormat(WORKING)
        self._pending.clear()  # segments of the image replaced
        self._paper, self._paper_stale = None, None
        self._change_unread = True
        self._picture, self._source = picture, source
        self.update()
        self.imageChanged.emit()

    # ---- events ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        # The painter is clipped to the event's region: during a stroke, the segment's pixels.
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        image = self._drawn_image()
        if self._paper is None:
            self._paper = image.copy()
            self._paper.invertPixels()  # shown as dark ink on white paper
        elif self._paper_stale is not None:
            part = image.copy(self._paper_stale)
            part.invertPixels()
            update = QPainter(self._paper)
            update.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            update.drawImage(self._paper_stale.topLeft(), part)
            update.end()
        self._paper_stale = None
        rect = self._image_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(rect, self._paper)
        painter.setPen(QPen(QColor(120, 120, 120), 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            erase = event.button() == Qt.MouseButton.RightButton
            self._begin_stroke(event.position(), erase)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._stroke_before is not None:
            self._continue_stroke(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._stroke_before is not None:
            self._continue_stroke(event.position())
            self._end_stroke()
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        pressure = event.pressure() if event.pressure() > 0 else 1.0
        if kind == QEvent.Type.TabletPress:
            eraser_end = event.pointerType() == event.pointerType().Eraser
            self._begin_stroke(event.position(), eraser_end, pressure)
        elif kind == QEvent.Type.TabletMove and self._stroke_before is not None:
            self._continue_stroke(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end_stroke()
        event.accept()  # no synthesized mouse events on top

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            points = event.points()
            if kind == QEvent.Type.TouchBegin and points:
                self._begin_stroke(points[0].position(), erase=False)
            elif kind == QEvent.Type.TouchUpdate and points:
                self._continue_stroke(points[0].position())
            else:
                self._end_stroke()
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - QKeyEvent
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
        else:
            super().keyPressEvent(event)
