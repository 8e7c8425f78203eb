"""Where the current input came from, and what is known about it: above all its true label.

A loss is only taught right when it is computed against the *true* class, never against the
network's own guess. The true class is known for a shipped sample, a test-set image opened from
the evaluation gallery and a file named like ``7_mine.png``; a drawing made by hand has none
until the user picks one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# Where a true label came from (shown beside it, so a student knows why it is what it is).
SAMPLE, TEST_SET, FILE_NAME, CHOSEN = "sample", "test set", "file name", "chosen"
LABEL_SOURCES = (SAMPLE, TEST_SET, FILE_NAME, CHOSEN)

# "7_mine.png", "7-a.png", "7.png", "digit7_0.png" (the shipped samples' own names).
_LABELLED_NAME = re.compile(r"^(?:digit)?(\d{1,4})(?:[_\-. ]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class TrueLabel:
    index: int  # class index into the model's class_names
    source: str  # one of LABEL_SOURCES
    # The class names `index` counts in (an MNIST sample's: the ten digits); under a model with
    # other classes the label says nothing (a digit 3 is not class 3, "Dress", of
    # Fashion-MNIST). None: any model's (a file name states only a number). Not compared: the
    # session only hands out a label that fits its model's classes.
    classes: tuple[str, ...] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.source not in LABEL_SOURCES:
            raise ValueError(f"label source must be one of {LABEL_SOURCES}, found {self.source!r}")
        if self.index < 0:
            raise ValueError(f"a class index is ≥ 0, found {self.index}")


@dataclass(frozen=True)
class InputSource:
    """What is known of a loaded picture. `mnist_form`: a 28×28 test-set image already centred
    (ink = 1), fed only padded and normalised, as evaluation feeds it."""

    label: TrueLabel | None = None
    mnist_form: bool = False


def label_from_file_name(path: str | Path) -> TrueLabel | None:
    """The class index a file's name states, ``7_*.png`` → 7; None when it states none. (The
    session ignores an index the current model has no class for.)"""
    match = _LABELLED_NAME.match(Path(path).name)
    return TrueLabel(int(match.group(1)), FILE_NAME) if match else None


# ---- ready-made network inputs (.npy) ------------------------------------------------------------
# A .npy input is the network input itself: a few hundred pixels a side at most (config.py).
MAX_NPY_BYTES = 64 * 1024 * 1024
MAX_NPY_HEADER = 10_000  # numpy's own default for a header it will parse
# Values of a network input beyond this make no sense for an image in [0, 1] (a 0–255 image is
# far inside), and large ones overflow the network's float32 sums into NaN/Inf probabilities.
MAX_INPUT_VALUE = 1e4


def load_npy_input(path: str | Path, config) -> np.ndarray:
    """A .npy array of the model's input shape, (S, S) or (C, S, S), as the (C, S, S) float32
    network input (normalised by the config). The header is read and checked first — a real,
    numeric dtype, the expected shape, a size that the file holds — and only then the values,
    which must be finite; pickled (object) arrays are never loaded."""
    from numpy.lib import format as npy_format

    from explainer.core.errors import ImageError
    from explainer.core.files import check_readable

    path = Path(path)
    label = str(path)
    size = check_readable(path, label, "a .npy array", ImageError, MAX_NPY_BYTES)
    channels, side = config.in_channels, config.input_size
    expected = [(side, side), (channels, side, side)]
    with open(path, "rb") as handle:
        magic = handle.read(6)
        handle.seek(0)
        if magic.startswith(b"PK\x03\x04"):
            raise ImageError(
                f"{label}: a .npz archive (several arrays in a zip), not a .npy array; "
                "save the one input with numpy.save"
            )
        if magic != b"\x93NUMPY":
            raise ImageError(
                f"{label}: not a .npy array (it does not start with the .npy magic string)"
            )
        try:
            version = npy_format.read_magic(handle)
            read_header = (
                npy_format.read_array_header_1_0
                if version == (1, 0)
                else npy_format.read_array_header_2_0
            )
            shape, fortran_order, dtype = read_header(handle, max_header_size=MAX_NPY_HEADER)
        except Exception as exc:  # noqa: BLE001 - numpy's parser fails in many ways (TokenError …)
            reason = str(exc).strip().splitlines()[0][:100] if str(exc).strip() else ""
            raise ImageError(
                f"{label}: not a readable .npy header ({reason or type(exc).__name__})"
            ) from None
        if dtype.hasobject or dtype.kind not in "iuf" or dtype.shape or dtype.names:
            raise ImageError(
                f"{label}: a .npy input must hold real numbers (integers or floats), found "
                f"dtype {str(dtype)[:40]}"
            )
        if tuple(shape) not in expected:
            shown = str(tuple(shape))[:60]
            raise ImageError(
                f"{label}: a .npy input must have the model's input shape "
                f"{' or '.join(str(s) for s in expected)}, found {shown}"
            )
        count = int(np.prod(shape))
        data_start = handle.tell()
        if size - data_start != count * dtype.itemsize:
            raise ImageError(
                f"{label}: the header declares {count * dtype.itemsize:,} bytes of values, "
                f"the file holds {size - data_start:,}"
            )
        values = np.frombuffer(handle.read(count * dtype.itemsize), dtype=dtype)
    array = values.reshape(shape, order="F" if fortran_order else "C")
    finite = np.isfinite(array) if dtype.kind == "f" else np.ones(array.shape, bool)
    if not finite.all():
        bad = int(array.size - np.count_nonzero(finite))
        raise ImageError(f"{label}: a .npy input must hold finite numbers, found {bad:,} NaN/Inf")
    if np.abs(array).max() > MAX_INPUT_VALUE:
        raise ImageError(
            f"{label}: a .npy input's values must lie within ±{MAX_INPUT_VALUE:g} (an image is "
            f"in [0, 1]), found {float(np.abs(array).max()):.3g}"
        )
    array = array.astype(np.float32).reshape(channels, side, side)
    # The identity normalisation (0, 1) leaves the array as it is.
    return np.asarray(config.normalize(array), dtype=np.float32)
