"""Files for slides and notebooks: a Trace as .npz, text files written atomically, an output
folder checked before any work, and a unit named on the command line (conv2:3:4:5).

The window (File › Export…) and `cnn-explainer export` both write through here, so both write
the same files. No Qt and no torch here.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from explainer.core.errors import ExplainerError
from explainer.core.units import UnitRef

if TYPE_CHECKING:
    from explainer.core.config import ModelConfig
    from explainer.core.trace import Trace

TRACE_FILE = "trace.npz"
SOFTMAX_STEM = "softmax"
_UNIT = re.compile(r"^([A-Za-z][A-Za-z0-9_]{0,39})((?::-?\d{1,9}){1,3})$")


# ---- the trace --------------------------------------------------------------------------------
def trace_arrays(trace: Trace) -> dict[str, np.ndarray]:
    """Every array of the trace by its name (input, conv1_pre, conv1, …, logits, probs), in
    network order, as they are (float32, no batch dimension)."""
    return {name: np.asarray(trace[name]) for name in trace.names}


def write_trace_npz(trace: Trace, path: str | Path) -> Path:
    """The trace as an uncompressed .npz (np.load(path) gives back every array exactly; no
    pickle inside), written atomically."""
    arrays = trace_arrays(trace)
    return _write_atomically(Path(path), lambda handle: np.savez(handle, **arrays))


# ---- files ------------------------------------------------------------------------------------
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomically(path: Path, write: Callable[[object], None]) -> Path:
    """Write through `write(binary file)` into a temporary file beside `path`, then rename it
    over `path`, so that a reader never sees half a file. ExplainerError when it cannot."""
    try:
        handle_fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise ExplainerError(f"could not write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            write(handle)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a file is not
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExplainerError(f"could not write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_bytes(path: str | Path, data: bytes) -> Path:
    return _write_atomically(Path(path), lambda handle: handle.write(data))  # type: ignore[attr-defined]


def write_text(path: str | Path, text: str) -> Path:
    """UTF-8 text with \\n line ends, written atomically."""
    return write_bytes(path, text.encode("utf-8"))


def check_out_dir(path: str | Path) -> Path:
    """The folder files are exported to: created when missing, and checked to be writable,
    before any work is done. ExplainerError saying why not."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ExplainerError(f"cannot export to {folder}: it is a file, expected a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe_fd, probe = tempfile.mkstemp(dir=folder, prefix=".cnn-explainer-", suffix=".probe")
        os.close(probe_fd)
        os.unlink(probe)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ExplainerError(f"cannot export to {folder}: {reason}") from exc
    return folder


def unit_file_stem(unit: UnitRef) -> str:
    """conv2_3_4_5, fc1_7: the file name of a unit's tables."""
    if unit.is_spatial:
        return f"{unit.layer}_{unit.channel}_{unit.row}_{unit.col}"
    return f"{unit.layer}_{unit.channel}"


# ---- a unit named on the command line --------------------------------------------------------
def parse_unit(text: str) -> UnitRef:
    """'conv2:3:4:5' (layer:channel:row:col) or 'fc1:7' (layer:unit) → a UnitRef; not checked
    against a network (see `check_unit`)."""
    value = str(text).strip()
    match = _UNIT.match(value)
    if match is None or value.count(":") == 2:
        raise ExplainerError(
            "--unit: expected LAYER:CHANNEL:ROW:COL (conv, pool) or LAYER:UNIT (fc1, fc2, "
            f"logits, probs), e.g. conv2:3:4:5; found {text!r}"
        )
    layer = match.group(1)
    numbers = [int(part) for part in match.group(2).split(":")[1:]]
    if len(numbers) == 3:
        return UnitRef(layer, numbers[0], numbers[1], numbers[2])
    return UnitRef(layer, numbers[0])


def check_unit(config: ModelConfig, unit: UnitRef) -> UnitRef:
    """That `unit` is a unit of a network of `config` whose arithmetic can be shown: an
    ExplainerError naming the layers and the ranges there are when it is not."""
    shapes = config.layer_shapes()
    layers = [spec.name for spec in config.layers() if spec.name != "input"] + ["probs"]
    if unit.layer not in layers:
        raise ExplainerError(
            f"--unit: no layer {unit.layer!r} with arithmetic; expected one of {', '.join(layers)}"
        )
    shape = shapes[unit.layer]
    label = unit.label()
    if len(shape) == 3:
        channels, rows, cols = shape
        if not unit.is_spatial:
            raise ExplainerError(
                f"--unit: {unit.layer} units have a channel, a row and a col "
                f"({unit.layer}:CHANNEL:ROW:COL), found {label}"
            )
        if not (0 <= unit.channel < channels and 0 <= unit.row < rows and 0 <= unit.col < cols):
            raise ExplainerError(
                f"--unit: {label} does not exist: {unit.layer} has channels 0–{channels - 1}, "
                f"rows 0–{rows - 1} and cols 0–{cols - 1}"
            )
        return unit
    (count,) = shape
    if unit.is_spatial:
        raise ExplainerError(
            f"--unit: {unit.layer} units have one index ({unit.layer}:UNIT), found {label}"
        )
    if not 0 <= unit.channel < count:
        raise ExplainerError(
            f"--unit: {label} does not exist: {unit.layer} has units 0–{count - 1}"
        )
    return unit


def default_unit(config: ModelConfig, trace: Trace) -> UnitRef:
    """The unit exported when none is named: the most active unit of the last conv layer."""
    convs = [spec.name for spec in config.layers() if spec.kind == "conv"]
    values = np.asarray(trace[convs[-1]])
    channel, row, col = np.unravel_index(int(np.argmax(values)), values.shape)
    return UnitRef(convs[-1], int(channel), int(row), int(col))
