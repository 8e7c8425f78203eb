"""The eval and predict commands, end to end, and their one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import torch

from explainer import paths
from explainer.cli import main
from explainer.core.checkpoint import load_model
from explainer.core.errors import ImageError
from explainer.core.samples import list_samples, load_sample, sample_path

torch.set_num_threads(1)


def _json_out(capsys):
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_eval_json_on_the_default_checkpoint(capsys):
    assert main(["eval", str(paths.default_checkpoint()), "--json"]) == 0
    result, _ = _json_out(capsys)
    assert result["n"] == 1000 and result["accuracy"] >= 0.98
    assert result["dataset"] == "mnist" and result["split"] == "heldout"
    confusion = np.array(result["confusion"])
    assert confusion.shape == (10, 10) and confusion.sum() == 1000
    assert confusion.trace() / 1000 == pytest.approx(result["accuracy"], abs=1e-12)
    assert set(result["per_class"]) == {str(d) for d in range(10)}
    for digit, acc in result["per_class"].items():
        d = int(digit)
        assert acc == pytest.approx(confusion[d, d] / confusion[d].sum())


def test_eval_text_output_shows_accuracy_and_confusion(capsys):
    assert main(["eval", str(paths.default_checkpoint())]) == 0
    out = capsys.readouterr().out
    assert "accuracy 0.9" in out and "(1000 images" in out
    assert "rows: true class, columns: predicted class" in out
    assert len(out.splitlines()) == 3 + 1 + 10


def test_predict_json_on_the_shipped_samples(capsys):
    samples = list_samples()
    assert len(samples) == 30 and {s.label for s in samples} == set(range(10))
    assert main(["predict", *[str(s.path) for s in samples], "--json"]) == 0
    results, _ = _json_out(capsys)
    assert len(results) == 30
    for sample, result in zip(samples, results, strict=True):
        assert set(result) == {"file", "no_ink", "top", "probs"} and not result["no_ink"]
        assert result["file"] == str(sample.path)
        assert [set(t) for t in result["top"]] == [{"label", "prob"}] * 2
        assert result["top"][0]["prob"] >= result["top"][1]["prob"]
        assert len(result["probs"]) == 10 and sum(result["probs"]) == pytest.approx(1, abs=1e-6)
        assert result["top"][0]["prob"] == pytest.approx(max(result["probs"]))
    correct = sum(
        r["top"][0]["label"] == str(s.label) for s, r in zip(samples, results, strict=True)
    )
    # Real held-out digits; the default model is ≥98% on held-out data. All 30 are right today.
    assert correct >= 29, [
        (str(s.label), r["top"][0]) for s, r in zip(samples, results, strict=True)
    ]


def test_samples_api():
    image = load_sample(3, 1)
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert 0.0 <= image.min() and image.max() == 1.0
    assert sample_path(3, 1).name == "digit3_1.png"
    with pytest.raises(ImageError, match="no sample digit 12"):
        sample_path(12)
    with pytest.raises(ImageError, match="samples 0..2"):
        load_sample(3, 5)
    # The samples are the first held-out digits of their class, pixel for pixel.
    from explainer.core.datasets import load_dataset

    heldout = load_dataset("mnist", "heldout")
    first_threes = np.flatnonzero(heldout.labels == 3)[:3]
    assert np.array_equal(np.rint(image * 255), np.rint(heldout.images[first_threes[1]] * 255))


def test_predict_npy_of_the_input_shape_is_used_as_it_is(tmp_path, capsys):
    model, checkpoint = load_model(paths.default_checkpoint(), "cpu")
    config = checkpoint.config
    digit = np.pad(load_sample(7, 0), 2)  # 32×32 [0, 1], not normalised
    np.save(tmp_path / "seven.npy", digit)
    np.save(tmp_path / "seven_chw.npy", digit[None])
    assert (
        main(["predict", str(tmp_path / "seven.npy"), str(tmp_path / "seven_chw.npy"), "--json"])
        == 0
    )
    results, _ = _json_out(capsys)
    with torch.inference_mode():
        expected = torch.softmax(model(torch.as_tensor(config.normalize(digit))[None, None]), 1)
    for result in results:
        np.testing.assert_allclose(result["probs"], expected[0].numpy(), rtol=1e-5, atol=1e-7)
        assert result["top"][0]["label"] == "7"


def _run_cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explainer", *argv], capture_output=True, text=True, timeout=120
    )


def _assert_one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_error_in_a_fresh_process_is_one_line_without_traceback(tmp_path):
    _assert_one_line_error(_run_cli("predict", str(tmp_path / "missing.png")), "missing.png")


@pytest.mark.parametrize(
    "case", ["bad npy shape", "not a checkpoint", "missing checkpoint", "bad dataset"]
)
def test_errors_exit_2_with_one_line(tmp_path, capsys, case):
    bad_npy = tmp_path / "bad.npy"
    np.save(bad_npy, np.zeros((28, 28), np.float32))
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"this is not a checkpoint")
    sample = str(sample_path(1))
    argv, fragments = {
        "bad npy shape": (["predict", str(bad_npy)], ["(32, 32)", "(28, 28)"]),
        "not a checkpoint": (["predict", sample, "--checkpoint", str(junk)], ["junk.pt"]),
        "missing checkpoint": (["eval", str(tmp_path / "nope.pt")], ["nope.pt"]),
        "bad dataset": (
            ["eval", str(paths.default_checkpoint()), "--dataset", "cifar"],
            ["unknown dataset 'cifar'"],
        ),
    }[case]
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith("cnn-explainer: error:")
    for fragment in fragments:
        assert fragment in lines[0]
    assert captured.out == ""


def test_errors_with_json_print_an_error_object(tmp_path, capsys):
    bad_npy = tmp_path / "bad.npy"
    np.save(bad_npy, np.zeros((3, 5), np.float32))
    assert main(["predict", str(bad_npy), "--json"]) == 2
    out, err = _json_out(capsys)
    assert "(3, 5)" in out["error"] and err.count("\n") == 1


def test_eval_on_an_idx_folder(tmp_path, capsys):
    """`--dataset idx:FOLDER` reads MNIST-format files; here the first 40 held-out digits."""
    import gzip
    import struct

    from explainer.core.datasets import load_dataset
    from explainer.core.train import evaluate

    heldout = load_dataset("mnist", "heldout")
    pick = np.arange(0, 1000, 25)  # 40 digits, 4 of each class
    images = np.rint(heldout.images[pick] * 255).astype(np.uint8)
    labels = heldout.labels[pick].astype(np.uint8)
    for name, array, kind in (
        ("t10k-images-idx3-ubyte", images, 3),
        ("t10k-labels-idx1-ubyte", labels, 1),
    ):
        header = struct.pack(">BBBB", 0, 0, 0x08, kind) + struct.pack(f">{kind}I", *array.shape)
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress(header + array.tobytes()))
    assert (
        main(["eval", str(paths.default_checkpoint()), "--dataset", f"idx:{tmp_path}", "--json"])
        == 0
    )
    result, _ = _json_out(capsys)
    assert result["n"] == 40 and result["split"] == "test"
    model, _ = load_model(paths.default_checkpoint(), "cpu")
    subset = load_dataset(f"idx:{tmp_path}")
    assert result["accuracy"] == evaluate(model, subset).accuracy
    assert np.array(result["confusion"]).sum(axis=1).tolist() == [4] * 10


def test_top_level_checkpoint_reaches_predict(capsys):
    """`cnn-explainer --checkpoint X predict ...` and `predict --checkpoint X` mean the same."""
    image = str(sample_path(4))
    fashion = str(paths.models_dir() / "fashion.pt")
    assert main(["--checkpoint", fashion, "predict", image, "--json"]) == 0
    before, _ = _json_out(capsys)
    assert main(["predict", image, "--checkpoint", fashion, "--json"]) == 0
    after, _ = _json_out(capsys)
    assert before == after and len(before[0]["probs"]) == 10
    assert before[0]["top"][0]["label"] not in [str(d) for d in range(10)]  # Fashion's names
