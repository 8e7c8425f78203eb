"""Training loop, augmentation, evaluation, and the train command's checkpoint."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch
from data_support import subset

from explainer.cli import main
from explainer.core.checkpoint import load_checkpoint, load_model
from explainer.core.config import ModelConfig
from explainer.core.datasets import load_dataset, to_network_input
from explainer.core.model import build_model
from explainer.core.train import TrainSettings, augment, evaluate, lr_at, train_model

torch.set_num_threads(1)


def test_short_training_reduces_the_loss_and_is_deterministic():
    train = subset(load_dataset("mnist", "train"), 30)  # 300 digits
    config = ModelConfig(norm_mean=0.1, norm_std=0.3)
    settings = TrainSettings(
        epochs=4, batch_size=50, lr=3e-3, seed=3, augment=False, warmup_epochs=0.5
    )
    runs = []
    for _ in range(2):
        model = build_model(config, "cpu", seed=3)
        result = train_model(model, train, settings, torch.device("cpu"), progress=False)
        runs.append((result, model))
    (first, model_a), (second, model_b) = runs
    assert [h["epoch"] for h in first.history] == [1, 2, 3, 4]
    assert first.history[-1]["loss"] < 0.6 * first.history[0]["loss"]
    assert first.images_seen == 1200 and first.seconds > 0
    # Same seed → the same weights, bit for bit, on the CPU.
    for (name, a), b in zip(
        model_a.state_dict().items(), model_b.state_dict().values(), strict=True
    ):
        assert torch.equal(a, b), name
    assert first.history[-1]["loss"] == second.history[-1]["loss"]


def test_lr_schedule_warms_up_then_decays():
    assert lr_at(0, 100, 10, 1.0) == pytest.approx(0.1)
    assert lr_at(9, 100, 10, 1.0) == pytest.approx(1.0)
    assert lr_at(10, 100, 10, 1.0) == pytest.approx(1.0)
    assert lr_at(55, 100, 10, 1.0) == pytest.approx(0.01 + 0.99 * 0.5)
    assert lr_at(100, 100, 10, 1.0) == pytest.approx(0.01)


def test_augmentation_keeps_shape_and_range_and_changes_images():
    heldout = load_dataset("mnist", "heldout")
    batch = torch.nn.functional.pad(torch.tensor(heldout.images[:64]).unsqueeze(1), (2, 2, 2, 2))
    generator = torch.Generator().manual_seed(0)
    out = augment(batch, generator)
    assert out.shape == batch.shape and out.dtype == torch.float32
    assert float(out.min()) >= 0.0 and float(out.max()) <= 1.0
    changed = (out - batch).abs().flatten(1).amax(dim=1)
    assert bool((changed > 0.1).all()), "every image should be moved or reshaped"
    # Ink survives: no augmented digit is wiped out.
    assert bool((out.flatten(1).amax(dim=1) > 0.5).all())
    # Seeded: the same generator state gives the same batch.
    again = augment(batch, torch.Generator().manual_seed(0))
    assert torch.equal(out, again)
    # Centre of ink moves by a few pixels at most (shifts ≤ 3 px, rotation/scale about the centre).
    coords = torch.arange(32, dtype=torch.float32)

    def centre_rows(x: torch.Tensor) -> torch.Tensor:
        mass = x.sum(dim=(1, 2, 3))
        return (x.sum(dim=3)[:, 0] * coords).sum(1) / mass

    assert float((centre_rows(out) - centre_rows(batch)).abs().max()) < 6.0


def test_evaluate_matches_a_direct_argmax_and_builds_the_confusion_matrix():
    heldout = load_dataset("mnist", "heldout")
    config = ModelConfig(norm_mean=0.1, norm_std=0.3)
    model = build_model(config, "cpu", seed=5)
    result = evaluate(model, heldout, batch_size=333)  # batches that do not divide 1,000
    with torch.inference_mode():
        logits = model(to_network_input(heldout.images, config))
    direct = logits.argmax(1).numpy()
    assert np.array_equal(result.predictions, direct)
    assert result.accuracy == pytest.approx(float((direct == heldout.labels).mean()), abs=1e-12)
    assert result.n == 1000 and result.confusion.sum() == 1000
    assert result.confusion.shape == (10, 10)
    for true_class in range(10):
        row = result.confusion[true_class]
        assert row.sum() == 100
        assert row[3] == int(((heldout.labels == true_class) & (direct == 3)).sum())
        assert result.per_class[true_class] == pytest.approx(row[true_class] / 100)
    probs = torch.softmax(logits, 1).max(1).values.numpy()
    np.testing.assert_allclose(result.probabilities, probs, rtol=1e-5)


def test_train_command_writes_a_loadable_checkpoint_with_metadata(tmp_path, capsys):
    out, snapshot = tmp_path / "tiny.pt", tmp_path / "snap.pt"
    code = main(
        [
            "train",
            "--epochs",
            "2",
            "--batch",
            "100",
            "--seed",
            "1",
            "--threads",
            "1",
            "--fc",
            "32,16",
            "--out",
            str(out),
            "--snapshot-epoch",
            "1",
            "--snapshot-out",
            str(snapshot),
            "--quiet",
            "--device",
            "cpu",
        ]
    )
    assert code == 0
    model, checkpoint = load_model(out, "cpu")
    meta = checkpoint.metadata
    assert checkpoint.config.fc_sizes == (32, 16)
    assert meta["dataset"] == "mnist" and meta["train_size"] == 4000
    assert meta["eval_split"] == "heldout" and meta["heldout_n"] == 1000
    assert meta["epochs"] == 2 and meta["trained"] is True and meta["seed"] == 1
    assert meta["training_seconds"] > 0 and len(meta["history"]) == 2
    assert meta["normalisation"]["mean"] == checkpoint.config.norm_mean
    assert meta["normalisation"]["std"] == checkpoint.config.norm_std
    assert isinstance(meta["torch_version"], str) and meta["device"] == "CPU"
    assert meta["command"].startswith("cnn-explainer train --dataset mnist")
    # The stored accuracy is what evaluating the saved weights gives.
    measured = evaluate(model, load_dataset("mnist", "heldout"))
    assert meta["heldout_accuracy"] == pytest.approx(measured.accuracy, abs=1e-9)
    assert meta["heldout_accuracy"] > 0.5  # 2 epochs of 4,000 digits already learn a lot
    # The snapshot is the same run after 1 epoch.
    early = load_checkpoint(snapshot)
    assert early.metadata["epochs"] == 1 and len(early.metadata["history"]) == 1
    assert not torch.equal(early.state_dict["conv1.weight"], checkpoint.state_dict["conv1.weight"])


def test_train_with_zero_epochs_saves_the_seeded_random_initialisation(tmp_path):
    out = tmp_path / "untrained.pt"
    assert main(["train", "--epochs", "0", "--seed", "7", "--out", str(out), "--quiet"]) == 0
    checkpoint = load_checkpoint(out)
    assert checkpoint.metadata["trained"] is False and checkpoint.metadata["epochs"] == 0
    assert "untrained" in checkpoint.metadata["description"]
    expected = build_model(checkpoint.config, "cpu", seed=7).state_dict()
    for name, tensor in expected.items():
        assert torch.equal(checkpoint.state_dict[name], tensor), name
    assert checkpoint.metadata["heldout_accuracy"] < 0.3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--epochs", "-1"], "--epochs must be between 0 and 10,000, found -1"),
        (["--fc", "12,x"], "--fc must be comma-separated"),
        (["--snapshot-epoch", "3", "--epochs", "2", "--snapshot-out", "s.pt"], "--snapshot-epoch"),
        (["--dataset", "nope"], "unknown dataset"),
    ],
)
def test_train_command_rejects_bad_options(tmp_path, capsys, argv, message):
    code = main(["train", "--out", str(tmp_path / "x.pt"), "--quiet", *argv])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.pt").exists()


def test_evaluation_of_10000_images_is_fast():
    config = ModelConfig(norm_mean=0.1, norm_std=0.3)
    model = build_model(config, "cpu", seed=0)
    train = load_dataset("mnist", "train")
    big = dataclasses.replace(
        train,
        images=np.concatenate([train.images] * 3)[:10000],
        labels=np.concatenate([train.labels] * 3)[:10000],
        source_rows=np.concatenate([train.source_rows] * 3)[:10000],
    )
    evaluate(model, big)  # warm-up
    result = evaluate(model, big)
    assert result.n == 10000
    # Target < 2 s on a free CPU core; the bound is loose because the test machine is shared.
    assert result.seconds < 6.0, f"evaluating 10,000 images took {result.seconds:.2f} s"
    assert math.isfinite(result.accuracy)
