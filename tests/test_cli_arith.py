"""`cnn-explainer arith ...`: values checked against torch, text output, and the error contract
(exit 2, one line on stderr, no traceback; with --json an object with `error` on stdout)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from explainer.cli import main
from explainer.core.config import ModelConfig
from explainer.core.model import build_model


def run_json(capsys, *argv: str) -> dict:
    code = main(["arith", *argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    return json.loads(out)


def run_error(capsys, *argv: str) -> tuple[str, dict]:
    """Run twice, plain and with --json: exit 2 both times, one line on stderr, no traceback."""
    assert main(["arith", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("cnn-explainer: error: ")
    assert "Traceback" not in err
    assert main(["arith", *argv, "--json"]) == 2
    json_out, json_err = capsys.readouterr()
    payload = json.loads(json_out)
    assert set(payload) == {"error"}
    assert json_err == err
    return err.strip(), payload


def t64(values) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64)


def as_json(array) -> str:
    return json.dumps(np.asarray(array).tolist())


# ---- conv ----------------------------------------------------------------------------------------


def test_conv_several_filters_equals_torch(capsys):
    rng = np.random.default_rng(0)
    image = rng.integers(-3, 4, size=(3, 7, 7)).astype(float)
    kernels = rng.integers(-2, 3, size=(2, 3, 3, 3)).astype(float)
    bias = [0.5, -1.0]
    payload = run_json(
        capsys,
        "conv",
        "--input",
        as_json(image),
        "--kernel",
        as_json(kernels),
        "--bias",
        json.dumps(bias),
        "--stride",
        "2",
        "--padding",
        "1",
    )
    expected = F.conv2d(t64(image)[None], t64(kernels), t64(bias), stride=2, padding=1)[0]
    assert payload["output_shape"] == [2, 4, 4]
    np.testing.assert_allclose(payload["output"], expected, rtol=0, atol=1e-12)


def test_conv_one_filter_gives_a_2d_map(capsys):
    image = np.arange(25, dtype=float).reshape(5, 5)
    kernel = [[1, 0, -1], [2, 0, -2]]  # non-square: 2×3
    payload = run_json(
        capsys, "conv", "--input", as_json(image), "--kernel", json.dumps(kernel), "--bias", "0.25"
    )
    expected = F.conv2d(t64(image)[None, None], t64(kernel)[None, None], t64([0.25]))[0, 0]
    assert payload["output_shape"] == [4, 3]
    np.testing.assert_allclose(payload["output"], expected, atol=1e-12)


def test_conv_activation(capsys):
    payload = run_json(
        capsys, "conv", "--input", "[[1, -2], [3, -4]]", "--kernel", "[[1]]", "--activation", "relu"
    )
    assert payload["output"] == [[1.0, 0.0], [3.0, 0.0]]


def test_conv_text_shows_every_unit(capsys):
    # (3 + 2·1 − 2)/3 + 1 = 2: a 2×2 output whose corner units hang over the zero padding.
    assert (
        main(
            [
                "arith",
                "conv",
                "--input",
                "[[1,2,3],[4,5,6],[7,8,9]]",
                "--kernel",
                "[[1,0],[0,-1]]",
                "--bias",
                "0.5",
                "--padding",
                "1",
                "--stride",
                "3",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("patch ⊙ kernel") == 4
    assert "conv[0] at row 1, col 1: 2×2 kernel, stride 3, padding 1" in out
    assert "input rows -1–0, cols -1–0 (pad = zero padding)" in out
    assert "+ bias 0.5000 = -0.5000" in out  # unit (0, 0): 1·(−1) + 0.5
    # The output map closes the text: [[-0.5, 0.5], [0.5, 9.5]] (unit (1, 1): 9·1 + 0.5).
    assert out.rstrip().splitlines()[-3:] == [
        "output 2 × 2:",
        "    -0.5000  0.5000",
        "     0.5000  9.5000",
    ]


def test_conv_brief_prints_one_line_per_unit(capsys):
    assert (
        main(
            [
                "arith",
                "conv",
                "--input",
                "[[1,2,3],[4,5,6],[7,8,9]]",
                "--kernel",
                "[[1,0],[0,-1]]",
                "--bias",
                "0.5",
                "--brief",
                "--activation",
                "relu",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "conv[0] at row 0, col 0: patch ⊙ kernel: 4 products … sum = -4.0000; "
        "+ bias 0.5000 = -3.5000; relu → 0.0000"
    )
    assert sum("patch ⊙ kernel" in line for line in lines) == 4


def test_conv_from_file(capsys, tmp_path):
    path = tmp_path / "input.json"
    path.write_text("[[1, 2], [3, 4]]")
    payload = run_json(capsys, "conv", "--input", f"@{path}", "--kernel", "[[2]]")
    assert payload["output"] == [[2.0, 4.0], [6.0, 8.0]]


# ---- pool ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pool_equals_torch(capsys, kind):
    image = np.random.default_rng(1).normal(size=(2, 6, 7))
    payload = run_json(
        capsys, "pool", "--input", as_json(image), "--kind", kind, "--size", "3", "--stride", "2"
    )
    pool = F.max_pool2d if kind == "max" else F.avg_pool2d
    expected = pool(torch.tensor(image)[None], 3, 2)[0].numpy()
    assert payload["output_shape"] == [2, 2, 3]
    np.testing.assert_allclose(payload["output"], expected, atol=1e-12)


def test_pool_text_marks_the_max(capsys):
    assert main(["arith", "pool", "--input", "[[1, 5, 2], [3, 4, 0], [9, 9, 9]]"]) == 0
    out = capsys.readouterr().out
    assert "max = 5.0000 at input row 0, col 1" in out
    assert "[5.0000]" in out
    assert "not covered by any window" in out  # the 3rd row and column are dropped


# ---- softmax -------------------------------------------------------------------------------------


def test_softmax_and_loss_equal_torch(capsys):
    logits = [2.0, 1.0, 0.1, -3.0]
    payload = run_json(capsys, "softmax", "--logits", json.dumps(logits), "--target", "2")
    expected = torch.softmax(torch.tensor(logits, dtype=torch.float64), 0).numpy()
    np.testing.assert_allclose(payload["probs"], expected, rtol=1e-12)
    assert sum(payload["probs"]) == pytest.approx(1.0)
    loss = F.cross_entropy(torch.tensor([logits], dtype=torch.float64), torch.tensor([2])).item()
    assert payload["loss"] == pytest.approx(loss, rel=1e-12)
    assert payload["log_base"] == "e"


@pytest.mark.parametrize(("base", "divisor"), [("10", math.log(10)), ("2", math.log(2))])
def test_softmax_loss_in_other_bases(capsys, base, divisor):
    logits = [0.5, 2.5, -1.0]
    payload = run_json(
        capsys, "softmax", "--logits", json.dumps(logits), "--target", "0", "--log-base", base
    )
    loss = F.cross_entropy(torch.tensor([logits]), torch.tensor([0])).item()
    assert payload["loss"] == pytest.approx(loss / divisor, rel=1e-6)


def test_softmax_without_target_has_no_loss(capsys):
    payload = run_json(capsys, "softmax", "--logits", "[1, 2]")
    assert "loss" not in payload and len(payload["probs"]) == 2


def test_softmax_text(capsys):
    assert (
        main(["arith", "softmax", "--logits", "[1, 2, 3]", "--target", "2", "--log-base", "10"])
        == 0
    )
    out = capsys.readouterr().out
    assert "subtract the largest logit, 3.0000" in out
    assert "sum to 1.0000" in out
    assert "−log₁₀(" in out


# ---- outsize and params --------------------------------------------------------------------------


def test_outsize(capsys):
    payload = run_json(capsys, "outsize", "--n", "32", "--f", "5", "--s", "1", "--p", "2")
    assert payload["output_size"] == 32
    assert payload["formula"] == "(32 + 2·2 − 5)/1 + 1 = 32"
    assert main(["arith", "outsize", "--n", "28", "--f", "5"]) == 0
    assert capsys.readouterr().out.strip() == "output size (28 + 2·0 − 5)/1 + 1 = 24"


def test_params(capsys):
    payload = run_json(capsys, "params", "--input", "32x32x1", "--filters", "6", "--f", "5")
    assert payload["output_shape"] == [28, 28, 6]
    assert payload["params"] == 156 == ModelConfig().param_counts()["conv1"]
    assert payload["formula"] == "(5·5·1 + 1)·6 = 156"
    payload = run_json(capsys, "params", "--input", "14x14x6", "--filters", "16", "--f", "5")
    assert payload["params"] == 2416
    payload = run_json(
        capsys, "params", "--input", "227x227x3", "--filters", "96", "--f", "11", "--s", "4"
    )
    assert payload["output_shape"] == [55, 55, 96] and payload["params"] == 34944


# ---- errors --------------------------------------------------------------------------------------


def test_stride_that_does_not_fit(capsys):
    err, payload = run_error(capsys, "outsize", "--n", "7", "--f", "3", "--s", "3")
    assert "(7 + 2·0 − 3)/3 + 1 = 2.33 is not a whole number: stride 3 does not fit" in err
    assert "2.33" in payload["error"]
    err, _ = run_error(
        capsys,
        "conv",
        "--input",
        as_json(np.zeros((7, 7))),
        "--kernel",
        as_json(np.ones((3, 3))),
        "--stride",
        "3",
    )
    assert "2.33" in err
    err, _ = run_error(
        capsys, "params", "--input", "32x32x3", "--filters", "8", "--f", "5", "--s", "2"
    )
    assert "14.50" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["conv", "--input", "[[1, 2], [3]]", "--kernel", "[[1]]"], "rectangular"),
        (
            ["conv", "--input", "[[1, 2], [3, 4]]", "--kernel", "[[[1]], [[1]]]"],
            "kernel has 2 channel(s) but the input has 1",
        ),
        (["conv", "--input", "[[1, 2], [3, 4]]", "--kernel", "[[1, 2, 3]]"], "kernel 3 is larger"),
        (["conv", "--input", "[[1, 2], [3, 4]", "--kernel", "[[1]]"], "must be a JSON array"),
        (
            ["conv", "--input", "[[1, 2], [3, 4]]", "--kernel", "[[1]]", "--bias", "[1, 2]"],
            "bias must hold one number per filter (1), found 2",
        ),
        (["pool", "--input", "[[1, 2], [3, 4]]", "--size", "3"], "larger than the input"),
        (["softmax", "--logits", "[1, 2]", "--target", "5"], "true class 5 is out of range"),
        (["softmax", "--logits", "[[1, 2]]"], "logits must be 1-D"),
        (["params", "--input", "32x32", "--filters", "6", "--f", "5"], "HxWxC"),
    ],
)
def test_invalid_input(capsys, argv, message):
    err, payload = run_error(capsys, *argv)
    assert message in err and message in payload["error"]


def test_argparse_errors_exit_2(capsys):
    assert main(["arith", "conv", "--kernel", "[[1]]"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "--input" in lines[0]
    assert main(["arith", "pool", "--input", "[[1]]", "--kind", "median", "--json"]) == 2
    captured = capsys.readouterr()
    assert "invalid choice: 'median'" in json.loads(captured.out)["error"]
    assert len(captured.err.strip().splitlines()) == 1


# ---- unit: the real network ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def random_checkpoint(tmp_path_factory):
    """A seeded untrained model saved as a checkpoint (the shipped one may not exist yet)."""
    from explainer.core.checkpoint import save_checkpoint

    path = tmp_path_factory.mktemp("models") / "random.pt"
    model = build_model(ModelConfig(), "cpu", seed=5)
    save_checkpoint(path, model)
    return path, model


def _expected_trace(model, source):
    from explainer.core.preprocess import prepare_input

    return model.forward_trace(np.array(prepare_input(source, model.config).network_input))


@pytest.mark.parametrize(
    ("layer", "address"),
    [
        ("conv1", (4, 13, 20)),
        ("conv2", (7, 3, 6)),
        ("pool1", (2, 7, 9)),
        ("pool2", (15, 4, 0)),
        ("fc1", (42,)),
        ("fc2", (99,)),
        ("logits", (3,)),
    ],
)
def test_unit_on_a_sample(capsys, random_checkpoint, layer, address):
    from explainer.core.samples import load_sample

    path, model = random_checkpoint
    argv = [
        "unit",
        "--layer",
        layer,
        "--map",
        str(address[0]),
        "--checkpoint",
        str(path),
        "--sample",
        "3",
    ]
    if len(address) == 3:
        argv += ["--row", str(address[1]), "--col", str(address[2])]
    payload = run_json(capsys, *argv)
    expected = float(_expected_trace(model, load_sample(3))[layer][address])
    assert payload["network_value"] == pytest.approx(expected, abs=1e-6)
    assert payload["value"] == pytest.approx(expected, abs=1e-5)
    assert payload["layer"] == layer


def test_unit_text_on_an_image_file(capsys, random_checkpoint, tmp_path):
    from PIL import Image

    path, model = random_checkpoint
    canvas = np.zeros((64, 64), dtype=np.uint8)
    canvas[10:54, 28:36] = 255  # a "1"
    image_path = tmp_path / "one.png"
    Image.fromarray(canvas).save(image_path)
    assert (
        main(
            [
                "arith",
                "unit",
                "--layer",
                "conv2",
                "--channel",
                "1",
                "--row",
                "5",
                "--col",
                "4",
                "--checkpoint",
                str(path),
                "--image",
                str(image_path),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    expected = float(_expected_trace(model, image_path)["conv2"][1, 5, 4])
    assert out.startswith("conv2[1] at row 5, col 4: 5×5 kernel")
    assert "sum over 6 channels" in out
    assert f"the network computed {expected:.4f}" in out


def test_unit_softmax_with_loss(capsys, random_checkpoint):
    path, _ = random_checkpoint
    payload = run_json(
        capsys,
        "unit",
        "--layer",
        "probs",
        "--channel",
        "3",
        "--checkpoint",
        str(path),
        "--sample",
        "3",
        "--target",
        "3",
    )
    assert sum(payload["probs"]) == pytest.approx(1.0)
    assert payload["cross_entropy"]["loss"] == pytest.approx(-math.log(payload["probs"][3]))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--layer", "conv9", "--sample", "3"], "unknown layer 'conv9'"),
        (
            ["--layer", "conv2", "--channel", "16", "--row", "0", "--col", "0", "--sample", "3"],
            "conv2 channel 16 is out of range: expected 0–15",
        ),
        (
            ["--layer", "pool1", "--row", "14", "--col", "0", "--sample", "3"],
            "pool1 row 14 is out of range: expected 0–13",
        ),
        (["--layer", "conv1", "--row", "0"], "--image PATH or --sample DIGIT"),
    ],
)
def test_unit_errors(capsys, random_checkpoint, argv, message):
    path, _ = random_checkpoint
    err, payload = run_error(capsys, "unit", "--checkpoint", str(path), *argv)
    assert message in err and message in payload["error"]


def test_unit_missing_checkpoint(capsys, tmp_path):
    err, _ = run_error(
        capsys,
        "unit",
        "--layer",
        "conv1",
        "--row",
        "0",
        "--col",
        "0",
        "--sample",
        "1",
        "--checkpoint",
        str(tmp_path / "nope.pt"),
    )
    assert "nope.pt" in err


def test_map_and_its_alias_channel_name_the_units_own_map(capsys):
    """`--map` is the unit's own map (conv2[3, 4, 5] → 3), the name the window's "Input
    channel" (the map a unit reads) cannot be confused with; `--channel` is an alias."""
    base = ["unit", "--layer", "conv2", "--row", "4", "--col", "5", "--sample", "7"]
    by_map = run_json(capsys, *base, "--map", "3")
    by_channel = run_json(capsys, *base, "--channel", "3")
    assert by_map == by_channel
    assert by_map["network_value"] != run_json(capsys, *base, "--map", "4")["network_value"]
