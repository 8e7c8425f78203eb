"""File › Save scene… / Open scene… (offscreen): a scene brings back the drawing, the model, the
selected unit, the language, the true label and the panel settings; a scene whose model is
missing opens on the default model and says so; a bad or hostile file changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_support import draw, open_window

from explainer import paths
from explainer.core.ablation import Ablation
from explainer.core.checkpoint import save_checkpoint
from explainer.core.config import ModelConfig
from explainer.core.inputs import CHOSEN, SAMPLE, TrueLabel
from explainer.core.model import build_model
from explainer.core.samples import load_sample
from explainer.core.scene import MAX_SCENE_BYTES
from explainer.core.snapshots import Snapshot
from explainer.core.units import UnitRef
from explainer.gui import MainWindow, i18n
from explainer.gui.messages import translate_message

SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.55, 0.5), (0.45, 0.8)]
UNIT = UnitRef("conv2", 3, 4, 5)


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("models")
    found = {}
    for name, seed in (("first", 5), ("second", 9)):
        path = folder / f"{name}.pt"
        save_checkpoint(path, build_model(ModelConfig(), "cpu", seed=seed), {"name": name})
        found[name] = path
    return found


@pytest.fixture
def window(qtbot, models) -> MainWindow:
    return open_window(qtbot, models["first"])


def load_model(qtbot, window: MainWindow, path: Path) -> None:
    window.load_checkpoint(path)
    qtbot.waitUntil(window.is_ready, timeout=30_000)
    assert window.state.checkpoint.path == path


def wait_for_scene(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.is_ready() and window.scene_features._pending is None, timeout=30_000
    )


def traces_equal(a: dict[str, np.ndarray], trace) -> bool:
    return list(a) == trace.names and all(np.array_equal(a[k], trace[k]) for k in a)


def hidden(window: MainWindow) -> set[str]:
    view = window.network_view
    return {name for name in view.layer_names() if not view.panel(name).visible}


def settings_of(window: MainWindow) -> dict:
    view = window.arithmetic_dock.view
    return {
        "language": i18n.current_language(),
        "model": window.state.checkpoint.path,
        "selection": window.state.selection,
        "true_label": window.state.true_label,
        "hidden": hidden(window),
        "autoscale": window.autoscale_action.isChecked(),
        "steps": window.steps_action.isChecked(),
        "dock": window.arithmetic_dock.isVisible(),
        "tab": view.tabs.currentIndex(),
        "log_base": view.log_base.currentData(),
    }


def test_a_scene_round_trip_restores_everything(
    qtbot, window: MainWindow, models, tmp_path
) -> None:
    state, features = window.state, window.scene_features
    load_model(qtbot, window, models["second"])
    assert window.load_sample(3)
    window.flush_input()
    state.choose_true_label(8)  # the teacher says it is an 8: a misclassified example
    state.select(UNIT)
    for name in ("conv1_filters", "fc2"):
        window.set_layer_visible(name, False)
    window.autoscale_action.setChecked(True)
    window.steps_action.setChecked(True)
    dock = window.arithmetic_dock
    dock.show()
    dock.view.tabs.setCurrentIndex(1)
    dock.view.log_base.setCurrentIndex(dock.view.log_base.findData("2"))
    window.set_language("pt_BR")
    saved = settings_of(window)
    assert saved["true_label"] == TrueLabel(8, CHOSEN) and saved["hidden"] == {
        "conv1_filters",
        "fc2",
    }
    trace = {name: state.trace[name].copy() for name in state.trace.names}
    path = features.save_scene(tmp_path / "lesson")  # .json is added
    assert path == tmp_path / "lesson.json" and path.stat().st_size < 20_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "cnn-explainer-scene" and data["version"] == 1
    assert data["drawing"]["kind"] == "picture"
    # A sample's label says which classes it counts in (the digits), so that a Fashion-MNIST
    # model does not read it as its class 3.
    assert data["drawing"]["label"] == {
        "index": 3,
        "source": SAMPLE,
        "classes": [str(d) for d in range(10)],
    }

    # Change everything.
    window.set_language("en")
    load_model(qtbot, window, models["first"])
    draw(window, SEVEN)
    window.flush_input()
    state.choose_true_label(None)
    state.select(UnitRef("fc1", 2))
    for name in ("conv1_filters", "fc2"):
        window.set_layer_visible(name, True)
    window.autoscale_action.setChecked(False)
    window.steps_action.setChecked(False)
    dock.hide()
    dock.view.tabs.setCurrentIndex(0)
    dock.view.log_base.setCurrentIndex(0)
    assert settings_of(window) != saved

    assert features.open_scene(path)
    wait_for_scene(qtbot, window)
    assert settings_of(window) == saved
    assert np.array_equal(window.canvas.loaded_picture(), load_sample(3))
    assert traces_equal(trace, state.trace)  # the same input through the same model, exactly
    assert window.last_error is None and features.last_message == f"Cena aberta: {path}"
    window.canvas.undo_stack.undo()  # opening a scene's drawing is one undoable step
    window.flush_input()
    assert window.canvas.loaded_picture() is None


def test_a_hand_drawing_comes_back_exactly(qtbot, window: MainWindow, tmp_path) -> None:
    draw(window, SEVEN)
    window.flush_input()
    ink = window.canvas.ink_array()
    trace = {name: window.state.trace[name].copy() for name in window.state.trace.names}
    path = window.scene_features.save_scene(tmp_path / "seven.json")
    assert json.loads(path.read_text())["drawing"]["kind"] == "ink"
    window.canvas.clear()
    window.flush_input()
    assert window.state.trace is None
    assert window.scene_features.open_scene(path)
    wait_for_scene(qtbot, window)
    assert window.canvas.loaded_picture() is None  # a drawing, drawn on as before
    assert np.array_equal(window.canvas.ink_array(), ink)
    assert traces_equal(trace, window.state.trace)
    assert window.state.true_label is None


def test_a_missing_model_opens_the_default_and_says_so(
    qtbot, window: MainWindow, models, tmp_path
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    model = shutil.copy(models["second"], gone / "lecture.pt")
    load_model(qtbot, window, Path(model))
    assert window.load_sample(5)
    window.state.select(UnitRef("fc1", 7))
    path = window.scene_features.save_scene(tmp_path / "lesson.json")
    Path(model).unlink()
    load_model(qtbot, window, models["first"])
    window.state.select(None)

    assert window.scene_features.open_scene(path)
    wait_for_scene(qtbot, window)
    assert window.state.checkpoint.path == paths.default_checkpoint()
    message = window.scene_features.last_message
    assert "lecture.pt was not found" in message and "default model" in message
    assert message in window.statusBar().currentMessage()
    assert window.state.selection == UnitRef("fc1", 7)  # the rest of the scene is there
    assert window.state.true_label == TrueLabel(5, SAMPLE)

    # A model beside the scene file (a folder copied to the classroom's computer) is found.
    shutil.copy(models["second"], tmp_path / "lecture.pt")
    assert window.scene_features.open_scene(path)
    wait_for_scene(qtbot, window)
    assert window.state.checkpoint.path == tmp_path / "lecture.pt"


def test_a_scene_saved_while_scrubbed_back_opens_at_that_snapshot(
    qtbot, window: MainWindow, tmp_path
) -> None:
    early = [build_model(ModelConfig(), "cpu", seed=seed).state_dict() for seed in (1, 2)]
    final = build_model(ModelConfig(), "cpu", seed=3)  # the last snapshot: its weights
    weights = [*early, final.state_dict()]
    timeline = [Snapshot(i * 10, i / 2, w) for i, w in enumerate(weights)]
    trained = save_checkpoint(tmp_path / "trained.pt", final, {"name": "trained"}, timeline)
    load_model(qtbot, window, trained)
    assert window.load_sample(2)
    window.flush_input()
    window.training_dock.toggle_action.trigger()  # the slider is there to follow
    panel = window.training_dock.panel
    state = window.state
    panel.show_snapshot(1)
    assert state.timeline_index == 1
    scrubbed = {k: state.trace[k].copy() for k in state.trace.names}
    path = window.scene_features.save_scene(tmp_path / "lesson.json")
    panel.show_snapshot(len(state.timeline))  # back to the end: the model's own weights
    assert state.timeline_index is None and not traces_equal(scrubbed, state.trace)

    window.training_dock.hide()
    assert window.scene_features.open_scene(path)
    wait_for_scene(qtbot, window)
    assert state.timeline_index == 1 and traces_equal(scrubbed, state.trace)
    # Said, and the timeline in sight: a student would take early weights' guesses for the
    # network's own.
    assert window.training_dock.isVisible()
    opened = f"Scene opened: {path}, at snapshot 2 of 3 of the training timeline"
    assert window.statusBar().currentMessage() == opened == window.scene_features.last_message
    weights = state.model.state_dict()
    assert all(torch.equal(weights[k], early[1][k]) for k in weights)
    assert panel.slider.value() == 1 and "snapshot 2 of 3" in panel.timeline_label.text()

    # A timeline without that snapshot: the final weights, and the status bar says so.
    data = json.loads(path.read_text())
    data["snapshot"] = 7
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.scene_features.open_scene(path)
    wait_for_scene(qtbot, window)
    assert state.timeline_index is None
    weights = state.model.state_dict()
    assert all(torch.equal(weights[k], final.state_dict()[k]) for k in weights)
    message = window.statusBar().currentMessage()
    assert (
        "snapshot 7 is not in this model's training timeline, which has 3 snapshots (0 to 2)"
        in (message)
    )


def test_a_scene_keeps_the_units_switched_off(qtbot, window: MainWindow, models, tmp_path):
    state = window.state
    assert window.load_sample(4)
    window.flush_input()
    state.set_knocked_out("conv2:3,fc1:17")
    off_trace = {k: state.trace[k].copy() for k in state.trace.names}
    path = window.scene_features.save_scene(tmp_path / "lesson.json")
    assert json.loads(path.read_text())["knocked_out"] == "conv2:3,fc1:17"
    state.set_knocked_out("conv1:0")  # another experiment meanwhile

    assert window.scene_features.open_scene(path)
    wait_for_scene(qtbot, window)
    assert state.knocked_out == Ablation.parse("conv2:3,fc1:17")  # those, and only those
    assert traces_equal(off_trace, state.trace)
    window.undo_action.trigger()  # one undo step, as a right click's
    assert state.knocked_out == Ablation.parse("conv1:0")

    # A scene with none off switches every unit back on.
    plain = json.loads(path.read_text())
    del plain["knocked_out"]
    (tmp_path / "plain.json").write_text(json.dumps(plain), encoding="utf-8")
    assert window.scene_features.open_scene(tmp_path / "plain.json")
    wait_for_scene(qtbot, window)
    assert not state.knocked_out

    # Units its own model lacks: one message, nothing changes.
    far = dict(plain, knocked_out="conv2:99")
    (tmp_path / "far.json").write_text(json.dumps(far), encoding="utf-8")
    state.set_knocked_out("conv1:2")
    window.last_error = None
    assert not window.scene_features.open_scene(tmp_path / "far.json")
    assert "switched-off units conv2:99 are not units of its model" in window.last_error
    assert state.knocked_out == Ablation.parse("conv1:2")


def hostile_files(good: dict) -> dict[str, bytes]:
    def changed(key: str, value) -> bytes:
        data = json.loads(json.dumps(good))
        *parents, last = key.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
        return json.dumps(data).encode()

    return {
        "not json": b"\x00\x01 definitely not a scene",
        "too large": b"{" + b" " * MAX_SCENE_BYTES + b"}",
        "deep": b"[" * 100_000,
        "newer": changed("version", 7),
        "unknown key": changed("panels.script", "rm -rf /"),
        "bad png": changed(
            "drawing.png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4"
        ),
        "bad type": changed("selection.channel", "3; DROP TABLE"),
        "unknown language": changed("language", "xx"),
    }


def test_a_bad_or_hostile_scene_changes_nothing(qtbot, window: MainWindow, tmp_path) -> None:
    draw(window, SEVEN)
    window.flush_input()
    window.state.select(UNIT)
    good = json.loads(window.scene_features.save_scene(tmp_path / "good.json").read_text())
    draw(window, [(0.2, 0.9), (0.9, 0.9)])  # differs from the saved scene
    window.flush_input()
    before = settings_of(window)
    ink, model = window.canvas.ink_array(), window.state.model
    for name, data in hostile_files(good).items():
        path = tmp_path / f"{name.replace(' ', '_')}.json"
        path.write_bytes(data)
        window.last_error = None
        assert not window.scene_features.open_scene(path), name
        assert window.last_error is not None and "\n" not in window.last_error, name
        assert window.last_error.startswith(str(path)), (name, window.last_error)
        assert settings_of(window) == before, name
        assert window.state.model is model and np.array_equal(window.canvas.ink_array(), ink)
    # A unit its own model does not have (conv2 has 16 channels): one message, nothing changes.
    path = tmp_path / "far.json"
    far = json.loads(json.dumps(good))
    far["selection"]["channel"] = 999
    path.write_text(json.dumps(far), encoding="utf-8")
    window.last_error = None
    assert not window.scene_features.open_scene(path)
    assert "is not a unit of its model" in window.last_error and "\n" not in window.last_error
    assert settings_of(window) == before and np.array_equal(window.canvas.ink_array(), ink)
    assert not window.scene_features.open_scene(tmp_path / "nothing_here.json")
    assert window.last_error.startswith("scene file not found")


def test_scene_messages_are_portuguese(qtbot, window: MainWindow, tmp_path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"format": "cnn-explainer-scene", "version": 1, "tab": 1}))
    assert not window.scene_features.open_scene(path)
    window.set_language("pt_BR")
    shown = translate_message(window.last_error)
    assert shown == f'{path}: chave inesperada "tab"'
    assert window.scene_features.open_action.text() == "Abrir c&ena…"


def test_a_unit_the_loaded_model_lacks_is_not_selected_and_says_so(
    qtbot, window: MainWindow, tmp_path
) -> None:
    """The scene's model is known only once it is in: a wider fc1's unit 150 on the shipped
    default (fc1 of 120) was dropped without a word."""
    wide = tmp_path / "wide.pt"
    save_checkpoint(wide, build_model(ModelConfig(fc_sizes=(200, 100)), "cpu", seed=1))
    load_model(qtbot, window, wide)
    assert window.load_sample(2)
    window.state.select(UnitRef("fc1", 150))
    path = window.scene_features.save_scene(tmp_path / "wide.json")
    wide.unlink()  # opened again, it falls back to the default model
    assert window.scene_features.open_scene(path)
    wait_for_scene(qtbot, window)
    assert window.state.checkpoint.path == paths.default_checkpoint()
    assert window.state.selection is None
    message = window.scene_features.last_message
    assert "fc1[150] is not a unit of this model" in message
    assert message in window.statusBar().currentMessage()
