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
