"""Checkpoint features of the window: File › Open recent, the Models menu (shipped models and the
user's own folder), View › Model details, Models › Compare with… and Tools › Evaluate….

`CheckpointFeatures(window)` adds them to a MainWindow; it only talks to the window's public
methods (load_checkpoint, show_error, state), so the window itself stays small.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

CHECKPOINT_SUFFIXES = (".pt", ".pth", ".safetensors")
CHECKPOINT_FILTER = " ".join(f"*{suffix}" for suffix in CHECKPOINT_SUFFIXES)


def is_checkpoint_file(path: str | Path) -> bool:
    """Route dropped/opened files by their suffix: checkpoints load a model, others an image."""
    return Path(path).suffix.lower() in CHECKPOINT_SUFFIXES


class CheckpointFeatures(QObject):
    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow (circular import)
        super().__init__(window)
        self.window = window
