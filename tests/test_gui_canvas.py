"""The drawing canvas on its own: strokes, eraser, undo/redo, clear, brush size, live signal."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from explainer.gui.canvas import CANVAS_SIZE, DrawingCanvas, array_to_image, image_to_array


@pytest.fixture
def canvas(qtbot) -> DrawingCanvas:
    widget = DrawingCanvas()
    qtbot.addWidget(widget)
    widget.resize(CANVAS_SIZE, CANVAS_SIZE)  # one widget pixel = one image pixel
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stroke(
    canvas: DrawingCanvas,
    points: list[tuple[int, int]],
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> None:
    QTest.mousePress(canvas, button, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(canvas, QPoint(x, y))
    QTest.mouseRelease(canvas, button, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1]))


def test_array_image_round_trip() -> None:
    values = np.linspace(0, 1, 6 * 7, dtype=np.float32).reshape(6, 7)
    np.testing.assert_allclose(image_to_array(array_to_image(values)), values, atol=0.5 / 255)


def test_left_button_draws_ink_along_the_stroke(canvas: DrawingCanvas) -> None:
    assert canvas.is_blank()
    stroke(canvas, [(140, 40), (140, 140), (140, 240)])
    ink = canvas.ink_array()
    assert ink[40:241, 140].min() == 1.0  # the whole vertical line is full ink
    half = canvas.brush_size // 2
    assert ink[140, 140 + half + 3] == 0.0 and ink[140, 140 - half - 3] == 0.0  # brush width
    assert ink[10, 10] == 0.0


def test_image_changes_while_the_stroke_is_drawn(canvas: DrawingCanvas, qtbot) -> None:
    changes: list[float] = []
    canvas.imageChanged.connect(lambda: changes.append(canvas.ink_array().sum()))
    QTest.mousePress(
        canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50)
    )
    QTest.mouseMove(canvas, QPoint(150, 50))
    QTest.mouseMove(canvas, QPoint(250, 50))
    # Before any release: one change per press/move, and the ink keeps growing.
    assert len(changes) == 3 and changes[0] < changes[1] < changes[2]
    QTest.mouseRelease(
        canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(250, 50)
    )
    assert canvas.undo_stack.count() == 1


def test_moves_between_two_reads_are_one_change_and_the_read_has_them_all(
    canvas: DrawingCanvas,
) -> None:
    """A listener that reads once per frame (the main window) is told once about the moves
    that queued up meanwhile (a 1000 Hz pen), and what it reads has every one of them."""
    changes: list[int] = []
    canvas.imageChanged.connect(lambda: changes.append(1))
    QTest.mousePress(
        canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(40, 60)
    )
    for x in range(50, 250, 10):  # 20 moves, nobody reading
        QTest.mouseMove(canvas, QPoint(x, 60 + (x % 30)))
    assert len(changes) == 1
    ink = canvas.ink_array()
    for x in range(50, 250, 10):
        assert ink[60 + (x % 30), x] == 1.0  # every move's point is drawn
    QTest.mouseMove(canvas, QPoint(250, 200))
    assert len(changes) == 2  # read since: the next move is news again
    assert canvas.ink_array()[200, 250] == 1.0
    QTest.mouseRelease(  # its last segment, to where it is: news, since read
        canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(250, 200)
    )
    assert len(changes) == 3
    canvas.undo_stack.undo()  # a whole-picture change is news whether read or not
    assert len(changes) == 4 and not canvas.ink_array().any()


def test_right_button_and_eraser_tool_erase(canvas: DrawingCanvas) -> None:
    stroke(canvas, [(40, 140), (240, 140)])
    assert canvas.ink_array()[140, 140] == 1.0
    stroke(canvas, [(140, 100), (140, 180)], Qt.MouseButton.RightButton)
    assert canvas.ink_array()[140, 140] == 0.0
    assert canvas.ink_array()[140, 60] == 1.0  # away from the eraser, ink stays

    canvas.set_eraser(True)
    stroke(canvas, [(60, 100), (60, 180)])  # the left button erases with the eraser tool
    assert canvas.ink_array()[140, 60] == 0.0


def test_undo_redo_and_clear(canvas: DrawingCanvas) -> None:
    stroke(canvas, [(40, 40), (240, 240)])
    first = canvas.ink_array()
    stroke(canvas, [(240, 40), (40, 240)])
    both = canvas.ink_array()
    assert not np.array_equal(first, both)

    canvas.undo_stack.undo()
    np.testing.assert_array_equal(canvas.ink_array(), first)
    canvas.undo_stack.redo()
    np.testing.assert_array_equal(canvas.ink_array(), both)

    QTest.keyClick(canvas, Qt.Key.Key_Escape)  # Esc clears
    assert canvas.is_blank()
    canvas.undo_stack.undo()  # clearing is undoable too
    np.testing.assert_array_equal(canvas.ink_array(), both)


def test_brush_size_changes_the_stroke_width(canvas: DrawingCanvas) -> None:
    canvas.set_brush_size(8)
    stroke(canvas, [(140, 20), (140, 260)])
    thin = int((canvas.ink_array()[140] > 0.5).sum())
    canvas.clear()
    canvas.set_brush_size(40)
    stroke(canvas, [(140, 20), (140, 260)])
    thick = int((canvas.ink_array()[140] > 0.5).sum())
    assert abs(thin - 8) <= 2 and abs(thick - 40) <= 2
    canvas.set_brush_size(10_000)
    assert canvas.brush_size == 60  # clamped to the largest brush


def test_scaled_widget_maps_positions_to_image_pixels(canvas: DrawingCanvas) -> None:
    canvas.resize(2 * CANVAS_SIZE, 2 * CANVAS_SIZE)
    stroke(canvas, [(280, 80), (280, 480)])  # the middle column of the doubled widget
    ink = canvas.ink_array()
    assert ink[40:241, 140].min() == 1.0


def test_set_ink_array_fits_a_picture_keeping_its_aspect(canvas: DrawingCanvas) -> None:
    picture = np.zeros((28, 14), np.float32)
    picture[:, 7] = 1.0  # a vertical line in the middle of a tall picture
    canvas.set_ink_array(picture)
    ink = canvas.ink_array()
    # Column 7 of 14 lands at 140 + 70..80: centred in the canvas, not stretched sideways.
    assert ink[:, 144:146].min() > 0.9 and ink[:, :130].max() == 0.0
    canvas.undo_stack.undo()
    assert canvas.is_blank()


def test_loaded_picture_is_the_input_until_drawn_on(canvas: DrawingCanvas) -> None:
    picture = np.zeros((28, 28), np.float32)
    picture[4:24, 13:15] = 1.0
    canvas.set_ink_array(picture)
    np.testing.assert_array_equal(canvas.input_array(), picture)  # not the 280×280 rendering
    stroke(canvas, [(20, 20), (60, 20)])
    assert canvas.input_array().shape == (CANVAS_SIZE, CANVAS_SIZE)  # drawn on: the canvas
    canvas.undo_stack.undo()
    np.testing.assert_array_equal(canvas.input_array(), picture)  # undo brings the picture back


def test_touch_draws_like_the_mouse(canvas: DrawingCanvas) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(canvas, device).press(0, QPoint(140, 40)).commit()
    for y in (140, 240):
        QTest.touchEvent(canvas, device).move(0, QPoint(140, y)).commit()
    QTest.touchEvent(canvas, device).release(0, QPoint(140, 240)).commit()
    assert canvas.ink_array()[40:241, 140].min() == 1.0
    assert canvas.undo_stack.count() == 1  # one touch = one undoable stroke


def test_pen_pressure_sets_the_stroke_width(canvas: DrawingCanvas) -> None:
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
    from PySide6.QtWidgets import QApplication

    pen = QPointingDevice(
        "test pen",
        1,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )

    def send(kind: QEvent.Type, x: float, pressure: float) -> None:
        QApplication.sendEvent(
            canvas,
            QTabletEvent(
                kind,
                pen,
                QPointF(x, 140),
                QPointF(x, 140),
                pressure,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                Qt.KeyboardModifier.NoModifier,
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton,
            ),
        )

    send(QEvent.Type.TabletPress, 60, 0.3)
    send(QEvent.Type.TabletMove, 220, 0.3)
    send(QEvent.Type.TabletRelease, 220, 0.0)
    ink = canvas.ink_array()
    assert ink[140, 60:221].min() == 1.0
    width = int((ink[:, 140] > 0.5).sum())
    assert abs(width - 0.3 * canvas.brush_size) <= 2  # a light touch draws a thin line


def test_ink_is_what_a_grayscale_painter_draws(canvas: DrawingCanvas) -> None:
    """The canvas paints into an RGB32 image (faster); its ink must be bit-for-bit what the
    same segments painted straight into a Grayscale8 image give, erasing included."""
    from PySide6.QtCore import QLineF, QPointF
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    strokes = [
        (Qt.MouseButton.LeftButton, 22, [(40, 40), (90, 130), (200, 150), (230, 250)]),
        (Qt.MouseButton.LeftButton, 9, [(250, 30), (30, 250), (33, 251)]),
        (Qt.MouseButton.RightButton, 14, [(60, 200), (220, 90)]),
    ]
    expected = QImage(CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
    expected.fill(0)
    for button, brush, points in strokes:
        canvas.set_brush_size(brush)
        stroke(canvas, points, button)
        erase = button == Qt.MouseButton.RightButton
        level = 0 if erase else 255
        pen = QPen(
            QColor(level, level, level),
            brush * (1.5 if erase else 1.0),
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        # press paints a dot, each move a segment, the release one more (to where it is)
        segments = [(points[0], points[0])] + list(zip(points, points[1:], strict=False))
        segments.append((points[-1], points[-1]))
        for start, end in segments:
            painter = QPainter(expected)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(pen)
            painter.drawLine(QLineF(QPointF(*start), QPointF(*end)))
            painter.end()
    ink = canvas.ink_array()
    assert 0 < ink.mean() < 1 and np.unique(ink).size > 10  # antialiased grey edges
    np.testing.assert_array_equal(ink, image_to_array(expected))


def test_a_move_repaints_only_the_segment_and_the_screen_matches_a_full_repaint(
    canvas: DrawingCanvas, qtbot
) -> None:
    from PySide6.QtCore import QEvent, QObject, QRect
    from PySide6.QtWidgets import QApplication

    painted: list[QRect] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched, event):  # noqa: N802, ANN001 (Qt API)
            if watched is canvas and event.type() == QEvent.Type.Paint:
                painted.append(event.rect())
            return False

    spy = PaintSpy()
    canvas.installEventFilter(spy)
    QTest.mousePress(
        canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100)
    )
    qtbot.wait(20)
    painted.clear()
    QTest.mouseMove(canvas, QPoint(120, 110))
    qtbot.waitUntil(lambda: bool(painted))
    reach = canvas.brush_size // 2 + 4
    assert QRect(100 - reach, 100 - reach, 20 + 2 * reach, 10 + 2 * reach).contains(painted[-1]), (
        painted[-1]
    )
    for x in range(130, 260, 10):  # more moves, each repainted on its own
        QTest.mouseMove(canvas, QPoint(x, 110 + (x % 30)))
        qtbot.wait(5)
    QTest.mouseRelease(
        canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(250, 120)
    )
    qtbot.wait(30)
    canvas.removeEventFilter(spy)
    # What the window shows now (its backing store, painted piece by piece) is what a full
    # repaint of the canvas gives.
    grabbed = QApplication.primaryScreen().grabWindow(canvas.winId())
    full = canvas.grab().toImage()
    shown = grabbed.toImage().convertToFormat(full.format())
    assert shown.size() == full.size()
    shown_px = pg.functions.ndarray_from_qimage(shown).copy()
    full_px = pg.functions.ndarray_from_qimage(full).copy()
    assert (full_px[..., :3] < 128).any()  # the stroke is there, dark on white
    np.testing.assert_array_equal(shown_px, full_px)
    # And what it shows, inverted piece by piece while drawing, is the whole drawing inverted:
    # a canvas given the same drawing at once paints the same pixels.
    fresh = DrawingCanvas()
    qtbot.addWidget(fresh)
    fresh.resize(canvas.size())
    fresh.show()
    qtbot.waitExposed(fresh)
    fresh.set_drawing(canvas.ink_array())
    fresh_image = fresh.grab().toImage()  # kept: the array below is a view of its pixels
    fresh_px = pg.functions.ndarray_from_qimage(fresh_image).copy()
    np.testing.assert_array_equal(fresh_px, full_px)
