"""What if in the window (offscreen): switching units off from the panels' context menu, typing a
kernel weight in the arithmetic dock, moving the digit with the sliders; undo and redo."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from gui_support import open_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QSizeGrip, QWidget
from test_whatif import oracle_logits

from explainer import paths
from explainer.core.ablation import Ablation
from explainer.core.edits import WeightKey
from explainer.core.errors import ExplainerError
from explainer.core.transform import DigitTransform, shift_whole_pixels
from explainer.core.units import UnitRef

torch.set_num_threads(1)


@pytest.fixture
def window(qtbot):
    window = open_window(qtbot, paths.default_checkpoint())
    window.load_sample(8)
    window.flush_input()
    return window


def right_click(window, layer: str, channel: int, row: int = 0, col: int = 0):
    """A real right click on a unit of a panel; returns the what-if menu it opened."""
    view = window.network_view
    graphics = view._graphics
    point = graphics.mapFromScene(view.scene_pos_of(layer, channel, row, col))
    QTest.mouseClick(graphics.viewport(), Qt.MouseButton.RightButton, pos=point)
    menu = window.whatif.menu
    assert menu is not None and menu.isVisible()
    return menu


def action(menu, name: str):
    found = [a for a in menu.actions() if a.objectName() == name]
    assert found, [a.objectName() for a in menu.actions()]
    return found[0]


def test_switching_a_filter_off_from_the_context_menu(window) -> None:
    state = window.state
    x = state.preprocessed.network_input
    plain = state.trace["logits"].copy()
    menu = right_click(window, "conv2", 3, 4, 4)
    assert action(menu, "switch_off").text() == "Switch off filter 3 of conv2"
    action(menu, "switch_off").trigger()

    assert state.knocked_out == Ablation.parse("conv2:3")
    np.testing.assert_allclose(
        state.trace["logits"], oracle_logits(state.model, x, {"conv2": [3]}), atol=1e-5
    )
    # The guesses follow at once, and the map and its filter are crossed out.
    np.testing.assert_array_equal(window.guesses.bars.probs, state.trace["probs"])
    assert not np.allclose(window.guesses.bars.probs, np.exp(plain) / np.exp(plain).sum(), 1e-3)
    marks = window.network_view.visible_marks()
    conv2 = window.network_view.panel("conv2").mosaic
    assert marks["conv2"] == [(conv2.tile_rect(3), True)]
    assert len(marks["conv2_filters"]) == 6  # its 6 kernels, one per conv1 map
    # The panel shows the zeros the network passed on.
    values = window.network_view.panel("conv2").values
    assert not np.asarray(values)[3].any()

    # A right click on a pooled map offers the filter it pools; a second unit of fc1 too.
    action(right_click(window, "pool1", 1, 2, 2), "switch_off").trigger()
    action(right_click(window, "fc1", 17), "switch_off").trigger()
    assert state.knocked_out == Ablation.parse("conv1:1,conv2:3,fc1:17")
    np.testing.assert_allclose(
        state.trace["logits"],
        oracle_logits(state.model, x, {"conv1": [1], "conv2": [3], "fc1": [17]}),
        atol=1e-5,
    )
    assert "conv1:1" in window.whatif.status_label.text()

    # Undo takes the last one back, redo puts it off again; Ctrl+Z is the window's undo.
    assert window.undo_action.text() == "&Undo: Switch off unit 17 of fc1"
    window.undo_action.trigger()
    assert state.knocked_out == Ablation.parse("conv1:1,conv2:3")
    window.redo_action.trigger()
    assert state.knocked_out == Ablation.parse("conv1:1,conv2:3,fc1:17")

    menu = right_click(window, "conv2", 3, 0, 0)
    assert action(menu, "switch_on").text() == "Switch on filter 3 of conv2"
    action(menu, "switch_all_on").trigger()
    assert not state.knocked_out and window.network_view.visible_marks() == {}
    np.testing.assert_allclose(state.trace["logits"], plain, atol=1e-6)
    window.undo_action.trigger()  # all three off again
    assert state.knocked_out == Ablation.parse("conv1:1,conv2:3,fc1:17")


def test_the_input_and_the_logits_offer_only_switch_all_on(window) -> None:
    for layer in ("input", "logits"):
        names = [a.objectName() for a in right_click(window, layer, 0).actions()]
        assert names == ["switch_all_on"]


def _open_kernel(window, unit: UnitRef, qtbot):
    dock = window.arithmetic_dock
    dock.show()
    window.state.select(unit)
    qtbot.waitUntil(lambda: dock.view.kernel_grid.isVisible(), timeout=5000)
    return dock.view


def _type_into_cell(grid, row: int, col: int, text: str) -> None:
    item = grid.item(row, col)
    center = grid.visualItemRect(item).center()
    QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QTest.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert grid.state() == QAbstractItemView.State.EditingState
    editors = [e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def test_typing_a_kernel_weight_changes_only_that_map_and_can_be_undone(window, qtbot) -> None:
    state = window.state
    before = {k: v.copy() for k, v in state.trace.tensors.items()}
    view = _open_kernel(window, UnitRef("conv1", 2, 10, 10), qtbot)
    key = WeightKey("conv1", 2, 0, 1, 3)
    original = state.weight(key)

    _type_into_cell(view.kernel_grid, 1, 3, "0.5")
    qtbot.waitUntil(lambda: state.is_edited(key), timeout=5000)
    assert state.weight(key) == pytest.approx(0.5)
    delta = state.trace["conv1_pre"][2] - before["conv1_pre"][2]
    x = before["input"][0]
    np.testing.assert_allclose(delta, (np.float32(0.5) - original) * x[1:29, 3:31], atol=1e-5)
    others = [0, 1, 3, 4, 5]
    np.testing.assert_array_equal(state.trace["conv1_pre"][others], before["conv1_pre"][others])
    # Marked: the cell in italics, the caption, the filters panel; a reset is offered.
    qtbot.waitUntil(lambda: view.kernel_grid.item(1, 3).font().italic(), timeout=5000)
    assert view.kernel_grid.item(1, 3).text() == "0.500"
    assert not view.kernel_grid.item(0, 0).font().italic()
    assert view.conv_page.kernel_caption.text().endswith("(edited)")
    assert view.conv_page.reset_weights_button.isVisible()
    filters = window.network_view.panel("conv1_filters").mosaic
    assert window.network_view.visible_marks()["conv1_filters"] == [
        (filters.unit_rect(2, 1, 3), False)
    ]

    # Text that is no number changes nothing.
    _type_into_cell(view.kernel_grid, 0, 0, "abc")
    QApplication.processEvents()
    assert len(state.edited) == 1 and view.kernel_grid.item(0, 0).text() != "abc"

    window.undo_action.trigger()
    assert not state.edited and state.weight(key) == original
    np.testing.assert_array_equal(state.trace["conv1_pre"], before["conv1_pre"])
    window.redo_action.trigger()
    assert state.weight(key) == pytest.approx(0.5)

    view.conv_page.reset_weights_button.click()
    assert not state.edited and state.weight(key) == original
    qtbot.waitUntil(lambda: not view.conv_page.reset_weights_button.isVisible(), timeout=5000)
    window.undo_action.trigger()  # the reset is undone: the edit is back
    assert state.weight(key) == pytest.approx(0.5)


def test_another_model_drops_the_edits_and_says_so(window, qtbot) -> None:
    key = WeightKey("conv2", 0, 0, 0, 0)
    window.whatif.edit_weight(key, 3.0)
    assert window.state.is_edited(key)
    window.load_checkpoint(paths.models_dir() / "classic.pt")
    qtbot.waitUntil(window.is_ready, timeout=30_000)
    qtbot.waitUntil(lambda: window.state.checkpoint.name == "classic", timeout=30_000)
    assert not window.state.edited
    assert window.last_notice.startswith("edited weights dropped (conv2[0,0,0,0])")
    window.undo_action.trigger()  # an edit of the previous model: dropped, nothing happens
    assert not window.state.edited


def test_a_filter_switched_off_before_a_model_switch_can_be_undone_after_it(window, qtbot):
    """The knock-out goes over to the next model; its Undo said "Undo: Switch off filter 2 of
    conv1" there and then did nothing (the command was dropped as the old model's)."""
    window.whatif.toggle("conv1", 2)
    assert ("conv1", 2) in window.state.knocked_out
    window.load_checkpoint(paths.models_dir() / "early.pt")
    qtbot.waitUntil(lambda: window.state.checkpoint.name == "early", timeout=30_000)
    assert ("conv1", 2) in window.state.knocked_out  # carried over
    assert "conv1" in window.undo_action.text()
    window.undo_action.trigger()
    assert not window.state.knocked_out
    window.redo_action.trigger()
    assert ("conv1", 2) in window.state.knocked_out


def test_a_long_what_if_line_ends_in_an_ellipsis_and_its_tooltip_has_all(window) -> None:
    units = [f"conv2:{i}" for i in range(16)] + [f"fc1:{i}" for i in range(40)]
    window.state.set_knocked_out(",".join(units))
    key = WeightKey.parse("conv1[0,0,0,0]")
    window.whatif.edit_weight(key, 0.5)
    label = window.whatif.status_label
    window.statusBar().layout().activate()
    full = label.text()
    assert "fc1:39" in full and label.fontMetrics().horizontalAdvance(full) > label.width() > 0
    shown = label.shown_text()
    assert shown.endswith("…") and full.startswith(shown[:-1]) and "fc1:39" not in shown
    summary, *edits = label.toolTip().split("\n")
    assert summary == full and len(edits) == 1 and edits[0].startswith("conv1[0,0,0,0]: 0.5000 (")
    # And the status bar's messages keep their room: the line asked for its whole width and
    # left a "Scene saved: …" 0 px.
    window.resize(1280, 720)
    bar = window.statusBar()
    bar.showMessage("Scene saved: /tmp/lesson.json")
    bar.layout().activate()
    only = Qt.FindChildOption.FindDirectChildrenOnly
    shown = [w for w in bar.findChildren(QWidget, options=only) if w.isVisible()]
    assert label in shown and 0 < label.width() <= 60 * label.fontMetrics().averageCharWidth()
    free = min(w.geometry().left() for w in shown if not isinstance(w, QSizeGrip))
    assert free >= 0.3 * bar.width() and label.shown_text().endswith("…")


def test_the_elided_label_cuts_where_superqt_does(qtbot) -> None:
    from superqt import QElidingLabel  # the library it stands in for (start-up cost)

    from explainer.gui.elided import ElidedLabel

    text = "What if — off: conv1:0, conv1:1, conv1:2, conv2:0, conv2:1; edited weights: 3"
    ours, theirs = ElidedLabel(), QElidingLabel()
    for label in (ours, theirs):
        qtbot.addWidget(label)
        label.setText(text)
    for width in (40, 120, 300, 2000):
        ours.resize(width, 20)
        theirs.resize(width + 2, 20)  # it keeps 2 px for the ellipsis
        assert ours.shown_text() == theirs._elidedText(), width
    assert ours.shown_text() == text and ours.toolTip() == text


def test_the_sliders_move_the_digit_once_per_frame(window, qtbot) -> None:
    state = window.state
    window.whatif.dock.show()
    panel = window.whatif.dock.panel
    field = state.preprocessed.padded.copy()
    runs = state.runs
    panel.recentre_box.setChecked(False)
    panel.sliders["shift_x"].setValue(3)
    panel.sliders["shift_y"].setValue(-2)
    qtbot.waitUntil(lambda: state.transform.shift_y == -2, timeout=5000)
    assert state.runs == runs + 1  # three changes, one pass
    assert state.transform == DigitTransform(shift_x=3, shift_y=-2, recentre=False)
    np.testing.assert_allclose(state.preprocessed.padded, shift_whole_pixels(field, -2, 3), 1e-6)
    shown = window.network_view.panel("input").values
    np.testing.assert_array_equal(np.asarray(shown), state.trace["input"])
    assert "digit moved" in window.whatif.status_label.text()
    assert "off" in panel.hint.text()

    panel.recentre_box.setChecked(True)  # the preprocessing puts it back: nothing moved
    qtbot.waitUntil(lambda: state.transform.recentre, timeout=5000)
    np.testing.assert_allclose(state.preprocessed.padded, field, atol=1e-6)

    panel.reset_button.click()
    assert state.transform.is_identity and panel.sliders["shift_x"].value() == 0
    state.set_transform(DigitTransform(rotation=12))  # the sliders follow the session
    assert panel.sliders["rotation"].value() == 12


def test_the_menu_is_asked_for_at_the_click(window, qtbot) -> None:
    view = window.network_view
    graphics = view._graphics
    point = graphics.mapFromScene(view.scene_pos_of("conv1", 0, 3, 3))
    with qtbot.waitSignal(view.unitMenuRequested, timeout=2000) as signal:
        QTest.mouseClick(graphics.viewport(), Qt.MouseButton.RightButton, pos=point)
    unit, where = signal.args
    assert unit == UnitRef("conv1", 0, 3, 3)
    assert (where - graphics.viewport().mapToGlobal(point)).manhattanLength() <= 2
    window.whatif.menu.close()


def test_marks_follow_the_panels_when_they_are_re_tiled(window, qtbot) -> None:
    """Re-tiling makes new images; marks that stayed on the old ones were deleted with them
    (and touching them crashed the window)."""
    window.whatif.toggle("conv2", 3)
    view = window.network_view
    mosaics = set()
    for size in ((900, 640), (1600, 1000), (1100, 700), (1280, 800)):
        window.resize(*size)
        window.whatif.dock.setVisible(not window.whatif.dock.isVisible())
        qtbot.wait(30)
        mosaic = view.panel("conv2").mosaic
        mosaics.add(mosaic)
        assert view.visible_marks()["conv2"] == [(mosaic.tile_rect(3), True)]
    assert len(mosaics) > 1  # the panels were re-tiled at least once


def test_the_command_line_starts_with_units_off_and_the_digit_moved(window) -> None:
    from explainer.cli import build_parser
    from explainer.gui.app import _start_view, read_start_options

    args = build_parser().parse_args(
        ["--ablate", "conv2:3,fc1:0", "--move", "shift_x=2, rotation=-10, recentre=off"]
    )
    read_start_options(args)
    _start_view(window, args)
    state = window.state
    assert state.knocked_out == Ablation.parse("conv2:3,fc1:0")
    assert state.transform == DigitTransform(shift_x=2, rotation=-10, recentre=False)
    assert (
        window.whatif.dock.isVisible()
        and window.whatif.dock.panel.sliders["rotation"].value() == -10
    )
    for bad in (["--ablate", "conv2"], ["--move", "shift=2"], ["--move", "recentre=maybe"]):
        with pytest.raises(ExplainerError):
            read_start_options(build_parser().parse_args(bad))
    args = build_parser().parse_args(["--ablate", "conv2:16"])  # conv2 has filters 0..15
    read_start_options(args)
    with pytest.raises(ExplainerError):
        _start_view(window, args)


def test_a_weight_no_float32_holds_is_refused_in_one_line(window) -> None:
    """1e40 typed into a kernel cell raised inside the undo command (an unexpected-error
    dialog, and an Undo entry for an edit that never happened); 1e38 made every guess NaN."""
    key = WeightKey("conv1", 2, 0, 0, 0)
    state, stack = window.state, window.whatif.undo_stack
    original, probs, entries = state.weight(key), state.trace.probs.copy(), stack.count()
    for value in (1e40, 1e38):
        window.whatif.edit_weight(key, value)
        assert "between -1000000 and 1000000" in window.last_error
        assert state.weight(key) == original and not state.edited
        assert stack.count() == entries
        np.testing.assert_array_equal(state.trace.probs, probs)


def test_text_typed_into_a_kernel_cell_is_said_to_be_no_number(window, qtbot) -> None:
    """ "abc" in a kernel cell was reverted without a word (the playground says why)."""
    view = _open_kernel(window, UnitRef("conv1", 2, 10, 10), qtbot)
    window.last_error = None
    _type_into_cell(view.kernel_grid, 1, 3, "abc")
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=5000)
    assert window.last_error == "a weight must be a number, found 'abc'"
    assert not window.state.edited


def test_moving_the_digit_is_one_undo_step_per_drag(window, qtbot) -> None:
    """Ctrl+Z after a slider move undid the stroke underneath and left the digit moved."""
    state = window.state
    window.whatif.dock.show()
    panel = window.whatif.dock.panel
    stack = window.whatif.undo_stack
    entries = stack.count()
    panel.recentre_box.setChecked(False)
    panel.flush()
    for value in (1, 2, 3):  # a drag: moves a frame apart fold into one step
        panel.sliders["shift_x"].setValue(value)
        panel.flush()
    moved = DigitTransform(shift_x=3, recentre=False)
    assert state.transform == moved and stack.count() == entries + 1
    assert window.undo_action.text().endswith("Move the digit")
    window.undo_action.trigger()
    assert state.transform.is_identity and panel.sliders["shift_x"].value() == 0
    assert window.canvas.loaded_picture() is not None  # the sample is still there
    window.redo_action.trigger()
    assert state.transform == moved and panel.sliders["shift_x"].value() == 3
    panel.reset_button.click()
    assert state.transform.is_identity
    window.undo_action.trigger()  # the reset is undone too
    assert state.transform == moved
