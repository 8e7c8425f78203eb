"""Real MNIST sample digits shipped in assets/samples/ (from the held-out split, never trained on).

assets/samples/index.json lists them: label, index (0.. within the label), file name and the row of
data/mnist_5k.csv.gz they come from. `write_samples()` regenerates them: the first N held-out digits
of each class in csv order, no selection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explainer import paths
from explainer.core.errors import ImageError

SAMPLES_PER_CLASS = 3
INDEX_FILE = "index.json"


@dataclass(frozen=True)
class Sample:
    label: int
    index: int  # 0-based position among the samples of this label
    path: Path
    source_row: int = -1  # row in data/mnist_5k.csv.gz


def samples_dir() -> Path:
    return paths.assets_dir() / "samples"


def list_samples() -> list[Sample]:
    """Every shipped sample, sorted by label then index."""
    folder = samples_dir()
    index_path = folder / INDEX_FILE
    try:
        entries = json.loads(index_path.read_text(encoding="utf-8"))["samples"]
    except FileNotFoundError as exc:
        raise ImageError(f"sample index {index_path} is missing") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise ImageError(f"sample index {index_path} is not valid ({exc})") from exc
    samples = [
        Sample(int(e["label"]), int(e["index"]), folder / e["file"], int(e.get("source_row", -1)))
        for e in entries
    ]
    return sorted(samples, key=lambda s: (s.label, s.index))


def sample_path(digit: int, index: int = 0) -> Path:
    """Path of the index-th sample of `digit`; ImageError when there is no such sample."""
    matching = [s for s in list_samples() if s.label == digit]
    if not matching:
        labels = sorted({s.label for s in list_samples()})
        raise ImageError(f"no sample digit {digit!r}; samples exist for {labels}")
    for sample in matching:
        if sample.index == index:
            return sample.path
    raise ImageError(f"digit {digit} has samples 0..{len(matching) - 1}, found index {index!r}")


def load_sample(digit: int, index: int = 0) -> np.ndarray:
    """The sample as a 28×28 float32 image in [0, 1], white ink on black (like MNIST)."""
    from PIL import Image

    path = sample_path(digit, index)
    with Image.open(path) as image:
        return np.asarray(image.convert("L"), dtype=np.float32) / np.float32(255.0)


def write_samples(per_class: int = SAMPLES_PER_CLASS, folder: Path | None = None) -> list[Sample]:
    """Write the first `per_class` held-out digits of each class as PNG plus index.json."""
    from PIL import Image

    from explainer.core.datasets import load_dataset

    folder = folder or samples_dir()
    folder.mkdir(parents=True, exist_ok=True)
    heldout = load_dataset("mnist", "heldout")
    entries, samples = [], []
    for digit in range(10):
        positions = np.flatnonzero(heldout.labels == digit)[:per_class]
        for index, position in enumerate(positions):
            pixels = np.rint(heldout.images[position] * 255).astype(np.uint8)
            name = f"digit{digit}_{index}.png"
            Image.fromarray(pixels).save(folder / name, optimize=True)
            row = int(heldout.source_rows[position])
            entries.append({"label": digit, "index": index, "file": name, "source_row": row})
            samples.append(Sample(digit, index, folder / name, row))
    index = {
        "description": "Real MNIST digits from the held-out split of data/mnist_5k.csv.gz: the "
        f"first {per_class} of each class in file order. 28×28, white ink on black.",
        "source": "data/mnist_5k.csv.gz (see data/README.md and assets/README.md)",
        "samples": entries,
    }
    (folder / INDEX_FILE).write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return samples


if __name__ == "__main__":
    for written in write_samples():
        print(written.path)
