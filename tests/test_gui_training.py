"""The Training panel (offscreen): a run in the window, its live curves, the timeline slider,
pause / resume / stop, saving, and asking before quitting a run. Short runs: the 4,000-image
MNIST subset, one to three epochs (a worker process starts in ~2-3 s)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from gui_support import draw, open_window
from PySide6.QtWidgets import QMessageBox
from test_network_view import assert_pixels_follow_pyqtgraph

from explainer import paths
from explainer.core.checkpoint import load_checkpoint
from explainer.gui import MainWindow
from explainer.gui.colormaps import WEIGHT_MAP

SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.55, 0.5), (0.45, 0.8)]
RUN_TIMEOUT_MS = 120_000


@pytest.fixture
def window(qtbot) -> MainWindow:
    window = open_window(qtbot, paths.models_dir() / "untrained.pt")
    draw(window, SEVEN)
    window.flush_input()
    return window


def panel_of(window: MainWindow):
    window.findChild(type(window.training_dock.toggle_action), "show_training").trigger()
    assert window.training_dock.isVisible()
    return window.training_dock.panel


def run_to_end(qtbot, panel, epochs: int = 1, **form) -> None:
    panel.epochs.setValue(epochs)
    for name, value in form.items():
        getattr(panel, name).setValue(value)
    with qtbot.waitSignal(panel.trainingFinished, timeout=RUN_TIMEOUT_MS):
        assert panel.start()


def weights_of(model) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def test_a_one_epoch_run_learns_live_and_leaves_a_timeline(qtbot, window: MainWindow) -> None:
    panel = panel_of(window)
    assert window.training_dock.objectName() == "training_panel"
    assert window.training_dock.toggle_action.shortcut().toString() == "Ctrl+T"
    assert panel.start_button.objectName() == "train_start"
    before = weights_of(window.state.model)
    live_updates: list[int] = []
    window.state.weights_changed.connect(lambda _model: live_updates.append(1))
    run_to_end(qtbot, panel, epochs=1)
    state = window.state
    timeline = state.timeline
    assert len(timeline) >= 2 and timeline == state.checkpoint.snapshots
    assert [s.step for s in timeline] == sorted({s.step for s in timeline})
    assert len(live_updates) >= 2  # the panels followed the network while it learned
    # The model in the window is the trained one: its weights are the last snapshot's.
    for name, value in weights_of(state.model).items():
        assert torch.equal(value, torch.as_tensor(timeline[-1].state_dict[name])), name
        assert name not in before or before[name].shape == value.shape
    # The curves: training loss per step and held-out loss per snapshot, both falling, on
    # plots still in the panel (clearing them for the run once removed both plots).
    curves = panel.curves
    for curve in (panel.train_curve, panel.heldout_curve, panel.accuracy_curve):
        assert curve.scene() is curves.scene() and curve.isVisible()
    assert curves.loss_plot.isVisible() and curves.accuracy_plot.isVisible()
    _, train = panel.train_curve.getData()
    assert len(train) == timeline[-1].step and train[-1] < train[0]
    _, heldout = panel.heldout_curve.getData()
    assert len(heldout) == len(timeline) and heldout[-1] < heldout[0]
    _, accuracy = panel.accuracy_curve.getData()
    # In percent, as the timeline's text writes it.
    assert accuracy[-1] == pytest.approx(100 * timeline[-1].heldout_accuracy)
    assert accuracy[-1] > 50 > accuracy[0]
    # The drawing was rerun by the trained network.
    trace = state.trace
    np.testing.assert_allclose(
        trace["probs"], state.model.forward_trace(trace["input"])["probs"], atol=1e-6
    )
    assert "Trained in" in panel.status.text() and panel.save_button.isEnabled()


def test_scrubbing_shows_exactly_that_snapshots_network(qtbot, window: MainWindow) -> None:
    panel = panel_of(window)
    run_to_end(qtbot, panel, epochs=1, snapshot_count=6)
    state, view = window.state, window.network_view
    timeline = state.timeline
    assert panel.slider.objectName() == "snapshot_slider"
    assert panel.slider.maximum() == len(timeline) - 1
    for index in (0, 2, len(timeline) - 2):
        with qtbot.waitSignal(panel.snapshotShown, timeout=5_000):
            panel.slider.setValue(index)
        snapshot = timeline[index]
        assert state.timeline_index == index
        weights = np.asarray(snapshot.state_dict["conv1.weight"])
        filters = view.panel("conv1_filters")
        np.testing.assert_array_equal(filters.values, weights)
        # Pixels: the colour map of those weights, with limits fixed over the whole timeline.
        assert filters.fixed_levels == state.weight_levels["conv1"]
        assert_pixels_follow_pyqtgraph(filters, weights, filters.fixed_levels, WEIGHT_MAP)
        # The trace is that network's forward pass of the drawing.
        model = state.checkpoint.build("cpu", snapshot=index)
        expected = model.forward_trace(state.trace["input"])
        np.testing.assert_allclose(state.trace["conv2"], expected["conv2"], atol=1e-6)
        np.testing.assert_allclose(state.trace["probs"], expected["probs"], atol=1e-6)
        assert f"snapshot {index + 1} of {len(timeline)}" in panel.timeline_label.text()
        whole = abs(snapshot.epoch - round(snapshot.epoch)) < 5e-3
        epoch = f"{round(snapshot.epoch)}" if whole else f"{snapshot.epoch:.2f}"
        assert f" · epoch {epoch}" in panel.timeline_label.text()  # "epoch 1", not "1.00"
    # The end of the slider gives the trained network back.
    with qtbot.waitSignal(panel.snapshotShown, timeout=5_000):
        panel.slider.setValue(panel.slider.maximum())
    assert state.timeline_index is None
    np.testing.assert_array_equal(
        view.panel("conv1_filters").values, np.asarray(timeline[-1].state_dict["conv1.weight"])
    )


def test_pause_resume_and_stop_keep_every_step_and_what_was_trained(
    qtbot, window: MainWindow
) -> None:
    panel = panel_of(window)
    panel.epochs.setValue(3)
    assert panel.start()
    qtbot.waitUntil(lambda: len(panel._step_losses) >= 5, timeout=RUN_TIMEOUT_MS)
    panel.toggle_pause()
    assert panel.pause_button.text() == "Resume"
    qtbot.wait(400)  # let the worker reach the pause and the last news arrive
    paused_at = len(panel._step_losses)
    qtbot.wait(800)
    assert len(panel._step_losses) == paused_at and "Paused" in panel.status.text()
    panel.toggle_pause()
    qtbot.waitUntil(lambda: len(panel._step_losses) >= paused_at + 5, timeout=RUN_TIMEOUT_MS)
    with qtbot.waitSignal(panel.trainingFinished, timeout=RUN_TIMEOUT_MS) as finished:
        panel.stop()
    assert finished.args == [True]  # stopped by the user
    steps = len(panel._step_losses)
    epochs = np.asarray(panel._step_epochs)
    per_epoch = 4000 / 128
    np.testing.assert_allclose(epochs, np.arange(1, steps + 1) / np.ceil(per_epoch))
    timeline = window.state.timeline
    assert timeline[-1].step == steps  # the timeline ends where training stopped
    for name, value in weights_of(window.state.model).items():
        assert torch.equal(value, torch.as_tensor(timeline[-1].state_dict[name]))
    assert "Stopped after" in panel.status.text()
    # The model's epochs are the timeline's (0.47 after a stop), not the history's records,
    # which count the epoch the stop cut short as a whole one.
    metadata = window.state.checkpoint.metadata
    assert (
        metadata["epochs"] == pytest.approx(round(timeline[-1].epoch, 2)) and metadata["epochs"] < 1
    )
    assert metadata["name"] == "your network" and metadata["description"] == "trained in the window"
    # Compare with the end: the snapshot named as the timeline counts it.
    compared = []
    panel.compare_requested = compared.append
    panel.slider.setValue(1)
    panel.compare_with_end()
    assert compared[0].checkpoint.name == (
        f"your network, snapshot 2 of {len(timeline)} (step {timeline[1].step})"
    )


def test_save_writes_one_checkpoint_with_the_timeline_that_opens_with_it(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    panel = panel_of(window)
    run_to_end(qtbot, panel, epochs=1, snapshot_count=4)
    trained = weights_of(window.state.model)
    panel.slider.setValue(1)  # saving while a snapshot is shown still saves the final weights
    panel._show_pending_snapshot()
    path = tmp_path / "my-run.pt"
    assert panel.save(str(path))
    checkpoint = load_checkpoint(path)
    assert [s.info() for s in checkpoint.snapshots] == [s.info() for s in window.state.timeline]
    for name, value in trained.items():
        assert torch.equal(checkpoint.state_dict[name], value)
    assert checkpoint.metadata["optimizer"].startswith("AdamW")
    assert 0 < checkpoint.metadata["heldout_accuracy"] <= 1
    # Opening another model and then this file brings its timeline back to the slider.
    with qtbot.waitSignal(window.model_ready, timeout=30_000):
        window.load_checkpoint(paths.models_dir() / "classic.pt")
    assert window.state.timeline == () and not panel.slider.isEnabled()
    with qtbot.waitSignal(window.model_ready, timeout=30_000):
        window.load_checkpoint(path)
    assert len(window.state.timeline) == 4 and panel.slider.isEnabled()
    assert panel.slider.value() == panel.slider.maximum() == 3


def test_closing_the_window_during_a_run_asks_first(qtbot, monkeypatch) -> None:
    window = open_window(qtbot, paths.models_dir() / "untrained.pt", show_dialogs=True)
    panel = panel_of(window)
    panel.epochs.setValue(50)
    answers: list[str] = []

    def answer(reply):
        def ask(*args, **kwargs):
            answers.append(args[1] if len(args) > 1 else "")
            return reply

        return ask

    assert panel.start()
    qtbot.waitUntil(lambda: len(panel._step_losses) >= 3, timeout=RUN_TIMEOUT_MS)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert not window.close()  # "No": the window stays and the run goes on
    assert window.isVisible() and panel.is_training() and answers
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert window.close()
    assert not panel.is_training() and len(answers) == 2


def test_momentum_is_only_editable_for_sgd_with_momentum(qtbot, window: MainWindow) -> None:
    panel = panel_of(window)
    names = ("sgd", "momentum", "adam")
    assert panel.optimizer.currentIndex() == names.index("adam")  # the default
    assert not panel.momentum.isEnabled()  # Adam has its own moments
    for name in names:
        panel.optimizer.setCurrentIndex(names.index(name))
        assert panel.momentum.isEnabled() == (name == "momentum"), name


def test_fully_connected_sizes_read_as_a_list_in_both_languages(qtbot, window) -> None:
    # "120,100" beside Portuguese decimal commas reads as one number, 120.1.
    from explainer.core.errors import ExplainerError
    from explainer.gui import i18n

    panel = panel_of(window)
    assert panel.fc_sizes.text() == "120, 100"
    window.set_language("pt_BR")
    try:
        assert panel.fc_sizes.text() == "120; 100"
        assert panel.request().config.fc_sizes == (120, 100)
        for typed, sizes in [("84", (84,)), ("120,100", (120, 100)), ("64 32; 16", (64, 32, 16))]:
            panel.fc_sizes.setText(typed)
            assert panel.request().config.fc_sizes == sizes, typed
        panel.fc_sizes.setText("120; 1.5")
        with pytest.raises(ExplainerError, match="120; 100"):
            panel.request()
    finally:
        i18n.set_language("en")
    assert panel.fc_sizes.text() == "120; 1.5"  # not a list of whole numbers: left as typed


def test_a_narrow_timeline_label_ends_in_an_ellipsis_with_the_whole_text_in_its_tooltip(
    qtbot, window
) -> None:
    panel = panel_of(window)
    label = panel.timeline_label
    label.setText("snapshot 24 of 24 · step 3,200 · epoch 100 · held-out accuracy 98.7%")
    label.resize(200, label.height())
    shown = label.shown_text()
    assert shown.endswith("…") and len(shown) < len(label.text())
    assert label.toolTip() == label.text()
    label.resize(label.fontMetrics().horizontalAdvance(label.text()) + 20, label.height())
    assert label.shown_text() == label.text()
