"""SessionState: the Qt-free model of the window (input → preprocessing → trace, events)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from explainer.core.checkpoint import load_model, save_checkpoint
from explainer.core.config import ModelConfig
from explainer.core.errors import CheckpointError, ExplainerError, ImageError
from explainer.core.model import build_model
from explainer.core.preprocess import preprocess
from explainer.core.samples import load_sample
from explainer.core.units import UnitRef
from explainer.state import SessionState


@pytest.fixture(scope="module")
def checkpoint_path(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("ckpt") / "random.pt"
    save_checkpoint(path, build_model(ModelConfig(), "cpu", seed=1), {"name": "random"})
    return str(path)


@pytest.fixture
def state(checkpoint_path: str) -> SessionState:
    session = SessionState()
    session.load_checkpoint(checkpoint_path, "cpu")
    return session


def record(event) -> list[tuple]:
    calls: list[tuple] = []
    event.connect(lambda *args: calls.append(args))
    return calls


def test_events_hold_views_weakly_and_call_in_order(state: SessionState) -> None:
    """A closed view must not be kept alive (nor called) by the session it listened to."""
    import gc

    seen: list[str] = []

    class View:
        def __init__(self, name: str) -> None:
            self.name = name

        def on_selection(self, unit) -> None:
            seen.append(self.name)

    first, second = View("first"), View("second")
    state.selection_changed.connect(first.on_selection)
    state.selection_changed.connect(second.on_selection)
    state.select(UnitRef("conv1", 0, 1, 1))
    assert seen == ["first", "second"]
    del first
    gc.collect()
    state.select(UnitRef("conv1", 0, 2, 2))
    assert seen == ["first", "second", "second"]


def test_set_input_runs_preprocessing_and_matches_torch(state: SessionState) -> None:
    traces = record(state.trace_changed)
    image = load_sample(3)
    trace = state.set_input(image)

    expected = preprocess(image, state.model.config)
    np.testing.assert_array_equal(state.preprocessed.network_input, expected.network_input)
    with torch.no_grad():
        logits = state.model(torch.from_numpy(expected.network_input.copy())[None])[0].numpy()
    np.testing.assert_allclose(trace["logits"], logits, atol=1e-5)
    assert traces == [(trace,)] and state.trace is trace
    assert state.inference_ms is not None and state.inference_ms >= 0
    assert state.runs == 1


def test_input_before_the_model_is_kept_and_run_when_it_arrives(checkpoint_path: str) -> None:
    session = SessionState()
    traces = record(session.trace_changed)
    assert session.set_input(load_sample(7)) is None
    assert session.trace is None and traces == []

    model, checkpoint = load_model(checkpoint_path, "cpu")
    session.set_model(model, checkpoint)
    assert len(traces) == 1
    np.testing.assert_array_equal(
        session.trace["input"], preprocess(load_sample(7), model.config).network_input
    )


def test_bad_checkpoint_keeps_model_and_trace(state: SessionState, tmp_path) -> None:
    state.set_input(load_sample(1))
    model, trace = state.model, state.trace
    errors = record(state.error)
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint")
    with pytest.raises(CheckpointError):
        state.load_checkpoint(bad)
    assert state.model is model and state.trace is trace
    assert len(errors) == 1 and isinstance(errors[0][0], CheckpointError)


def test_bad_image_file_keeps_input(state: SessionState, tmp_path) -> None:
    state.set_input(load_sample(2))
    image, trace = state.image, state.trace
    bad = tmp_path / "digit.png"
    bad.write_text("this is text, not a PNG")
    with pytest.raises(ImageError):
        state.load_image(bad)
    assert state.image is image and state.trace is trace


def test_non_2d_input_is_rejected(state: SessionState) -> None:
    with pytest.raises(ExplainerError, match="2-D"):
        state.set_input(np.zeros((2, 3, 4, 5), np.float32))
    assert state.image is None


def test_clear_input_emits_none(state: SessionState) -> None:
    state.set_input(load_sample(4))
    traces = record(state.trace_changed)
    state.clear_input()
    assert traces == [(None,)] and state.trace is None and state.image is None


def test_selection_events_and_reset_on_incompatible_model(state: SessionState) -> None:
    selections = record(state.selection_changed)
    unit = UnitRef("conv2", 15, 9, 9)
    state.select(unit)
    state.select(unit)  # unchanged: no second event
    assert selections == [(unit,)]

    smaller = build_model(ModelConfig(conv_channels=(4, 8)), "cpu", seed=0)
    state.set_model(smaller)  # conv2 has only 8 channels now: channel 15 no longer exists
    assert state.selection is None and selections[-1] == (None,)


def test_a_label_stated_for_other_classes_is_unknown_under_this_model(
    state: SessionState,
) -> None:
    """An MNIST sample's 3 is not class 3 of a Fashion-MNIST model ("Dress"): the loss would
    be taught against a class the picture is not. Nor is a digit the user picked. Back on a
    digit model both are known again."""
    from explainer.core.config import DIGIT_CLASSES, FASHION_CLASSES
    from explainer.core.inputs import CHOSEN, SAMPLE, InputSource, TrueLabel

    digits_model = state.model
    fashion_model = build_model(ModelConfig(class_names=FASHION_CLASSES), "cpu", seed=2)
    labels = record(state.label_changed)
    seven = load_sample(7, 0)
    state.set_input(seven, InputSource(TrueLabel(7, SAMPLE, DIGIT_CLASSES)))
    assert state.true_label == TrueLabel(7, SAMPLE) and state.true_label.classes == DIGIT_CLASSES
    state.set_model(fashion_model)
    assert state.true_label is None and labels[-1] == (None,)
    state.set_model(digits_model)
    assert state.true_label == TrueLabel(7, SAMPLE)

    state.set_input(seven)  # drawn: the user picks 3 among the digits
    state.choose_true_label(3)
    assert state.true_label == TrueLabel(3, CHOSEN)
    state.set_model(fashion_model)
    assert state.true_label is None
    state.choose_true_label(3)  # picked among this model's classes: its class 3 it is
    assert state.true_label == TrueLabel(3, CHOSEN)
    assert state.true_label.classes == FASHION_CLASSES
    # A file name states only a number: it counts in whichever classes the model has.
    state.set_input(seven, InputSource(TrueLabel(3, "file name")))
    assert state.true_label == TrueLabel(3, "file name")


def test_true_label_is_never_the_guess_and_comes_from_what_is_known(state: SessionState) -> None:
    from explainer.core.inputs import (
        CHOSEN,
        SAMPLE,
        InputSource,
        TrueLabel,
        label_from_file_name,
    )

    labels = record(state.label_changed)
    seven = load_sample(7, 0)
    state.set_input(seven)  # as if drawn: nothing known
    assert state.true_label is None and labels == []
    state.choose_true_label(3)
    assert state.true_label == TrueLabel(3, CHOSEN) and labels == [(TrueLabel(3, CHOSEN),)]
    state.set_input(seven, InputSource(TrueLabel(7, SAMPLE)))  # a known label wins
    assert state.true_label == TrueLabel(7, SAMPLE)
    state.set_input(seven)  # drawn on: the pick was dropped when the known label came
    assert state.true_label is None
    assert [label for (label,) in labels] == [TrueLabel(3, CHOSEN), TrueLabel(7, SAMPLE), None]
    # A class index the model lacks is unknown, not an index error later.
    state.set_input(seven, InputSource(TrueLabel(12, SAMPLE)))
    assert state.true_label is None
    assert label_from_file_name("7_phone.png") == TrueLabel(7, "file name")
    assert label_from_file_name("digit3_0.png").index == 3
    assert label_from_file_name("photo_7.png") is None
    assert label_from_file_name("2024-05-01.png").index == 2024  # stated, then out of range
