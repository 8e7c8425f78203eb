"""`explain`, `top-patches` and `predict --ablate` end to end, and the promise that a bad
argument gives one line and exit 2 ({"error": ...} with --json), for generated arguments."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from explainer import paths
from explainer.cli import main
from explainer.commands.mapimage import DIVERGING_ANCHORS, SEQUENTIAL_ANCHORS, colour_table
from explainer.core import attribution as A
from explainer.core.ablation import Ablation
from explainer.core.checkpoint import load_model
from explainer.core.datasets import load_dataset
from explainer.core.patches import patch_index
from explainer.core.preprocess import prepare_input
from explainer.core.samples import load_sample, sample_path

torch.set_num_threads(1)
SAMPLE = str(sample_path(3, 0))
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def default():
    return load_model(paths.default_checkpoint(), "cpu")


def _json_out(capsys):
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def _assert_json_error(capsys, code: int) -> str:
    captured = capsys.readouterr()
    assert code == 2
    out_lines, err_lines = captured.out.strip().splitlines(), captured.err.strip().splitlines()
    assert len(out_lines) == 1 and len(err_lines) == 1, captured
    message = json.loads(out_lines[0])["error"]
    assert message and err_lines[0] == f"cnn-explainer: error: {message}"
    return message


# ---- explain -------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", A.METHODS)
def test_explain_json_is_the_core_map_of_the_predicted_input(default, capsys, method):
    model, checkpoint = default
    assert main(["explain", SAMPLE, "--method", method, "--json"]) == 0
    result, _ = _json_out(capsys)
    assert {"method", "target", "map", "probs"} <= set(result)
    network_input = prepare_input(SAMPLE, checkpoint.config).network_input
    expected = A.explain(model, np.array(network_input), method, A.FIRST)
    assert result["method"] == method and result["target"] == 3 and result["labels"] == "3"
    assert np.array(result["map"]).shape == (32, 32)
    np.testing.assert_allclose(result["map"], expected.map, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(result["probs"], model.forward_trace(network_input).probs, rtol=1e-5)
    assert result["signed"] == (method in ("gradxinput", "occlusion"))


def test_explain_targets_contrasts_and_layers(default, capsys):
    model, checkpoint = default
    x = np.array(prepare_input(SAMPLE, checkpoint.config).network_input)
    cases = [
        (["--target", "8"], 8, A.saliency(model, x, 8).map),
        (["--target", "second"], 7, A.saliency(model, x, A.SECOND).map),
        (["--contrast", "3,8"], [3, 8], A.saliency(model, x, (3, 8)).map),
        (["--contrast"], [3, 7], A.saliency(model, x, (A.FIRST, A.SECOND)).map),
    ]
    for extra, target, expected in cases:
        assert main(["explain", SAMPLE, "--json", *extra]) == 0
        result, _ = _json_out(capsys)
        assert result["target"] == target
        np.testing.assert_allclose(result["map"], expected, rtol=1e-6, atol=1e-9)
    assert main(["explain", SAMPLE, "--method", "gradcam", "--layer", "conv1", "--json"]) == 0
    result, _ = _json_out(capsys)
    assert result["layer"] == "conv1"
    np.testing.assert_allclose(
        result["map"], A.grad_cam(model, x, 3, layer="conv1").map, rtol=1e-6, atol=1e-9
    )


def test_explain_takes_a_npy_exactly_as_predict_does(default, tmp_path, capsys):
    model, checkpoint = default
    digit = np.pad(load_sample(7, 0), 2)  # [0, 1], the model's input shape
    np.save(tmp_path / "seven.npy", digit)
    assert main(["explain", str(tmp_path / "seven.npy"), "--method", "gradxinput", "--json"]) == 0
    result, _ = _json_out(capsys)
    normalised = checkpoint.config.normalize(digit)[None].astype(np.float32)
    np.testing.assert_allclose(
        result["map"], A.gradient_x_input(model, normalised, 7).map, rtol=1e-6, atol=1e-9
    )
    assert main(["predict", str(tmp_path / "seven.npy"), "--json"]) == 0
    predicted, _ = _json_out(capsys)
    np.testing.assert_allclose(result["probs"], predicted[0]["probs"], rtol=1e-5, atol=1e-7)


def test_explain_png_has_the_map_and_a_colour_bar(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["explain", SAMPLE, "--method", "gradxinput", "--out", str(out), "--json"]) == 0
    result, _ = _json_out(capsys)
    image = np.asarray(Image.open(out).convert("RGB"))
    assert image.shape[0] > 256 and image.shape[1] > 2 * 256
    values = np.array(result["map"])
    # The map panel: the pixel of the largest value is the top of the diverging table, and the
    # background (value 0 at the blank border) is its white-ish middle.
    from explainer.commands import mapimage

    top = mapimage.MARGIN + 18
    left = mapimage.MARGIN + 256 + mapimage.MARGIN
    row, col = np.unravel_index(np.argmax(np.abs(values)), values.shape)
    peak = image[top + row * 8 + 4, left + col * 8 + 4]
    table = colour_table(signed=True)
    assert tuple(peak) in {tuple(table[0]), tuple(table[-1])}
    np.testing.assert_array_equal(
        image[top + 4, left + 4], table[128 if values[0, 0] >= 0 else 127]
    )
    # The unsigned maps use the sequential table.
    assert main(["explain", SAMPLE, "--out", str(tmp_path / "s.png")]) == 0
    capsys.readouterr()
    assert Image.open(tmp_path / "s.png").size == Image.open(out).size


def test_the_colour_tables_are_the_windows(qapp):
    import pyqtgraph as pg

    for name, anchors in (("CET-D1", DIVERGING_ANCHORS), ("viridis", SEQUENTIAL_ANCHORS)):
        lut = pg.colormap.get(name).getLookupTable(
            0, 1, nPts=33, alpha=False, mode=pg.ColorMap.BYTE
        )
        np.testing.assert_array_equal(lut, anchors)
        full = pg.colormap.get(name).getLookupTable(
            0, 1, nPts=256, alpha=False, mode=pg.ColorMap.BYTE
        )
        assert np.abs(full.astype(int) - colour_table(name == "CET-D1").astype(int)).max() <= 5


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--target", "10"], "expected a class 0..9, found 10"),
        (["--target", "-1"], "expected a class index 0..9"),
        (["--target", "nan"], "found 'nan'"),
        (["--target", "3", "--contrast", "3,8"], "--target or --contrast"),
        (["--contrast", "3,3"], "two different classes"),
        (["--contrast", "3"], "two classes A,B"),
        (["--method", "lime"], "expected one of saliency, gradxinput, gradcam, occlusion"),
        (["--layer", "conv1"], "only with --method gradcam"),
        (["--method", "gradcam", "--layer", "fc1"], "conv1, conv2"),
    ],
)
def test_explain_errors_say_what_was_expected(capsys, argv, fragment):
    message = _assert_json_error(capsys, main(["explain", SAMPLE, "--json", *argv]))
    assert fragment in message


def test_explain_error_in_a_fresh_process_is_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "explainer", "explain", SAMPLE, "--contrast", "1,1e12"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


class_texts = st.one_of(
    st.integers(-3, 12).map(str),
    st.sampled_from(["first", "second", "third", "nan", "1e12", str(10**12), "", " 3", "٣", "8"]),
    st.text(max_size=6),
)


@HYPOTHESIS
@given(
    method=st.sampled_from([*A.METHODS, "LIME", ""]),
    target=st.one_of(st.none(), class_texts),
    contrast=st.one_of(st.none(), st.tuples(class_texts, class_texts).map(",".join), class_texts),
    layer=st.sampled_from([None, "conv1", "conv2", "pool1", "fc1", "conv99", ""]),
)
def test_explain_answers_or_fails_in_one_line(capsys, method, target, contrast, layer):
    argv = ["explain", SAMPLE, f"--method={method}", "--json"]
    argv += [f"--target={target}"] if target is not None else []
    argv += [f"--contrast={contrast}"] if contrast is not None else []
    argv += [f"--layer={layer}"] if layer is not None else []
    code = main(argv)
    if code != 0:
        _assert_json_error(capsys, code)
        return
    result, _ = _json_out(capsys)
    assert method in A.METHODS
    assert np.array(result["map"]).shape == (32, 32) and np.isfinite(result["map"]).all()
    assert len(result["probs"]) == 10


# ---- top-patches ---------------------------------------------------------------------------------
def test_top_patches_json_is_the_core_index_over_evals_data(default, capsys):
    model, checkpoint = default
    checkpoint_file = str(paths.default_checkpoint())
    assert (
        main(["top-patches", checkpoint_file, "--layer", "conv2", "--filter", "3", "--json"]) == 0
    )
    result, _ = _json_out(capsys)
    assert len(result) == 9
    assert all({"image", "row", "col", "value", "patch"} <= set(p) for p in result)
    expected = patch_index(model, load_dataset("mnist", "heldout")).top("conv2", 3, 9)
    for mine, core in zip(result, expected, strict=True):
        assert (mine["image"], mine["row"], mine["col"]) == (core.image, core.row, core.col)
        assert mine["value"] == pytest.approx(core.value)
        np.testing.assert_array_equal(np.array(mine["patch"], np.float32), core.patch)
        assert np.array(mine["patch"]).shape == (14, 14)
    values = [p["value"] for p in result]
    assert values == sorted(values, reverse=True)
    argv = ["top-patches", checkpoint_file, "--layer", "conv1", "--filter", "0", "--k", "4"]
    assert main([*argv, "--dataset", "mnist", "--split", "train", "--json"]) == 0
    result, _ = _json_out(capsys)
    train = load_dataset("mnist", "train")
    expected = patch_index(model, train).top("conv1", 0, 4)
    assert [p["image"] for p in result] == [p.image for p in expected]
    assert np.array(result[0]["patch"]).shape == (5, 5)
    assert main(argv) == 0  # the text form
    out = capsys.readouterr().out
    assert "conv1 filter 0, top 4 of mnist/heldout" in out and len(out.splitlines()) == 5


def test_top_patches_cache_dir(tmp_path, capsys):
    from explainer.core.patches import clear_memory_cache

    clear_memory_cache()
    argv = ["top-patches", str(paths.default_checkpoint()), "--layer", "conv1", "--filter", "2"]
    assert main([*argv, "--cache-dir", str(tmp_path / "cache"), "--json"]) == 0
    first, _ = _json_out(capsys)
    assert len(list((tmp_path / "cache").glob("patches-*.npz"))) == 1
    clear_memory_cache()
    assert main([*argv, "--cache-dir", str(tmp_path / "cache"), "--json"]) == 0
    again, _ = _json_out(capsys)
    assert again == first


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--layer", "conv3", "--filter", "0"], "expected one of conv1, conv2, found 'conv3'"),
        (["--layer", "conv2", "--filter", "16"], "conv2 has filters 0..15, found 16"),
        (["--layer", "conv2"], "--filter: expected a whole number, found nothing"),
        (["--filter", "1"], "--layer: expected conv1 or conv2"),
        (["--layer", "conv1", "--filter", "nan"], "found 'nan'"),
        (["--layer", "conv1", "--filter", "0", "--k", "0"], "k must be 1..1000"),
        (["--layer", "conv1", "--filter", "0", "--k", str(10**12)], "k must be 1..1000"),
        (["--layer", "conv1", "--filter", "0", "--dataset", "cifar"], "unknown dataset 'cifar'"),
    ],
)
def test_top_patches_errors_say_what_was_expected(capsys, argv, fragment):
    code = main(["top-patches", str(paths.default_checkpoint()), "--json", *argv])
    assert fragment in _assert_json_error(capsys, code)


number_texts = st.one_of(
    st.integers(-3, 20).map(str),
    st.sampled_from(["nan", "inf", "1e12", str(10**12), "", "2.0", "0x3", "٣", "1000", "1001"]),
    st.text(max_size=5),
)


@HYPOTHESIS
@given(
    layer=st.sampled_from(["conv1", "conv2", "pool1", "fc1", "logits", "", "conv1 "]),
    filter_text=number_texts,
    k=number_texts,
)
def test_top_patches_answers_or_fails_in_one_line(capsys, layer, filter_text, k):
    argv = ["top-patches", str(paths.default_checkpoint()), f"--layer={layer}"]
    code = main([*argv, f"--filter={filter_text}", f"--k={k}", "--json"])
    if code != 0:
        _assert_json_error(capsys, code)
        return
    result, _ = _json_out(capsys)
    assert len(result) == int(k) and layer in ("conv1", "conv2")


# ---- predict --ablate ----------------------------------------------------------------------------
def test_predict_ablate_is_the_ablated_forward_pass(default, capsys):
    model, checkpoint = default
    assert main(["predict", SAMPLE, "--ablate", "conv2:3,conv1:0", "--json"]) == 0
    (result,), _ = _json_out(capsys)
    assert set(result) == {"file", "no_ink", "top", "probs"}  # as before, and no_ink
    x = torch.as_tensor(np.array(prepare_input(SAMPLE, checkpoint.config).network_input))[None]
    with torch.inference_mode():
        ablated = torch.softmax(model(x, Ablation.parse("conv2:3,conv1:0")), 1)[0].numpy()
        plain = torch.softmax(model(x), 1)[0].numpy()
    np.testing.assert_allclose(result["probs"], ablated, rtol=1e-5, atol=1e-7)
    assert np.abs(np.log(ablated) - np.log(plain)).max() > 1.0  # the knock-out changed the logits
    # Knocking out every conv1 filter leaves a guess that no longer depends on the drawing.
    every = ",".join(f"conv1:{c}" for c in range(6))
    assert main(["predict", SAMPLE, str(sample_path(8, 0)), "--ablate", every, "--json"]) == 0
    three, eight = _json_out(capsys)[0]
    assert three["probs"] == pytest.approx(eight["probs"], abs=1e-6)


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ("conv2:16", "conv2 has channels 0..15, found 16"),
        ("conv7:0", "no layer 'conv7'"),
        ("fc1:-1", "whole-number index"),
        ("logits:1", "no layer 'logits'"),
    ],
)
def test_predict_ablate_errors(capsys, spec, fragment):
    code = main(["predict", SAMPLE, f"--ablate={spec}", "--json"])
    assert fragment in _assert_json_error(capsys, code)


unit_specs = st.lists(
    st.tuples(
        st.sampled_from(["conv1", "conv2", "fc1", "fc2", "pool2", "logits", "x", ""]),
        st.one_of(
            st.integers(-2, 130).map(str), st.sampled_from(["nan", "1e12", str(10**12), "", "1.5"])
        ),
    ).map(":".join),
    max_size=4,
).map(",".join)


@HYPOTHESIS
@given(spec=st.one_of(unit_specs, st.text(max_size=10)))
def test_predict_ablate_answers_or_fails_in_one_line(capsys, spec):
    code = main(["predict", SAMPLE, f"--ablate={spec}", "--json"])
    if code != 0:
        _assert_json_error(capsys, code)
        return
    (result,), _ = _json_out(capsys)
    assert sum(result["probs"]) == pytest.approx(1.0, abs=1e-5)
