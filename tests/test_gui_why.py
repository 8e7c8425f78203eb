"""The Why panel in the window (offscreen): its maps are captum's for the drawn digit and follow
the pen; occlusion arrives after the stroke and equals the core's; a filter click shows the
core's top-9 patches; nothing stale after a model switch; closed, it costs nothing; Portuguese."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from gui_support import draw, open_window
from PySide6.QtGui import QKeySequence

from explainer import paths
from explainer.cli import UsageError
from explainer.core import attribution as A
from explainer.core.checkpoint import load_model
from explainer.core.featurevis import visualise
from explainer.core.patches import heldout_dataset, top_patches
from explainer.core.units import UnitRef
from explainer.gui.colormaps import lookup_table
from explainer.gui.why.maps import INK_SHADE, colormap_name, map_levels, overlay_pixels
from explainer.gui.why.panel import OCCLUSION_LEVEL_FLOOR

MODELS = paths.models_dir()
THREE = [(0.3, 0.2), (0.7, 0.25), (0.45, 0.5), (0.72, 0.7), (0.3, 0.82)]
SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.55, 0.5), (0.45, 0.8)]


def why_window(qtbot, checkpoint=MODELS / "default.pt"):
    window = open_window(qtbot, checkpoint)
    window.why_dock.open()
    qtbot.waitUntil(lambda: window.state.why.is_open, timeout=5_000)
    return window, window.why_dock.panel


def settle(qtbot, panel, timeout=30_000) -> None:
    qtbot.waitUntil(lambda: not panel.busy(), timeout=timeout)


def captum(model, x: np.ndarray, k: int, method: str) -> np.ndarray:
    from captum.attr import InputXGradient, LayerAttribution, LayerGradCam, Saliency

    tensor = torch.as_tensor(np.array(x))[None]
    if method == "saliency":
        return Saliency(model).attribute(tensor.requires_grad_(), target=k)[0, 0].detach().numpy()
    if method == "gradxinput":
        return (
            InputXGradient(model)
            .attribute(tensor.requires_grad_(), target=k)[0, 0]
            .detach()
            .numpy()
        )
    layer = method.split(":")[1]
    tapped = A.TappedLeNet(model)
    cam = LayerGradCam(tapped, tapped.taps[layer]).attribute(
        tensor, target=k, relu_attributions=True
    )
    size = model.config.input_size
    up = LayerAttribution.interpolate(cam, (size, size), interpolate_mode="bilinear")
    return up[0, 0].detach().numpy()


def assert_close(mine: np.ndarray, oracle: np.ndarray) -> None:
    scale = float(np.abs(oracle).max())
    np.testing.assert_allclose(mine, oracle, rtol=1e-5, atol=1e-5 * max(scale, 1e-12))


def guesses(window) -> tuple[int, int]:
    order = np.argsort(-window.state.trace["probs"], kind="stable")
    return int(order[0]), int(order[1])


def test_the_dock_its_menu_entry_and_a_free_shortcut(qtbot) -> None:
    window = open_window(qtbot, MODELS / "default.pt")
    dock = window.why_dock
    assert dock.objectName() == "why_panel" and dock.isHidden() and not window.state.why.is_open
    action = dock.toggle_action
    assert action in window.view_menu.actions() and action.text() == "&Why this guess?"
    shortcut = QKeySequence("Ctrl+Shift+W")
    assert action.shortcut() == shortcut
    others = [
        a
        for a in window.findChildren(type(action))
        if a is not action and shortcut in a.shortcuts()
    ]
    assert others == []
    action.trigger()
    qtbot.waitUntil(lambda: window.state.why.is_open, timeout=5_000)
    assert dock.isVisible()


def test_the_maps_are_captums_for_the_drawing_and_follow_the_pen(qtbot) -> None:
    window, panel = why_window(qtbot)
    model = window.state.model
    for stroke in (THREE, SEVEN):
        window.canvas.clear()
        draw(window, stroke)
        window.flush_input()
        x = window.state.preprocessed.network_input
        first, second = guesses(window)
        for method in ("saliency", "gradxinput", "gradcam:conv2", "gradcam:conv1"):
            panel.set_method(method)
            shown = panel.shown_values()
            assert len(shown) == 2
            assert_close(shown[0], captum(model, x, first, method))
            assert_close(shown[1], captum(model, x, second, method))
        titles = panel.maps_view.titles
        assert f"Why {first}" in titles[0] and f"why not {second}" in titles[1]
    # The pixels are the legend's colours of those values, darkened by the drawing's ink.
    view = panel.maps_view
    levels, signed = view.levels, view.signed
    assert signed is False and levels[0] == 0 and levels[1] >= float(np.max(shown))
    ink = panel._ink(x)
    expected = overlay_pixels(shown[0], levels, signed, ink)
    np.testing.assert_array_equal(view.images[0].pixels, expected)
    blank = np.unravel_index(np.argmin(ink + shown[0]), ink.shape)  # paper, no attribution
    table = lookup_table(colormap_name(False))
    word = int(view.images[0].pixels[blank])
    assert ((word >> 16) & 255, (word >> 8) & 255, word & 255) == tuple(table[0][:3])
    assert 0 < INK_SHADE < 1


def test_map_levels_are_the_pairs_rounded_peak_and_at_least_the_floor() -> None:
    tiny = [np.array([[5e-7, -2e-7]]), np.array([[1e-7, 0.0]])]
    assert map_levels(tiny, True) == (-5e-7, 5e-7)  # gradients: their own scale
    assert map_levels(tiny, True, 0.01) == (-0.01, 0.01)  # Δp: a percentage point at least
    big = [np.array([[0.31, -0.05]]), np.array([[0.0, 0.2]])]
    assert map_levels(big, True, 0.01) == (-0.4, 0.4)  # the peak when it is above the floor
    assert map_levels([np.zeros((2, 2))] * 2, True, 0.01) == (-1.0, 1.0)


def test_contrast_mode_explains_logit_a_minus_logit_b(qtbot) -> None:
    window, panel = why_window(qtbot)
    draw(window, THREE)
    window.flush_input()
    x = window.state.preprocessed.network_input
    first, _ = guesses(window)
    other = 8 if first != 8 else 5
    panel.contrast_box.setChecked(True)
    panel.class_b.setCurrentIndex(panel.class_b.findData(other))
    panel.set_method("gradxinput")
    shown = panel.shown_values()
    assert_close(shown[0], A.gradient_x_input(window.state.model, x, (first, other)).map)
    assert_close(shown[1], A.gradient_x_input(window.state.model, x, (other, first)).map)
    assert panel.maps_view.signed and panel.maps_view.levels[0] == -panel.maps_view.levels[1]
    panel.class_b.setCurrentIndex(panel.class_b.findData(A.FIRST))  # a − a: refused, said
    assert "two different classes" in panel.status.text()


def test_occlusion_arrives_after_the_stroke_and_equals_the_core(qtbot) -> None:
    window, panel = why_window(qtbot)
    panel.set_method("occlusion")
    started = panel.occlusion_jobs.started
    draw(window, THREE, release=False)
    window.flush_input()
    assert panel.occlusion_jobs.started == started  # not while the pen is down
    draw(window, SEVEN)  # pen up: strokeFinished
    with qtbot.waitSignal(window.state.why.occlusion_changed, timeout=30_000):
        window.flush_input()
    settle(qtbot, panel)
    x = window.state.preprocessed.network_input
    first, second = guesses(window)
    result = window.state.why.occlusion
    assert result.generation == window.state.why.maps.generation
    shown = panel.shown_values()
    model = window.state.model
    np.testing.assert_allclose(shown[0], A.occlusion(model, x, first).map, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(shown[1], A.occlusion(model, x, second).map, rtol=1e-5, atol=1e-7)
    assert panel.maps_view.signed
    # Changes of p under a percentage point are near white, not deep red at their own scale.
    peak = max(float(np.abs(m).max()) for m in shown)
    assert panel.maps_view.levels[1] >= max(peak, OCCLUSION_LEVEL_FLOOR)


def test_a_filter_click_shows_the_cores_top_patches_and_its_visualisation(qtbot) -> None:
    window, panel = why_window(qtbot)
    draw(window, THREE)
    window.flush_input()
    window.state.select(UnitRef("conv2", 3, 4, 5))
    view = panel.filter_view
    qtbot.waitUntil(
        lambda: view.patches is not None and view.visualisation is not None, timeout=60_000
    )
    model, checkpoint = window.state.model, window.state.checkpoint
    expected = top_patches(model, heldout_dataset(checkpoint), "conv2", 3)
    assert view.patch_values == [p.value for p in expected]
    for shown, patch in zip(view.patch_arrays, expected, strict=True):
        np.testing.assert_array_equal(shown, patch.patch)
    assert [label.text() for label in view.patch_labels] == [f"{p.value:.2f}" for p in expected]
    np.testing.assert_allclose(
        view.visualisation.visualisation.image, visualise(model, "conv2", 3).image, atol=1e-6
    )
    assert "not a data sample" in view.vis_caption.text()
    assert view.heading.text() == "What conv2 filter 3 looks for"
    assert view.patches_caption.text().startswith(
        "The 9 patches, of the 1,000 images of MNIST (held-out digits), where"
    )  # the dataset named in words, and no ") (" after it
    # Hovering over another filter's map shows that one after a short dwell.
    panel.hover(UnitRef("conv1", 4, 10, 10))
    qtbot.waitUntil(
        lambda: view.filter == ("conv1", 4) and view.patches is not None, timeout=30_000
    )
    assert view.patch_values == [
        p.value for p in top_patches(model, heldout_dataset(checkpoint), "conv1", 4)
    ]
    panel.hover(None)
    qtbot.waitUntil(lambda: view.filter == ("conv2", 3), timeout=5_000)
    settle(qtbot, panel)


def test_no_stale_result_after_a_model_switch(qtbot) -> None:
    window, panel = why_window(qtbot)
    draw(window, THREE)
    window.flush_input()
    view = panel.filter_view
    shown_keys = []
    window.state.why.patches_changed.connect(lambda r: shown_keys.append(r.weights_key))
    window.state.select(UnitRef("conv1", 2, 3, 3))  # its jobs start for the default model...
    default_key = window.state.why.weights_key()
    window.load_checkpoint(MODELS / "early.pt")  # ... and the model changes meanwhile
    qtbot.waitUntil(window.is_ready, timeout=30_000)
    early_key = window.state.why.weights_key()
    assert early_key != default_key
    qtbot.waitUntil(
        lambda: view.patches is not None and view.visualisation is not None, timeout=60_000
    )
    settle(qtbot, panel)
    assert view.patches.weights_key == early_key and view.visualisation.weights_key == early_key
    early, _ = load_model(MODELS / "early.pt", "cpu")
    expected = top_patches(early, heldout_dataset(window.state.checkpoint), "conv1", 2)
    assert view.patch_values == pytest.approx([p.value for p in expected], rel=1e-6)
    # Whatever arrived after the switch was the early model's.
    switch = shown_keys.index(early_key)
    assert set(shown_keys[switch:]) == {early_key}
    # An edited kernel weight: the same model object, other weights — cleared at once, redone.
    window.state.set_weight(("conv1", 2, 0, 1, 1), 2.0)
    assert view.filter == ("conv1", 2) and view.patches is None and view.visualisation is None
    qtbot.waitUntil(lambda: view.patches is not None, timeout=60_000)
    settle(qtbot, panel)
    edited_key = window.state.why.weights_key()
    assert view.patches.weights_key == edited_key != early_key
    assert view.visualisation.weights_key == edited_key


def test_closing_the_panel_stops_the_extra_work(qtbot) -> None:
    window, panel = why_window(qtbot)
    panel.set_method("occlusion")
    draw(window, THREE)
    window.flush_input()
    settle(qtbot, panel)
    why = window.state.why
    live_runs, runs = why.live_runs, window.state.runs
    jobs = [r.started for r in (panel.occlusion_jobs, panel.patch_jobs, panel.featurevis_jobs)]
    window.why_dock.toggle_action.trigger()  # close it
    qtbot.waitUntil(lambda: not why.is_open, timeout=5_000)
    maps_seen = []
    why.maps_changed.connect(maps_seen.append)
    draw(window, SEVEN)
    window.flush_input()
    window.state.select(UnitRef("conv2", 1, 2, 2))
    qtbot.wait(OCCLUSION_WAIT_MS)
    assert window.state.runs > runs and why.live_runs == live_runs and maps_seen == []
    assert why.maps is None
    assert [
        r.started for r in (panel.occlusion_jobs, panel.patch_jobs, panel.featurevis_jobs)
    ] == jobs
    window.why_dock.open()  # back: the maps of the drawing at once, and the filter's patches
    qtbot.waitUntil(lambda: why.is_open and panel.shown_values() is not None, timeout=5_000)
    assert why.live_runs == live_runs + 1
    qtbot.waitUntil(lambda: panel.filter_view.patches is not None, timeout=30_000)
    settle(qtbot, panel)


OCCLUSION_WAIT_MS = 400  # longer than the panel's settle time


def test_the_portuguese_panel_shows_no_english(qtbot) -> None:
    from test_gui_i18n import untranslated, visible_texts

    window, panel = why_window(qtbot)
    draw(window, THREE)
    window.flush_input()
    window.state.select(UnitRef("conv2", 3, 4, 5))
    qtbot.waitUntil(lambda: panel.filter_view.patches is not None, timeout=60_000)
    settle(qtbot, panel)

    def shown() -> list[tuple[str, str]]:
        return visible_texts(window.why_dock)

    english = untranslated(shown())  # the walk sees the panel's texts: English is caught
    assert len(english) > 10 and any("why_map_title_1" in where for where, _, _ in english)
    window.set_language("pt_BR")
    problems = []
    for method in ("saliency", "gradxinput", "gradcam:conv2", "gradcam:conv1", "occlusion"):
        panel.set_method(method)
        settle(qtbot, panel)
        problems += untranslated(shown())
    assert "não uma amostra" in panel.filter_view.vis_caption.text()  # an optimisation
    panel.contrast_box.setChecked(True)
    problems += untranslated(shown())
    panel.class_b.setCurrentIndex(panel.class_b.findData(A.FIRST))
    problems += untranslated(shown())
    window.state.select(None)
    problems += untranslated(shown())
    assert problems == [], "\n".join(f"{w}: {t!r} ({why})" for w, t, why in problems)
    assert window.why_dock.toggle_action.text() == "&Por que este palpite?"


def test_the_command_line_opens_the_panel_on_a_method_and_a_unit(qtbot) -> None:
    import argparse

    from explainer.cli import build_parser
    from explainer.core.errors import ExplainerError
    from explainer.gui.app import _start_view, run_app

    parser = build_parser()
    assert parser.parse_args(["--why"]).why == "saliency"
    assert parser.parse_args(["--why", "gradcam:conv1", "--unit", "conv1:2:3:4"]).unit == (
        "conv1:2:3:4"
    )
    with pytest.raises(UsageError, match="invalid choice: 'lime'"):  # one line, exit 2 (cli.main)
        parser.parse_args(["--why", "lime"])
    with pytest.raises(ExplainerError, match="--unit: expected"):  # before any window opens
        run_app(parser.parse_args(["--unit", "conv2-3", "--screenshot", "x.png"]))
    window = open_window(qtbot, MODELS / "default.pt")
    args = argparse.Namespace(start_unit=UnitRef("conv2", 3, 4, 5), why="gradcam")
    _start_view(window, args)
    qtbot.waitUntil(lambda: window.state.why.is_open, timeout=5_000)
    panel = window.why_dock.panel
    assert panel.method() == "gradcam:conv2" and window.state.selection == args.start_unit
    assert panel.filter_view.filter == ("conv2", 3)
    settle(qtbot, panel)
    with pytest.raises(ExplainerError, match="conv2"):
        _start_view(window, argparse.Namespace(start_unit=UnitRef("conv2", 99, 0, 0), why=None))


def test_a_class_score_click_shows_the_input_that_class_likes_most(qtbot) -> None:
    """Issue 12: feature visualisation of a class logit too (no patches: it reads everything)."""
    window, panel = why_window(qtbot)
    draw(window, THREE)
    window.flush_input()
    window.state.select(UnitRef("logits", 8))
    view = panel.filter_view
    qtbot.waitUntil(lambda: view.visualisation is not None, timeout=60_000)
    model = window.state.model
    expected = visualise(model, "logits", 8)
    np.testing.assert_allclose(view.visualisation.visualisation.image, expected.image, atol=1e-6)
    assert view.patches is None and view.heading.text() == "What the network takes for class 8"
    assert "class 8's logit" in view.vis_caption.text() and "not a data sample" in (
        view.vis_caption.text()
    )
    settle(qtbot, panel)


def test_the_dock_opens_tall_enough_after_a_short_dock_was_open(qtbot) -> None:
    from explainer.gui.why.panel import DOCK_HEIGHT

    window = open_window(qtbot, paths.models_dir() / "default.pt")
    window.resize(1280, 720)
    move = window.whatif.dock
    move.toggle_action.trigger()  # Move the digit: a short dock, the bottom area fits it
    qtbot.wait(50)
    move.toggle_action.trigger()
    window.why_dock.toggle_action.trigger()
    qtbot.wait(50)
    assert window.why_dock.height() >= DOCK_HEIGHT  # not the short dock's ~140 px


def test_no_empty_frames_before_a_filter_is_picked(qtbot) -> None:
    """A student's review: before any click the filter half showed blank squares and its hint
    180 px below, like a panel that failed to load. Patches only for a conv filter."""
    window, panel = why_window(qtbot)
    draw(window, THREE)
    window.flush_input()
    view = panel.filter_view
    assert not any(image.isVisibleTo(view) for image in view.patch_images)
    assert not view.vis_image.isVisibleTo(view)
    assert view.patches_caption.isVisibleTo(view) and view.patches_caption.text()
    window.state.select(UnitRef("conv2", 3, 4, 5))
    assert all(image.isVisibleTo(view) for image in view.patch_images)
    assert view.vis_image.isVisibleTo(view)
    window.state.select(UnitRef("logits", 3))  # a class: visualised, no patches
    assert not any(image.isVisibleTo(view) for image in view.patch_images)
    assert view.vis_image.isVisibleTo(view)
    settle(qtbot, panel, timeout=60_000)
