"""PySide6 views of the explainer. `from explainer.gui import MainWindow` (automation contract)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explainer.gui.main_window import MainWindow

__all__ = ["MainWindow"]


def __getattr__(name: str) -> Any:
    # Lazy, so that importing one view (e.g. the canvas) does not pull in every other one.
    if name == "MainWindow":
        from explainer.gui.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
