"""Top dataset patches per conv filter against a brute-force search; caching; timing."""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import paths
from explainer.core import patches as P
from explainer.core.checkpoint import load_model
from explainer.core.config import ModelConfig
from explainer.core.datasets import load_dataset, pad_images
from explainer.core.errors import ExplainerError
from explainer.core.model import build_model

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def default():
    model, checkpoint = load_model(paths.default_checkpoint(), "cpu")
    return model, checkpoint


@pytest.fixture(scope="module")
def heldout(default):
    return P.heldout_dataset(default[1])


def _brute_force(model, dataset, layer: str, filter_index: int, k: int):
    """Image by image, unit by unit, in plain numpy over the maps torch computes per image."""
    config = model.config
    found = []
    for i in range(len(dataset)):
        x = config.normalize(pad_images(dataset.images[i : i + 1], config.input_size))
        with torch.no_grad():
            fmap = model.stages(x)[layer][0, filter_index].numpy()
        best, where = -np.inf, (0, 0)
        for r in range(fmap.shape[0]):
            for c in range(fmap.shape[1]):
                if fmap[r, c] > best:
                    best, where = fmap[r, c], (r, c)
        found.append((-best, i, where, x[0, 0].numpy()))
    found.sort(key=lambda item: (item[0], item[1]))
    return found[:k]


def test_top_patches_equal_a_brute_force_search(default):
    model, checkpoint = default
    dataset = load_dataset("mnist", "heldout")
    subset = type(dataset)(
        dataset.name,
        dataset.split,
        dataset.images[::7],
        dataset.labels[::7],
        dataset.class_names,
        dataset.source_rows[::7],
    )
    index = P.patch_index(model, subset, batch_size=37)  # several batches, a ragged last one
    for layer, filter_index in [("conv1", 0), ("conv1", 5), ("conv2", 3), ("conv2", 15)]:
        mine = index.top(layer, filter_index, 9)
        oracle = _brute_force(model, subset, layer, filter_index, 9)
        assert [p.image for p in mine] == [o[1] for o in oracle]
        for patch, (neg_value, image, (row, col), net_input) in zip(mine, oracle, strict=True):
            assert (patch.row, patch.col) == (row, col)
            assert patch.value == pytest.approx(-neg_value, rel=1e-5, abs=1e-6)
            # The receptive field of the unit: conv1 5×5, conv2 14×14 (no padding: no clipping).
            size = 5 if layer == "conv1" else 14
            r0, c0 = (row, col) if layer == "conv1" else (2 * row, 2 * col)
            assert patch.box == (r0, c0, r0 + size, c0 + size)
            np.testing.assert_array_equal(patch.patch, net_input[r0 : r0 + size, c0 : c0 + size])
            assert patch.label == int(subset.labels[image])


def test_patches_are_clipped_at_the_borders_of_a_padded_network():
    config = ModelConfig(input_size=28, padding=2)
    model = build_model(config, "cpu", seed=0)
    dataset = load_dataset("mnist", "heldout")
    index = P.patch_index(model, dataset)
    for layer in ("conv1", "conv2"):
        for f in range(config.conv_channels[0 if layer == "conv1" else 1]):
            for patch in index.top(layer, f, 3):
                r0, c0, r1, c1 = patch.box
                assert 0 <= r0 < r1 <= 28 and 0 <= c0 < c1 <= 28
                assert patch.patch.shape == (r1 - r0, c1 - c0)


def test_all_filters_of_both_layers_in_under_a_second_and_cached(default, heldout, tmp_path):
    model, checkpoint = default
    content = P.checkpoint_content_hash(checkpoint)
    assert content == P.file_hash(paths.default_checkpoint())
    P.clear_memory_cache()
    start = time.perf_counter()
    index = P.patch_index(model, heldout, content_hash=content, cache_dir=tmp_path)
    every = index.top_all(9)
    seconds = time.perf_counter() - start
    print(
        f"\ntop-9 of all {6 + 16} filters over {len(heldout)} held-out digits, CPU 1 thread: "
        f"{seconds:.3f} s (batched pass {index.seconds:.3f} s)"
    )
    assert seconds <= 1.0
    assert index.source == "computed" and [len(every["conv1"]), len(every["conv2"])] == [6, 16]
    assert all(len(p) == 9 for layer in every.values() for p in layer)
    for filters in every.values():
        for patches in filters:
            values = [p.value for p in patches]
            assert values == sorted(values, reverse=True)
    # Again: from memory; after clearing memory: from disk, the same numbers.
    assert (
        P.patch_index(model, heldout, content_hash=content, cache_dir=tmp_path).source == "memory"
    )
    P.clear_memory_cache()
    again = P.patch_index(model, heldout, content_hash=content, cache_dir=tmp_path)
    assert again.source == "disk" and len(list(tmp_path.glob("patches-*.npz"))) == 1
    for layer in ("conv1", "conv2"):
        np.testing.assert_array_equal(again.values[layer], index.values[layer])
        np.testing.assert_array_equal(again.rows[layer], index.rows[layer])
    # A broken cache file is recomputed, not trusted.
    next(tmp_path.glob("patches-*.npz")).write_bytes(b"not an npz")
    P.clear_memory_cache()
    assert P.patch_index(model, heldout, content_hash=content, cache_dir=tmp_path).source == (
        "computed"
    )


def test_the_cache_key_follows_the_weights_the_config_and_the_data(default, heldout):
    model, checkpoint = default
    P.clear_memory_cache()
    first = P.patch_index(model, heldout)
    assert P.patch_index(model, heldout).source == "memory"
    edited = build_model(model.config, "cpu")
    edited.load_state_dict(model.state_dict())
    with torch.no_grad():
        edited.conv1.weight[0, 0, 2, 2] += 1.0  # an edited kernel weight
    changed = P.patch_index(edited, heldout)
    assert changed.source == "computed" and changed.content_hash != first.content_hash
    assert not np.array_equal(changed.values["conv1"][0], first.values["conv1"][0])
    np.testing.assert_array_equal(changed.values["conv1"][1], first.values["conv1"][1])
    train = load_dataset("mnist", "train")
    assert P.patch_index(model, train).source == "computed"
    # The same bytes under another config (an imported state dict, say) are another network.
    tanh = build_model(ModelConfig(activation="tanh"), "cpu")
    tanh.load_state_dict(model.state_dict())
    assert P.patch_index(tanh, heldout).source == "computed"
    # Without a file the checkpoint's state_dict is hashed.
    checkpoint_copy = type(checkpoint)(checkpoint.config, checkpoint.state_dict, {}, None)
    assert P.checkpoint_content_hash(checkpoint_copy) == P.state_dict_hash(checkpoint.state_dict)


def test_the_heldout_dataset_of_a_checkpoint(default):
    _, checkpoint = default
    dataset = P.heldout_dataset(checkpoint)
    assert (dataset.name, dataset.split, len(dataset)) == ("mnist", "heldout", 1000)
    anonymous = type(checkpoint)(checkpoint.config, checkpoint.state_dict, {}, None)
    assert P.heldout_dataset(anonymous).split == "heldout"


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    layer=st.sampled_from(["conv1", "conv2", "pool1", "fc1", "logits", "conv3", "", "CONV1"]),
    filter_index=st.one_of(
        st.integers(-3, 20), st.sampled_from([10**12, -(10**12), 1.5, float("nan"), "3", None])
    ),
    k=st.one_of(st.integers(-2, 12), st.sampled_from([0, 1000, 1001, 10**12, 2.0, "9", True])),
)
def test_top_either_answers_or_says_what_exists(default, heldout, layer, filter_index, k):
    model, _ = default
    index = P.patch_index(model, heldout)
    try:
        patches = index.top(layer, filter_index, k)
    except ExplainerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert len(patches) == k and layer in ("conv1", "conv2")
    assert 0 <= filter_index < (6 if layer == "conv1" else 16)
