"""Loading checkpoints in the window (offscreen): File › Open, drop, Models menu, recent files,
--checkpoint, any architecture the core can load, bad files, and the model details panel."""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_support import open_window
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox
from torch import nn

from explainer import paths
from explainer.core.checkpoint import load_checkpoint, load_model, save_checkpoint
from explainer.core.config import FASHION_CLASSES, ModelConfig
from explainer.core.errors import CheckpointError
from explainer.core.model import build_model
from explainer.core.preprocess import preprocess
from explainer.gui import MainWindow, checkpoint_menu
from explainer.gui.model_panel import architecture_rows

SHIPPED = ["default", "classic", "fashion", "early", "untrained"]
ACTIVATION_LAYERS = ["input", "conv1", "pool1", "conv2", "pool2"]


def with_drawing(window: MainWindow, digit: int = 7) -> np.ndarray:
    assert window.load_sample(digit, 0)
    window.flush_input()
    return window.canvas.input_array()


def load_and_wait(qtbot, window: MainWindow, action) -> None:
    with qtbot.waitSignal(window.model_ready, timeout=30_000):
        action()


def panel_shapes(window: MainWindow) -> dict[str, tuple[int, ...]]:
    view = window.network_view
    return {name: view.panel(name).mosaic.source_shape for name in view.layer_names()}


def expected_panel_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    shapes = config.layer_shapes()
    expected = {name: shapes[name] for name in ACTIVATION_LAYERS}
    c1, c2 = config.conv_channels
    k = config.kernel_size
    expected["conv1_filters"] = (c1 * config.in_channels, k, k)
    expected["conv2_filters"] = (c2 * c1, k, k)
    for name in (*config.fc_layer_names, "logits"):
        expected[name] = (shapes[name][0], 1, 1)
    return expected


def assert_no_overlaps(window: MainWindow) -> None:
    view = window.network_view
    rects = [(n, view.panel_scene_rect(n)) for n in view.layer_names() if view.panel(n).visible]
    for i, (name_a, a) in enumerate(rects):
        assert a.width() > 0 and a.height() > 0, name_a
        for name_b, b in rects[i + 1 :]:
            overlap = a.intersected(b)
            assert overlap.width() < 1 or overlap.height() < 1, (name_a, name_b)


def assert_drawing_rerun(window: MainWindow, drawing: np.ndarray) -> None:
    """The canvas is unchanged and the trace is the new model run on it."""
    np.testing.assert_array_equal(window.canvas.input_array(), drawing)
    model = window.state.model
    network_input = preprocess(drawing, model.config).network_input
    expected = model.forward_trace(network_input)
    np.testing.assert_allclose(window.state.trace["probs"], expected["probs"], atol=1e-6)
    first = expected.top(1)[0]
    assert window.guesses.first_guess.text().startswith(first.label + " ")


class TutorialNet(nn.Module):
    """The LeNet of PyTorch's 60-minute blitz tutorial: 120/84 fully connected layers."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)


@pytest.fixture
def tutorial_path(tmp_path: Path) -> Path:
    torch.manual_seed(0)
    path = tmp_path / "tutorial_lenet.pth"
    torch.save(TutorialNet().state_dict(), path)
    return path


def drop_file(window: MainWindow, path: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(60, 60),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


# ---- loading ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_model_from_the_models_menu_rebuilds_the_panels(qtbot, name: str) -> None:
    window = open_window(qtbot)
    drawing = with_drawing(window)
    features = window.checkpoint_features
    features.rebuild_models_menu()
    actions = {Path(a.data()).stem: a for a in features.models_menu.actions() if a.data()}
    assert set(SHIPPED) <= set(actions)
    load_and_wait(qtbot, window, actions[name].trigger)

    config = load_checkpoint(paths.models_dir() / f"{name}.pt").config
    assert window.state.checkpoint.name == name
    assert panel_shapes(window) == expected_panel_shapes(config)
    assert window.guesses.bars.class_names == config.class_names
    assert_drawing_rerun(window, drawing)
    assert_no_overlaps(window)
    assert window.windowTitle() == f"{name} — CNN Explainer"  # the app's name once, last
    features.rebuild_models_menu()
    ticked = [Path(a.data()).stem for a in features.models_menu.actions() if a.isChecked()]
    assert ticked == [name]


def test_models_menu_shows_the_model_card_lines() -> None:
    cards = checkpoint_menu.model_card_lines()
    assert cards["default.pt"] == "MNIST, ReLU, max pooling"
    assert set(cards) >= {f"{name}.pt" for name in SHIPPED}


def test_a_tutorial_state_dict_dropped_on_the_window_shows_120_84(
    qtbot, tutorial_path: Path
) -> None:
    window = open_window(qtbot)
    drawing = with_drawing(window, 3)
    load_and_wait(qtbot, window, lambda: drop_file(window, tutorial_path))

    shapes = panel_shapes(window)
    assert shapes["fc1"] == (120, 1, 1)
    assert shapes["fc2"] == (84, 1, 1)  # the 84-long strip of the tutorial's second FC layer
    assert shapes["logits"] == (10, 1, 1)
    assert window.network_view.layer_names()[-3:] == ["fc1", "fc2", "logits"]
    assert window.guesses.bars.class_names == tuple(str(d) for d in range(10))
    # The weights on screen are the tutorial's own (fc3 became `logits`).
    tutorial = torch.load(tutorial_path, weights_only=True)
    np.testing.assert_array_equal(
        window.state.model.conv1.weight.detach().numpy(), tutorial["conv1.weight"].numpy()
    )
    np.testing.assert_array_equal(
        window.state.model.fc2.weight.detach().numpy(), tutorial["fc2.weight"].numpy()
    )
    assert_drawing_rerun(window, drawing)
    assert_no_overlaps(window)


def test_dropping_an_image_still_opens_it_as_the_drawing(qtbot, tmp_path: Path) -> None:
    from PIL import Image

    window = open_window(qtbot)
    model = window.state.model
    path = tmp_path / "digit.png"
    Image.fromarray(np.full((40, 40), 255, np.uint8)).save(path)
    drop_file(window, path)
    window.flush_input()
    assert window.state.model is model and not window.is_loading()


OTHER_CONFIGS = {
    "8/16 tanh avg": ModelConfig(conv_channels=(8, 16), activation="tanh", pool="avg"),
    "4/12 sigmoid 28 padded": ModelConfig(
        conv_channels=(4, 12), activation="sigmoid", input_size=28, padding=2
    ),
    "fashion names 120/84": ModelConfig(fc_sizes=(120, 84), class_names=FASHION_CLASSES),
    "5 classes, 3 FC": ModelConfig(fc_sizes=(64, 32, 16), class_names=("a", "b", "c", "d", "e")),
}


@pytest.mark.parametrize("label", list(OTHER_CONFIGS))
def test_other_architectures_are_shown_without_overlaps(qtbot, tmp_path: Path, label) -> None:
    config = OTHER_CONFIGS[label]
    path = tmp_path / "other.safetensors" if "names" in label else tmp_path / "other.pt"
    save_checkpoint(path, build_model(config, "cpu", seed=5), {"name": "other"})
    window = open_window(qtbot)
    drawing = with_drawing(window, 2)
    load_and_wait(qtbot, window, lambda: window.load_checkpoint(path))

    assert window.state.model.config == config
    assert panel_shapes(window) == expected_panel_shapes(config)
    assert window.guesses.bars.class_names == config.class_names
    assert_drawing_rerun(window, drawing)
    assert_no_overlaps(window)
    window.resize(900, 600)
    qtbot.wait(20)
    assert_no_overlaps(window)


def test_checkpoint_command_line_option_opens_that_file(qtbot) -> None:
    from explainer.gui.app import _choose_checkpoint

    classic = paths.models_dir() / "classic.pt"
    args = argparse.Namespace(checkpoint=str(classic), screenshot=None)
    assert _choose_checkpoint(args) == classic
    window = open_window(qtbot, _choose_checkpoint(args))
    assert window.state.checkpoint.name == "classic"
    assert window.state.model.config.pool == "avg"


# ---- bad files -----------------------------------------------------------------------------------
class RunsCode:
    """A pickle payload that would create a file if it were ever unpickled by a plain pickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def make_bad_file(kind: str, folder: Path) -> Path:
    good = paths.models_dir() / "default.pt"
    if kind == "truncated":
        path = folder / "truncated.pt"
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "not a checkpoint":
        path = folder / "notes.pt"
        path.write_text("these are my notes, not weights\n", encoding="utf-8")
    elif kind == "runs code":
        path = folder / "evil.pt"
        torch.save({"state_dict": RunsCode(folder / "pwned")}, path)
    elif kind in ("wrong shapes", "nan weights"):
        path = folder / f"{kind.replace(' ', '_')}.pt"
        payload = torch.load(good, weights_only=True)
        if kind == "wrong shapes":
            payload["state_dict"]["conv2.weight"] = torch.zeros(16, 6, 3, 3)
        else:
            payload["state_dict"]["fc1.weight"][3, 7] = float("nan")
        torch.save(payload, path)
    else:
        raise AssertionError(kind)
    return path


BAD_FILES = {
    "truncated": "truncated or corrupt",
    "not a checkpoint": "not a checkpoint: it is a text file",
    "runs code": "could run code (nothing was run)",
    "wrong shapes": "conv2.weight: expected (16, 6, 5, 5), found (16, 6, 3, 3)",
    "nan weights": "fc1.weight has 1 NaN/Inf value",
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_shows_the_core_message_and_changes_nothing(
    qtbot, tmp_path: Path, kind: str
) -> None:
    bad = make_bad_file(kind, tmp_path)
    with pytest.raises(CheckpointError) as core_error:
        load_checkpoint(bad)
    message = str(core_error.value)
    assert BAD_FILES[kind] in message and message.startswith(bad.name)

    window = open_window(qtbot, paths.models_dir() / "classic.pt", show_dialogs=True)
    drawing = with_drawing(window, 5)
    model, checkpoint, trace = window.state.model, window.state.checkpoint, window.state.trace
    guess = window.guesses.first_guess.text()
    shapes = panel_shapes(window)

    with qtbot.waitSignal(window.model_failed, timeout=30_000) as failed:
        drop_file(window, bad)  # dropping goes through the same background loader as File › Open
    assert failed.args == [message]
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text() for b in boxes] == [message]
    assert boxes[0].icon() == QMessageBox.Icon.Warning
    # Model, drawing, trace, guesses and panels are as they were.
    assert window.state.model is model and window.state.checkpoint is checkpoint
    assert window.state.trace is trace
    np.testing.assert_array_equal(window.canvas.input_array(), drawing)
    assert window.guesses.first_guess.text() == guess
    assert panel_shapes(window) == shapes
    assert window.is_ready()
    assert "No model" not in window.model_status_label.text()
    assert not (tmp_path / "pwned").exists()
    for box in boxes:
        box.close()


# ---- File › Open, recent files, user folder ------------------------------------------------------
def test_open_dialog_offers_all_checkpoint_kinds_and_remembers_recent_files(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    window = open_window(qtbot)
    asked: list[str] = []
    chosen = paths.models_dir() / "classic.pt"

    def fake_dialog(parent, caption, folder, filters, **options):
        asked.append(filters)
        return str(chosen), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_dialog)
    assert window.open_checkpoint_action.shortcut().toString() == "Ctrl+O"
    load_and_wait(qtbot, window, window.open_checkpoint_action.trigger)
    assert "*.pt *.pth *.safetensors" in asked[0]
    assert window.state.checkpoint.name == "classic"

    features = window.checkpoint_features
    recent = [a.data() for a in features.recent_menu.actions() if a.data()]
    assert recent[0] == str(chosen.resolve())

    # Ten more files: the list keeps the newest 8, newest first, without duplicates.
    files = []
    for i in range(10):
        path = tmp_path / f"run{i}.pt"
        save_checkpoint(path, build_model(ModelConfig(), "cpu", seed=i), {"name": f"run{i}"})
        files.append(path)
    for path in [*files, files[3]]:
        load_and_wait(qtbot, window, lambda p=path: window.load_checkpoint(p))
    recent = [a.data() for a in features.recent_menu.actions() if a.data()]
    expected = [files[3], files[9], files[8], files[7], files[6], files[5], files[4], files[2]]
    assert recent == [str(p.resolve()) for p in expected]

    # Choosing a recent entry loads it.
    entry = next(a for a in features.recent_menu.actions() if a.data() == str(files[8].resolve()))
    load_and_wait(qtbot, window, entry.trigger)
    assert window.state.checkpoint.name == "run8"
    features.clear_recent()
    assert not [a for a in features.recent_menu.actions() if a.data()]


def test_user_models_folder_is_listed_in_the_models_menu(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot)
    features = window.checkpoint_features
    folder = features.open_user_folder()
    assert folder == tmp_path / "user_models" and folder.is_dir()
    mine = folder / "mine.pt"
    save_checkpoint(mine, build_model(ModelConfig(activation="tanh"), "cpu", seed=1), {})
    shutil.copy(paths.models_dir() / "early.pt", folder / "notes.txt")  # not a checkpoint name
    features.rebuild_models_menu()
    listed = features.model_menu_paths()
    assert listed == [*sorted(paths.models_dir().glob("*.pt")), mine]
    action = next(a for a in features.models_menu.actions() if a.data() == str(mine))
    load_and_wait(qtbot, window, action.trigger)
    assert window.state.checkpoint.name == "mine"
    assert window.state.model.config.activation == "tanh"


# ---- model details -----------------------------------------------------------------------------
def table_rows(panel) -> list[list[str]]:
    table = panel.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_model_details_show_formulas_total_and_metadata(qtbot, tutorial_path: Path) -> None:
    window = open_window(qtbot)
    dialog = window.checkpoint_features.show_model_details()
    qtbot.addWidget(dialog)
    rows = {row[0]: row for row in table_rows(dialog.panel)}
    # The shape as the panels' titles write it (a student's review: "1@32×32" there,
    # "1×32×32" here).
    assert rows["conv1"][2:] == ["6@28×28", "156", "(5·5·1 + 1)·6 = 156"]
    assert rows["pool1"][2:4] == ["6@14×14", "0"]
    assert rows["conv2"][2:] == ["16@10×10", "2,416", "(5·5·6 + 1)·16 = 2,416"]
    assert rows["fc1"][2:] == ["120", "48,120", "(400 + 1)·120 = 48,120"]
    assert rows["logits"][2:] == ["10", "1,010", "(100 + 1)·10 = 1,010"]
    assert rows["total"][3] == "63,802"
    assert sum(window.state.model.config.param_counts().values()) == 63_802
    assert sum(p.numel() for p in window.state.model.parameters()) == 63_802
    meta = dialog.panel.metadata_rows
    assert meta["Accuracy"] == "98.70% (987 of 1,000 held-out images)"
    assert meta["Dataset"] == "MNIST — 4,000 training images"
    assert meta["Epochs"] == "100"
    assert meta["Activation"] == "ReLU" and meta["Pooling"] == "max 2×2"
    seconds = window.state.checkpoint.metadata["training_seconds"]  # what the file recorded
    assert meta["Training time"].startswith(f"{seconds:.0f} s")

    # The panel follows the window's model: the tutorial state dict, 120/84, nothing stored.
    load_and_wait(qtbot, window, lambda: window.load_checkpoint(tutorial_path))
    rows = {row[0]: row for row in table_rows(dialog.panel)}
    assert rows["fc2"][2:] == ["84", "10,164", "(120 + 1)·84 = 10,164"]
    assert rows["logits"][2:] == ["10", "850", "(84 + 1)·10 = 850"]
    model = window.state.model
    assert rows["total"][3] == f"{sum(p.numel() for p in model.parameters()):,}" == "61,706"
    meta = dialog.panel.metadata_rows
    assert "Accuracy" not in meta
    assert meta["Activation"] == "ReLU (assumed: not stored in the file)"
    assert meta["Imported from"] == "tutorial-lenet"
    assert meta["Input"].endswith("(assumed: not stored in the file)")


def test_architecture_rows_count_every_parameter_of_unusual_models() -> None:
    for config in OTHER_CONFIGS.values():
        model = build_model(config, "cpu", seed=0)
        rows = architecture_rows(config)
        assert sum(r.params for r in rows) == sum(p.numel() for p in model.parameters())
        assert [r.name for r in rows if r.kind == "fc"] == [*config.fc_layer_names, "logits"]


def test_load_model_helper_matches_the_window(qtbot) -> None:
    """The window's model is exactly what the core loads from the same file."""
    window = open_window(qtbot, paths.models_dir() / "fashion.pt")
    model, _ = load_model(paths.models_dir() / "fashion.pt", "cpu")
    for (name, a), (_, b) in zip(
        window.state.model.state_dict().items(), model.state_dict().items(), strict=True
    ):
        assert torch.equal(a.cpu(), b), name


def test_model_details_write_the_save_time_as_a_date_not_an_iso_stamp(qapp) -> None:
    """A student's review: 'Salvo em: 2026-11-25T02:55:03Z' in the Portuguese details."""
    from explainer.gui import i18n
    from explainer.gui.model_panel import saved_at_text

    try:
        i18n.set_language("pt_BR")
        shown = saved_at_text("2026-11-25T12:00:00Z")  # midday: the 25th in most time zones
        assert "2026" in shown and "/" in shown and "T" not in shown and "Z" not in shown
        assert shown.index("25") < shown.index("11")  # day first, as Brazil writes dates
    finally:
        i18n.set_language("en")
    assert saved_at_text("not a time") == "not a time"  # as it is, never an error


def test_model_details_show_every_column_whole_at_their_first_size(qtbot) -> None:
    """classic in Portuguese: the formulas' heading was cut to "mula (pesos + bias)·saíd"."""
    from explainer.gui import i18n

    i18n.set_language("pt_BR")
    window = open_window(qtbot, paths.models_dir() / "classic.pt")
    dialog = window.checkpoint_features.show_model_details()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(50)
    table = dialog.panel.table
    for column in range(table.columnCount()):
        header = table.horizontalHeader().sectionSizeHint(column)
        assert table.columnWidth(column) >= max(table.sizeHintForColumn(column), header), column
