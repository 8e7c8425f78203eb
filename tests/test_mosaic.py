import numpy as np
import pytest

from explainer.core.errors import ShapeError
from explainer.core.mosaic import Mosaic, grid_columns, strip

CASES = [
    # (channels, tile size, grid columns)
    (1, 32, 1),
    (6, 28, 2),
    (6, 14, 3),
    (16, 10, 2),
    (16, 5, 4),
    (8, 7, 3),  # ragged last row: 3 + 3 + 2
    (4, 28, 1),
    (12, 10, 5),  # ragged: 5 + 5 + 2
    (96, 5, 6),  # conv2's 16×6 filter grid
]


@pytest.mark.parametrize(("channels", "size", "cols"), CASES)
def test_tiles_hold_their_channel_and_gaps_are_nan(channels, size, cols):
    rng = np.random.default_rng(channels * 100 + size)
    maps = rng.normal(size=(channels, size, size)).astype(np.float32)
    mosaic = Mosaic(channels, size, size, cols)
    image = mosaic.fill(maps)
    assert (
        image.shape
        == mosaic.shape
        == (
            -(-channels // cols) * (size + 1) - 1,
            min(cols, channels) * (size + 1) - 1,
        )
    )
    for channel in range(channels):
        row0, col0, row1, col1 = mosaic.tile_rect(channel)
        np.testing.assert_array_equal(image[row0:row1, col0:col1], maps[channel])
    # Every value appears exactly once; every other pixel is a NaN gap.
    assert np.count_nonzero(~np.isnan(image)) == maps.size


@pytest.mark.parametrize(("channels", "size", "cols"), CASES)
def test_pixel_to_unit_round_trip(channels, size, cols):
    maps = np.arange(channels * size * size, dtype=np.float32).reshape(channels, size, size)
    mosaic = Mosaic(channels, size, size, cols)
    image = mosaic.fill(maps)
    for row in range(mosaic.height):
        for col in range(mosaic.width):
            hit = mosaic.unit_at(row, col)
            if hit is None:
                assert np.isnan(image[row, col])
                continue
            channel, unit_row, unit_col = hit
            assert image[row, col] == maps[channel, unit_row, unit_col]
            assert mosaic.unit_rect(channel, unit_row, unit_col) == (row, col, row + 1, col + 1)
    assert mosaic.unit_at(-1, 0) is None
    assert mosaic.unit_at(0, mosaic.width) is None
    assert mosaic.unit_at(mosaic.height, 0) is None


def test_fill_reuses_the_buffer_and_keeps_gaps():
    mosaic = Mosaic(6, 28, 28, 2)
    buffer = mosaic.empty()
    first = mosaic.fill(np.ones((6, 28, 28), np.float32), buffer)
    second = mosaic.fill(np.full((6, 28, 28), 2.0, np.float32), buffer)
    assert first is buffer and second is buffer
    assert set(np.unique(buffer[~np.isnan(buffer)])) == {2.0}
    assert np.isnan(buffer[28, :]).all()  # the gap row between grid rows


def test_box_rect_and_empty_grid_cell():
    mosaic = Mosaic(6, 14, 14, 4)  # 4 + 2: cells 6 and 7 of the second row are empty
    assert mosaic.tile_origin(5) == (15, 15)
    assert mosaic.box_rect(5, (2, 3, 4, 7)) == (17, 18, 19, 22)
    assert mosaic.unit_at(15, 2 * 15) is None
    with pytest.raises(ShapeError):
        mosaic.tile_rect(6)


def test_strip_is_one_column_of_units():
    fc = strip(120)
    values = np.linspace(-1, 1, 120, dtype=np.float32)
    image = fc.fill(values)
    assert image.shape == (120, 1)
    np.testing.assert_array_equal(image[:, 0], values)
    assert fc.unit_at(37, 0) == (37, 0, 0)


def test_wrong_number_of_values_is_a_shape_error():
    with pytest.raises(ShapeError, match="needs 4704 values, found shape"):
        Mosaic(6, 28, 28, 2).fill(np.zeros((6, 27, 28), np.float32))
    with pytest.raises(ShapeError):
        Mosaic(0, 5, 5, 1)


def test_grid_columns_prefer_full_rows_and_tall_shapes():
    assert grid_columns(16, 10, 10) in (1, 2, 4, 8, 16)
    assert grid_columns(6, 28, 28) == 2
    assert grid_columns(1, 32, 32) == 1
    # A prime count has only trivial divisors, so any column count may win.
    cols = grid_columns(7, 5, 5, aspect=1.0)
    assert 2 <= cols <= 4
