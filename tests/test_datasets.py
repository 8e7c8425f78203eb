"""Datasets: the fixed MNIST split, Fashion-MNIST from Debian, IDX folders (checked against
torchvision's reader)."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest
import torch

from explainer.core import datasets
from explainer.core.config import FASHION_CLASSES, ModelConfig
from explainer.core.datasets import load_dataset
from explainer.core.errors import DatasetError


def test_mnist_split_sizes_and_stratification():
    train = load_dataset("mnist", "train")
    heldout = load_dataset("mnist", "heldout")
    assert len(train) == 4000 and len(heldout) == 1000
    assert np.bincount(train.labels, minlength=10).tolist() == [400] * 10
    assert np.bincount(heldout.labels, minlength=10).tolist() == [100] * 10
    assert train.images.shape == (4000, 28, 28) and train.images.dtype == np.float32
    assert train.labels.dtype == np.int64
    assert 0.0 <= train.images.min() and train.images.max() <= 1.0
    assert train.class_names == tuple(str(d) for d in range(10))


def test_mnist_split_has_no_overlap_and_covers_every_row():
    rows = datasets.mnist_split_rows()
    train, heldout = set(rows["train"].tolist()), set(rows["heldout"].tolist())
    assert not train & heldout
    assert train | heldout == set(range(5000))
    # No identical image appears in both splits either (the csv has no duplicates across them).
    train_set, heldout_set = load_dataset("mnist", "train"), load_dataset("mnist", "heldout")
    train_bytes = {img.tobytes() for img in train_set.images}
    assert not any(img.tobytes() in train_bytes for img in heldout_set.images)


def test_mnist_split_is_deterministic_and_matches_the_csv():
    first = datasets.mnist_split_rows()
    second = datasets.mnist_split_rows()
    assert np.array_equal(first["heldout"], second["heldout"])
    # The rows point at the right csv lines: pixels and labels agree with a fresh parse.
    raw = np.loadtxt(
        datasets.paths.data_dir() / datasets.MNIST_CSV,
        delimiter=",",
        dtype=np.uint8,
        max_rows=first["heldout"][5] + 1,
    )
    heldout = load_dataset("mnist", "heldout")
    row = first["heldout"][5]
    assert heldout.labels[5] == raw[row, -1]
    assert np.array_equal(heldout.images[5], raw[row, :-1].reshape(28, 28) / np.float32(255))


def test_default_eval_split_and_unknown_names():
    assert load_dataset("mnist").split == "heldout"
    with pytest.raises(DatasetError, match="splits"):
        load_dataset("mnist", "test")
    with pytest.raises(DatasetError, match="unknown dataset"):
        load_dataset("cifar10")


def test_network_input_is_padded_by_two_and_normalised():
    heldout = load_dataset("mnist", "heldout")
    config = ModelConfig(norm_mean=0.1, norm_std=0.3)
    net_input = datasets.to_network_input(heldout.images[:4], config)
    assert tuple(net_input.shape) == (4, 1, 32, 32)
    restored = net_input * 0.3 + 0.1
    assert torch.allclose(restored[:, 0, 2:30, 2:30], torch.tensor(heldout.images[:4]), atol=1e-6)
    assert torch.allclose(restored[:, 0, :2], torch.zeros(4, 2, 32), atol=1e-6)


def test_normalisation_stats_match_numpy_on_padded_images():
    train = load_dataset("mnist", "train")
    padded = np.pad(train.images, ((0, 0), (2, 2), (2, 2))).astype(np.float64)
    mean, std = datasets.normalisation_stats(train)
    assert mean == pytest.approx(padded.mean(), abs=5e-5)
    assert std == pytest.approx(padded.std(), abs=5e-5)


FASHION_MISSING = not datasets.FASHION_DIR.is_dir()


@pytest.mark.skipif(
    FASHION_MISSING,
    reason="Debian package dataset-fashion-mnist not installed "
    f"({datasets.FASHION_DIR} missing): apt-get install dataset-fashion-mnist",
)
def test_fashion_sizes_and_classes():
    train = load_dataset("fashion", "train")
    test = load_dataset("fashion", "test")
    assert len(train) == 60000 and len(test) == 10000
    assert test.class_names == FASHION_CLASSES
    assert np.bincount(test.labels, minlength=10).tolist() == [1000] * 10
    assert test.images.shape == (10000, 28, 28) and 0 <= test.images.min() <= test.images.max() <= 1


def test_fashion_missing_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(datasets, "FASHION_DIR", tmp_path / "absent")
    datasets._fashion.cache_clear()
    try:
        with pytest.raises(DatasetError, match="apt-get install dataset-fashion-mnist"):
            load_dataset("fashion", "test")
    finally:
        datasets._fashion.cache_clear()


def _write_idx(path: Path, array: np.ndarray, gz: bool) -> None:
    # IDX: magic = 0x00 0x00 type(0x08 = ubyte) ndim, then each dimension as big-endian int32.
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(
        f">{array.ndim}I", *array.shape
    )
    data = header + array.astype(np.uint8).tobytes()
    if gz:
        path = path.with_name(path.name + ".gz")
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)


@pytest.mark.parametrize("gz", [False, True])
def test_idx_folder_round_trip(tmp_path, gz):
    rng = np.random.default_rng(1)
    train_images = rng.integers(0, 256, (7, 28, 28), dtype=np.uint8)
    train_labels = rng.integers(0, 10, 7).astype(np.uint8)
    test_images = rng.integers(0, 256, (3, 28, 28), dtype=np.uint8)
    test_labels = np.array([9, 0, 4], np.uint8)
    _write_idx(tmp_path / "train-images-idx3-ubyte", train_images, gz)
    _write_idx(tmp_path / "train-labels-idx1-ubyte", train_labels, gz)
    _write_idx(tmp_path / "t10k-images-idx3-ubyte", test_images, gz)
    _write_idx(tmp_path / "t10k-labels-idx1-ubyte", test_labels, gz)

    train = load_dataset(f"idx:{tmp_path}", "train")
    test = load_dataset(str(tmp_path))  # a bare folder path works too; default split is test
    assert len(train) == 7 and test.split == "test" and len(test) == 3
    assert np.array_equal(train.images, train_images / np.float32(255))
    assert train.labels.tolist() == train_labels.tolist()
    assert test.labels.tolist() == [9, 0, 4]
    assert train.name == test.name == f"idx:{tmp_path.resolve()}"


def test_idx_folder_errors(tmp_path):
    with pytest.raises(DatasetError, match="t10k-images-idx3-ubyte"):
        load_dataset(f"idx:{tmp_path}", "test")
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(b"not an idx file at all")
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"nope")
    with pytest.raises(DatasetError, match="not an IDX file"):
        load_dataset(f"idx:{tmp_path}", "test")
    with pytest.raises(DatasetError, match="does not exist"):
        load_dataset(f"idx:{tmp_path / 'missing'}", "test")


@pytest.mark.parametrize("gz", [False, True])
def test_our_idx_reader_equals_torchvisions(tmp_path, gz):
    from torchvision.datasets.mnist import read_image_file, read_label_file

    rng = np.random.default_rng(4)
    images = rng.integers(0, 256, (11, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, 11).astype(np.uint8)
    _write_idx(tmp_path / "images", images, False)
    _write_idx(tmp_path / "labels", labels, False)
    expected_images = read_image_file(str(tmp_path / "images")).numpy()
    expected_labels = read_label_file(str(tmp_path / "labels")).numpy()
    if gz:
        _write_idx(tmp_path / "images", images, True)
        _write_idx(tmp_path / "labels", labels, True)
    suffix = ".gz" if gz else ""
    ours_images = datasets.read_idx(tmp_path / f"images{suffix}", ndim=3)
    ours_labels = datasets.read_idx(tmp_path / f"labels{suffix}", ndim=1)
    np.testing.assert_array_equal(ours_images, expected_images)
    np.testing.assert_array_equal(ours_labels, expected_labels)
    if not FASHION_MISSING:
        path = datasets.FASHION_DIR / "t10k-images-idx3-ubyte.gz"
        if path.is_file():
            import gzip as gz_module
            import shutil

            plain = tmp_path / "fashion-t10k"
            with gz_module.open(path, "rb") as src, open(plain, "wb") as dst:
                shutil.copyfileobj(src, dst)
            np.testing.assert_array_equal(
                datasets.read_idx(path, ndim=3), read_image_file(str(plain)).numpy()
            )


def test_idx_headers_that_lie_are_refused_before_reading(tmp_path):
    """A header may not promise more than MAX_IDX_BYTES (a gzip bomb cannot inflate past it),
    nor more or fewer bytes than the file holds, nor another type or rank."""
    huge = struct.pack(">BBBB", 0, 0, 0x08, 3) + struct.pack(">3I", 10**6, 28, 28)
    (tmp_path / "bomb.gz").write_bytes(gzip.compress(huge + bytes(1000)))
    with pytest.raises(DatasetError, match="declares 1000000×28×28 = 784,000,000 bytes"):
        datasets.read_idx(tmp_path / "bomb.gz", ndim=3)
    short = struct.pack(">BBBB", 0, 0, 0x08, 1) + struct.pack(">I", 50) + bytes(10)
    (tmp_path / "short").write_bytes(short)
    with pytest.raises(DatasetError, match="declares 50 bytes of data, the file holds 10"):
        datasets.read_idx(tmp_path / "short", ndim=1)
    (tmp_path / "short.gz").write_bytes(gzip.compress(short))
    # A gzip file's trailer says how much it unpacks to: checked before inflating.
    with pytest.raises(
        DatasetError, match="declares 50 bytes of data, the gzip file unpacks to 10"
    ):
        datasets.read_idx(tmp_path / "short.gz", ndim=1)
    (tmp_path / "long.gz").write_bytes(gzip.compress(short + bytes(60)))
    with pytest.raises(DatasetError, match="the gzip file unpacks to 70"):
        datasets.read_idx(tmp_path / "long.gz", ndim=1)
    # Two gzip members: the trailer tells only the last one's size, so the read is capped.
    exact = short[:8] + bytes(50)
    (tmp_path / "two.gz").write_bytes(gzip.compress(exact) + gzip.compress(bytes(58)))
    with pytest.raises(DatasetError, match="found more"):
        datasets.read_idx(tmp_path / "two.gz", ndim=1)
    floats = struct.pack(">BBBB", 0, 0, 0x0D, 1) + struct.pack(">I", 1) + bytes(4)
    (tmp_path / "floats").write_bytes(floats)
    with pytest.raises(DatasetError, match="type 0x08"):
        datasets.read_idx(tmp_path / "floats", ndim=1)
    with pytest.raises(DatasetError, match="expected 3-D IDX data, found 1-D"):
        datasets.read_idx(tmp_path / "short", ndim=3)
    (tmp_path / "broken.gz").write_bytes(b"\x1f\x8b" + bytes(30))
    with pytest.raises(DatasetError, match="not a readable IDX file"):
        datasets.read_idx(tmp_path / "broken.gz", ndim=1)
