"""The preprocessing tiles show the network's input pixel for pixel (offscreen)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from explainer.gui.canvas import array_to_image
from explainer.gui.preprocess_view import ImageTile, grey_rgb32_image


def test_the_rgb32_tile_image_has_the_greys_of_the_grayscale8_one(qapp) -> None:
    values = np.random.default_rng(3).random((32, 32)).astype(np.float32)
    values[0, :3] = (0.0, 1.0, 0.5)
    fast = grey_rgb32_image(values)
    assert fast.format() == QImage.Format.Format_RGB32
    reference = array_to_image(values).convertToFormat(QImage.Format.Format_RGB32)
    assert fast == reference


def test_a_tile_paints_one_square_per_pixel_of_its_array(qtbot) -> None:
    values = np.random.default_rng(4).random((32, 32)).astype(np.float32)
    tile = ImageTile()
    qtbot.addWidget(tile)
    tile.set_array(values)
    shot = tile.grab().toImage()
    rect = tile.image_rect()
    side = rect.width() / 32
    expected = np.clip(values * 255 + 0.5, 0, 255).astype(int)
    for row, col in [(0, 5), (5, 0), (16, 16), (31, 30), (12, 27)]:
        pixel = shot.pixelColor(
            int(rect.x() + (col + 0.5) * side), int(rect.y() + (row + 0.5) * side)
        )
        assert (pixel.red(), pixel.green(), pixel.blue()) == (expected[row, col],) * 3


def test_a_tile_follows_each_new_array_and_fills_the_margin_of_a_tall_one(qtbot) -> None:
    """The next array of the same shape, and one of another shape, must both show (the
    image is made again for each); beside a tall array the tile shows the window colour."""
    tile = ImageTile()
    qtbot.addWidget(tile)
    rng = np.random.default_rng(5)
    for shape in [(32, 32), (32, 32), (28, 28), (40, 10)]:
        values = rng.random(shape).astype(np.float32)
        tile.set_array(values)
        shot = tile.grab().toImage()
        rect = tile.image_rect()
        side = rect.width() / shape[1]
        expected = np.clip(values * 255 + 0.5, 0, 255).astype(int)
        for row, col in [(0, 0), (shape[0] - 1, shape[1] - 1), (shape[0] // 2, shape[1] // 3)]:
            pixel = shot.pixelColor(
                int(rect.x() + (col + 0.5) * side), int(rect.y() + (row + 0.5) * side)
            )
            assert (pixel.red(), pixel.green(), pixel.blue()) == (expected[row, col],) * 3
    assert rect.x() > 4  # 40×10: margins left and right
    assert shot.pixelColor(1, shot.height() // 2) == tile.palette().window().color()
    assert tile.image() is not None and tile.image().size().width() == 10
