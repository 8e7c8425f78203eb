"""Files the app writes: can a path be written, before any work is done (no torch here, so a
command can refuse a bad output path before it imports anything heavy)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from explainer.core.errors import CheckpointError


def check_writable(path: Path, what: str = "the checkpoint") -> Path | None:
    """That a checkpoint can be written at `path`, before any work is done: CheckpointError
    saying why not (a folder, a special file, a symbolic link, a folder that cannot be made or
    written). Returns the path when a regular file is there already (it will be replaced)."""
    label = f"{what} {path}"
    if path.is_symlink():
        raise CheckpointError(f"{label} is a symbolic link; expected a regular file to write")
    if path.exists():
        if path.is_dir():
            raise CheckpointError(f"{label} is a folder; expected a file name")
        if not path.is_file():
            raise CheckpointError(
                f"{label} is a special file (a pipe or a device); expected a regular file"
            )
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        probe_fd, probe = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".probe")
        os.close(probe_fd)
        os.unlink(probe)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CheckpointError(f"{label} cannot be written: {parent} ({reason})") from exc
    return path if path.exists() else None
