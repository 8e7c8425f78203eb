"""Compare mode (offscreen): two checkpoints on one drawing, guesses and panels side by side."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from gui_support import open_window
from PySide6.QtCore import QPointF
from torch import nn

from explainer import paths
from explainer.core.checkpoint import load_model, save_checkpoint
from explainer.core.config import ModelConfig
from explainer.core.model import build_model
from explainer.core.preprocess import preprocess
from explainer.core.units import UnitRef
from explainer.gui import MainWindow
from explainer.gui.guesses import format_guess
from explainer.gui.network.hover import format_value

MODELS = paths.models_dir()


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot, MODELS / "default.pt")


def open_compare(qtbot, window: MainWindow, other: Path):
    features = window.checkpoint_features
    dialog = features.show_compare()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.otherModelReady, timeout=30_000):
        dialog.load_other(other)
    return dialog


def own_prediction(path: Path, image: np.ndarray):
    """What the checkpoint alone says about the image: its own preprocessing and forward pass."""
    model, _ = load_model(path, "cpu")
    return model.forward_trace(preprocess(image, model.config).network_input)


def assert_guesses(row, trace) -> None:
    first, second = trace.top(2)
    assert row.first_guess.text() == format_guess(first.label, first.prob)
    assert row.second_guess.text() == format_guess(second.label, second.prob)


@pytest.mark.parametrize(
    ("other", "digit"), [("early.pt", 7), ("classic.pt", 4), ("untrained.pt", 2)]
)
def test_both_guesses_are_each_models_own_prediction(
    qtbot, window: MainWindow, other: str, digit: int
) -> None:
    dialog = open_compare(qtbot, window, MODELS / other)
    window.load_sample(digit, 0)
    window.flush_input()
    image = window.canvas.input_array()

    default_trace = own_prediction(MODELS / "default.pt", image)
    other_trace = own_prediction(MODELS / other, image)
    assert_guesses(dialog.current, default_trace)
    assert_guesses(dialog.other, other_trace)
    np.testing.assert_allclose(dialog.other.trace["probs"], other_trace["probs"], atol=1e-6)
    np.testing.assert_allclose(dialog.current.trace["conv1"], default_trace["conv1"], atol=1e-5)
    # Same drawing, same network input (both use the MNIST normalisation), other weights.
    np.testing.assert_array_equal(dialog.current.trace["input"], dialog.other.trace["input"])
    assert not np.allclose(dialog.current.trace["conv1"], dialog.other.trace["conv1"])
    assert dialog.current.name_label.text() == "default"
    assert dialog.other.name_label.text() == Path(other).stem
    assert dialog.choice.currentText() == Path(other).stem


def test_the_panels_of_both_models_line_up(qtbot, window: MainWindow) -> None:
    dialog = open_compare(qtbot, window, MODELS / "early.pt")
    window.load_sample(3, 0)
    window.flush_input()
    qtbot.wait(50)
    top, bottom = dialog.current.view, dialog.other.view
    assert top.width() == bottom.width() and top.mapTo(dialog, top.rect().topLeft()).x() == (
        bottom.mapTo(dialog, bottom.rect().topLeft()).x()
    )
    for layer in top.layer_names():
        a, b = top.panel_scene_rect(layer), bottom.panel_scene_rect(layer)
        assert abs(a.left() - b.left()) < 1 and abs(a.width() - b.width()) < 1, layer
    # Both rows show filters: the early snapshot's differ from the trained ones.
    early, _ = load_model(MODELS / "early.pt", "cpu")
    np.testing.assert_array_equal(
        dialog.other.view.panel("conv1_filters").values,
        early.conv1.weight.detach().numpy().astype(np.float32),
    )


def test_the_second_model_runs_once_per_frame_and_not_while_hidden(
    qtbot, window: MainWindow
) -> None:
    dialog = open_compare(qtbot, window, MODELS / "early.pt")
    runs = dialog.other_runs
    window_runs = window.state.runs
    for digit in (1, 2, 3):
        window.load_sample(digit, 0)
        window.flush_input()
    assert window.state.runs - window_runs == 3
    assert dialog.other_runs - runs == 3  # one pass of the second model per window trace
    dialog.hide()
    runs = dialog.other_runs
    window.load_sample(8, 0)
    window.flush_input()
    assert dialog.other_runs == runs  # hidden: no work
    dialog.show()  # catches up once with the window's current drawing
    assert dialog.other_runs == runs + 1
    assert_guesses(dialog.other, own_prediction(MODELS / "early.pt", window.canvas.input_array()))


class TutorialNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)


def test_compare_with_another_architecture_and_a_bad_file(
    qtbot, tmp_path: Path, window: MainWindow
) -> None:
    torch.manual_seed(1)
    tutorial = tmp_path / "tutorial.pth"
    torch.save(TutorialNet().state_dict(), tutorial)
    dialog = open_compare(qtbot, window, tutorial)
    window.load_sample(6, 0)
    window.flush_input()
    assert dialog.other.view.panel("fc2").mosaic.source_shape == (84, 1, 1)
    assert dialog.current.view.panel("fc2").mosaic.source_shape == (100, 1, 1)
    assert_guesses(dialog.other, own_prediction(tutorial, window.canvas.input_array()))

    bad = tmp_path / "broken.pt"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    model = dialog.other.model
    with qtbot.waitSignal(dialog.otherModelFailed, timeout=30_000) as failed:
        dialog.load_other(bad)
    assert failed.args[0].startswith("broken.pt: ")
    assert window.last_error == failed.args[0]
    assert dialog.other.model is model  # the second model stays


def test_a_unit_selected_in_either_row_is_outlined_in_both(qtbot, window: MainWindow) -> None:
    dialog = open_compare(qtbot, window, MODELS / "classic.pt")
    window.load_sample(0, 0)
    window.flush_input()
    unit = UnitRef("conv2", 5, 3, 4)
    dialog.other.view.unitClicked.emit(unit)  # a click in the second row selects in the window
    assert window.state.selection == unit
    for row in (dialog.current, dialog.other):
        outline = row.view.panel("conv2").selection
        assert outline is not None and outline.visible
        assert outline.rect() == row.view.panel("conv2").mosaic.unit_rect(5, 3, 4)


def test_window_model_change_updates_the_first_row(qtbot, window: MainWindow) -> None:
    dialog = open_compare(qtbot, window, MODELS / "early.pt")
    window.load_sample(5, 0)
    window.flush_input()
    with qtbot.waitSignal(window.model_ready, timeout=30_000):
        window.load_checkpoint(MODELS / "fashion.pt")
    assert dialog.current.name_label.text() == "fashion"
    image = window.canvas.input_array()
    assert_guesses(dialog.current, own_prediction(MODELS / "fashion.pt", image))
    assert_guesses(dialog.other, own_prediction(MODELS / "early.pt", image))


def test_a_unit_the_other_architecture_lacks_is_not_outlined_there(
    qtbot, tmp_path: Path, window: MainWindow
) -> None:
    small = tmp_path / "small_input.pt"  # 28×28 input without padding: conv1 maps are 24×24
    save_checkpoint(small, build_model(ModelConfig(input_size=28), "cpu", seed=2), {})
    dialog = open_compare(qtbot, window, small)
    window.load_sample(9, 0)
    window.flush_input()
    assert dialog.other.view.panel("conv1").mosaic.source_shape == (6, 24, 24)
    assert_guesses(dialog.other, own_prediction(small, window.canvas.input_array()))
    window.state.select(UnitRef("conv1", 2, 26, 26))  # exists in the 28×28 maps only
    assert dialog.current.view.panel("conv1").selection.visible
    outline = dialog.other.view.panel("conv1").selection
    assert outline is None or not outline.visible
    window.state.select(UnitRef("conv1", 2, 20, 20))  # exists in both
    assert dialog.other.view.panel("conv1").selection.visible


def test_a_test_set_image_reaches_the_second_model_in_mnist_form(qtbot, window: MainWindow) -> None:
    """A test image from the evaluation gallery is only padded and normalised for both models,
    as evaluation feeds it; the drawing recipe (re-centring, 20×20 box) would change it."""
    from explainer.core.datasets import load_dataset, to_network_input

    dialog = open_compare(qtbot, window, MODELS / "classic.pt")
    dataset = load_dataset("mnist")
    # A test image moved off-centre: the drawing recipe would re-centre it, MNIST form not.
    image = np.roll(np.array(dataset.images[11], dtype=np.float32), 6, axis=1)
    index = 11
    window.checkpoint_features.load_test_image(image, "test image", int(dataset.labels[index]))
    other_model = dialog.other.model
    expected = to_network_input(image[None], other_model.config)[0].numpy()
    drawn = preprocess(image, other_model.config).network_input
    assert np.abs(expected - drawn).max() > 1.0  # the two recipes differ on this image
    np.testing.assert_array_equal(dialog.other.trace["input"], expected)
    np.testing.assert_allclose(
        dialog.other.trace["probs"],
        other_model.forward_trace(expected)["probs"],
        atol=1e-6,
    )


def test_one_colour_scale_for_both_rows_by_default(qtbot, window: MainWindow) -> None:
    """Issue 13.5: the same colour is the same value in both rows; off, each its own."""
    dialog = open_compare(qtbot, window, MODELS / "classic.pt")
    window.load_sample(3, 0)
    window.flush_input()
    assert dialog.shared_scale_box.isChecked()
    own = {row: dict(row.levels) for row in (dialog.current, dialog.other)}
    assert own[dialog.current]["conv1"] != own[dialog.other]["conv1"]  # the test means something
    a, b = own[dialog.current]["conv1"], own[dialog.other]["conv1"]
    union = (min(a[0], b[0]), max(a[1], b[1]))
    for row in (dialog.current, dialog.other):
        assert row.view.panel("conv1").fixed_levels == union
    weights = [
        np.abs(row.model.conv2.weight.detach().numpy()).max()
        for row in (dialog.current, dialog.other)
    ]
    filters = [
        row.view.panel("conv2_filters").fixed_levels for row in (dialog.current, dialog.other)
    ]
    assert filters[0] == filters[1] and filters[0][1] >= max(weights)
    dialog.shared_scale_box.setChecked(False)
    assert dialog.current.view.panel("conv1").fixed_levels == a
    assert dialog.other.view.panel("conv1").fixed_levels == b
    dialog.shared_scale_box.setChecked(True)
    assert dialog.other.view.panel("conv1").fixed_levels == union


def test_hover_in_one_row_outlines_the_same_unit_in_the_other(qtbot, window: MainWindow) -> None:
    dialog = open_compare(qtbot, window, MODELS / "classic.pt")
    window.load_sample(5, 0)
    window.flush_input()
    view = dialog.current.view
    view.hover_at(view.scene_pos_of("conv2", 6, 2, 7))
    mirrored = dialog.other.view.visible_outlines()
    assert mirrored["conv2"] == [dialog.other.view.panel("conv2").mosaic.unit_rect(6, 2, 7)]
    assert "pool1" in mirrored  # its window on the layer it reads, as for a real hover
    value = float(dialog.other.trace["conv2"][6, 2, 7])
    assert dialog.other.view.hover_text() == f"conv2[6, 2, 7] = {format_value(value)}"
    view.hover_at(QPointF(-1000, -1000))  # off every panel
    assert dialog.other.view.visible_outlines() == {}


def test_the_first_row_says_and_shows_what_the_student_switched_off(
    qtbot, window: MainWindow
) -> None:
    """With conv2:1 off the first row read just "default" beside the knocked-out guesses,
    as if the shipped network guessed them."""
    from explainer.core.ablation import Ablation

    dialog = open_compare(qtbot, window, MODELS / "early.pt")
    window.load_sample(3, 0)
    window.flush_input()
    window.state.set_knocked_out(Ablation.parse("conv2:1"))
    detail = dialog.current.detail_label.text()
    assert "What if — off: conv2:1" in detail
    marks, shown = dialog.current.view.visible_marks(), window.network_view.visible_marks()
    assert marks["conv2"] and {k: len(v) for k, v in marks.items()} == {
        k: len(v) for k, v in shown.items()
    }  # crossed out there too (the rows tile their maps in their own grid)
    assert "What if" not in dialog.other.detail_label.text()  # the other network is as shipped
    window.state.set_knocked_out(Ablation())
    assert "What if" not in dialog.current.detail_label.text()
    assert not any(dialog.current.view.visible_marks().values())
