"""Where the current input came from, and what is known about it: above all its true label.

A loss is only taught right when it is computed against the *true* class, never against the
network's own guess. The true class is known for a shipped sample, a test-set image opened from
the evaluation gallery and a file named like ``7_mine.png``; a drawing made by hand has none
until the user picks one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Where a true label came from (shown beside it, so a student knows why it is what it is).
SAMPLE, TEST_SET, FILE_NAME, CHOSEN = "sample", "test set", "file name", "chosen"
LABEL_SOURCES = (SAMPLE, TEST_SET, FILE_NAME, CHOSEN)

# "7_mine.png", "7-a.png", "7.png", "digit7_0.png" (the shipped samples' own names).
_LABELLED_NAME = re.compile(r"^(?:digit)?(\d{1,4})(?:[_\-. ]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class TrueLabel:
    index: int  # class index into the model's class_names
    source: str  # one of LABEL_SOURCES

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
