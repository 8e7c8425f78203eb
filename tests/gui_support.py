"""Helpers shared by the GUI tests."""

from __future__ import annotations

from pathlib import Path


def open_window(qtbot, checkpoint: Path | None = None, *, wait_ready: bool = True, **kwargs):
    """A shown MainWindow on `checkpoint` (CPU, no modal dialogs), ready unless told not to."""
    from explainer.gui import MainWindow

    kwargs.setdefault("show_dialogs", False)
    window = MainWindow(checkpoint=checkpoint, device="cpu", **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if wait_ready:
        qtbot.waitUntil(window.is_ready, timeout=30_000)
    return window


def canvas_point(window, x: float, y: float):
    """(x, y) in 0..1 of the drawable square → widget coordinates of the canvas."""
    from PySide6.QtCore import QPoint

    rect = window.canvas._image_rect()
    return QPoint(round(rect.x() + x * rect.width()), round(rect.y() + y * rect.height()))


def draw(window, points: list[tuple[float, float]], release: bool = True) -> None:
    """A left-button stroke through `points` (0..1 of the drawable square) on the canvas."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    canvas, left, no_mod = window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(canvas, left, no_mod, canvas_point(window, *points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(canvas, canvas_point(window, x, y))
    if release:
        QTest.mouseRelease(canvas, left, no_mod, canvas_point(window, *points[-1]))


def window_on_sample(qtbot, digit: int = 3, **kwargs):
    """A ready window (default model) showing the first shipped sample of `digit`, run."""
    window = open_window(qtbot, **kwargs)
    assert window.load_sample(digit)
    window.flush_input()
    return window
