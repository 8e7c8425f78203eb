"""Tools › Evaluate… (offscreen): background evaluation, accuracy equal to `cnn-explainer eval`,
confusion-matrix cells listing exactly their images, and a test image explained in the window."""

from __future__ import annotations

import gzip
import json
import struct
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_support import open_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from explainer import cli, paths
from explainer.core.checkpoint import load_model
from explainer.core.datasets import load_dataset, to_network_input
from explainer.gui import MainWindow

MODELS = paths.models_dir()
HAVE_FASHION = Path("/usr/share/datasets/fashion-mnist").is_dir()


def run_evaluation(qtbot, window: MainWindow, dataset: str):
    dialog = window.checkpoint_features.show_evaluation()
    qtbot.addWidget(dialog)
    dialog.set_dataset(dataset)
    with qtbot.waitSignal(dialog.evaluationFinished, timeout=120_000):
        QTest.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    return dialog


def cli_eval(capsys, checkpoint: Path, dataset: str | None = None) -> dict:
    args = ["eval", str(checkpoint), "--json"] + (["--dataset", dataset] if dataset else [])
    capsys.readouterr()
    assert cli.main(args) == 0
    return json.loads(capsys.readouterr().out)


def direct_predictions(checkpoint: Path, dataset_name: str) -> tuple[np.ndarray, np.ndarray]:
    """Predicted and true classes computed here, straight from torch (no GUI code)."""
    model, _ = load_model(checkpoint, "cpu")
    dataset = load_dataset(dataset_name)
    with torch.inference_mode():
        logits = model(to_network_input(dataset.images, model.config))
    return logits.argmax(dim=1).numpy(), np.asarray(dataset.labels)


def test_mnist_accuracy_equals_the_eval_command(qtbot, capsys) -> None:
    checkpoint = MODELS / "default.pt"
    window = open_window(qtbot, checkpoint)
    dialog = run_evaluation(qtbot, window, "mnist")
    expected = cli_eval(capsys, checkpoint)
    assert expected["dataset"] == "mnist" and expected["n"] == 1000
    result = dialog.result
    assert result.accuracy == expected["accuracy"] == 0.987
    assert result.n == expected["n"] and result.correct == expected["correct"]
    np.testing.assert_array_equal(result.confusion, np.array(expected["confusion"]))
    assert dialog.summary.text() == (
        "Accuracy of default on MNIST (held-out digits): 98.70% (987 of 1,000 images right)"
    )
    assert dialog.progress.value() == dialog.progress.maximum() == 1000
    assert not dialog.is_running() and dialog.run_button.text() == "Evaluate"

    # Another model in the window: the result says whose it is and how to measure the new one.
    with qtbot.waitSignal(window.model_ready, timeout=30_000):
        window.load_checkpoint(MODELS / "early.pt")
    assert dialog.summary.text().splitlines() == [
        "Accuracy of default on MNIST (held-out digits): 98.70% (987 of 1,000 images right)",
        "The window now shows early: press Evaluate to measure that model.",
    ]
    with qtbot.waitSignal(dialog.evaluationFinished, timeout=120_000):
        dialog.start()
    assert dialog.result.accuracy == 0.624
    assert dialog.summary.text() == (
        "Accuracy of early on MNIST (held-out digits): 62.40% (624 of 1,000 images right)"
    )


def test_clicking_a_cell_lists_exactly_its_images_and_one_is_explained(qtbot) -> None:
    checkpoint = MODELS / "early.pt"  # 62% accurate: plenty of mistakes to click
    window = open_window(qtbot, checkpoint)
    dialog = run_evaluation(qtbot, window, "mnist")
    predicted, labels = direct_predictions(checkpoint, "mnist")
    mistakes = np.bincount(labels * 10 + predicted, minlength=100).reshape(10, 10)
    np.fill_diagonal(mistakes, 0)
    true_class, predicted_class = np.unravel_index(mistakes.argmax(), mistakes.shape)
    assert mistakes[true_class, predicted_class] >= 5

    rect = dialog.matrix.cell_rect(int(true_class), int(predicted_class))
    QTest.mouseClick(dialog.matrix, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    expected = np.flatnonzero((labels == true_class) & (predicted == predicted_class))
    assert dialog.gallery.indices() == expected.tolist()
    assert dialog.matrix.selected == (true_class, predicted_class)
    assert f"True class {true_class}, predicted {predicted_class}: {len(expected)} images" in (
        dialog.gallery_caption.text()
    )
    # A diagonal cell: the right answers of that class.
    rect = dialog.matrix.cell_rect(2, 2)
    QTest.mouseClick(dialog.matrix, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert dialog.gallery.indices() == np.flatnonzero((labels == 2) & (predicted == 2)).tolist()

    # Clicking a thumbnail puts that test image in the window and explains it.
    rect = dialog.matrix.cell_rect(int(true_class), int(predicted_class))
    QTest.mouseClick(dialog.matrix, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    index = int(expected[1])
    item = dialog.gallery.item(1)
    dialog.gallery.scrollToItem(item)
    point = dialog.gallery.visualItemRect(item).center()
    QTest.mouseClick(dialog.gallery.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dataset = load_dataset("mnist")
    model = window.state.model
    network_input = to_network_input(dataset.images[index : index + 1], model.config)[0].numpy()
    np.testing.assert_array_equal(window.state.trace["input"], network_input)
    assert window.state.trace.top(1)[0].index == predicted_class
    assert window.guesses.first_guess.text().startswith(f"{predicted_class} ")
    np.testing.assert_array_equal(window.canvas.input_array(), dataset.images[index])
    # The loss is taught against the dataset's label, not the (wrong) guess (issue 13).
    assert window.state.true_label.index == true_class != predicted_class
    view = window.arithmetic_dock.view
    window.arithmetic_dock.show()
    view.tabs.setCurrentIndex(1)
    assert view.true_label.currentIndex() == true_class
    probs = window.state.trace["probs"]
    assert view.loss_label.property("value") == pytest.approx(
        -np.log(float(probs[true_class])), rel=1e-6
    )
    assert view.loss_label.property("value") > -np.log(float(probs[predicted_class]))
    # Undo gives the blank canvas back; redo the test image, run the evaluation's way again.
    window.canvas.undo_stack.undo()
    window.flush_input()
    assert window.state.trace is None
    window.canvas.undo_stack.redo()
    window.flush_input()
    assert window.state.image_is_mnist_form
    np.testing.assert_array_equal(window.state.trace["input"], network_input)


@pytest.mark.skipif(not HAVE_FASHION, reason="dataset-fashion-mnist is not installed")
def test_fashion_test_set_in_the_background_equals_the_eval_command(qtbot, capsys) -> None:
    checkpoint = MODELS / "fashion.pt"
    window = open_window(qtbot, checkpoint)
    dialog = window.checkpoint_features.show_evaluation()
    qtbot.addWidget(dialog)
    assert dialog.dataset_name() == "fashion"  # preselected from the checkpoint's metadata
    # The GUI thread keeps serving events while the 10,000 images are evaluated.
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(dialog.evaluationFinished, timeout=120_000):
        dialog.start()
        assert dialog.is_running() and dialog.run_button.text() == "Cancel"
    timer.stop()
    assert len(ticks) >= 5 and max(np.diff(ticks)) < 0.5
    assert len(set(progress)) >= 10 and max(progress) == 10_000  # batched: many steps

    expected = cli_eval(capsys, checkpoint)
    assert dialog.result.n == expected["n"] == 10_000
    assert dialog.result.accuracy == expected["accuracy"]
    np.testing.assert_array_equal(dialog.result.confusion, np.array(expected["confusion"]))

    # A shirt called a T-shirt: its explanation in the window says the same as the matrix.
    dialog.show_cell(6, 0)
    indices = dialog.gallery.indices()
    assert indices and all(dialog.result.predictions[i] == 0 for i in indices)
    dialog.explain_image(indices[0])
    assert window.state.trace.top(1)[0].index == 0
    assert window.guesses.first_guess.text().startswith("T-shirt/top ")


@pytest.mark.skipif(not HAVE_FASHION, reason="dataset-fashion-mnist is not installed")
def test_cancel_stops_the_run_and_keeps_the_previous_result(qtbot) -> None:
    window = open_window(qtbot, MODELS / "fashion.pt")
    dialog = window.checkpoint_features.show_evaluation()
    qtbot.addWidget(dialog)
    dialog.set_dataset("fashion")
    with qtbot.waitSignal(dialog.evaluationCancelled, timeout=60_000):
        dialog.start()
        QTest.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)  # now "Cancel"
    assert dialog.result is None and not dialog.is_running()
    assert dialog.progress.text() == "Cancelled"
    assert dialog.run_button.text() == "Evaluate" and dialog.dataset_combo.isEnabled()


def write_idx(folder: Path, images_u8: np.ndarray, labels: np.ndarray) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    n = len(labels)
    with gzip.open(folder / "t10k-images-idx3-ubyte.gz", "wb") as f:
        f.write(struct.pack(">IIII", 2051, n, 28, 28) + images_u8.tobytes())
    with gzip.open(folder / "t10k-labels-idx1-ubyte.gz", "wb") as f:
        f.write(struct.pack(">II", 2049, n) + labels.astype(np.uint8).tobytes())


def test_a_folder_of_idx_files_equals_the_eval_command(qtbot, tmp_path: Path, capsys) -> None:
    mnist = load_dataset("mnist")
    rows = np.arange(3, 1000, 4)  # 250 held-out digits, every class
    folder = tmp_path / "my_digits"
    images = np.rint(mnist.images[rows] * 255).astype(np.uint8)
    write_idx(folder, images, mnist.labels[rows])
    checkpoint = MODELS / "classic.pt"
    window = open_window(qtbot, checkpoint)
    dialog = run_evaluation(qtbot, window, f"idx:{folder}")
    expected = cli_eval(capsys, checkpoint, f"idx:{folder}")
    assert dialog.result.n == expected["n"] == 250
    assert dialog.result.accuracy == expected["accuracy"]
    np.testing.assert_array_equal(dialog.result.confusion, np.array(expected["confusion"]))


def test_a_missing_folder_is_reported_in_the_dialog(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, MODELS / "default.pt")
    dialog = run_evaluation(qtbot, window, "mnist")  # a matrix on screen, then a failure
    assert dialog.matrix.confusion is not None
    dialog.set_dataset(f"idx:{tmp_path / 'nowhere'}")
    with qtbot.waitSignal(dialog.evaluationFailed, timeout=30_000) as failed:
        dialog.start()
    assert "does not exist" in failed.args[0] and "nowhere" in failed.args[0]
    assert dialog.summary.text() == failed.args[0]
    assert not dialog.is_running() and dialog.result is None
    assert dialog.matrix.confusion is None  # the last evaluation's is not shown as this one's


def test_slices_add_up_to_one_evaluation() -> None:
    """The progress slices of the session's job give the same predictions as one evaluate()
    over all the data, and the job evaluates a copy: the session's model is not touched."""
    from explainer.core.train import evaluate
    from explainer.state import SessionState

    state = SessionState()
    state.load_checkpoint(MODELS / "early.pt", "cpu")
    job = state.evaluation_job("mnist")
    job.slice_size = 300
    assert job.model is not state.model
    steps: list[tuple[int, int]] = []
    run = job.run()
    while True:
        try:
            steps.append(next(run))
        except StopIteration as done:
            report = done.value
            break
    whole = evaluate(state.model, load_dataset("mnist"))
    assert steps == [(0, 1000), (300, 1000), (600, 1000), (900, 1000), (1000, 1000)]
    np.testing.assert_array_equal(report.predictions, whole.predictions)
    np.testing.assert_array_equal(report.confusion, whole.confusion)
    np.testing.assert_allclose(report.probabilities, whole.probabilities, atol=1e-6)
    assert report.accuracy == whole.accuracy and report.model is state.model
    assert (
        report.cell_indices(3, 5).tolist()
        == np.flatnonzero((whole.labels == 3) & (whole.predictions == 5)).tolist()
    )


def test_finished_and_cancelled_runs_are_freed(qtbot) -> None:
    """A worker's signals hold lambdas that hold the worker (its job, a model copy, the data):
    they are disconnected when it ends, or every evaluation stayed in memory (+2.8 MB each)."""
    import gc
    import weakref

    window = open_window(qtbot, MODELS / "early.pt")
    dialog = window.checkpoint_features.show_evaluation()
    qtbot.addWidget(dialog)
    dialog.set_dataset("mnist")
    refs = []
    for cancel in (False, True, False):
        signal = dialog.evaluationCancelled if cancel else dialog.evaluationFinished
        with qtbot.waitSignal(signal, timeout=60_000):
            assert dialog.start()
            refs.append(weakref.ref(dialog.run))
            if cancel:
                dialog.cancel()
        qtbot.wait(100)  # the worker's own finished signal arrives after the result
    gc.collect()
    assert [ref() for ref in refs] == [None, None, None]
