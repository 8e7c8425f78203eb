"""Issue 13's smaller items, seen while teaching with the app: each test fails on the code
before its fix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from gui_support import draw, open_window
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from explainer import paths
from explainer.core.units import UnitRef

MODELS = paths.models_dir()
SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.55, 0.5), (0.45, 0.8)]


@pytest.fixture
def window(qtbot):
    window = open_window(qtbot, MODELS / "default.pt")
    draw(window, SEVEN)
    window.flush_input()
    return window


def test_esc_clears_only_when_the_canvas_has_the_focus(window) -> None:
    window.training_dock.show()
    field = window.training_dock.panel.fc_sizes
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert not window.canvas.is_blank()  # Esc in a text field wiped the drawing before
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert window.canvas.is_blank()


def test_undo_says_what_it_restores_and_its_button_stays_short(window) -> None:
    window.canvas.clear()
    assert window.undo_action.text() == "&Undo: Clear"
    assert "Clear" in window.undo_action.toolTip()
    button = next(b for b in window._tool_buttons if b.defaultAction() is window.undo_action)
    assert button.text() == "Undo"
    window.canvas.undo_stack.undo()
    assert window.redo_action.text() == "&Redo: Clear"
    assert window.undo_action.text() == "&Undo: Stroke"


def test_arrow_keys_step_right_after_clicking_a_unit(window, qtbot) -> None:
    window.arithmetic_dock.show()
    window.state.select(UnitRef("conv1", 0, 3, 3))
    panels = window._panels_widget
    panels.setFocus()
    QTest.keyClick(panels, Qt.Key.Key_Right)
    assert window.state.selection == UnitRef("conv1", 0, 3, 4)
    QTest.keyClick(panels, Qt.Key.Key_Left)
    QTest.keyClick(panels, Qt.Key.Key_Left)
    assert window.state.selection == UnitRef("conv1", 0, 3, 2)


def test_a_fashion_model_offers_no_digit_samples_and_says_what_to_draw(qtbot) -> None:
    window = open_window(qtbot, MODELS / "fashion.pt")
    assert not window.samples_menu.isEnabled()
    assert "digits" in window.samples_menu.toolTip()
    hint = window.drawing_hint.text()
    assert "digit" not in hint and "T-shirt/top" in hint
    with qtbot.waitSignal(window.model_ready, timeout=30_000):
        window.load_checkpoint(MODELS / "default.pt")
    assert window.samples_menu.isEnabled() and "digit" in window.drawing_hint.text()


@pytest.mark.skipif(
    not Path("/usr/share/datasets/fashion-mnist").is_dir(), reason="no Fashion-MNIST"
)
def test_evaluating_a_digit_model_on_fashion_warns_that_the_classes_differ(window, qtbot) -> None:
    dialog = window.checkpoint_features.show_evaluation()
    qtbot.addWidget(dialog)
    dialog.set_dataset("fashion")
    with qtbot.waitSignal(dialog.evaluationFinished, timeout=120_000):
        dialog.start()
    assert "Warning" in dialog.summary.text() and "T-shirt/top" in dialog.summary.text()
    dialog.set_dataset("mnist")
    with qtbot.waitSignal(dialog.evaluationFinished, timeout=120_000):
        dialog.start()
    assert "Warning" not in dialog.summary.text()


def test_after_clear_the_dock_no_longer_shows_the_old_digit(window) -> None:
    dock = window.arithmetic_dock
    dock.show()
    window.state.select(UnitRef("conv1", 0, 5, 5))
    view = dock.view
    assert view.input_map.isVisible() and view.output_map.isVisible()
    window.canvas.clear()
    window.flush_input()
    assert not view.input_map.isVisible() and not view.output_map.isVisible()
    assert view.result is None


def test_the_window_fits_a_1280_by_720_screen(qtbot, monkeypatch) -> None:
    from explainer.gui import main_window

    class Screen:
        def availableGeometry(self):  # noqa: N802 - Qt API
            return QRect(0, 0, 1280, 690)  # a projector's 720 rows less the desktop's panel

    monkeypatch.setattr(QGuiApplication, "primaryScreen", staticmethod(lambda: Screen()))
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    assert main_window._fitting_size(1280, 800) == (1280, 690)
    assert main_window._fitting_size(1000, 600) == (1000, 600)
    assert np.all(np.array(main_window._fitting_size(1280, 800)) <= (1280, 720))


def test_narrow_colour_bars_say_both_limits_in_one_label(qtbot) -> None:
    """classic.pt's fc1 / fc2 strips: "-1.7" and "1.7" used to print on top of each other."""
    from explainer.gui.network.rendering import tick_label

    window = open_window(qtbot, MODELS / "classic.pt")
    window.resize(1280, 720)
    qtbot.wait(50)
    for name in ("fc1", "fc2"):
        panel = window.network_view.panel(name)
        lo, hi = panel.colorbar_levels
        assert lo == -hi  # scaled tanh: symmetric
        ticks = panel.colorbar.getAxis("bottom")._tickLevels[0]
        assert ticks == [(0.0, "±" + tick_label(hi))]
    wide = window.network_view.panel("logits").colorbar.getAxis("bottom")._tickLevels[0]
    assert len(wide) == 2  # room for both ends: two labels


def test_the_dock_explains_the_normalised_input_values(window) -> None:
    """conv1's patch shows 2.8 and −0.42, not 0..1: the dock says why (issue 13.5)."""
    from explainer.gui.numbers import number

    assert window.load_sample(7)
    window.flush_input()
    window.arithmetic_dock.show()
    window.state.select(UnitRef("conv1", 0, 10, 10))
    page = window.arithmetic_dock.view.conv_page
    hint = page.normalisation_hint
    assert not hint.isHidden()
    paper = float(window.state.trace["input"][0, 0, 0])  # a corner of the padded input
    config = window.state.model.config
    assert paper == pytest.approx((0 - config.norm_mean) / config.norm_std, abs=1e-6)
    assert number(paper) in hint.text() and number(config.norm_std) in hint.text()
    window.state.select(UnitRef("conv2", 0, 3, 3))  # reads pool1: nothing to explain
    assert hint.isHidden()
