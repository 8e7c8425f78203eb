"""The arithmetic dock (offscreen): every number it shows is the number the network computed.

Values are read back from the widgets (the summary table's items, the map the stepper filled,
the softmax table), never recomputed here, and compared with the window's own Trace.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from gui_support import draw, open_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from explainer.core.checkpoint import save_checkpoint
from explainer.core.config import ModelConfig
from explainer.core.model import build_model
from explainer.core.units import UnitRef
from explainer.gui import MainWindow
from explainer.gui.arithmetic import ArithmeticView

SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.55, 0.5), (0.45, 0.8)]


@pytest.fixture(scope="module")
def checkpoint_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ckpt") / "seeded.pt"
    save_checkpoint(path, build_model(ModelConfig(), "cpu", seed=5), {"name": "seeded"})
    return path


@pytest.fixture
def window(qtbot, checkpoint_path: Path) -> MainWindow:
    return open_window(qtbot, checkpoint_path)


def draw_seven(window: MainWindow) -> None:
    draw(window, SEVEN)
    window.flush_input()
    assert window.state.trace is not None


def open_view(window: MainWindow) -> ArithmeticView:
    dock = window.arithmetic_dock
    window.findChild(type(dock.toggle_action), "show_arithmetic").trigger()
    assert dock.isVisible()
    return dock.view


def test_dock_is_hidden_until_a_unit_is_clicked_and_toggles_from_the_view_menu(
    window: MainWindow,
) -> None:
    dock = window.arithmetic_dock
    assert not dock.isVisible()
    assert dock.toggle_action in window.view_menu.actions()
    assert dock.toggle_action.shortcut().toString() == "Ctrl+E"
    draw_seven(window)
    window.network_view.unitClicked.emit(UnitRef("conv1", 1, 4, 4))
    assert dock.isVisible()
    assert dock.view.unit == UnitRef("conv1", 1, 4, 4)
    dock.toggle_action.trigger()
    assert not dock.isVisible()


def test_stepping_through_conv1_of_a_drawn_digit_reaches_the_trace_values(
    qtbot, window: MainWindow
) -> None:
    draw_seven(window)
    view = open_view(window)
    trace = window.state.trace
    channel = 2
    conv1 = trace["conv1"][channel]
    # A unit on the stroke (the largest activation), so that its value is not a trivial 0.
    row, col = np.unravel_index(int(np.argmax(conv1)), conv1.shape)
    index = row * conv1.shape[1] + col
    assert index > 3

    window.state.select(UnitRef("conv1", channel, 0, 0))
    stepper = view.stepper
    assert stepper.count == conv1.size and stepper.position == 0
    stepper.slider.setValue(index - 3)  # scrub near it, then step with the button
    for _ in range(4):
        QTest.mouseClick(stepper.forward_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(stepper.back_button, Qt.MouseButton.LeftButton)
    unit = UnitRef("conv1", channel, int(row), int(col))
    assert stepper.position == index
    assert view.unit == unit and window.state.selection == unit  # the panels outline it too
    shown = view.summary_number("value")
    assert shown == pytest.approx(float(conv1[row, col]), abs=1e-5)
    assert shown > 0
    assert view.summary_number("pre_activation") == pytest.approx(
        float(trace["conv1_pre"][channel, row, col]), abs=1e-5
    )
    # The 5×5 patch shown is the network input under the window; the window is outlined there.
    np.testing.assert_allclose(
        view.patch_grid.values(), trace["input"][0, row : row + 5, col : col + 5], atol=1e-6
    )
    np.testing.assert_allclose(
        view.kernel_grid.values(),
        window.state.model.conv1.weight[channel, 0].detach().numpy(),
        atol=1e-6,
    )
    assert view.input_map.outline_rect() == (row, col, 5, 5)
    assert view.output_map.outline_rect() == (row, col, 1, 1)
    selection = window.network_view.panel("conv1").selection
    assert selection.visible
    assert selection.rect() == window.network_view.panel("conv1").mosaic.unit_rect(
        channel, int(row), int(col)
    )
    # The output map holds exactly the units visited so far.
    filled = view.filled_output().reshape(-1)
    np.testing.assert_allclose(filled[: index + 1], conv1.reshape(-1)[: index + 1], atol=1e-5)
    assert np.isnan(filled[index + 1 :]).all()

    # Play to the end at full speed: the map fills in and equals the network's map.
    stepper.set_speed(2000)
    ticks = []
    view.updated.connect(lambda: ticks.append(stepper.position))
    QTest.mouseClick(stepper.play_button, Qt.MouseButton.LeftButton)
    assert stepper.is_playing()
    qtbot.waitUntil(lambda: not stepper.is_playing(), timeout=10_000)
    assert stepper.position == conv1.size - 1
    assert len(ticks) > 3 and ticks == sorted(ticks)  # it moved through the map, forwards
    np.testing.assert_allclose(view.filled_output(), conv1, atol=1e-5)
    assert view.summary_number("value") == pytest.approx(float(conv1[-1, -1]), abs=1e-5)


def test_pause_stops_the_stepper(qtbot, window: MainWindow) -> None:
    draw_seven(window)
    view = open_view(window)
    window.state.select(UnitRef("pool1", 0, 0, 0))
    view.stepper.set_speed(30)
    view.stepper.play()
    qtbot.waitUntil(lambda: view.stepper.position >= 2, timeout=5_000)
    view.stepper.pause()
    stopped = view.stepper.position
    qtbot.wait(150)
    assert view.stepper.position == stopped < view.stepper.count - 1


def test_clicking_a_conv2_unit_shows_its_six_channel_sums(qtbot, window: MainWindow) -> None:
    draw_seven(window)
    network = window.network_view
    unit = UnitRef("conv2", 7, 3, 4)
    point = network._graphics.mapFromScene(network.scene_pos_of("conv2", 7, 3, 4))
    QTest.mouseClick(network._graphics.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.state.selection == unit
    view = window.arithmetic_dock.view
    assert window.arithmetic_dock.isVisible()  # the click opened the dock
    trace = window.state.trace
    sums = [view.summary_number(f"sum:{c}") for c in range(6)]
    assert "sum:6" not in view.summary_keys()
    total = view.summary_number("total")
    assert total == pytest.approx(sum(sums), abs=1e-9)
    bias = view.summary_number("bias")
    assert bias == pytest.approx(float(window.state.model.conv2.bias[7].detach()), abs=1e-7)
    assert total + bias == pytest.approx(float(trace["conv2_pre"][7, 3, 4]), abs=1e-5)
    assert view.summary_number("value") == pytest.approx(float(trace["conv2"][7, 3, 4]), abs=1e-5)
    # Each channel's grids: the pool1 patch of that channel, and products that add up to its sum.
    view.channel_combo.setCurrentIndex(4)
    np.testing.assert_allclose(view.patch_grid.values(), trace["pool1"][4, 3:8, 4:9], atol=1e-6)
    assert view.products_grid.values().sum() == pytest.approx(sums[4], abs=1e-9)
    assert view.input_map.outline_rect() == (3, 4, 5, 5)
    np.testing.assert_allclose(view.input_map.values, trace["pool1"][4], atol=1e-6)


def test_max_pooling_marks_the_winner(window: MainWindow) -> None:
    draw_seven(window)
    view = open_view(window)
    trace = window.state.trace
    conv1 = trace["conv1"][3]
    pool1 = trace["pool1"][3]
    row, col = np.unravel_index(int(np.argmax(pool1)), pool1.shape)
    window.state.select(UnitRef("pool1", 3, int(row), int(col)))
    window_values = view.window_grid.values()
    np.testing.assert_allclose(
        window_values, conv1[2 * row : 2 * row + 2, 2 * col : 2 * col + 2], atol=1e-6
    )
    marked = [
        (r, c) for r in range(2) for c in range(2) if view.window_grid.item(r, c).font().bold()
    ]
    assert marked == [np.unravel_index(int(np.argmax(window_values)), (2, 2))]
    assert view.summary_number("value") == pytest.approx(float(pool1[row, col]), abs=1e-6)
    assert view.input_map.outline_rect() == (2 * row, 2 * col, 2, 2)


def test_fc_unit_shows_its_largest_contributions_sorted(window: MainWindow) -> None:
    draw_seven(window)
    view = open_view(window)
    trace = window.state.trace
    window.state.select(UnitRef("fc1", 11))
    weights = window.state.model.fc1.weight[11].detach().numpy().astype(np.float64)
    products = trace["pool2"].reshape(-1).astype(np.float64) * weights
    expected = products[np.argsort(-np.abs(products), kind="stable")[:12]]
    np.testing.assert_allclose(view.contribution_values, expected, rtol=1e-5, atol=1e-7)
    assert np.all(np.diff(np.abs(view.contribution_values)) <= 0)  # sorted, largest first
    assert view.bars is not None
    chart = view.chart.getPlotItem()
    for side in ("left", "bottom"):  # dark on white (pyqtgraph's default is light grey)
        assert chart.getAxis(side).textPen().color().name() == "#202020"
    assert "|input × weight|" in chart.titleLabel.text
    # Each bar's label is its input × weight, as arithmetic writes it (not "= a×-b").
    from explainer.gui.arithmetic.fc_page import product_text

    assert product_text(10.3513, -0.1164) == "10.3513 × (−0.1164)"
    assert product_text(-0.25, 0.5) == "−0.2500 × 0.5000"
    ticks = dict(chart.getAxis("left")._tickLevels[0])
    first = ticks[0]
    assert first.startswith(view.contribution_labels[0] + ": ") and " × " in first
    total = view.summary_number("total")
    assert view.summary_number("top_sum") + view.summary_number("rest_sum") == pytest.approx(
        total, abs=1e-9
    )
    assert total + view.summary_number("bias") == pytest.approx(
        float(trace["fc1_pre"][11]), abs=1e-5
    )
    assert view.summary_number("value") == pytest.approx(float(trace["fc1"][11]), abs=1e-5)
    # The stepper walks the layer's units and fills the layer in.
    view.stepper.step(1)
    assert view.unit == UnitRef("fc1", 12)
    filled = view.filled_output()
    np.testing.assert_allclose(filled[:13], trace["fc1"][:13], atol=1e-5)
    assert np.isnan(filled[13:]).all()


def test_a_short_dock_shows_the_whole_chart_and_the_grids(qtbot, window: MainWindow) -> None:
    # A 1280×720 projector: the dock's body is ~250 px tall. It used to be laid out at the
    # chart's 480 px hint and cut off below: 6 of the 12 bars, no axis.
    from PySide6.QtWidgets import QScrollArea

    window.resize(1280, 720)
    draw_seven(window)
    view = open_view(window)
    scroll = view.findChild(QScrollArea, "arithmetic_body_scroll")
    viewport = scroll.viewport()

    def bottom_in_view(widget) -> int:
        return widget.mapTo(viewport, widget.rect().bottomLeft()).y()

    window.state.select(UnitRef("fc1", 11))
    qtbot.waitUntil(lambda: view.chart.isVisible())
    assert 120 <= viewport.height() < 400
    assert bottom_in_view(view.chart) <= viewport.height()
    assert scroll.widget().height() == viewport.height()
    window.state.select(UnitRef("conv2", 3, 4, 4))
    qtbot.waitUntil(lambda: view.products_grid.isVisible())
    assert bottom_in_view(view.products_grid) <= viewport.height()
    assert bottom_in_view(view.input_map) <= viewport.height()


def test_softmax_table_sums_to_one_and_the_loss_uses_the_chosen_base(
    window: MainWindow,
) -> None:
    draw_seven(window)
    view = open_view(window)
    view.tabs.setCurrentIndex(1)
    trace = window.state.trace
    probs = view.probabilities()
    assert probs.sum() == pytest.approx(1.0, abs=1e-9)
    np.testing.assert_allclose(probs, trace["probs"], atol=1e-6)
    logits = [
        float(view.softmax_table.item(i, 1).data(Qt.ItemDataRole.UserRole)) for i in range(10)
    ]
    np.testing.assert_allclose(logits, trace["logits"], atol=1e-6)
    # A hand drawing's true label is unknown (never the guess): no loss until one is picked.
    assert view.true_label.currentIndex() == -1
    assert view.loss_label.property("value") is None
    assert "unknown" in view.loss_label.text()
    # The user picks one and base 2.
    target = (int(np.argmax(trace["probs"])) + 3) % 10
    view.true_label.setCurrentIndex(target)
    view.true_label.activated.emit(target)
    view.log_base.setCurrentIndex(view.log_base.findData("2"))
    loss = view.loss_label.property("value")
    assert loss == pytest.approx(-math.log2(float(probs[target])), rel=1e-6)
    assert "log₂" in view.loss_label.text()
    view.log_base.setCurrentIndex(view.log_base.findData("10"))
    assert view.loss_label.property("value") == pytest.approx(
        -math.log10(float(probs[target])), rel=1e-6
    )
    # A new drawing keeps the user's true label.
    window.canvas.clear()
    draw_seven(window)
    assert view.true_label.currentIndex() == target
    assert window.state.true_label.source == "chosen"


def _row_colour(view: ArithmeticView, row: int):
    return view.softmax_table.item(row, 2).background().color()


def test_a_digit_samples_label_is_not_a_fashion_models_class(window: MainWindow) -> None:
    """Found by a student's review: sample 3, then the Fashion-MNIST model, and the loss tab
    said "True label: Dress, from the sample: a real MNIST digit of this class", with the
    loss against Dress. A label names the classes it counts in."""
    from explainer.core.config import FASHION_CLASSES

    digits = window.state.model
    assert window.load_sample(3, 0)
    window.flush_input()
    view = open_view(window)
    view.tabs.setCurrentIndex(1)
    assert view.true_label.currentIndex() == 3
    assert view.loss_label.property("value") is not None
    window.state.set_model(build_model(ModelConfig(class_names=FASHION_CLASSES), "cpu", seed=3))
    assert window.state.true_label is None
    assert view.true_label.currentIndex() == -1  # "unknown — pick one"
    assert view.loss_label.property("value") is None  # no loss against class 3, "Dress"
    assert "another model" in view.softmax_page.true_label_source.text()
    window.state.set_model(digits)  # back on the digits: the sample's 3 again
    assert view.true_label.currentIndex() == 3
    assert view.loss_label.property("value") is not None


def test_a_samples_true_label_replaces_a_picked_one_and_both_rows_are_marked(
    window: MainWindow,
) -> None:
    from explainer.gui.arithmetic import GUESS_ROW_COLOUR, TRUE_ROW_COLOUR

    draw_seven(window)
    view = open_view(window)
    view.tabs.setCurrentIndex(1)
    view.true_label.setCurrentIndex(3)
    view.true_label.activated.emit(3)
    assert window.state.true_label.index == 3
    # A sample 7 is loaded: its label is 7, whatever was picked before (issue 13: it stayed 3).
    assert window.load_sample(7, 0)
    window.flush_input()
    assert window.state.true_label.index == 7 and window.state.true_label.source == "sample"
    assert view.true_label.currentIndex() == 7
    probs = window.state.trace["probs"]
    loss = view.loss_label.property("value")
    assert loss == pytest.approx(-math.log(float(probs[7])), rel=1e-6)
    guess = int(np.argmax(probs))
    assert _row_colour(view, 7) == TRUE_ROW_COLOUR
    if guess != 7:  # seeded untrained model: the guess is some other class
        assert _row_colour(view, guess) == GUESS_ROW_COLOUR
    others = [i for i in range(10) if i not in (7, guess)]
    assert all(_row_colour(view, i) not in (TRUE_ROW_COLOUR, GUESS_ROW_COLOUR) for i in others)
    # Drawing on the sample makes it a hand drawing: unknown again; undo brings the 7 back.
    draw(window, [(0.1, 0.9), (0.2, 0.95)])
    window.flush_input()
    assert window.state.true_label is None and view.true_label.currentIndex() == -1
    window.canvas.undo_stack.undo()
    window.flush_input()
    assert window.state.true_label.index == 7


def test_an_image_named_like_its_class_gives_the_true_label(
    window: MainWindow, tmp_path: Path
) -> None:
    from PIL import Image

    from explainer.core.samples import load_sample

    pixels = (load_sample(4, 0) * 255).astype(np.uint8)
    named = tmp_path / "4_from_my_phone.png"
    Image.fromarray(pixels).save(named)
    assert window.open_image_file(named)
    window.flush_input()
    assert window.state.true_label.index == 4
    assert window.state.true_label.source == "file name"
    plain = tmp_path / "scan.png"
    Image.fromarray(pixels).save(plain)
    assert window.open_image_file(plain)
    window.flush_input()
    assert window.state.true_label is None


def test_hidden_dock_does_no_work_and_catches_up_when_shown(window: MainWindow) -> None:
    view = window.arithmetic_dock.view
    calls = []
    view.updated.connect(lambda: calls.append(1))
    draw_seven(window)
    window.state.select(UnitRef("conv1", 0, 3, 3))
    assert calls == []  # hidden: nothing computed
    open_view(window)
    assert calls and view.summary_number("value") == pytest.approx(
        float(window.state.trace["conv1"][0, 3, 3]), abs=1e-5
    )


def test_input_unit_and_no_drawing_show_a_hint(window: MainWindow) -> None:
    view = open_view(window)
    window.state.select(UnitRef("conv1", 0, 0, 0))
    assert view.middle.currentWidget() is view.message
    assert "Draw a digit" in view.message.text()
    draw_seven(window)
    window.state.select(UnitRef("input", 0, 4, 4))
    assert view.middle.currentWidget() is view.message and view.stepper.count == 0


def test_texts_switch_to_portuguese(window: MainWindow) -> None:
    draw_seven(window)
    view = open_view(window)
    window.state.select(UnitRef("conv2", 0, 0, 0))
    window.set_language("pt_BR")
    assert window.arithmetic_dock.windowTitle() != "Arithmetic"
    assert view.tabs.tabText(0) != "Selected unit"
    assert window.arithmetic_dock.playground_action.text() != "&Convolution playground…"
    # A page's own fixed text, and a row its base class (ResultPage) adds to the summary.
    assert view.conv_page.products_caption.text() != "products"
    # ("+ bias" stays: bias is the Brazilian course's own term.)
    pre_row = view.summary_keys().index("pre_activation")
    assert view.summary.item(pre_row, 0).text() not in ("", "= before the activation")
    assert view.summary_number("value") == pytest.approx(
        float(window.state.trace["conv2"][0, 0, 0]), abs=1e-5
    )


def test_an_output_unit_is_titled_with_its_class(window: MainWindow) -> None:
    draw_seven(window)
    view = open_view(window)
    window.state.select(UnitRef("logits", 1))
    assert view.title.text() == "logits: unit 1 (class 1)"  # not "unit 1 (1)"
    # The stepper counts from 0 as the title does: "position 2 of 10" beside "unit 1" read
    # as off by one (a student's review), "unit 2 of 10" as another unit.
    assert view.stepper.position_label.text() == "position 1 (0 to 9)"
    window.set_language("pt_BR")
    assert view.title.text() == "logits: unidade 1 (classe 1)"
    assert "gráfico" in view.summary.item(view.summary_keys().index("top_sum"), 0).text()


def test_tools_menu_opens_the_convolution_playground(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    from explainer.gui.playground import PlaygroundDialog

    action = window.findChild(QAction, "open_playground")
    assert action.shortcut().toString() == "Ctrl+Shift+P"
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    tools = [m for m in menus if m.objectName() == "tools_menu"]
    assert len(tools) == 1 and action in tools[0].actions()  # one Tools menu, shared
    action.trigger()
    dialog = window.arithmetic_dock.playground
    assert isinstance(dialog, PlaygroundDialog) and dialog.isVisible()
    action.trigger()
    assert window.arithmetic_dock.playground is dialog  # reopened, not duplicated


@pytest.mark.parametrize(
    "config",
    [
        ModelConfig(in_channels=3, conv_channels=(8, 4), fc_sizes=(32,), padding=2),
        ModelConfig(input_size=28, pool="avg", activation="sigmoid", fc_sizes=(50, 40, 30)),
    ],
    ids=["3-channel-padded", "avg-sigmoid-3fc"],
)
def test_other_architectures_show_the_same_numbers_as_their_trace(qtbot, config) -> None:
    """Driven through a bare SessionState: the view needs no main window."""
    from explainer.core.samples import load_sample
    from explainer.state import SessionState

    state = SessionState()
    view = ArithmeticView(state)
    qtbot.addWidget(view)
    view.show()
    state.set_model(build_model(config, "cpu", seed=2))
    state.set_input(load_sample(4))
    trace = state.trace
    c2 = config.conv_channels[1]
    state.select(UnitRef("conv1", 1, 0, 0))
    sums = [k for k in view.summary_keys() if k.startswith("sum:")]
    assert len(sums) == config.in_channels
    assert view.summary_number("value") == pytest.approx(float(trace["conv1"][1, 0, 0]), abs=1e-5)
    if config.padding:
        # The corner unit's window hangs over the zero padding: those cells say so.
        assert view.patch_grid.item(0, 0).text() == "0 pad"
        assert view.input_map.outline_rect() == (-2, -2, 5, 5)
    state.select(UnitRef("conv2", c2 - 1, 1, 1))
    assert len([k for k in view.summary_keys() if k.startswith("sum:")]) == config.conv_channels[0]
    assert view.summary_number("value") == pytest.approx(
        float(trace["conv2"][c2 - 1, 1, 1]), abs=1e-5
    )
    state.select(UnitRef("pool2", 0, 1, 1))
    if config.pool == "avg":
        assert view.summary_number("sum") / 4 == pytest.approx(view.summary_number("value"))
    assert view.summary_number("value") == pytest.approx(float(trace["pool2"][0, 1, 1]), abs=1e-6)
    last_fc = config.fc_layer_names[-1]
    state.select(UnitRef(last_fc, 3))
    assert view.summary_number("value") == pytest.approx(float(trace[last_fc][3]), abs=1e-5)
    state.select(UnitRef("logits", 2))
    assert view.summary_number("value") == pytest.approx(float(trace["logits"][2]), abs=1e-5)
    view.stepper.step(1)
    assert state.selection == UnitRef("logits", 3)


def test_closing_the_dock_stops_the_stepper(qtbot, window: MainWindow) -> None:
    draw_seven(window)
    view = open_view(window)
    window.state.select(UnitRef("conv1", 0, 0, 0))
    view.stepper.set_speed(50)
    view.stepper.play()
    qtbot.waitUntil(lambda: view.stepper.position >= 1, timeout=5_000)
    window.arithmetic_dock.close()
    selection = window.state.selection
    qtbot.wait(150)
    assert not view.stepper.is_playing() and window.state.selection == selection


# ---- the colours the dock shows ------------------------------------------------------------------
# Read back from the widgets (cell backgrounds, rendered map pixels) and compared with pyqtgraph's
# own ColorMap.map of the values under the limits the design asks for, computed here from the
# trace and the weights: a map or grid with its limits swapped (lo, hi) shows the top colour of
# the map where the bottom belongs.

COLOUR_TOLERANCE = 8  # per channel: a 255/256-entry table against the interpolated map


def _expected_colours(values, levels: tuple[float, float], cmap: str) -> np.ndarray:
    import pyqtgraph as pg

    lo, hi = levels
    position = (np.asarray(values, dtype=np.float64) - lo) / (hi - lo)
    shape = position.shape
    colours = pg.colormap.get(cmap).map(np.clip(position, 0, 1).reshape(-1), mode=pg.ColorMap.BYTE)
    return np.asarray(colours, dtype=np.int64)[:, :3].reshape(*shape, 3)


def _map_end(cmap: str, top: bool) -> np.ndarray:
    return _expected_colours(np.array([1.0 if top else 0.0]), (0.0, 1.0), cmap)[0]


def _cell_colours(grid) -> np.ndarray:
    return np.array(
        [
            [grid.item(r, c).background().color().getRgb()[:3] for c in range(grid.columnCount())]
            for r in range(grid.rowCount())
        ]
    )


def _map_pixels(map_view, cells: list[tuple[int, int]]) -> np.ndarray:
    """The colours a MapView puts on screen at the centres of the given (row, col) cells."""
    from PySide6.QtCore import QPointF

    graphics = map_view._graphics
    image = graphics.grab().toImage()
    ratio = image.devicePixelRatio()
    colours = []
    for row, col in cells:
        scene = map_view._view.mapViewToScene(QPointF(col + 0.5, row + 0.5))
        point = graphics.mapFromScene(scene)
        colour = image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))
        colours.append(colour.getRgb()[:3])
    return np.array(colours)


def _off_outline(map_view, cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cells that the outlined window's border does not cover on screen (it runs along the
    cell edges, so it may touch the cells on either side of them)."""
    rect = map_view.outline_rect()
    if rect is None:
        return list(cells)
    row0, col0, rows, cols = rect
    inside_rows, inside_cols = range(row0 - 1, row0 + rows + 1), range(col0 - 1, col0 + cols + 1)

    def on_border(row: int, col: int) -> bool:
        return (row in (row0 - 1, row0, row0 + rows - 1, row0 + rows) and col in inside_cols) or (
            col in (col0 - 1, col0, col0 + cols - 1, col0 + cols) and row in inside_rows
        )

    return [(r, c) for r, c in cells if not on_border(r, c)]


def _assert_close_colours(shown: np.ndarray, expected: np.ndarray, what: str) -> None:
    difference = np.abs(np.asarray(shown, dtype=np.int64) - expected).max(axis=-1)
    assert difference.max() <= COLOUR_TOLERANCE, (
        f"{what}: {int((difference > COLOUR_TOLERANCE).sum())} of {difference.size} colours off "
        f"by up to {int(difference.max())}"
    )


def _extremes(map_view, values: np.ndarray) -> list[tuple[int, int]]:
    """A cell at (within 1 % of the range of) the largest value and one at the smallest, both
    clear of the outline."""
    margin = 0.01 * (values.max() - values.min())
    cells = []
    for near in (values >= values.max() - margin, values <= values.min() + margin):
        clear = _off_outline(map_view, [(int(r), int(c)) for r, c in np.argwhere(near)])
        assert clear, "every extreme value is under the outline: pick another unit"
        cells.append(clear[0])
    return cells


def test_maps_and_grids_are_coloured_by_their_values_under_the_right_limits(
    window: MainWindow,
) -> None:
    from explainer.gui.colormaps import ACTIVATION_MAP, INPUT_MAP, WEIGHT_MAP

    draw_seven(window)
    view = open_view(window)
    trace, model = window.state.trace, window.state.model
    network_input = trace["input"][0].astype(np.float64)
    conv1 = trace["conv1"].astype(np.float64)
    channel = 2
    row, col = (int(i) for i in np.unravel_index(int(np.argmax(conv1[channel])), conv1[0].shape))
    window.state.select(UnitRef("conv1", channel, row, col))

    # The input map: the drawing under the input's own range, ink at the top of the grey map.
    input_levels = (network_input.min(), network_input.max())
    top, bottom = _extremes(view.input_map, network_input)
    shown = _map_pixels(view.input_map, [top, bottom])
    _assert_close_colours(shown[0], _map_end(INPUT_MAP, top=True), "input map, largest value")
    _assert_close_colours(shown[1], _map_end(INPUT_MAP, top=False), "input map, smallest value")
    cells = _off_outline(view.input_map, [(r, c) for r in range(32) for c in range(32)])
    _assert_close_colours(
        _map_pixels(view.input_map, cells),
        _expected_colours([network_input[r, c] for r, c in cells], input_levels, INPUT_MAP),
        "input map",
    )

    # The patch: the same limits as the map it comes from (a 7's stroke: both ends inside).
    patch = network_input[row : row + 5, col : col + 5]
    _assert_close_colours(
        _cell_colours(view.patch_grid),
        _expected_colours(patch, input_levels, INPUT_MAP),
        "patch",
    )

    # The kernel and the products: blue–white–red, symmetric about 0 over the unit's filter.
    kernel = model.conv1.weight[channel, 0].detach().numpy().astype(np.float64)
    limit = np.abs(kernel).max()
    _assert_close_colours(
        _cell_colours(view.kernel_grid),
        _expected_colours(kernel, (-limit, limit), WEIGHT_MAP),
        "kernel",
    )
    strongest = np.unravel_index(int(np.argmax(np.abs(kernel))), kernel.shape)
    _assert_close_colours(
        _cell_colours(view.kernel_grid)[strongest],
        _map_end(WEIGHT_MAP, top=bool(kernel[strongest] > 0)),
        "kernel, largest |weight|",
    )
    products = patch * kernel
    limit = np.abs(products).max()
    _assert_close_colours(
        _cell_colours(view.products_grid),
        _expected_colours(products, (-limit, limit), WEIGHT_MAP),
        "products",
    )

    # The output map, filled up to this unit, under the whole layer's range.
    conv1_levels = (conv1.min(), conv1.max())
    reached = [(r, c) for r in range(row + 1) for c in range(conv1.shape[2])]
    reached = _off_outline(view.output_map, [(r, c) for r, c in reached if r < row or c <= col])
    _assert_close_colours(
        _map_pixels(view.output_map, reached),
        _expected_colours([conv1[channel, r, c] for r, c in reached], conv1_levels, ACTIVATION_MAP),
        "output map",
    )

    # The pooling window: the conv1 map's colours under conv1's range (the winner is marked).
    pool1 = trace["pool1"][channel]
    prow, pcol = (int(i) for i in np.unravel_index(int(np.argmax(pool1)), pool1.shape))
    window.state.select(UnitRef("pool1", channel, prow, pcol))
    values = conv1[channel, 2 * prow : 2 * prow + 2, 2 * pcol : 2 * pcol + 2]
    colours = _cell_colours(view.window_grid)
    expected = _expected_colours(values, conv1_levels, ACTIVATION_MAP)
    winner = np.unravel_index(int(np.argmax(values)), values.shape)
    others = [(r, c) for r in range(2) for c in range(2) if (r, c) != winner]
    _assert_close_colours(
        np.array([colours[rc] for rc in others]),
        np.array([expected[rc] for rc in others]),
        "pooling window",
    )
    cells = _off_outline(view.input_map, [(r, c) for r in range(28) for c in range(28)])
    _assert_close_colours(
        _map_pixels(view.input_map, cells),
        _expected_colours([conv1[channel][rc] for rc in cells], conv1_levels, ACTIVATION_MAP),
        "conv1 map under the pooling window",
    )
