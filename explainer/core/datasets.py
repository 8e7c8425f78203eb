"""Datasets that never need a download: the MNIST subset, Debian's Fashion-MNIST, IDX folders.

Every loader returns a `Dataset` of 28×28 float32 images in [0, 1] (ink = 1, white on black, like
MNIST) with int64 labels and class names. The network's 32×32 input is made from them by
`to_network_input`: pad by 2 on each side (exactly like preprocess's `padded` stage) and normalise
with the model config's norm_mean / norm_std.

Names accepted by `load_dataset`:
  "mnist"            data/mnist_5k.csv.gz, splits "train" (400/class) and "heldout" (100/class)
  "fashion"          /usr/share/datasets/fashion-mnist, splits "train" (60,000) and "test" (10,000)
  "idx:PATH" / PATH  a folder of MNIST-format IDX files (train-* and t10k-*, gzipped or not)
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import math
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explainer import paths
from explainer.core.config import DIGIT_CLASSES, FASHION_CLASSES
from explainer.core.errors import DatasetError
from explainer.core.files import check_readable

MNIST_CSV = "mnist_5k.csv.gz"
MNIST_SPLIT_SEED = 20240601  # fixed forever: changing it would move digits between the splits
MNIST_TRAIN_PER_CLASS = 400
MNIST_HELDOUT_PER_CLASS = 100
FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
IMAGE_SIZE = 28

# The split each dataset is judged on when none is named (eval, shipped-model accuracy).
DEFAULT_EVAL_SPLIT = {"mnist": "heldout", "fashion": "test", "idx": "test"}
SPLITS = {"mnist": ("train", "heldout"), "fashion": ("train", "test"), "idx": ("train", "test")}
# IDX file name prefixes (the MNIST / Fashion-MNIST convention).
IDX_PREFIX = {"train": "train", "test": "t10k"}
# The most bytes an IDX file may declare: full MNIST's 60,000 training images are 47 MB.
MAX_IDX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Dataset:
    name: str  # "mnist", "fashion" or "idx:/abs/path"
    split: str
    images: np.ndarray  # (N, 28, 28) float32 in [0, 1], ink = 1
    labels: np.ndarray  # (N,) int64
    class_names: tuple[str, ...]
    # Row of each image in its source (csv row for mnist, record index for IDX files).
    source_rows: np.ndarray

    def head(self, count: int) -> Dataset:
        """The first `count` images (in the split's fixed order)."""
        return dataclasses.replace(
            self,
            images=self.images[:count],
            labels=self.labels[:count],
            source_rows=self.source_rows[:count],
        )

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    @property
    def kind(self) -> str:
        return self.name.split(":", 1)[0]

    def describe(self) -> str:
        return f"{self.name}/{self.split} ({len(self)} images, {len(self.class_names)} classes)"


def dataset_kind(name: str) -> str:
    """'mnist', 'fashion' or 'idx' (for 'idx:PATH' and bare folder paths)."""
    if name in ("mnist", "fashion"):
        return name
    if name.startswith("idx:") or _is_folder(name):
        return "idx"
    raise DatasetError(
        f"unknown dataset {name!r}; expected 'mnist', 'fashion', 'idx:FOLDER' "
        "or a folder of IDX files"
    )


def _is_folder(name: str) -> bool:
    try:
        return Path(name).is_dir()
    except (OSError, ValueError):  # a name too long for a path, a NUL character
        return False


def load_dataset(name: str, split: str | None = None) -> Dataset:
    """Load a dataset split; split None means the one used for evaluation (held-out / test)."""
    kind = dataset_kind(name)
    split = split or DEFAULT_EVAL_SPLIT[kind]
    if split not in SPLITS[kind]:
        raise DatasetError(f"dataset {name!r} has splits {SPLITS[kind]}, found {split!r}")
    if kind == "mnist":
        return _mnist(split)
    if kind == "fashion":
        return _fashion(split)
    text = name[4:] if name.startswith("idx:") else name
    if "\0" in text or not text.strip():
        raise DatasetError(f"expected an IDX dataset folder after 'idx:', found {text!r:.80}")
    try:
        folder = Path(text).expanduser().resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic link loop, an unknown ~user
        raise DatasetError(f"IDX dataset folder {text!r:.80} cannot be used ({exc})") from None
    return _idx_folder(str(folder), split)


# ---- MNIST subset -----------------------------------------------------------------------------
def _mnist_csv() -> tuple[np.ndarray, np.ndarray]:
    return read_mnist_csv(paths.data_dir() / MNIST_CSV)


@functools.cache
def read_mnist_csv(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """(N, 28, 28) uint8 images and (N,) labels of a CSV of 784 pixels + label per row (cached)."""
    if not path.exists():
        raise DatasetError(f"{path} is missing; run scripts/fetch_mnist_subset.sh to extract it")
    try:
        table = np.loadtxt(path, delimiter=",", dtype=np.uint8)
    except (OSError, ValueError, EOFError) as exc:
        raise DatasetError(f"{path}: not a readable CSV of digits ({exc})") from exc
    if table.ndim != 2 or table.shape[1] != IMAGE_SIZE * IMAGE_SIZE + 1:
        raise DatasetError(
            f"{path}: expected rows of 784 pixels + label, found shape {table.shape}"
        )
    images = table[:, :-1].reshape(-1, IMAGE_SIZE, IMAGE_SIZE)
    labels = table[:, -1].astype(np.int64)
    images.flags.writeable = labels.flags.writeable = False  # shared by every caller
    return images, labels


def mnist_split_rows() -> dict[str, np.ndarray]:
    """Row numbers of the fixed stratified split: per class, a seeded shuffle, first 400 train.

    Rows inside each split keep csv order (sorted by class), so "the first N held-out digits of a
    class" is well defined.
    """
    _, labels = _mnist_csv()
    rng = np.random.default_rng(MNIST_SPLIT_SEED)
    train, heldout = [], []
    for digit in range(10):
        rows = np.flatnonzero(labels == digit)
        need = MNIST_TRAIN_PER_CLASS + MNIST_HELDOUT_PER_CLASS
        if rows.size < need:
            raise DatasetError(f"mnist subset: class {digit} has {rows.size} rows, need {need}")
        rows = rng.permutation(rows)
        train.append(np.sort(rows[:MNIST_TRAIN_PER_CLASS]))
        heldout.append(np.sort(rows[MNIST_TRAIN_PER_CLASS:need]))
    return {"train": np.concatenate(train), "heldout": np.concatenate(heldout)}


@functools.cache
def _mnist(split: str) -> Dataset:
    images, labels = _mnist_csv()
    rows = mnist_split_rows()[split]
    return _make("mnist", split, images[rows], labels[rows], DIGIT_CLASSES, rows)


# ---- Fashion-MNIST (Debian package) -----------------------------------------------------------
@functools.cache
def _fashion(split: str) -> Dataset:
    if not FASHION_DIR.is_dir():
        raise DatasetError(
            f"Fashion-MNIST not found in {FASHION_DIR}; install it with "
            "`apt-get install dataset-fashion-mnist`"
        )
    images, labels = _read_idx_pair(FASHION_DIR, split)
    return _make("fashion", split, images, labels, FASHION_CLASSES, np.arange(len(labels)))


# ---- any folder of IDX files ------------------------------------------------------------------
@functools.cache
def _idx_folder(folder: str, split: str) -> Dataset:
    path = Path(folder)
    if not _is_folder(folder):
        raise DatasetError(f"IDX dataset folder {path} does not exist")
    images, labels = _read_idx_pair(path, split)
    n_classes = max(10, int(labels.max()) + 1) if labels.size else 10
    names = DIGIT_CLASSES if n_classes == 10 else tuple(str(i) for i in range(n_classes))
    return _make(f"idx:{path}", split, images, labels, names, np.arange(len(labels)))


def _find_idx(folder: Path, stem: str) -> Path:
    for candidate in (folder / stem, folder / f"{stem}.gz"):
        # Whatever is there (a pipe, a folder, a broken link too): read_idx says what it is.
        if os.path.lexists(candidate):
            return candidate
    # Some copies use '.' instead of '-' before idx (train-images.idx3-ubyte).
    matches = sorted(folder.glob(stem.replace("-idx", ".idx") + "*"))
    if matches:
        return matches[0]
    raise DatasetError(f"{folder}: no {stem} or {stem}.gz (an MNIST-format IDX file)")


def _read_idx_pair(folder: Path, split: str) -> tuple[np.ndarray, np.ndarray]:
    prefix = IDX_PREFIX[split]
    image_file = _find_idx(folder, f"{prefix}-images-idx3-ubyte")
    label_file = _find_idx(folder, f"{prefix}-labels-idx1-ubyte")
    images = read_idx(image_file, ndim=3)
    labels = read_idx(label_file, ndim=1)
    if images.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE):
        raise DatasetError(f"{image_file}: expected 28×28 images, found {images.shape[1:]}")
    if images.shape[0] == 0:
        raise DatasetError(f"{image_file}: the IDX file holds no images (its header declares 0)")
    if images.shape[0] != labels.shape[0]:
        raise DatasetError(
            f"{folder}: {images.shape[0]} images but {labels.shape[0]} labels in split {split!r}"
        )
    return images, labels.astype(np.int64)


def read_idx(path: Path, ndim: int) -> np.ndarray:
    """An IDX file of unsigned bytes (gzipped or not) → uint8 array of its declared shape.

    Our own reader rather than torchvision's read_image_file: importing torchvision takes ~2 s
    and holds the GIL for ~0.25 s at a time, which froze the window on its first evaluation
    (tests/test_datasets.py checks it against torchvision's). The declared size is checked
    against MAX_IDX_BYTES and against the file before the data is read, so a gzip bomb never
    inflates past what its header promised."""
    compressed = check_readable(path, str(path), "an IDX file", DatasetError)
    opener = gzip.open if path.suffix == ".gz" else open
    unpacked = _check_gzip_size(path, compressed) if opener is gzip.open else None
    try:
        with opener(path, "rb") as handle:
            magic = handle.read(4)
            if len(magic) < 4 or magic[:2] != b"\x00\x00":
                raise DatasetError(f"{path}: not an IDX file (it does not start with 00 00)")
            if magic[2] != 0x08:
                raise DatasetError(
                    f"{path}: expected unsigned-byte IDX data (type 0x08), found 0x{magic[2]:02x}"
                )
            if magic[3] != ndim:
                raise DatasetError(f"{path}: expected {ndim}-D IDX data, found {magic[3]}-D")
            dims_bytes = handle.read(4 * ndim)
            if len(dims_bytes) < 4 * ndim:
                raise DatasetError(f"{path}: IDX header cut short")
            dims = struct.unpack(f">{ndim}I", dims_bytes)
            size = math.prod(dims)
            if size > MAX_IDX_BYTES:
                raise DatasetError(
                    f"{path}: the header declares {'×'.join(map(str, dims))} = {size:,} bytes; "
                    f"at most {MAX_IDX_BYTES:,} are read"
                )
            if unpacked is not None and unpacked != (4 + 4 * ndim + size) % 2**32:
                raise DatasetError(
                    f"{path}: the header declares {size:,} bytes of data, the gzip file "
                    f"unpacks to {unpacked - 4 - 4 * ndim:,}"
                )
            if opener is open and path.stat().st_size != 4 + 4 * ndim + size:
                raise DatasetError(
                    f"{path}: the header declares {size:,} bytes of data, the file holds "
                    f"{path.stat().st_size - 4 - 4 * ndim:,}"
                )
            data = handle.read(size + 1)  # one more: trailing bytes mean a broken file
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DatasetError(f"{path}: not a readable IDX file ({exc})") from exc
    if len(data) != size:
        found = "more" if len(data) > size else f"{len(data):,}"
        raise DatasetError(f"{path}: the header declares {size:,} bytes of data, found {found}")
    return np.frombuffer(data, dtype=np.uint8).reshape(dims)


def _check_gzip_size(path: Path, compressed: int) -> int:
    """A gzip file ends with its uncompressed size (modulo 4 GiB): checked before anything is
    inflated, so that a bomb is refused at once instead of after seconds of inflating."""
    if compressed < 18:  # a gzip header (10 bytes) and trailer (8)
        raise DatasetError(f"{path}: not a gzip file ({compressed} bytes)")
    with open(path, "rb") as handle:
        handle.seek(-4, 2)
        (unpacked,) = struct.unpack("<I", handle.read(4))
    if unpacked > MAX_IDX_BYTES + 64:
        raise DatasetError(
            f"{path}: the gzip file unpacks to {unpacked:,} bytes; at most {MAX_IDX_BYTES:,} "
            "are read"
        )
    return unpacked


def _make(
    name: str,
    split: str,
    images_u8: np.ndarray,
    labels: np.ndarray,
    class_names: tuple[str, ...],
    rows: np.ndarray,
) -> Dataset:
    images = images_u8.astype(np.float32) / 255.0
    images.setflags(write=False)
    labels = np.ascontiguousarray(labels, dtype=np.int64)
    labels.setflags(write=False)
    if labels.size and (labels.min() < 0 or labels.max() >= len(class_names)):
        raise DatasetError(
            f"{name}/{split}: labels must be 0..{len(class_names) - 1}, "
            f"found {labels.min()}..{labels.max()}"
        )
    return Dataset(name, split, images, labels, tuple(class_names), np.asarray(rows, np.int64))


# ---- network input ----------------------------------------------------------------------------
def pad_images(images, input_size: int):
    """(N, 28, 28) numpy → (N, 1, S, S) torch, fitted as preprocess.fit_to_input_size does."""
    import torch

    from explainer.core.preprocess import fit_to_input_size

    # fit_to_input_size copies: the dataset arrays are read-only and torch wants writable memory.
    return torch.from_numpy(fit_to_input_size(images, input_size)).unsqueeze(1)


def to_network_input(images, config):
    """(N, 28, 28) [0, 1] images → (N, 1, S, S) normalised network input (torch)."""
    return config.normalize(pad_images(images, config.input_size))


def normalisation_stats(dataset: Dataset, input_size: int = 32) -> tuple[float, float]:
    """Mean and std of the fitted [0, 1] images, rounded to 4 places (stored in the config)."""
    if input_size < IMAGE_SIZE:  # shrunk: measure the pixels themselves
        from explainer.core.preprocess import fit_to_input_size

        fitted = fit_to_input_size(dataset.images, input_size).astype(np.float64)
        return round(float(fitted.mean()), 4), round(float(fitted.std()), 4)
    n_pixels = input_size**2
    total = float(dataset.images.sum(dtype=np.float64))
    total_sq = float(np.square(dataset.images, dtype=np.float64).sum())
    count = len(dataset) * n_pixels  # the padding is zeros: it adds to the count only
    mean = total / count
    std = (total_sq / count - mean**2) ** 0.5
    return round(mean, 4), round(std, 4)
