"""Training timelines: the loop's snapshots, their checkpoint round trip, pause / resume / stop."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from data_support import subset

from explainer.core.checkpoint import load_checkpoint, load_model, save_checkpoint
from explainer.core.config import ModelConfig
from explainer.core.datasets import load_dataset
from explainer.core.errors import CheckpointError, ExplainerError
from explainer.core.model import build_model
from explainer.core.snapshots import Snapshot, snapshot_steps
from explainer.core.train import (
    DEFAULT_LR,
    EpochRecord,
    StepRecord,
    TrainingControl,
    TrainSettings,
    evaluate,
    training_run,
)

torch.set_num_threads(1)
CPU = torch.device("cpu")
CONFIG = ModelConfig(norm_mean=0.1, norm_std=0.3)


@pytest.fixture(scope="module")
def data():
    return subset(load_dataset("mnist", "train"), 30), subset(load_dataset("mnist"), 20)


def drain(run):
    events = []
    while True:
        try:
            events.append(next(run))
        except StopIteration as done:
            return events, done.value


def test_snapshot_steps_are_spread_dense_early_and_end_at_the_last_step() -> None:
    steps = snapshot_steps(1880, 24)
    assert len(steps) == 24 and steps[0] == 0 and steps[-1] == 1880
    assert steps == sorted(set(steps))
    gaps = np.diff(steps)
    assert gaps[:5].max() <= 2 and gaps[-1] > 100  # dense early, sparse late
    assert snapshot_steps(5, 24) == [0, 1, 2, 3, 4, 5]


@pytest.fixture(scope="module")
def trained_run(data):
    train, heldout = data
    model = build_model(CONFIG, "cpu", seed=2)
    initial = {k: v.clone() for k, v in model.state_dict().items()}
    settings = TrainSettings(
        epochs=3, batch_size=50, lr=5e-3, seed=2, snapshots=8, augment=False, warmup_epochs=0.5
    )
    events, result = drain(training_run(model, train, settings, CPU, heldout))
    return model, initial, events, result, heldout


def test_snapshots_are_in_order_differ_and_end_with_the_trained_weights(trained_run) -> None:
    model, initial, events, result, heldout = trained_run
    snapshots = [e for e in events if isinstance(e, Snapshot)]
    assert snapshots == result.snapshots
    assert [s.step for s in snapshots] == snapshot_steps(18, 8)  # 300 images / 50 × 3 epochs
    assert [s.epoch for s in snapshots] == [s.step / 6 for s in snapshots]
    for name, value in initial.items():  # step 0 is the initialisation
        assert torch.equal(snapshots[0].state_dict[name], value)
    for before, after in zip(snapshots, snapshots[1:], strict=False):
        assert not torch.equal(before.state_dict["conv1.weight"], after.state_dict["conv1.weight"])
    for name, value in model.state_dict().items():  # the last one is the trained network
        assert torch.equal(snapshots[-1].state_dict[name], value)
    # Held-out numbers are the evaluation's own, measured at that step.
    final = evaluate(model, heldout)
    assert snapshots[-1].heldout_accuracy == pytest.approx(final.accuracy)
    assert snapshots[-1].heldout_loss == pytest.approx(final.loss, rel=1e-5)
    assert snapshots[0].train_loss is None and all(s.train_loss > 0 for s in snapshots[1:])
    steps = [e for e in events if isinstance(e, StepRecord)]
    assert [s.step for s in steps] == list(range(1, 19))
    assert steps[-1].images == 900 == result.images_seen
    assert len([e for e in events if isinstance(e, EpochRecord)]) == 3
    # The held-out loss falls as it learns.
    assert snapshots[-1].heldout_loss < 0.8 * snapshots[0].heldout_loss


def test_timeline_round_trip_in_both_file_forms(trained_run, tmp_path: Path) -> None:
    model, _, _, result, _ = trained_run
    for suffix in (".pt", ".safetensors"):
        path = save_checkpoint(tmp_path / f"run{suffix}", model, {"name": "run"}, result.snapshots)
        checkpoint = load_checkpoint(path)
        assert [s.info() for s in checkpoint.snapshots] == [s.info() for s in result.snapshots]
        for saved, loaded in zip(result.snapshots, checkpoint.snapshots, strict=True):
            for name, value in saved.state_dict.items():
                assert torch.equal(loaded.state_dict[name], value), (suffix, name)
        # The final weights are the default; a snapshot is asked for by index (-1 = last).
        final, _ = load_model(path, "cpu")
        first = checkpoint.build("cpu", snapshot=0)
        last = checkpoint.build("cpu", snapshot=-1)
        for name, value in model.state_dict().items():
            assert torch.equal(final.state_dict()[name], value)
            assert torch.equal(last.state_dict()[name], value)
            assert torch.equal(first.state_dict()[name], result.snapshots[0].state_dict[name])
        with pytest.raises(ExplainerError, match=r"snapshot 8 is out of range.*8 snapshots"):
            checkpoint.build("cpu", snapshot=8)


def test_a_checkpoint_with_a_corrupt_snapshot_is_refused_naming_it(
    trained_run, tmp_path: Path
) -> None:
    model, _, _, result, _ = trained_run
    path = save_checkpoint(tmp_path / "run.pt", model, {}, result.snapshots)
    payload = torch.load(path, weights_only=True)

    def refused(change, *needles: str) -> None:
        broken = {**payload, "snapshots": [dict(s) for s in payload["snapshots"]]}
        change(broken["snapshots"])
        bad = tmp_path / "bad.pt"
        torch.save(broken, bad)
        with pytest.raises(CheckpointError) as error:
            load_checkpoint(bad)
        for needle in needles:
            assert needle in str(error.value)

    def small_kernel(s):
        s[3]["state_dict"] = {**s[3]["state_dict"], "conv1.weight": torch.zeros(6, 1, 3, 3)}

    def nan_weight(s):
        weights = dict(s[2]["state_dict"])
        weights["fc1.bias"] = weights["fc1.bias"].clone()
        weights["fc1.bias"][0] = float("nan")
        s[2]["state_dict"] = weights

    refused(small_kernel, "snapshot 3 (step", "conv1.weight", "(6, 1, 3, 3)")
    refused(nan_weight, "snapshot 2", "fc1.bias")
    refused(lambda s: s[4].update(step=1), "snapshot 4", "steps must increase")
    refused(lambda s: s[1].update(heldout_accuracy=1.5), "snapshot 1", "heldout_accuracy")
    refused(lambda s: s.append("oops"), "snapshot 8", "expected a dict")


def test_pause_resume_continues_from_the_same_step_and_stop_keeps_what_was_trained(
    data,
) -> None:
    train, heldout = data
    control = TrainingControl()
    model = build_model(CONFIG, "cpu", seed=4)
    settings = TrainSettings(epochs=3, batch_size=50, seed=4, snapshots=5)
    run = training_run(model, train, settings, CPU, heldout, control)
    steps: list[int] = []
    paused_for = 0.3
    for event in run:
        if isinstance(event, StepRecord):
            steps.append(event.step)
            if event.step == 4:
                control.pause()
                threading.Timer(paused_for, control.resume).start()
                pause_started = time.perf_counter()
            if event.step == 5:
                assert time.perf_counter() - pause_started >= paused_for * 0.9
                assert event.seconds < time.perf_counter() - pause_started + 5
            if event.step == 9:
                control.stop()
    # The generator was drained by the for loop; rerun it for its result instead.
    assert steps == list(range(1, 10))  # no step lost or repeated across the pause; stopped at 9
    model_b = build_model(CONFIG, "cpu", seed=4)
    control_b = TrainingControl()
    events, result = [], None
    run_b = training_run(model_b, train, settings, CPU, heldout, control_b)
    while True:
        try:
            event = next(run_b)
        except StopIteration as done:
            result = done.value
            break
        events.append(event)
        if isinstance(event, StepRecord) and event.step == 9:
            control_b.stop()
    assert result.snapshots[-1].step == 9  # the timeline ends where training stopped
    for name, value in model_b.state_dict().items():
        assert torch.equal(result.snapshots[-1].state_dict[name], value)
        # ... and stopping did not change what the first 9 steps computed.
        assert torch.equal(model.state_dict()[name], value)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_each_optimiser_learns(data, optimizer: str) -> None:
    train, heldout = data
    model = build_model(CONFIG, "cpu", seed=6)
    lr = DEFAULT_LR[optimizer]
    settings = TrainSettings(
        epochs=3, batch_size=30, lr=lr, seed=6, augment=False, optimizer=optimizer, snapshots=2
    )
    _, result = drain(training_run(model, train, settings, CPU, heldout))
    first, last = result.snapshots
    assert last.heldout_loss < 0.9 * first.heldout_loss, optimizer


def test_momentum_is_not_plain_sgd(data) -> None:
    train, _ = data
    weights = []
    for optimizer in ("sgd", "momentum"):
        model = build_model(CONFIG, "cpu", seed=6)
        settings = TrainSettings(epochs=1, batch_size=30, lr=0.02, seed=6, optimizer=optimizer)
        drain(training_run(model, train, settings, CPU))
        weights.append(model.conv1.weight.detach().clone())
    assert not torch.equal(*weights)
    with pytest.raises(ExplainerError, match="optimizer must be one of sgd, momentum, adam"):
        drain(
            training_run(build_model(CONFIG, "cpu"), train, TrainSettings(optimizer="lbfgs"), CPU)
        )


# ---- the command line ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def run_file(tmp_path_factory) -> Path:
    from explainer.cli import main

    out = tmp_path_factory.mktemp("cli") / "run.pt"
    argv = ["train", "--epochs", "1", "--batch", "200", "--optimizer", "momentum", "--snapshots"]
    argv += ["5", "--threads", "1", "--device", "cpu", "--quiet", "--out", str(out)]
    assert main(argv) == 0
    return out


def test_train_writes_the_snapshots_asked_for(run_file: Path) -> None:
    checkpoint = load_checkpoint(run_file)
    assert [s.step for s in checkpoint.snapshots] == snapshot_steps(20, 5)  # 4,000 / 200
    for name, value in checkpoint.state_dict.items():  # the final snapshot = the saved weights
        assert torch.equal(checkpoint.snapshots[-1].state_dict[name], value)
    meta = checkpoint.metadata
    assert meta["optimizer"].startswith("SGD + momentum 0.9 lr=0.05")
    assert "--optimizer momentum" in meta["command"] and "--snapshots 5" in meta["command"]
    assert checkpoint.snapshots[-1].heldout_accuracy == pytest.approx(meta["heldout_accuracy"])


def test_predict_and_eval_use_snapshot_k_and_info_lists_them(run_file: Path, capsys) -> None:
    import json

    from explainer.cli import main
    from explainer.core.datasets import load_dataset

    checkpoint = load_checkpoint(run_file)
    sample = paths_sample()
    for k in (0, 2, -1):
        assert (
            main(
                [
                    "predict",
                    str(sample),
                    "--checkpoint",
                    str(run_file),
                    "--snapshot",
                    str(k),
                    "--json",
                ]
            )
            == 0
        )
        probs = json.loads(capsys.readouterr().out)[0]["probs"]
        from explainer.core.preprocess import prepare_input

        model = checkpoint.build("cpu", snapshot=k)
        expected = model.forward_trace(prepare_input(sample, model.config).network_input)
        np.testing.assert_allclose(probs, expected.probs, atol=1e-6)
        assert main(["eval", str(run_file), "--snapshot", str(k), "--json"]) == 0
        result = json.loads(capsys.readouterr().out)
        direct = evaluate(model, load_dataset("mnist"))
        assert result["accuracy"] == direct.accuracy and result["snapshot"] == k
    assert main(["info", str(run_file), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["snapshots"] == [s.info() for s in checkpoint.snapshots]
    assert info["config"] == checkpoint.config.to_dict() and info["parameters"] == 63802
    assert "state_dict" not in json.dumps(info)
    assert main(["info", str(run_file)]) == 0
    assert "training timeline: 5 snapshots" in capsys.readouterr().out


@pytest.mark.parametrize("k", ["5", "-6", "99"])
def test_a_snapshot_out_of_range_is_one_line_exit_2(run_file: Path, k: str, capsys) -> None:
    from explainer.cli import main

    for argv in (
        ["predict", str(paths_sample()), "--checkpoint", str(run_file), "--snapshot", k],
        ["eval", str(run_file), "--snapshot", k, "--json"],
    ):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert "out of range" in captured.err and "5 snapshots" in captured.err
        assert len(captured.err.strip().splitlines()) == 1 and "Traceback" not in captured.err
    from explainer import paths

    assert main(["eval", str(paths.models_dir() / "classic.pt"), "--snapshot", "0"]) == 2
    assert "has no training snapshots" in capsys.readouterr().err


def paths_sample() -> Path:
    from explainer.core.samples import sample_path

    return sample_path(7, 0)
