"""What if (issue 12): knock-outs, edited kernel weights and the moved digit, through the session.

Oracles: a forward pass written here with torch.nn.functional, with the knocked-out output
zeroed by hand; the conv arithmetic (an edited weight adds Δw · pixel to exactly one map);
numpy's own whole-pixel shifts; torchvision's affine for the resampling.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from explainer import paths
from explainer.core.ablation import Ablation
from explainer.core.checkpoint import load_checkpoint, load_model, save_checkpoint
from explainer.core.config import ModelConfig
from explainer.core.edits import WeightKey
from explainer.core.errors import ExplainerError
from explainer.core.model import build_model
from explainer.core.preprocess import preprocess
from explainer.core.samples import load_sample
from explainer.core.transform import (
    DigitTransform,
    affine,
    change_thickness,
    move_digit,
    noise_field,
    shift_whole_pixels,
)
from explainer.state import SessionState

torch.set_num_threads(1)


def record(event) -> list[tuple]:
    calls: list[tuple] = []
    event.connect(lambda *args: calls.append(args))
    return calls


@pytest.fixture(scope="module")
def model_files(tmp_path_factory):
    """Copies of the shipped default (ReLU, max) and classic (tanh, average) checkpoints, and
    a random network with fewer channels (conv 4, 8)."""
    folder = tmp_path_factory.mktemp("whatif")
    default = folder / "default.pt"
    shutil.copy(paths.default_checkpoint(), default)
    classic = folder / "classic.pt"
    shutil.copy(paths.models_dir() / "classic.pt", classic)
    small = folder / "small.pt"
    config = ModelConfig(conv_channels=(4, 8))
    save_checkpoint(small, build_model(config, "cpu", seed=3), {"name": "small"})
    return {"default": default, "classic": classic, "small": small}


@pytest.fixture
def state(model_files) -> SessionState:
    session = SessionState()
    session.load_checkpoint(model_files["default"], "cpu")
    session.set_input(load_sample(3))
    return session


def oracle_logits(model, x: np.ndarray, zeroed: dict[str, list[int]]) -> np.ndarray:
    """LeNet's forward pass written out with torch.nn.functional; the listed channels / units
    of a layer are set to 0 after its activation."""
    config = model.config
    act = model.act
    pool = F.max_pool2d if config.pool == "max" else F.avg_pool2d
    k = config.pool_size
    h = torch.from_numpy(np.array(x))[None]
    with torch.no_grad():
        for name in ("conv1", "conv2"):
            conv = getattr(model, name)
            h = act(F.conv2d(h, conv.weight, conv.bias, padding=conv.padding))
            h[:, zeroed.get(name, [])] = 0
            h = pool(h, k, k)
        h = h.flatten(1)
        for name in config.fc_layer_names:
            fc = getattr(model, name)
            h = act(F.linear(h, fc.weight, fc.bias))
            h[:, zeroed.get(name, [])] = 0
        out = model.logits
        return F.linear(h, out.weight, out.bias)[0].numpy()


# ---- knock-outs ------------------------------------------------------------------------------
@pytest.mark.parametrize("checkpoint", ["default", "classic"])
def test_knocking_out_units_equals_a_pass_with_their_output_zeroed(model_files, checkpoint):
    session = SessionState()
    session.load_checkpoint(model_files[checkpoint], "cpu")
    session.set_input(load_sample(8))
    x = session.preprocessed.network_input
    plain = session.trace["logits"].copy()
    traces = record(session.trace_changed)
    kinds = record(session.whatif_changed)

    session.toggle_unit("conv2", 3)
    expected = oracle_logits(session.model, x, {"conv2": [3]})
    np.testing.assert_allclose(session.trace["logits"], expected, atol=1e-5)
    assert not np.allclose(expected, plain, atol=1e-3)  # the filter matters for this digit
    assert not session.trace["conv2"][3].any() and session.trace["conv2_pre"][3].any()

    session.toggle_unit("conv1", 0)
    session.toggle_unit("fc1", 17)
    assert session.knocked_out == Ablation.parse("conv1:0,conv2:3,fc1:17")
    assert session.ablation is session.knocked_out and session.trace.ablation == session.ablation
    zeroed = {"conv1": [0], "conv2": [3], "fc1": [17]}
    np.testing.assert_allclose(
        session.trace["logits"], oracle_logits(session.model, x, zeroed), atol=1e-5
    )
    oracle_probs = torch.softmax(torch.from_numpy(oracle_logits(session.model, x, zeroed)), 0)
    np.testing.assert_allclose(session.trace["probs"], oracle_probs.numpy(), atol=1e-6)
    assert len(traces) == 3 and kinds == [("knocked_out",)] * 3

    session.toggle_unit("conv2", 3)  # back on: the other two stay off
    np.testing.assert_allclose(
        session.trace["logits"],
        oracle_logits(session.model, x, {"conv1": [0], "fc1": [17]}),
        atol=1e-5,
    )
    session.switch_all_on()
    np.testing.assert_allclose(session.trace["logits"], plain, atol=1e-6)
    assert not session.knocked_out


def test_a_unit_the_model_lacks_is_refused_and_nothing_changes(state: SessionState) -> None:
    errors = record(state.error)
    runs = state.runs
    for layer, index in (("conv2", 16), ("logits", 0), ("pool1", 0), ("conv9", 1)):
        with pytest.raises(ExplainerError):
            state.toggle_unit(layer, index)
    assert len(errors) == 4 and state.runs == runs and not state.knocked_out


def test_an_evaluation_job_keeps_the_knocked_out_units_off(state: SessionState) -> None:
    from explainer.core.datasets import load_dataset, pad_images

    state.toggle_unit("conv2", 5)
    report = state.evaluation_job("mnist").run_to_end()
    dataset = load_dataset("mnist")
    with torch.no_grad():
        batch = state.model.config.normalize(pad_images(dataset.images, 32))
        expected = state.model(batch, Ablation.parse("conv2:5")).argmax(1).numpy()
        plain = state.model(batch).argmax(1).numpy()
    np.testing.assert_array_equal(report.predictions, expected)
    assert (expected != plain).any()


def test_a_new_model_keeps_the_knock_outs_it_has_units_for(state, model_files) -> None:
    notices = record(state.notice)
    state.set_knocked_out("conv1:1,conv2:3,conv2:12")
    state.load_checkpoint(model_files["small"], "cpu")  # conv channels (4, 8)
    assert state.knocked_out == Ablation.parse("conv1:1,conv2:3")
    assert notices == [("switched back on (this model has no such units): conv2:12",)]
    x = state.preprocessed.network_input
    np.testing.assert_allclose(
        state.trace["logits"],
        oracle_logits(state.model, x, {"conv1": [1], "conv2": [3]}),
        atol=1e-5,
    )


# ---- edited weights --------------------------------------------------------------------------
def test_an_edited_conv1_weight_changes_only_its_map_and_what_comes_after(state) -> None:
    before = {k: v.copy() for k, v in state.trace.tensors.items()}
    key = WeightKey("conv1", 2, 0, 1, 3)
    original = state.weight(key)
    kinds = record(state.whatif_changed)
    weights = record(state.weights_changed)

    state.set_weight(key, original + 0.5)
    after = state.trace
    assert state.is_edited(key) and state.is_edited(("conv1", 2, 0, 1, 3))
    assert state.edited.original(key) == original
    np.testing.assert_array_equal(after["input"], before["input"])  # upstream: equal
    # The map of filter 2 changes by exactly Δw · the pixel the weight multiplies.
    x = before["input"][0]
    delta = after["conv1_pre"][2] - before["conv1_pre"][2]
    np.testing.assert_allclose(delta, np.float32(0.5) * x[1 : 1 + 28, 3 : 3 + 28], atol=1e-5)
    others = [c for c in range(6) if c != 2]
    np.testing.assert_array_equal(after["conv1_pre"][others], before["conv1_pre"][others])
    np.testing.assert_array_equal(after["pool1"][others], before["pool1"][others])
    assert not np.array_equal(after["pool1"][2], before["pool1"][2])
    for downstream in ("conv2_pre", "fc1_pre", "logits"):
        assert not np.allclose(after[downstream], before[downstream], atol=1e-6), downstream
    assert kinds == [("weights",)] and weights == [(state.model,)]

    state.reset_weight(key)  # the network as it was, to the bit
    assert not state.edited and state.weight(key) == original
    for name, value in before.items():
        np.testing.assert_array_equal(state.trace[name], value)


def test_an_edited_conv2_weight_changes_only_that_filter_s_map(state) -> None:
    before = {k: v.copy() for k, v in state.trace.tensors.items()}
    key = WeightKey("conv2", 9, 4, 2, 2)
    state.set_weight(key, state.weight(key) - 1.0)
    after = state.trace
    for upstream in ("input", "conv1_pre", "conv1", "pool1"):
        np.testing.assert_array_equal(after[upstream], before[upstream])
    delta = after["conv2_pre"][9] - before["conv2_pre"][9]
    window = before["pool1"][4][2 : 2 + 10, 2 : 2 + 10]  # pool1 channel 4 under weight (2, 2)
    np.testing.assert_allclose(delta, -1.0 * window, atol=1e-5)
    others = [c for c in range(16) if c != 9]
    np.testing.assert_array_equal(after["conv2_pre"][others], before["conv2_pre"][others])
    assert state.model.conv2.weight[9, 4, 2, 2].item() == pytest.approx(
        before_weight := state.edited.value(key)
    )
    assert before_weight == pytest.approx(state.edited.original(key) - 1.0, abs=1e-6)


def test_edits_that_cannot_be_are_refused(state) -> None:
    errors = record(state.error)
    weights_before = state.model.conv1.weight.detach().clone()
    bad = [
        (("fc1", 0, 0, 0, 0), 1.0),  # no kernel
        (("conv1", 6, 0, 0, 0), 1.0),  # filter 6 of 0..5
        (("conv1", 0, 1, 0, 0), 1.0),  # conv1 reads one channel
        (("conv2", 0, 0, 5, 0), 1.0),  # row 5 of a 5×5 kernel
        (("conv1", 0, 0, 0, 0), float("nan")),
        (("conv1", 0, 0, 0, 0), float("inf")),
        (("conv1", 0, 0, 0, 0), 1e40),  # more than a float32 holds
        (("conv1", 0, 0, 0, 0), -2e6),  # the logits would overflow
        (("conv1", 0, 0, 0, 0), "0.5"),
    ]
    for key, value in bad:
        with pytest.raises(ExplainerError):
            state.set_weight(key, value)
    assert len(errors) == len(bad) and not state.edited
    assert torch.equal(state.model.conv1.weight, weights_before)


def test_setting_a_weight_back_to_its_value_un_edits_it(state) -> None:
    key = WeightKey("conv1", 0, 0, 0, 0)
    original = state.weight(key)
    state.set_weight(key, 2.0)
    state.set_weight(key, 3.0)
    assert state.edited.original(key) == original and state.edited.value(key) == 3.0
    state.set_weight(key, original)
    assert not state.edited
    state.set_weight(key, 1.0)
    state.set_weight(WeightKey("conv2", 1, 1, 1, 1), 1.0)
    state.reset_weights()
    assert not state.edited and state.weight(key) == original


def test_edits_never_touch_the_file_and_a_saved_copy_has_them(state, model_files, tmp_path):
    path = model_files["default"]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    loaded_weight = state.checkpoint.state_dict["conv1.weight"].clone()
    key = WeightKey("conv1", 1, 0, 2, 2)
    state.set_weight(key, 0.75)
    state.set_weight(WeightKey("conv2", 0, 3, 4, 4), -0.5)
    notices = record(state.notice)

    written = state.save_checkpoint(tmp_path / "edited.pt")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert torch.equal(load_checkpoint(path).state_dict["conv1.weight"], loaded_weight)
    copy = load_checkpoint(written)
    assert copy.state_dict["conv1.weight"][1, 0, 2, 2].item() == 0.75
    assert copy.state_dict["conv2.weight"][0, 3, 4, 4].item() == -0.5
    listed = {item["weight"]: item["value"] for item in copy.metadata["edited_weights"]}
    assert listed == {"conv1[1,0,2,2]": 0.75, "conv2[0,3,4,4]": -0.5}
    assert notices == [("saved edited.pt with edited weights: conv1[1,0,2,2], conv2[0,3,4,4]",)]
    # The saved copy computes what the session shows.
    model, _ = load_model(written, "cpu")
    trace = model.forward_trace(state.preprocessed.network_input)
    np.testing.assert_array_equal(trace["logits"], state.trace["logits"])


def test_new_weights_drop_the_edits_with_a_notice(state, model_files) -> None:
    key = WeightKey("conv1", 3, 0, 0, 4)
    old_model = state.model
    original = state.weight(key)
    state.set_weight(key, 5.0)
    notices = record(state.notice)
    kinds = record(state.whatif_changed)

    state.load_checkpoint(model_files["classic"], "cpu")
    assert not state.edited
    assert notices == [
        ("edited weights dropped (conv1[3,0,0,4]): they do not apply to the new weights",)
    ]
    assert ("weights",) in kinds
    # The previous model object has its own weight back (a comparison may still hold it).
    assert old_model.conv1.weight[key.index].item() == original

    # A training step's weights (set_weights) drop them too, and are used as given.
    state.set_weight(key, 5.0)
    given = {k: v.clone() for k, v in state.checkpoint.state_dict.items()}
    state.set_weights(given)
    assert not state.edited and len(notices) == 2
    assert torch.equal(state.model.conv1.weight, given["conv1.weight"])


# ---- moving the digit ------------------------------------------------------------------------
def _digit_field(model) -> np.ndarray:
    return preprocess(load_sample(2), model.config).padded


def test_shifting_by_whole_pixels_without_recentring_shifts_the_conv1_maps(state) -> None:
    plain = {k: v.copy() for k, v in state.trace.tensors.items()}
    field = state.preprocessed.padded.copy()
    dx, dy = 3, -2
    state.set_transform(DigitTransform(shift_x=dx, shift_y=dy, recentre=False))
    np.testing.assert_allclose(state.preprocessed.padded, shift_whole_pixels(field, dy, dx), 1e-6)
    moved = state.trace["conv1_pre"]
    assert not np.allclose(moved, plain["conv1_pre"], atol=1e-3)
    # Away from the borders (where pixels came in or left), conv1's maps moved by (dy, dx).
    rows = slice(max(0, -dy) + 1, 28 - max(0, dy) - 1)
    cols = slice(max(0, -dx) + 1, 28 - max(0, dx) - 1)
    shifted_rows = slice(rows.start + dy, rows.stop + dy)
    shifted_cols = slice(cols.start + dx, cols.stop + dx)
    np.testing.assert_allclose(
        moved[:, shifted_rows, shifted_cols], plain["conv1_pre"][:, rows, cols], atol=1e-5
    )
    # Re-centring on: the preprocessing puts the digit back, the network sees what it saw.
    state.set_transform(DigitTransform(shift_x=dx, shift_y=dy, recentre=True))
    np.testing.assert_allclose(state.trace["input"], plain["input"], atol=1e-6)
    np.testing.assert_allclose(state.trace["logits"], plain["logits"], atol=1e-5)
    state.set_transform(None)
    np.testing.assert_array_equal(state.trace["input"], plain["input"])


def test_every_transform_change_reruns_once_and_knock_outs_still_apply(state) -> None:
    traces = record(state.trace_changed)
    kinds = record(state.whatif_changed)
    state.toggle_unit("conv2", 3)
    state.set_transform(DigitTransform(rotation=20, recentre=False))
    state.set_transform(DigitTransform(rotation=20, recentre=False))  # the same: nothing
    expected = oracle_logits(state.model, state.preprocessed.network_input, {"conv2": [3]})
    np.testing.assert_allclose(state.trace["logits"], expected, atol=1e-5)
    assert len(traces) == 2 and kinds == [("knocked_out",), ("transform",)]


def test_transforms_keep_the_input_finite_and_in_range(state) -> None:
    config = state.model.config
    fields = [_digit_field(state.model), np.zeros((32, 32), np.float32), np.ones((32, 32))]
    extremes = itertools.product((-6, 6), (-6, 0), (-30, 30), (0.7, 1.3), (-1, 2), (0, 0.5))
    for sx, sy, rot, scale, thick, noise in extremes:
        for recentre in (False, True):
            transform = DigitTransform(sx, sy, rot, scale, thick, noise, recentre)
            for field in fields:
                moved = move_digit(field, transform)
                assert moved.dtype == np.float32 and moved.shape == field.shape
                assert np.isfinite(moved).all() and moved.min() >= 0 and moved.max() <= 1
    state.set_transform(DigitTransform(6, 6, 30, 1.3, 2, 0.5, False))
    network_input = state.preprocessed.network_input
    assert np.isfinite(network_input).all()
    low, high = config.normalize(0.0), config.normalize(1.0)
    assert network_input.min() >= low - 1e-6 and network_input.max() <= high + 1e-6


def test_out_of_range_transforms_are_refused() -> None:
    for changes in (
        {"shift_x": 6.5},
        {"shift_y": -7},
        {"rotation": 31},
        {"scale": 0.5},
        {"scale": 1.4},
        {"thickness": 3},
        {"noise": -0.1},
        {"noise": float("nan")},
        {"rotation": "10"},
    ):
        with pytest.raises(ExplainerError):
            DigitTransform(**changes)


def test_the_resampling_is_torchvision_s_affine(state) -> None:
    from torchvision.transforms.v2 import functional as TF

    field = _digit_field(state.model)
    for rotation, shift, scale, centre in [
        (30.0, (0.0, 0.0), 1.0, (16.0, 16.0)),
        (-17.5, (1.5, -2.25), 1.2, (15.3, 17.1)),
        (8.0, (-4.0, 3.0), 0.75, (16.4, 15.6)),
    ]:
        mine = affine(field, shift, rotation, scale, centre)
        theirs = TF.affine(
            torch.from_numpy(field)[None],
            angle=-rotation,  # torchvision turns clockwise for a positive angle
            translate=list(shift),
            scale=scale,
            shear=[0.0, 0.0],
            interpolation=TF.InterpolationMode.BILINEAR,
            center=[centre[1] + 0.5, centre[0] + 0.5],  # (x, y) of pixel edges
        )[0].numpy()
        np.testing.assert_allclose(mine, theirs, atol=1e-5)
    dot = np.zeros((32, 32), np.float32)
    dot[16, 20] = 1  # right of the centre: a quarter turn counter-clockwise puts it above
    assert np.argwhere(affine(dot, rotation=90, centre=(16, 16)) > 0.5).tolist() == [[12, 16]]


def test_thickness_is_dilation_or_erosion_with_the_cross(state) -> None:
    field = _digit_field(state.model)
    framed = np.pad(field, 1)
    cross = [framed[1:-1, 1:-1], framed[:-2, 1:-1], framed[2:, 1:-1]]
    cross += [framed[1:-1, :-2], framed[1:-1, 2:]]
    np.testing.assert_array_equal(change_thickness(field, 1), np.max(cross, axis=0))
    np.testing.assert_array_equal(change_thickness(field, -1), np.min(cross, axis=0))
    half = change_thickness(field, 0.5)
    np.testing.assert_allclose(half, (field + np.max(cross, axis=0)) / 2, atol=1e-6)
    sums = [change_thickness(field, t).sum() for t in (-1, -0.5, 0, 0.5, 1, 1.5, 2)]
    assert all(a < b for a, b in itertools.pairwise(sums))


def test_noise_is_the_same_field_every_time(state) -> None:
    field = _digit_field(state.model)
    first = move_digit(field, DigitTransform(noise=0.2))
    np.testing.assert_array_equal(first, move_digit(field, DigitTransform(noise=0.2)))
    np.testing.assert_allclose(first, np.clip(field + 0.2 * noise_field(32, 32), 0, 1), 1e-6)
    state.set_transform(DigitTransform(noise=0.3))
    once = state.trace["input"].copy()
    state.rerun()
    np.testing.assert_array_equal(state.trace["input"], once)


def test_a_compared_model_sees_the_moved_digit(state, model_files) -> None:
    other = state.follower()
    other.load_checkpoint(model_files["classic"], "cpu")
    other.set_following(True)
    transform = DigitTransform(shift_x=4, recentre=False)
    state.set_transform(transform)
    assert other.transform == transform
    np.testing.assert_array_equal(other.preprocessed.padded, state.preprocessed.padded)


def test_the_command_line_form_of_a_transform() -> None:
    from explainer.core.transform import parse_transform

    assert parse_transform("shift_x=3, shift_y=-2,rotation=10,recentre=off") == DigitTransform(
        shift_x=3, shift_y=-2, rotation=10, recentre=False
    )
    assert parse_transform("scale=1.1,thickness=0.5,noise=0.2") == DigitTransform(
        scale=1.1, thickness=0.5, noise=0.2
    )
    for bad in ("shift=3", "shift_x", "rotation=ten", "recentre=maybe", "shift_x=9"):
        with pytest.raises(ExplainerError):
            parse_transform(bad)


def test_a_training_snapshot_drops_the_edits_and_the_model_s_own_weights_come_back(state):
    from explainer.core.snapshots import Snapshot

    own = {k: v.detach().clone() for k, v in state.model.state_dict().items()}
    other = build_model(state.model.config, "cpu", seed=5).state_dict()
    state.set_timeline((Snapshot(0, 0.0, {k: v.clone() for k, v in other.items()}),))
    key = WeightKey("conv1", 0, 0, 2, 2)
    state.set_weight(key, 4.0)
    notices = record(state.notice)
    state.show_snapshot(0)
    assert not state.edited and len(notices) == 1 and "dropped" in notices[0][0]
    assert torch.equal(state.model.conv1.weight, other["conv1.weight"])
    state.show_snapshot(None)  # the model's own weights, without the edit
    for name, tensor in state.model.state_dict().items():
        assert torch.equal(tensor, own[name]), name
