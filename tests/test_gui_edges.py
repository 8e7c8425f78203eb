"""Issue 13.3: connections from a unit to what it reads, and the selected unit's window kept on
the layer before, so that the stepper slides it in place on the overview."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from explainer.core.units import UnitRef, receptive_fields
from explainer.gui.network import edges
from tests.gui_support import window_on_sample


@pytest.fixture
def window(qtbot):
    window = window_on_sample(qtbot, 3)
    return window


def _scene(view, layer, row, col):
    panel = view.panel(layer)
    panel.view.updateMatrix()
    return panel.image.mapToScene(QPointF(col, row))


def test_a_conv2_unit_connects_to_the_corners_of_its_window_on_every_pool1_map(window):
    view = window.network_view
    unit = UnitRef("conv2", 4, 5, 6)
    window.state.select(unit)
    lines = view.connection_lines()
    assert len(lines) == 6 * 4  # six maps read, four corners each
    r0, c0, r1, c1 = receptive_fields(window.state.model.config, unit)["pool1"]
    assert (r0, c0, r1, c1) == (5, 6, 10, 11)  # a 5×5 window, stride 1
    mosaic = view.panel("pool1").mosaic
    expected = set()
    for channel in range(6):
        b0, a0, b1, a1 = mosaic.box_rect(channel, (r0, c0, r1, c1))
        for row in (b0, b1):
            for col in (a0, a1):
                p = _scene(view, "pool1", row, col)
                expected.add((round(p.x(), 3), round(p.y(), 3)))
    ends = {(round(line.p2().x(), 3), round(line.p2().y(), 3)) for line, _, _ in lines}
    assert ends == expected
    start = view.scene_pos_of("conv2", 4, 5, 6)
    assert all((line.p1() - start).manhattanLength() < 1e-6 for line, _, _ in lines)


def test_an_fc_unit_connects_to_its_strongest_incoming_weights_by_sign(window):
    view = window.network_view
    view.hover_at(view.scene_pos_of("fc1", 17))
    lines = view.connection_lines()
    weights = window.state.model.fc1.weight.detach().numpy()[17]
    strongest = np.argsort(-np.abs(weights))[: edges.STRONGEST]
    assert len(lines) == edges.STRONGEST
    mosaic = view.panel("pool2").mosaic
    for (line, colour, _width), index in zip(lines, strongest, strict=True):
        tile, row, col = np.unravel_index(index, mosaic.source_shape)
        assert (line.p2() - view.scene_pos_of("pool2", tile, row, col)).manhattanLength() < 1e-6
        sign_colour = edges.POSITIVE_COLOUR if weights[index] >= 0 else edges.NEGATIVE_COLOUR
        assert colour == sign_colour
    widths = [width for _, _, width in lines]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]


def test_stepping_slides_the_selected_window_over_the_layer_before(window):
    view = window.network_view
    window.arithmetic_dock.show()
    dock_view = window.arithmetic_dock.view
    window.state.select(UnitRef("conv1", 0, 0, 0))
    dock_view.start_run("conv1", 0)
    outlines = view.panel("input").selection_fields
    first = outlines[0].rect()
    assert first == view.panel("input").mosaic.box_rect(0, (0, 0, 5, 5))
    dock_view.stepper.step(1)
    assert window.state.selection == UnitRef("conv1", 0, 0, 1)
    assert outlines[0].rect() == view.panel("input").mosaic.box_rect(0, (0, 1, 5, 6))
    view.hover_at(QPointF(-1000, -1000))  # the mouse elsewhere: the selection's lines stay
    assert len(view.connection_lines()) == 4


def test_connections_can_be_switched_off(window):
    window.state.select(UnitRef("pool1", 2, 3, 3))
    assert len(window.network_view.connection_lines()) == 4  # one map, four corners
    window.classroom.connections_action.trigger()
    assert window.network_view.connection_lines() == []
    window.classroom.connections_action.trigger()
    assert len(window.network_view.connection_lines()) == 4
