"""The linked layer panels: pixels, hover/receptive fields, clicks, other models, layout."""

import time
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pyqtgraph as pg
import pytest
import torch
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from explainer.core.config import CONV, FASHION_CLASSES, POOL, LayerSpec, ModelConfig
from explainer.core.levels import levels_from_traces, reference_digits, reference_levels
from explainer.core.model import build_model
from explainer.core.preprocess import fit_to_input_size
from explainer.core.trace import Trace
from explainer.core.units import UnitRef
from explainer.gui.colormaps import ACTIVATION_MAP, INPUT_MAP, WEIGHT_MAP, lookup_table
from explainer.gui.network import NetworkView

DEFAULT_LAYERS = [
    "input",
    "conv1",
    "conv1_filters",
    "pool1",
    "conv2",
    "conv2_filters",
    "pool2",
    "fc1",
    "fc2",
    "logits",
]


def digit_trace(model, index=10):
    digit = fit_to_input_size(reference_digits()[index : index + 1], model.config.input_size)[0]
    return model.forward_trace(model.config.normalize(digit))


def show_model(view, model):
    view.set_model(model, reference_levels(model))


def make_view(qtbot, model, size=(1200, 420)):
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(*size)
    show_model(view, model)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    return view


@pytest.fixture(scope="module")
def model():
    return build_model(ModelConfig(), "cpu", seed=0)


@pytest.fixture(scope="module")
def shared_view(qapp, model):
    # Built once for the module (building costs ~0.5 s on a busy 2-core machine); the `view`
    # fixture puts it back into a known state before each test.
    view = NetworkView()
    view.resize(1200, 420)
    show_model(view, model)
    view.show()
    QApplication.processEvents()
    yield view
    view.close()
    view.deleteLater()


@pytest.fixture
def view(shared_view, model):
    shared_view.set_autoscale(False)
    shared_view.set_selection(None)
    for name in shared_view.layer_names():
        shared_view.set_layer_visible(name, True)
    QApplication.sendEvent(shared_view._graphics.viewport(), QEvent(QEvent.Type.Leave))
    shared_view.set_trace(digit_trace(model))
    QApplication.processEvents()
    return shared_view


# The oracle of every pixel test: pyqtgraph's own ImageItem, given the same limits and an
# n-entry table straight from pg.colormap, renders the colour of each value under the rule the
# panels document (explainer.gui.colormaps): entry trunc((v - lo)·n/(hi - lo)), clipped to
# [0, n-1]. None of explainer.gui.colormaps' code takes part in it.
LUT_ENTRIES = {WEIGHT_MAP: 255, ACTIVATION_MAP: 256, INPUT_MAP: 256}


def qimage_words(image: QImage) -> np.ndarray:
    """(rows, cols) 0xAARRGGBB words of an image."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1)
    return rows[:, : image.width()].copy()


def pyqtgraph_colours(values, levels, cmap) -> np.ndarray:
    """The 0xAARRGGBB word pyqtgraph's ImageItem draws for each of `values` (flat)."""
    lut = pg.colormap.get(cmap).getLookupTable(
        nPts=LUT_ENTRIES[cmap], alpha=True, mode=pg.ColorMap.BYTE
    )
    item = pg.ImageItem(axisOrder="row-major")
    flat = np.asarray(values, np.float32).reshape(1, -1)
    item.setImage(flat, levels=levels, lut=lut, autoLevels=False)
    item.render()
    return qimage_words(item.qimage)[0]


def shown_words(panel) -> np.ndarray:
    """The words the panel's painted image shows for each value, in source order."""
    return qimage_words(panel.image.pixel_image).ravel()[panel.mosaic.destination]


def assert_pixels_follow_pyqtgraph(panel, values, levels, cmap):
    """Every value's pixel is pyqtgraph's colour of it. Within 1/1000 of a bin edge float32
    rounding may pick either neighbour, so there the colours just below and above count."""
    values = np.asarray(values, np.float32).ravel()
    shown = shown_words(panel)
    expected = pyqtgraph_colours(values, levels, cmap)
    lo, hi = levels
    n = LUT_ENTRIES[cmap]
    scaled = (values.astype(np.float64) - lo) * n / (hi - lo)
    at_edge = np.abs(scaled - np.round(scaled)) < 1e-3
    nudge = np.float32(2e-3 * (hi - lo) / n)
    below = pyqtgraph_colours(values - nudge, levels, cmap)
    above = pyqtgraph_colours(values + nudge, levels, cmap)
    ok = np.where(at_edge, (shown == below) | (shown == above), shown == expected)
    wrong = np.flatnonzero(~ok)
    assert wrong.size == 0, (
        panel.name,
        f"{wrong.size} of {values.size} pixels",
        [(int(i), float(values[i]), hex(shown[i]), hex(expected[i])) for i in wrong[:5]],
    )


def rendered_colour(panel, tile, row, col) -> tuple[int, int, int, int]:
    r0, c0, _, _ = panel.mosaic.unit_rect(tile, row, col)
    colour = panel.image.pixel_image.pixelColor(c0, r0)
    return colour.red(), colour.green(), colour.blue(), colour.alpha()


def word_colour(word) -> tuple[int, int, int, int]:
    word = int(word)
    return (word >> 16) & 0xFF, (word >> 8) & 0xFF, word & 0xFF, word >> 24


def viewport_point(view, scene_pos: QPointF) -> QPoint:
    return view._graphics.mapFromScene(scene_pos)


def test_layer_names_and_titles(view):
    assert view.layer_names() == DEFAULT_LAYERS
    assert "6@28×28" in view.panel("conv1").title.text
    assert "16×6@5×5" in view.panel("conv2_filters").title.text
    assert view.panel("conv2_filters").mosaic.source_shape == (96, 5, 5)


ACTIVATION_LAYERS = ["input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "logits"]


def test_activation_pixels_are_trace_values_through_the_colormap(view, model):
    for layer in ACTIVATION_LAYERS:
        check_activation_pixels(view, digit_trace(model), layer)


def check_activation_pixels(view, trace, layer):
    panel = view.panel(layer)
    cmap = INPUT_MAP if layer == "input" else ACTIVATION_MAP
    assert panel.colormap_name == cmap
    values = trace[layer].reshape(panel.mosaic.source_shape)
    levels = panel.fixed_levels
    assert panel.levels == levels
    assert_pixels_follow_pyqtgraph(panel, values, levels, cmap)
    # The gaps between tiles show the background, not a colour of the map.
    if panel.mosaic.n_tiles > 1 and panel.mosaic.gap:
        r0, c0, r1, c1 = panel.mosaic.tile_rect(0)
        gap_row, gap_col = (r0, c1) if c1 < panel.mosaic.width else (r1, c0)
        assert panel.mosaic.unit_at(gap_row, gap_col) is None
        assert panel.image.pixel_image.pixelColor(gap_col, gap_row) == QColor("white")


def test_fixed_levels_do_not_follow_the_frame_but_autoscale_does(view, model):
    panel = view.panel("conv2")
    fixed = panel.fixed_levels
    blank = model.forward_trace(np.zeros((32, 32), np.float32))
    view.set_trace(blank)
    assert panel.levels == fixed
    view.set_autoscale(True)
    values = blank["conv2"]
    lo, hi = panel.levels
    span = values.max() - values.min()
    assert lo <= values.min() < lo + 0.1 * span and hi - 0.1 * span < values.max() <= hi
    assert_pixels_follow_pyqtgraph(panel, values, (lo, hi), ACTIVATION_MAP)
    view.set_autoscale(False)
    assert panel.levels == fixed


def test_weights_are_diverging_and_centred_on_zero(qtbot):
    model = build_model(ModelConfig(), "cpu", seed=3)
    with torch.no_grad():
        model.conv1.weight[2, 0, 1, 3] = 0.0
        model.conv2.weight[5, 4, 0, 0] = 0.0
    view = make_view(qtbot, model)
    assert len(lookup_table(WEIGHT_MAP)) == LUT_ENTRIES[WEIGHT_MAP]  # odd: 0 has its own entry
    for name, weight, zero in [
        ("conv1_filters", model.conv1.weight, (2, 1, 3)),
        ("conv2_filters", model.conv2.weight, (5 * 6 + 4, 0, 0)),
    ]:
        panel = view.panel(name)
        weights = weight.detach().numpy().reshape(panel.mosaic.source_shape)
        lo, hi = panel.fixed_levels
        assert lo == -hi and hi >= np.abs(weights).max()
        centre = word_colour(pyqtgraph_colours([0.0], (lo, hi), WEIGHT_MAP)[0])
        assert rendered_colour(panel, *zero) == centre
        assert min(centre[:3]) > 200  # the centre of the diverging map is (near) white
        assert_pixels_follow_pyqtgraph(panel, weights, (lo, hi), WEIGHT_MAP)
        strongest = np.unravel_index(np.abs(weights).argmax(), weights.shape)
        # Sign shows as hue: negative weights are bluer than red, positive redder than blue.
        r, _, b, _ = rendered_colour(panel, *strongest)
        assert (r > b) == (weights[strongest] > 0)


def test_screen_pixels_match_the_colormap(view, model):
    """End to end: the grabbed widget shows the LUT colour at a unit's place on screen."""
    trace = digit_trace(model)
    image = view.grab().toImage()
    ratio = image.devicePixelRatio()
    offset = view._graphics.mapTo(view, QPoint(0, 0))
    for layer, unit in [("conv1", (1, 14, 14)), ("pool2", (3, 2, 2)), ("fc1", (17, 0, 0))]:
        panel = view.panel(layer)
        value = trace[layer].reshape(panel.mosaic.source_shape)[unit]
        point = viewport_point(view, view.scene_pos_of(layer, *unit)) + offset
        screen = image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))
        expected = QColor(
            *word_colour(pyqtgraph_colours([value], panel.fixed_levels, ACTIVATION_MAP)[0])
        )
        assert (
            max(
                abs(screen.red() - expected.red()),
                abs(screen.green() - expected.green()),
                abs(screen.blue() - expected.blue()),
            )
            <= 6
        ), (layer, screen, expected)


def test_hover_a_conv1_unit_outlines_its_5x5_field(view, qtbot):
    target = viewport_point(view, view.scene_pos_of("conv1", 2, 7, 11))
    # Two quick moves: pyqtgraph drops the second (under 10 ms after the first), which left the
    # unit of the first one outlined, and its value shown, under a pointer that rests on this one.
    QTest.mouseMove(view._graphics.viewport(), target + QPoint(0, 40))
    with qtbot.waitSignal(view.unitHovered, timeout=1000) as signal:
        QTest.mouseMove(view._graphics.viewport(), target)
    assert signal.args == [UnitRef("conv1", 2, 7, 11)]
    outlines = view.visible_outlines()
    assert outlines["input"] == [(7, 11, 12, 16)]
    assert outlines["conv1"] == [view.panel("conv1").mosaic.unit_rect(2, 7, 11)]
    assert outlines["conv1_filters"] == [view.panel("conv1_filters").mosaic.tile_rect(2)]
    assert view.hover_text().startswith("conv1[2, 7, 11] = ")
    assert float(view.hover_text().split("= ")[1]) == pytest.approx(
        view.panel("conv1").values[2, 7, 11], abs=1e-3
    )


def test_hover_conv2_and_pool_and_fc_units(view, qtbot):
    with qtbot.waitSignal(view.unitHovered, timeout=1000) as signal:
        view.hover_at(view.scene_pos_of("conv2", 3, 4, 7))
    assert signal.args == [UnitRef("conv2", 3, 4, 7)]
    outlines = view.visible_outlines()
    ((r0, c0, r1, c1),) = outlines["input"]
    assert (r1 - r0, c1 - c0) == (14, 14)
    pool1 = view.panel("pool1").mosaic
    assert outlines["pool1"] == [pool1.box_rect(c, (4, 7, 9, 12)) for c in range(6)]

    view.hover_at(view.scene_pos_of("pool2", 5, 1, 2))
    outlines = view.visible_outlines()
    assert outlines["conv2"] == [view.panel("conv2").mosaic.box_rect(5, (2, 4, 4, 6))]
    ((r0, c0, r1, c1),) = outlines["input"]
    assert (r1 - r0, c1 - c0) == (16, 16)

    with qtbot.waitSignal(view.unitHovered, timeout=1000) as signal:
        view.hover_at(view.scene_pos_of("fc1", 40))
    assert signal.args == [UnitRef("fc1", 40)]
    pool2 = view.panel("pool2").mosaic
    assert view.visible_outlines()["pool2"] == [(0, 0, pool2.height, pool2.width)]
    assert view.visible_outlines()["input"] == [(0, 0, 32, 32)]

    view.hover_at(view.scene_pos_of("logits", 7))
    assert view.visible_outlines()["fc2"] == [(0, 0, 100, 1)]
    assert "(7)" in view.hover_text() and "%" in view.hover_text()


def test_hover_a_filter_outlines_the_map_it_makes(view, qtbot):
    view.hover_at(view.scene_pos_of("conv1", 0, 0, 0))
    filters = view.panel("conv2_filters")
    tile = 3 * 6 + 1  # output map 3, input channel 1
    with qtbot.waitSignal(view.unitHovered, timeout=1000) as signal:
        view.hover_at(view.scene_pos_of("conv2_filters", tile, 2, 4))
    assert signal.args == [None]  # weights are not units
    outlines = view.visible_outlines()
    assert outlines["conv2"] == [view.panel("conv2").mosaic.tile_rect(3)]
    assert outlines["pool1"] == [view.panel("pool1").mosaic.tile_rect(1)]
    assert outlines["conv2_filters"] == [filters.mosaic.unit_rect(tile, 2, 4)]
    weight = view._weights["conv2_filters"][3, 1, 2, 4]
    assert view.hover_text() == f"conv2 weight [3, 1, 2, 4] = {weight:.3f}"

    view.hover_at(view.scene_pos_of("conv1_filters", 4, 0, 0))
    assert view.visible_outlines()["conv1"] == [view.panel("conv1").mosaic.tile_rect(4)]


def test_leaving_emits_none_and_clears_outlines(view, qtbot):
    view.hover_at(view.scene_pos_of("pool1", 1, 3, 3))
    assert view.visible_outlines()
    with qtbot.waitSignal(view.unitHovered, timeout=1000) as signal:
        QApplication.sendEvent(view._graphics.viewport(), QEvent(QEvent.Type.Leave))
    assert signal.args == [None]
    assert view.visible_outlines() == {}
    # A gap between tiles is not a unit either.
    view.hover_at(view.scene_pos_of("conv1", 0, 5, 5))
    r0, _, r1, c1 = view.panel("conv1").mosaic.tile_rect(0)
    gap = view.panel("conv1").image.mapToScene(QPointF(c1 + 0.5, r0 + 3.5))
    with qtbot.waitSignal(view.unitHovered, timeout=1000) as signal:
        view.hover_at(gap)
    assert signal.args == [None]


def test_click_emits_the_unit_and_selection_outlines_it(view, qtbot):
    point = viewport_point(view, view.scene_pos_of("pool2", 9, 3, 1))
    with qtbot.waitSignal(view.unitClicked, timeout=1000) as signal:
        QTest.mouseClick(view._graphics.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [UnitRef("pool2", 9, 3, 1)]
    view.set_selection(UnitRef("pool2", 9, 3, 1))
    selection = view.panel("pool2").selection
    assert selection.visible and selection.rect() == view.panel("pool2").mosaic.unit_rect(9, 3, 1)
    view.set_selection(UnitRef("fc2", 12))
    assert not selection.visible
    assert view.panel("fc2").selection.rect() == (12, 0, 13, 1)
    view.set_selection(None)
    assert not view.panel("fc2").selection.visible


def assert_no_overlaps(view):
    QApplication.processEvents()
    rects = [
        (name, view.panel_scene_rect(name))
        for name in view.layer_names()
        if view.panel(name).visible
    ]
    for i, (name_a, a) in enumerate(rects):
        assert a.width() > 10 and a.height() > 10, name_a
        for name_b, b in rects[i + 1 :]:
            overlap = a.intersected(b)
            assert overlap.width() < 0.5 or overlap.height() < 0.5, (name_a, name_b, a, b)
    # Left to right in network order.
    lefts = [r.left() for _, r in rects]
    assert lefts == sorted(lefts)
    assert max(r.right() for _, r in rects) <= view._graphics.width() + 1


def test_other_configs_rebuild_with_the_right_shapes(qtbot, model):
    view = make_view(qtbot, model)
    assert_no_overlaps(view)
    config = ModelConfig(
        conv_channels=(4, 12),
        fc_sizes=(120, 84),
        input_size=28,
        padding=2,
        class_names=FASHION_CLASSES,
        norm_mean=0.2860,
        norm_std=0.3530,
    )
    fashion = build_model(config, "cpu", seed=2)
    show_model(view, fashion)
    assert view.layer_names() == DEFAULT_LAYERS
    shapes = {name: view.panel(name).mosaic.source_shape for name in view.layer_names()}
    assert shapes["input"] == (1, 28, 28)
    assert shapes["conv1"] == (4, 28, 28) and shapes["pool1"] == (4, 14, 14)
    assert shapes["conv2"] == (12, 10, 10) and shapes["pool2"] == (12, 5, 5)
    assert shapes["conv1_filters"] == (4, 5, 5) and shapes["conv2_filters"] == (48, 5, 5)
    assert shapes["fc1"] == (120, 1, 1) and shapes["fc2"] == (84, 1, 1)
    assert shapes["logits"] == (10, 1, 1)
    trace = digit_trace(fashion)
    view.set_trace(trace)
    assert_no_overlaps(view)
    for layer in ACTIVATION_LAYERS:
        check_activation_pixels(view, trace, layer)
    # Padding 2: a corner conv1 unit sees a clipped 3×3 corner of the input.
    view.hover_at(view.scene_pos_of("conv1", 0, 0, 0))
    assert view.visible_outlines()["input"] == [(0, 0, 3, 3)]
    view.hover_at(view.scene_pos_of("logits", 9))
    assert "(Ankle boot)" in view.hover_text()
    assert "\nAnkle boot" not in view.hover_text()

    three_fc = build_model(ModelConfig(fc_sizes=(64, 32, 16), activation="tanh"), "cpu", seed=4)
    show_model(view, three_fc)
    assert view.layer_names()[-4:] == ["fc1", "fc2", "fc3", "logits"]
    assert view.panel("fc3").fixed_levels == (-1.0, 1.0)
    view.set_trace(digit_trace(three_fc))
    assert_no_overlaps(view)


def test_hidden_layers_reflow_without_overlaps(view):
    before = view.panel_scene_rect("pool2").left()
    view.set_layer_visible("conv2_filters", False)
    view.set_layer_visible("conv1_filters", False)
    assert not view.panel("conv2_filters").visible
    assert view.panel("conv2_filters").layout.scene() is None
    assert_no_overlaps(view)
    assert view.panel_scene_rect("pool2").left() < before - 20
    # Hidden panels are not hit by the mouse either.
    view.set_layer_visible("conv2_filters", True)
    assert view.panel("conv2_filters").layout.scene() is not None
    assert_no_overlaps(view)
    view.set_layer_visible("conv1_filters", True)
    assert view.layer_names() == DEFAULT_LAYERS


@pytest.mark.parametrize("autoscale", [False, True])
def test_the_whole_trace_in_one_colour_pass_paints_what_each_panel_alone_does(
    view, model, autoscale
):
    """NetworkView.set_trace colours every panel in one pass (rendering.ColourPass): each
    pixel must be the one show_values, panel by panel, paints — for NaN, ±inf, values beyond
    the limits and exactly on them too."""
    from explainer.gui.network import rendering

    rng = np.random.default_rng(7)
    view.set_autoscale(autoscale)
    for _ in range(3):
        trace = digit_trace(model)
        for layer in ACTIVATION_LAYERS:
            values = trace[layer].ravel()
            lo, hi = view.panel(layer).fixed_levels
            picks = rng.choice(values.size, size=min(6, values.size), replace=False)
            values[picks] = [np.nan, np.inf, -np.inf, lo, hi, hi + 7.0][: picks.size]
            values *= np.float32(rng.uniform(0.5, 2.0))
        view.set_trace(trace)
        for layer in ACTIVATION_LAYERS:
            panel = view.panel(layer)
            batched = panel.image.pixels.copy()
            rendering.show_values(panel, trace[layer], panel.levels)
            np.testing.assert_array_equal(batched, panel.image.pixels, err_msg=layer)
    view.set_autoscale(False)


def test_a_trace_of_another_architecture_is_not_drawn(view):
    other = build_model(ModelConfig(conv_channels=(4, 12)), "cpu", seed=1)
    view.set_trace(digit_trace(other))  # e.g. computed just before a model switch
    assert not view.panel("conv1").image.isVisible()
    assert view.panel("input").image.isVisible()  # same 32×32 input: still fits


def test_blank_trace_hides_activations_but_not_filters(view):
    view.set_trace(None)
    assert not view.panel("conv1").image.isVisible()
    assert view.panel("conv1_filters").image.isVisible()
    view.hover_at(view.scene_pos_of("conv1", 0, 1, 1))
    assert view.hover_text() == "conv1[0, 1, 1] = —"


def test_set_trace_is_fast(view, model):
    """Guard against regressions: the measured figure (offscreen, 2 shared cores) is ~3 ms."""
    shapes = model.config.layer_shapes()
    rng = np.random.default_rng(0)
    traces = [
        Trace(model.config, {k: rng.random(s, dtype=np.float32) for k, s in shapes.items()})
        for _ in range(10)
    ]
    times = []
    for i in range(60):
        start = time.perf_counter()
        view.set_trace(traces[i % 10])
        view._graphics.viewport().repaint()
        times.append(time.perf_counter() - start)
    assert np.median(times) < 0.025


@pytest.mark.parametrize("size", [(800, 650), (1200, 420), (400, 700), (1600, 300)])
def test_grid_follows_the_widget_shape_and_nothing_overlaps(view, model, size):
    view.resize(*size)
    QApplication.processEvents()
    assert_no_overlaps(view)
    # Whatever grid was chosen, the picture and the mouse still agree with the trace.
    trace = digit_trace(model)
    check_activation_pixels(view, trace, "conv1")
    check_activation_pixels(view, trace, "pool2")
    view.hover_at(view.scene_pos_of("pool1", 4, 6, 9))
    assert view.visible_outlines()["conv1"] == [
        view.panel("conv1").mosaic.box_rect(4, (12, 18, 14, 20))
    ]
    view.resize(1200, 420)
    QApplication.processEvents()


def test_tall_widgets_get_taller_grids(qtbot, model):
    tall = make_view(qtbot, model, size=(800, 900))
    wide = make_view(qtbot, model, size=(1600, 300))
    tall_grid = tall.panel("conv1").mosaic
    wide_grid = wide.panel("conv1").mosaic
    assert tall_grid.height / tall_grid.width > wide_grid.height / wide_grid.width
    assert wide.panel("conv1").mosaic.grid_cols == wide.panel("pool1").mosaic.grid_cols


@pytest.mark.parametrize(
    "config",
    [
        ModelConfig(in_channels=3, conv_channels=(8, 4), fc_sizes=(32,)),
        ModelConfig(input_size=28, pool="avg", activation="sigmoid", fc_sizes=(50, 40, 30)),
    ],
)
def test_unusual_configs_draw_and_link(qtbot, config):
    model = build_model(config, "cpu", seed=5)
    view = make_view(qtbot, model, size=(1000, 600))
    rng = np.random.default_rng(0)
    image = rng.random((config.in_channels, config.input_size, config.input_size))
    trace = model.forward_trace(image.astype(np.float32))
    view.set_trace(trace)
    assert_no_overlaps(view)
    for layer in ["input", "conv1", "pool2", config.fc_layer_names[-1], "logits"]:
        check_activation_pixels(view, trace, layer)
    last = config.conv2_size - 1
    view.hover_at(view.scene_pos_of("conv2", 3, last, last))
    outlines = view.visible_outlines()
    k = config.kernel_size
    assert len(outlines["input"]) == config.in_channels
    r0, c0, r1, c1 = outlines["input"][0]
    assert (r1 - r0, c1 - c0) == (2 * k + 4, 2 * k + 4)  # 5×5 of 2×2 pools of 5×5
    assert len(outlines["pool1"]) == config.conv_channels[0]
    # Same architecture again (another checkpoint of it): panels are kept, weights redrawn.
    panel_before = view.panel("conv1")
    other = build_model(config, "cpu", seed=6)
    show_model(view, other)
    assert view.panel("conv1") is panel_before
    weights = (
        other.conv2.weight.detach().numpy().reshape(view.panel("conv2_filters").mosaic.source_shape)
    )
    panel = view.panel("conv2_filters")
    assert_pixels_follow_pyqtgraph(panel, weights, panel.fixed_levels, WEIGHT_MAP)
    assert not view.panel("conv1").image.isVisible()  # no trace for the new model yet


class DeeperConfig(ModelConfig):
    """The default network with a third conv + pool stage (conv3 reads pool2, fc1 pool3)."""

    def layers(self):
        base = {spec.name: spec for spec in super().layers()}
        conv3 = LayerSpec("conv3", CONV, "pool2", (8, 4, 4), 2, 1, 0, (2 * 2 * 16 + 1) * 8)
        conv3 = replace(conv3, weights=(8, 16, 2, 2))
        pool3 = LayerSpec("pool3", POOL, "conv3", (8, 2, 2), 2, 2)
        fc1 = replace(base["fc1"], source="pool3", weights=(120, 32), params=33 * 120)
        names = ["input", "conv1", "pool1", "conv2", "pool2"]
        return (*[base[n] for n in names], conv3, pool3, fc1, base["fc2"], base["logits"])


def test_a_deeper_layer_table_gives_more_panels_and_links(qtbot):
    """Panels, tiling and links follow ModelConfig.layers(), not hand-named layers."""
    config = DeeperConfig()
    rng = np.random.default_rng(7)
    weights = {
        spec.name: SimpleNamespace(
            weight=torch.from_numpy(rng.normal(size=spec.weights).astype(np.float32))
        )
        for spec in config.layers()
        if spec.has_weights  # conv filters drawn; FC weights for the connections
    }
    model = SimpleNamespace(config=config, **weights)  # all the view reads of a model
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(1400, 500)
    view.set_model(model, levels_from_traces(config, []))
    view.show()
    qtbot.waitExposed(view)
    assert view.layer_names() == [
        *DEFAULT_LAYERS[:7],
        "conv3",
        "conv3_filters",
        "pool3",
        *DEFAULT_LAYERS[7:],
    ]
    assert "8@4×4" in view.panel("conv3").title.text
    assert "8×16@2×2" in view.panel("conv3_filters").title.text
    assert view.panel("pool3").mosaic.grid_cols == view.panel("conv3").mosaic.grid_cols
    shapes = config.layer_shapes()
    trace = Trace(config, {k: rng.random(s, dtype=np.float32) for k, s in shapes.items()})
    view.set_trace(trace)
    assert_no_overlaps(view)
    for layer in ["conv3", "pool3", "fc1"]:
        check_activation_pixels(view, trace, layer)
    filters = view.panel("conv3_filters")
    assert_pixels_follow_pyqtgraph(
        filters, weights["conv3"].weight.numpy(), filters.fixed_levels, WEIGHT_MAP
    )

    view.hover_at(view.scene_pos_of("pool3", 2, 1, 1))
    outlines = view.visible_outlines()
    assert outlines["conv3"] == [view.panel("conv3").mosaic.box_rect(2, (2, 2, 4, 4))]
    assert len(outlines["input"]) == 1
    view.hover_at(view.scene_pos_of("conv3", 3, 0, 0))
    outlines = view.visible_outlines()
    pool2 = view.panel("pool2").mosaic
    assert outlines["pool2"] == [pool2.box_rect(c, (0, 0, 2, 2)) for c in range(16)]
    first, last = filters.mosaic.tile_rect(3 * 16), filters.mosaic.tile_rect(3 * 16 + 15)
    assert outlines["conv3_filters"] == [(first[0], first[1], last[2], last[3])]
    view.hover_at(view.scene_pos_of("conv3_filters", 3 * 16 + 5, 1, 0))
    outlines = view.visible_outlines()
    assert outlines["conv3"] == [view.panel("conv3").mosaic.tile_rect(3)]
    assert outlines["pool2"] == [pool2.tile_rect(5)]
    value = weights["conv3"].weight[3, 5, 1, 0].item()
    assert view.hover_text() == f"conv3 weight [3, 5, 1, 0] = {value:.3f}"
    view.hover_at(view.scene_pos_of("fc1", 0))
    pool3 = view.panel("pool3").mosaic
    assert view.visible_outlines()["pool3"] == [(0, 0, pool3.height, pool3.width)]


def test_colour_bars_show_the_panels_colour_map_over_their_limits(view):
    """Each panel's bar is its colour map, lowest value on the left, over an axis whose range
    is the panel's limits (the lightweight ColourBar that replaced pyqtgraph's ColorBarItem)."""
    from PySide6.QtGui import QImage, QPainter

    from explainer.gui.colormaps import colormap

    for name in ("conv1", "conv1_filters", "logits"):
        panel = view.panel(name)
        bar = panel.colorbar
        assert bar.levels() == panel.colorbar_levels
        assert bar.getAxis("bottom").range == list(panel.colorbar_levels)
        strip = bar.strip
        size = strip.size().toSize()
        assert size.width() > 20 and size.height() == 8
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        strip.paint(painter, None, None)
        painter.end()
        table = colormap(panel.colormap_name).getLookupTable(nPts=256, alpha=True)
        for fraction in (0.1, 0.5, 0.9):  # inside the frame lines
            x = int(fraction * size.width())
            colour = image.pixelColor(x, size.height() // 2)
            index = int((x + 0.5) / size.width() * 256)  # the entry under the pixel's centre
            near = {tuple(int(v) for v in table[i][:3]) for i in (index - 1, index, index + 1)}
            assert (colour.red(), colour.green(), colour.blue()) in near, (name, fraction)
