"""The convolution playground (offscreen): sizes, "does not fit", output against torch, presets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 (the usual torch alias)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from explainer.gui.playground import LEFT_OVER_COLOUR, PlaygroundDialog
from explainer.presets import PresetError, load_preset, presets_dir, shipped_presets


@pytest.fixture
def playground(qtbot) -> PlaygroundDialog:
    dialog = PlaygroundDialog(show_dialogs=False)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def torch_conv(dialog: PlaygroundDialog) -> np.ndarray:
    out = F.conv2d(
        torch.tensor(dialog.inputs[None]),
        torch.tensor(dialog.kernels),
        torch.tensor(dialog.bias),
        stride=dialog.stride,
        padding=dialog.padding,
    )
    return out[0].numpy()


def shown_output(dialog: PlaygroundDialog) -> np.ndarray:
    """The output as the output grids show it (their cells' numbers)."""
    return np.stack([grid.values() for grid in dialog.output_grids])


def test_a_stride_that_does_not_fit_is_flagged_in_red(playground: PlaygroundDialog) -> None:
    playground.set_sizes(7, 3, 3, 0)
    text = playground.fit_label.text()
    assert "does not fit" in text and "2.33" in text
    assert playground.fit_label.isVisible()
    assert "color: #b00020" in playground.fit_label.styleSheet()
    assert "(7 + 2·0 − 3)/3 + 1 = 2.33" in playground.size_label.text()
    assert playground.output is None and playground.output_grids == []
    # The parameter count does not depend on the fit.
    assert "(3·3·1 + 1)·1 = 10" in playground.params_label.text()
    # The last row and column are left over: no window reaches them (pink).
    grid = playground.input_grids[0]
    colour = lambda r, c: grid.item(r, c).background().color().name()  # noqa: E731
    assert colour(6, 0) == colour(0, 6) == LEFT_OVER_COLOUR.name() != colour(5, 5)
    # Fixing the stride brings the output back.
    playground.s_spin.setValue(2)
    assert playground.fit_label.text() == "" and playground.output is not None
    assert playground.output.shape == (1, 3, 3)


def test_the_strides_it_suggests_are_strides_the_spin_box_offers(
    playground: PlaygroundDialog,
) -> None:
    # (10 + 2·0 − 1)/2 + 1 = 5.5: 1, 3 and 9 divide 9, and the stride box stops at 6.
    playground.set_sizes(10, 1, 2, 0)
    text = playground.fit_label.text()
    assert "stride 2 does not fit" in text
    suggested = [int(d) for d in re.search(r"strides that fit: ([\d, ]+);", text)[1].split(",")]
    assert suggested == [1, 3]
    # 1×1 windows at 0, 2, 4, 6, 8: the odd rows and columns are left over, not only the last.
    grid = playground.input_grids[0]
    pink = [i for i in range(10) if grid.item(i, 0).background().color() == LEFT_OVER_COLOUR]
    assert pink == [1, 3, 5, 7, 9]
    assert grid.item(0, 2).background().color() != LEFT_OVER_COLOUR
    assert max(suggested) <= playground.s_spin.maximum() < 9
    playground.s_spin.setValue(suggested[-1])  # taking the advice fits
    assert playground.output is not None and playground.output.shape == (1, 4, 4)


def test_a_valid_configuration_equals_torch_conv2d(playground: PlaygroundDialog) -> None:
    playground.set_sizes(5, 3, 2, 1, 2, 3)
    playground.fill_random()
    assert playground.output is not None and playground.output.shape == (3, 3, 3)
    expected = torch_conv(playground)
    np.testing.assert_allclose(playground.output, expected, atol=1e-5)
    np.testing.assert_allclose(shown_output(playground), expected, atol=1e-4)  # 4 decimals
    assert "(5 + 2·1 − 3)/2 + 1 = 3" in playground.size_label.text()
    assert "3×3×3" in playground.size_label.text()
    assert "(3·3·2 + 1)·3 = 57" in playground.params_label.text()
    # Random integers in the stated ranges.
    assert np.all(playground.inputs == np.round(playground.inputs))
    assert playground.inputs.min() >= 0 and playground.inputs.max() <= 9
    assert playground.kernels.min() >= -2 and playground.kernels.max() <= 2


def test_typing_in_a_cell_updates_the_output(playground: PlaygroundDialog) -> None:
    playground.set_sizes(4, 2, 1, 0, 1, 1)
    playground.fill_zeros()
    playground.kernel_grids[0][0].item(0, 0).setText("2")
    playground.input_grids[0].item(1, 2).setText("0,5")  # a decimal comma works too
    assert playground.kernels[0, 0, 0, 0] == 2 and playground.inputs[0, 1, 2] == 0.5
    np.testing.assert_allclose(playground.output, torch_conv(playground), atol=1e-6)
    assert playground.output[0, 1, 2] == pytest.approx(1.0)
    # The cell shows the number as it was read: the grid's own form, whatever was typed.
    assert playground.input_grids[0].item(1, 2).text() == "0.5"
    playground.input_grids[0].item(1, 3).setText(" 1.000 ")
    assert playground.inputs[0, 1, 3] == 1 and playground.input_grids[0].item(1, 3).text() == "1"
    for typed, shown in (("-0.00004", "-4e-05"), ("1e20", "1e+20"), ("123456", "123456")):
        playground.input_grids[0].item(2, 3).setText(typed)
        assert playground.input_grids[0].item(2, 3).text() == shown, typed
        assert playground.inputs[0, 2, 3] == float(typed)
    # Not a number: the cell keeps its value and the user is told.
    playground.input_grids[0].item(0, 0).setText("abc")
    assert playground.input_grids[0].item(0, 0).text() == "0"
    assert playground.inputs[0, 0, 0] == 0
    assert "not a number" in playground.status_label.text()
    # A number too large for a float is said to be that, not "not a number".
    playground.input_grids[0].item(0, 0).setText("1e400")
    assert playground.inputs[0, 0, 0] == 0 and playground.input_grids[0].item(0, 0).text() == "0"
    assert "“1e400” is too large for the computer's numbers" in playground.status_label.text()


def test_padding_is_shown_and_an_output_cell_explains_itself(
    playground: PlaygroundDialog,
) -> None:
    playground.set_sizes(5, 3, 2, 1)
    playground.fill_random()
    grid = playground.input_grids[0]
    assert (grid.rowCount(), grid.columnCount()) == (7, 7)  # 5 + 2·1
    editable = Qt.ItemFlag.ItemIsEditable
    assert grid.item(0, 0).text() == "0" and not grid.item(0, 0).flags() & editable
    assert grid.item(1, 1).flags() & editable
    playground.output_grids[0].cellClicked.emit(2, 1)
    assert playground.selected_output == (0, 2, 1)
    steps = playground.steps_text.toPlainText()
    assert "row 2, col 1" in steps and "stride 2, padding 1" in steps
    # The window of output (2, 1) starts at padded (4, 2); its cells are bold.
    assert grid.item(4, 2).font().bold() and grid.item(6, 4).font().bold()
    assert not grid.item(3, 2).font().bold()


def test_every_shipped_preset_loads_and_the_misfit_one_says_so(
    playground: PlaygroundDialog,
) -> None:
    presets = shipped_presets()
    assert len(presets) >= 4
    names = [p.name for p in presets]
    assert "3×3 edge detector on 5×5" in names and "2 channels, 2 filters" in names
    for index, preset in enumerate(presets):
        playground.preset_combo.setCurrentIndex(index)
        playground.preset_combo.activated.emit(index)
        assert playground.sizes[:4] == (preset.n, preset.f, preset.stride, preset.padding)
        if preset.name.startswith("does not fit"):
            assert "does not fit" in playground.fit_label.text()
        else:
            np.testing.assert_allclose(playground.output, torch_conv(playground), atol=1e-5)
    two = presets[names.index("2 channels, 2 filters")]
    assert (two.channels, two.filters) == (2, 2)


def test_presets_save_and_load_round_trip(tmp_path: Path, playground: PlaygroundDialog) -> None:
    playground.set_sizes(5, 2, 1, 1, 2, 2)
    playground.fill_random()
    playground.bias_spins[1].setValue(0.25)
    before = (playground.inputs.copy(), playground.kernels.copy(), playground.bias.copy())
    path = tmp_path / "mine.json"
    assert playground.save_preset_file(str(path), "mine")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["name"] == "mine" and data["padding"] == 1 and data["bias"][1] == 0.25
    playground.set_sizes(3, 1, 1, 0, 1, 1)
    playground.fill_zeros()
    assert playground.load_preset_file(str(path))
    np.testing.assert_array_equal(playground.inputs, before[0])
    np.testing.assert_array_equal(playground.kernels, before[1])
    np.testing.assert_array_equal(playground.bias, before[2])
    assert playground.sizes == (5, 2, 1, 1, 2, 2)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"input": [[1, 2], [3]], "kernels": [[1]]}', "rectangular"),
        ('{"input": [[1, 2], [3, 4]]}', "missing kernels"),
        ('{"input": [[[1]], [[2]]], "kernels": [[1]]}', "channel"),
        ("[1, 2, 3]", "JSON object"),
    ],
)
def test_a_corrupt_preset_shows_an_error_and_keeps_the_grids(
    tmp_path: Path, qtbot, content: str, message: str
) -> None:
    dialog = PlaygroundDialog(show_dialogs=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fill_random()
    before = (dialog.inputs.copy(), dialog.kernels.copy(), dialog.sizes)
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PresetError, match=message):
        load_preset(path)
    assert not dialog.load_preset_file(str(path))
    assert message in dialog.last_error and message in dialog.status_label.text()
    box = dialog.findChild(QMessageBox, "preset_error")
    assert box is not None and message in box.text()
    box.close()
    np.testing.assert_array_equal(dialog.inputs, before[0])
    np.testing.assert_array_equal(dialog.kernels, before[1])
    assert dialog.sizes == before[2]
    assert [g.values() for g in dialog.input_grids][0].tolist() == before[0][0].tolist()


def test_shipped_presets_are_readable_json_files() -> None:
    files = sorted(presets_dir().glob("*.json"))
    assert files
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["name"] and data.get("name_pt_BR"), path.name
        # The interface's terms (stride, padding, bias), not a second set of names for them.
        portuguese = data["name_pt_BR"] + " " + data.get("description_pt_BR", "")
        assert not re.search(r"\b(passo|preenchimento|viés)\b", portuguese), path.name


def test_an_error_goes_away_when_random_integers_replace_the_cell(
    playground: PlaygroundDialog,
) -> None:
    cell = playground.input_grids[0].item(0, 0)
    cell.setText("abc")  # not a number: the cell keeps its value and the status says so
    assert "abc" in playground.status_label.text()
    playground.fill_random()
    assert playground.status_label.text() == ""
    playground.input_grids[0].item(0, 0).setText("")  # and when the grids are made anew
    assert "is not a number" in playground.status_label.text()
    playground.n_spin.setValue(playground.n_spin.value() + 1)
    assert playground.status_label.text() == ""


def test_three_input_channels_show_every_kernel_of_a_filter(
    playground: PlaygroundDialog, qtbot
) -> None:
    playground.c_spin.setValue(3)
    playground.k_spin.setValue(3)
    playground.f_spin.setValue(3)
    qtbot.wait(50)
    for f in range(3):
        playground.kernel_tabs.setCurrentIndex(f)
        scroll = playground.kernel_tabs.currentWidget()
        for grid in playground.kernel_grids[f]:
            scroll.ensureWidgetVisible(grid)  # cut off before: no way to reach the third
            qtbot.wait(10)
            visible = grid.visibleRegion().boundingRect()
            assert visible.width() >= grid.width() - 2, (f, grid.objectName())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"input": np.ones((12, 12)).tolist()}, "N = 12, and the playground takes 1 to 10"),
        ({"padding": 50}, "P = 50, and the playground takes 0 to 3"),
        ({"stride": 9}, "S = 9, and the playground takes 1 to 6"),
    ],
)
def test_a_preset_past_the_playgrounds_sizes_is_refused_not_clamped(
    tmp_path: Path, qtbot, change: dict, message: str
) -> None:
    """A 12×12 preset loaded as N = 10 beside a 12×12 grid and an 11×11 output, padding 50
    as 3: the sizes the playground wrote contradicted its own grids."""
    dialog = PlaygroundDialog(show_dialogs=False)
    qtbot.addWidget(dialog)
    dialog.fill_random()
    before = (dialog.inputs.copy(), dialog.sizes)
    data = {"name": "big", "input": np.ones((4, 4)).tolist(), "kernels": [[[1, 0], [0, 1]]]}
    data.update(change)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert not dialog.load_preset_file(str(path))
    assert message in dialog.last_error
    np.testing.assert_array_equal(dialog.inputs, before[0])
    assert dialog.sizes == before[1]


def test_an_overflow_is_not_explained_as_a_stride_that_does_not_fit(qtbot) -> None:
    """1e300 × 1e300 said "the windows do not tile the input… the pink cells are left over",
    with no pink cell and a stride that fits."""
    from PySide6.QtWidgets import QLabel

    dialog = PlaygroundDialog(show_dialogs=False)
    qtbot.addWidget(dialog)
    dialog.set_input(np.full((3, 3), 1e300))
    dialog.set_kernels(np.full((2, 2), 1e300))
    assert dialog.output is None
    note = dialog.output_tabs.widget(0)
    assert note.objectName() == "no_output"
    assert "too large" in note.text() and "pink" not in note.text()
    dialog.set_input(np.ones((4, 4)))
    dialog.set_sizes(4, 3, 2, 0)  # (4 − 3)/2 + 1: a stride that does not fit
    note = dialog.output_tabs.widget(0)
    assert isinstance(note, QLabel) and "pink" in note.text()
