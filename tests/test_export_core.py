"""Qt-free parts of export and scenes: the arithmetic tables (CSV exact, Markdown and LaTeX as
the dock shows them), the trace as .npz, units named on the command line, and the scene file
(round trip, and every hostile file refused with a SceneError, never another exception)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.core.ablation import Ablation
from explainer.core.arithmetic import conv_unit, explain_unit, softmax_steps
from explainer.core.arithmetic.tables import (
    latex_number,
    latex_text,
    softmax_table,
    to_csv,
    to_latex,
    to_markdown,
    unit_table,
)
from explainer.core.config import ModelConfig
from explainer.core.errors import ExplainerError
from explainer.core.export import (
    check_out_dir,
    check_unit,
    default_unit,
    parse_unit,
    write_trace_npz,
)
from explainer.core.inputs import TrueLabel
from explainer.core.model import build_model
from explainer.core.preprocess import preprocess
from explainer.core.samples import load_sample
from explainer.core.scene import (
    MAX_SCENE_BYTES,
    ArithmeticSettings,
    Drawing,
    PanelSettings,
    Scene,
    SceneError,
    parse_scene,
    read_scene,
    scene_from_dict,
    scene_to_dict,
    write_scene,
)
from explainer.core.units import UnitRef


@pytest.fixture(scope="module")
def model():
    return build_model(ModelConfig(), "cpu", seed=5)


@pytest.fixture(scope="module")
def trace(model):
    return model.forward_trace(preprocess(load_sample(3), model.config).network_input)


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def csv_grid(rows: list[list[str]], part: str) -> np.ndarray:
    return np.array([[float(v) for v in row[3:]] for row in rows if row[0] == part])


def csv_summary(rows: list[list[str]], part: str = "summary") -> dict[str, float]:
    return {row[1]: float(row[3]) for row in rows if row[0] == part and row[3] != ""}


# ---- tables -----------------------------------------------------------------------------------
def test_a_conv2_table_holds_every_channel_exactly_in_csv(model, trace) -> None:
    result = explain_unit(model, trace, "conv2", 3, 4, 5)
    table = unit_table(result, "pool1")
    assert table.name == "conv2_3_4_5"
    rows = csv_rows(to_csv(table))
    assert rows[0] == ["part", "key", "label", "values"]
    for step in result.channels:
        c = step.channel
        # float(repr(x)) == x: every number comes back as the float64 the result holds.
        assert np.array_equal(csv_grid(rows, f"patch:{c}"), step.patch)
        assert np.array_equal(csv_grid(rows, f"kernel:{c}"), step.kernel)
        assert np.array_equal(csv_grid(rows, f"products:{c}"), step.products)
    summary = csv_summary(rows)
    assert summary == {
        **{f"sum:{s.channel}": s.sum for s in result.channels},
        "total": result.total,
        "bias": result.bias,
        "pre_activation": result.pre_activation,
        "value": result.value,
        "network_value": result.network_value,
    }


def test_markdown_and_latex_show_the_numbers_as_the_dock_does(model, trace) -> None:
    result = explain_unit(model, trace, "conv2", 3, 4, 5)
    table = unit_table(result, "pool1")
    markdown, latex = to_markdown(table), to_latex(table)
    step = result.channels[2]
    lines = markdown.split("\n")
    heading = lines.index("### input channel 2 of 6")
    first_row = lines[heading + 4]  # heading, blank, captions, alignment, then the grid rows
    patch_cells = first_row.strip("|").split(" | ")[:5]
    assert [cell.strip() for cell in patch_cells] == [f"{v:.3f}" for v in step.patch[0]]
    # The middle row of each channel carries the ⊙ and the =, in columns of their own.
    assert markdown.count(" ⊙ ") == len(result.channels) == latex.count(r"$\odot$")
    assert f"**{result.value:.4f}**" in markdown
    assert latex.count(r"\begin{tabular}") == len(result.channels) + 1
    assert latex.count(r"\begin{tabular}") == latex.count(r"\end{tabular}")
    assert f"$\\mathbf{{{result.value:.4f}}}$" in latex
    for value in step.kernel.reshape(-1):
        text = f"{value:.3f}"
        assert (latex_number(text[1:] if text == "-0.000" else text)) in latex


def test_pool_fc_and_softmax_tables(model, trace) -> None:
    pool = explain_unit(model, trace, "pool1", 2, 3, 4)
    rows = csv_rows(to_csv(unit_table(pool, "conv1")))
    assert np.array_equal(csv_grid(rows, "window"), pool.window)
    assert csv_summary(rows) == {"value": pool.value, "network_value": pool.network_value}
    assert "**" in to_markdown(unit_table(pool, "conv1"))  # the max, marked

    fc = explain_unit(model, trace, "fc1", 7)
    rows = csv_rows(to_csv(unit_table(fc)))
    top = fc.top_contributions(12)
    contributions = [row for row in rows if row[0] == "contributions" and row[1] != "header"]
    assert [int(row[1]) for row in contributions] == [c.index for c in top]
    assert [float(row[5]) for row in contributions] == [c.product for c in top]
    summary = csv_summary(rows)
    assert summary["total"] == fc.total and summary["value"] == fc.value
    assert summary["top_sum"] + summary["rest_sum"] == pytest.approx(fc.total, abs=1e-12)

    softmax = softmax_steps(trace["logits"], model.config.class_names)
    table = softmax_table(softmax, 3, "2")
    rows = csv_rows(to_csv(table))
    probs = [float(row[6]) for row in rows if row[0] == "softmax" and row[1].isdigit()]
    assert probs == softmax.probs.tolist()
    marks = {row[1]: row[7] for row in rows if row[0] == "softmax" and len(row) > 7}
    guess = int(np.argmax(softmax.probs))
    assert marks[str(guess)] in ("guess", "true label and guess")
    assert "true label" in marks["3"]
    loss = csv_summary(rows, "loss")
    assert loss["loss"] == pytest.approx(-np.log2(softmax.probs[3]), rel=1e-9)
    unknown = to_markdown(softmax_table(softmax, None))
    assert "no cross-entropy" in unknown
    probs_unit = unit_table(explain_unit(model, trace, "probs", 4))
    assert probs_unit.name == "probs_4"


def test_padding_cells_are_marked_and_the_csv_keeps_the_zero() -> None:
    result = conv_unit(np.arange(16.0).reshape(4, 4), np.ones((3, 3)), 0.5, 0, 0, 1, 1)
    table = unit_table(result, "input")
    assert "*0 pad*" in to_markdown(table)
    assert r"\textit{0 pad}" in to_latex(table)
    rows = csv_rows(to_csv(table))
    assert csv_grid(rows, "patch:0")[0].tolist() == [0.0, 0.0, 0.0]


def test_latex_escapes_text_and_writes_numbers_in_math() -> None:
    assert (
        latex_text("a_b & 50% #1 {x} ~ ^")
        == r"a\_b \& 50\% \#1 \{x\} \textasciitilde{} \textasciicircum{}"
    )
    assert latex_text("Σ ⊙ − → ×") == r"$\Sigma$ $\odot$ $-$ $\rightarrow$ $\times$"
    assert latex_number("-0,123") == "$-0{,}123$"
    assert latex_number("1.234e-05") == r"$1.234\times 10^{-5}$"
    assert latex_number("2,5", bold=True) == r"$\mathbf{2{,}5}$"


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="no pdflatex (texlive-latex-base)")
def test_the_latex_compiles(model, trace, tmp_path: Path) -> None:
    parts = []
    for layer, args, source in (
        ("conv2", (3, 4, 5), "pool1"),
        ("pool2", (1, 2, 3), "conv2"),
        ("fc2", (9,), None),
    ):
        result = explain_unit(model, trace, layer, *args)
        (tmp_path / f"{layer}.tex").write_text(to_latex(unit_table(result, source)))
        parts.append(rf"\input{{{layer}.tex}}")
    softmax = softmax_table(softmax_steps(trace["logits"], model.config.class_names), 3, "10")
    (tmp_path / "softmax.tex").write_text(to_latex(softmax))
    parts.append(r"\input{softmax.tex}")
    document = "\\documentclass{article}\n\\usepackage[margin=1cm]{geometry}\n\\begin{document}\n"
    document += "\n\n".join(parts) + "\n\\end{document}\n"
    (tmp_path / "doc.tex").write_text(document)
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 1000


# ---- the trace and units ------------------------------------------------------------------------
def test_the_npz_holds_every_array_of_the_trace_exactly(trace, tmp_path: Path) -> None:
    path = write_trace_npz(trace, tmp_path / "trace.npz")
    with np.load(path, allow_pickle=False) as saved:
        assert saved.files == trace.names
        assert saved.files[0] == "input" and saved.files[-2:] == ["logits", "probs"]
        for name in trace.names:
            assert saved[name].dtype == trace[name].dtype
            assert np.array_equal(saved[name], trace[name])


def test_units_named_on_the_command_line(model, trace) -> None:
    config = model.config
    assert parse_unit("conv2:3:4:5") == UnitRef("conv2", 3, 4, 5)
    assert parse_unit(" fc1:7 ") == UnitRef("fc1", 7)
    for bad in ("conv2", "conv2:1:2", "conv2:a:b:c", ":3", "conv2:1:2:3:4", "2conv:1"):
        with pytest.raises(ExplainerError, match="--unit: expected LAYER"):
            parse_unit(bad)
    assert check_unit(config, UnitRef("probs", 9)) == UnitRef("probs", 9)
    for bad, message in (
        (UnitRef("conv2", 16, 0, 0), "channels 0–15, rows 0–9 and cols 0–9"),
        (UnitRef("conv2", 0, 10, 0), "does not exist"),
        (UnitRef("fc1", 120), "units 0–119"),
        (UnitRef("fc1", 1, 2, 3), "one index"),
        (UnitRef("conv1", 1), "a channel, a row and a col"),
        (UnitRef("input", 0, 0, 0), "no layer 'input' with arithmetic"),
        (UnitRef("conv9", 0), "expected one of conv1, pool1"),
    ):
        with pytest.raises(ExplainerError, match=re.escape(message)):
            check_unit(config, bad)
    best = default_unit(config, trace)
    assert best.layer == "conv2"
    assert trace["conv2"][best.channel, best.row, best.col] == trace["conv2"].max()


def test_an_output_folder_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    afile = tmp_path / "a_file"
    afile.write_text("x")
    with pytest.raises(ExplainerError, match="it is a file"):
        check_out_dir(afile)
    with pytest.raises(ExplainerError, match="cannot export to"):
        check_out_dir(afile / "below")
    assert check_out_dir(tmp_path / "new" / "deep").is_dir()


# ---- scenes -----------------------------------------------------------------------------------
def full_scene() -> Scene:
    rng = np.random.default_rng(1)
    ink = rng.integers(0, 256, (280, 280)).astype(np.float32) / np.float32(255.0)
    return Scene(
        Drawing("ink", ink),
        Path("/somewhere/classic.pt"),
        UnitRef("conv2", 3, 4, 5),
        "pt_BR",
        TrueLabel(7, "chosen"),
        PanelSettings(("conv1_filters", "fc2"), True, True),
        ArithmeticSettings(True, "softmax", "2"),
        snapshot=3,
        knocked_out=Ablation.parse("conv2:3,fc1:17"),
    )


def test_a_scene_round_trip_keeps_everything(tmp_path: Path) -> None:
    scene = full_scene()
    path = write_scene(tmp_path / "lesson.json", scene)
    assert path.stat().st_size < 200_000
    back = read_scene(path)
    assert np.array_equal(back.drawing.pixels, scene.drawing.pixels)
    assert back.drawing.kind == "ink" and back.model == scene.model
    assert (back.selection, back.language, back.true_label) == (
        scene.selection,
        scene.language,
        scene.true_label,
    )
    assert back.panels == scene.panels and back.arithmetic == scene.arithmetic
    assert back.snapshot == 3 and back.knocked_out == Ablation.parse("conv2:3,fc1:17")
    # The model's own weights: no "snapshot" key, so older versions still open the file.
    plain = scene_to_dict(dataclasses.replace(scene, snapshot=None))
    assert "snapshot" not in plain and scene_from_dict(plain).snapshot is None
    plain = scene_to_dict(dataclasses.replace(scene, knocked_out=Ablation()))
    assert "knocked_out" not in plain and not scene_from_dict(plain).knocked_out
    picture = np.random.default_rng(2).random((30, 20)).astype(np.float32)  # not 8-bit data
    scene = Scene(Drawing("picture", picture, TrueLabel(2, "file name")))
    back = parse_scene(json.dumps(scene_to_dict(scene)).encode())
    assert np.abs(back.drawing.pixels - picture).max() < 1e-4  # a 16-bit PNG
    assert back.drawing.label == TrueLabel(2, "file name")
    sample = load_sample(4)  # 8-bit data: exactly
    back = parse_scene(json.dumps(scene_to_dict(Scene(Drawing("picture", sample)))).encode())
    assert np.array_equal(back.drawing.pixels, sample)


def hostile_variants() -> list[tuple[str, bytes]]:
    good = scene_to_dict(full_scene())

    def changed(**changes):
        data = json.loads(json.dumps(good))
        for key, value in changes.items():
            target = data
            *path, last = key.split("__")
            for part in path:
                target = target[part]
            target[last] = value
        return json.dumps(data).encode()

    return [
        ("not JSON", b"{not json"),
        ("not UTF-8", b"\xff\xfe{}"),
        ("a list", b"[]"),
        ("too large", b" " * (MAX_SCENE_BYTES + 1)),
        ("deep", b"[" * 50_000 + b"]" * 50_000),
        ("NaN", changed(panels__autoscale=float("nan")).replace(b"NaN", b"NaN")),
        ("another format", changed(format="cnn-explainer-playground")),
        ("newer", changed(version=2)),
        ("version text", changed(version="1")),
        ("unknown key", changed(extra=1)),
        ("unknown nested key", changed(panels__colour="red")),
        ("bool as int", changed(selection__channel=True)),
        ("negative", changed(selection__row=-1)),
        ("huge", changed(selection__channel=10**30)),
        ("row without col", changed(selection__col=None)),
        ("layer path", changed(selection__layer="../../etc")),
        ("language", changed(language="pt_BR; rm -rf /")),
        ("label source", changed(true_label__source="guess")),
        ("label index", changed(true_label__index=-3)),
        ("label classes text", changed(true_label__classes="0123456789")),
        ("label classes numbers", changed(true_label__classes=[0, 1, 2])),
        ("label classes empty", changed(true_label__classes=[])),
        ("label classes too many", changed(true_label__classes=["a"] * 1001)),
        ("label class name too long", changed(true_label__classes=["x" * 65])),
        ("kind", changed(drawing__kind="video")),
        ("not base64", changed(drawing__png="%%%")),
        ("not a PNG", changed(drawing__png="R0lGODlhAQABAAAAACw=")),
        ("truncated PNG", changed(drawing__png=good["drawing"]["png"][:60])),
        ("mnist form size", changed(drawing__mnist_form=True)),
        ("hidden", changed(panels__hidden="conv1")),
        ("tab", changed(arithmetic__tab="weights")),
        ("log base", changed(arithmetic__log_base="3")),
        ("model path", changed(model__path="")),
        ("model name", changed(model__name="other.pt")),
        ("nul in path", changed(model__path="a\u0000b.pt")),
        ("snapshot text", changed(snapshot="3")),
        ("snapshot negative", changed(snapshot=-1)),
        ("snapshot huge", changed(snapshot=10**12)),
        ("snapshot fraction", changed(snapshot=2.5)),
        ("knocked out list", changed(knocked_out=["conv2", 3])),
        ("knocked out empty", changed(knocked_out="")),
        ("knocked out text", changed(knocked_out="conv2:three")),
        ("knocked out negative", changed(knocked_out="conv2:-1")),
        ("knocked out huge", changed(knocked_out="conv2:1," * 5000)),
    ]


@pytest.mark.parametrize("what,data", hostile_variants(), ids=[v[0] for v in hostile_variants()])
def test_a_hostile_scene_is_refused_with_one_sentence(what: str, data: bytes) -> None:
    with pytest.raises(SceneError) as raised:
        parse_scene(data, "lesson.json")
    message = str(raised.value)
    assert "\n" not in message and len(message) < 300
    assert message.startswith("lesson.json")


def test_a_big_drawing_in_a_small_file_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (5000, 5000)).save(buffer, format="PNG")  # ~25 MB of pixels, ~25 kB of file
    import base64

    data = scene_to_dict(Scene())
    data["drawing"] = {"kind": "picture", "png": base64.b64encode(buffer.getvalue()).decode()}
    with pytest.raises(SceneError, match="5000×5000 pixels; expected at most 2048×2048"):
        scene_from_dict(data, "big.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "version",
                    "drawing",
                    "model",
                    "selection",
                    "language",
                    "true_label",
                    "panels",
                    "arithmetic",
                    "snapshot",
                    "knocked_out",
                    "kind",
                    "png",
                    "path",
                    "layer",
                    "channel",
                    "row",
                    "col",
                    "hidden",
                    "tab",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),  # fmt: skip
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values)
def test_any_json_is_a_scene_or_a_scene_error(value) -> None:
    for data in (value, {"format": "cnn-explainer-scene", "version": 1, **(value or {})}
                 if isinstance(value, dict) else value):  # fmt: skip
        try:
            scene = scene_from_dict(data, "x.json")
        except SceneError:
            continue
        assert isinstance(scene, Scene)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=200))
def test_any_bytes_are_a_scene_or_a_scene_error(data: bytes) -> None:
    try:
        parse_scene(data)
    except SceneError:
        pass
