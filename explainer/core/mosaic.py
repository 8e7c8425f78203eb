"""Tile a layer's maps into one image, and map mosaic pixels back to units (Qt-free).

The panels draw each layer as ONE image (one pyqtgraph ImageItem per layer is several times
faster than one per map). A `Mosaic` knows where every value of a layer lands in that image, so
that filling it for a new trace is a single `np.put` with precomputed indices, and it answers the
two questions the linking needs: which unit is under this mosaic pixel, and which mosaic
rectangle shows this unit (or tile).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from explainer.core.errors import ShapeError

Rect = tuple[int, int, int, int]  # (row0, col0, row1, col1) in mosaic pixels, end-exclusive


@dataclass(frozen=True)
class Mosaic:
    """`n_tiles` tiles of `tile_rows`×`tile_cols` pixels, `grid_cols` tiles per mosaic row,
    separated by `gap` pixels. Tiles are placed row by row: tile t sits at grid cell
    (t // grid_cols, t % grid_cols). Gap pixels hold NaN (drawn transparent by pyqtgraph)."""

    n_tiles: int
    tile_rows: int
    tile_cols: int
    grid_cols: int
    gap: int = 1
    # Flat index into the mosaic of every value of the source array (C-order over
    # (tile, row, col)), built once so that filling is one np.put.
    _destination: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if min(self.n_tiles, self.tile_rows, self.tile_cols, self.grid_cols) <= 0 or self.gap < 0:
            raise ShapeError(
                "a mosaic needs positive tile count, tile size and grid columns and gap ≥ 0, "
                f"found {self.n_tiles} tiles of {self.tile_rows}×{self.tile_cols}, "
                f"{self.grid_cols} columns, gap {self.gap}"
            )
        tiles = np.arange(self.n_tiles)
        top = (tiles // self.grid_cols) * (self.tile_rows + self.gap)
        left = (tiles % self.grid_cols) * (self.tile_cols + self.gap)
        rows = top[:, None, None] + np.arange(self.tile_rows)[None, :, None]
        cols = left[:, None, None] + np.arange(self.tile_cols)[None, None, :]
        destination = (rows * self.width + cols).astype(np.intp).ravel()
        destination.flags.writeable = False
        object.__setattr__(self, "_destination", destination)

    # ---- geometry -----------------------------------------------------------------------
    @property
    def grid_rows(self) -> int:
        return math.ceil(self.n_tiles / self.grid_cols)

    @property
    def used_grid_cols(self) -> int:
        return min(self.grid_cols, self.n_tiles)

    @property
    def height(self) -> int:
        return self.grid_rows * (self.tile_rows + self.gap) - self.gap

    @property
    def width(self) -> int:
        return self.used_grid_cols * (self.tile_cols + self.gap) - self.gap

    @property
    def shape(self) -> tuple[int, int]:
        return (self.height, self.width)

    @property
    def size(self) -> int:
        """How many values the mosaic shows (n_tiles · tile_rows · tile_cols)."""
        return self.n_tiles * self.tile_rows * self.tile_cols

    @property
    def source_shape(self) -> tuple[int, int, int]:
        return (self.n_tiles, self.tile_rows, self.tile_cols)

    def tile_origin(self, tile: int) -> tuple[int, int]:
        """(row, col) of the tile's top-left pixel."""
        self._check_tile(tile)
        grid_row, grid_col = divmod(tile, self.grid_cols)
        return grid_row * (self.tile_rows + self.gap), grid_col * (self.tile_cols + self.gap)

    def _check_tile(self, tile: int) -> None:
        if not 0 <= tile < self.n_tiles:
            raise ShapeError(f"tile {tile} is outside this mosaic of {self.n_tiles} tiles")

    def tile_rect(self, tile: int) -> Rect:
        row0, col0 = self.tile_origin(tile)
        return row0, col0, row0 + self.tile_rows, col0 + self.tile_cols

    def box_rect(self, tile: int, box: Rect) -> Rect:
        """A (row0, col0, row1, col1) box inside one tile, in mosaic pixels."""
        row0, col0 = self.tile_origin(tile)
        return row0 + box[0], col0 + box[1], row0 + box[2], col0 + box[3]

    def unit_rect(self, tile: int, row: int, col: int) -> Rect:
        return self.box_rect(tile, (row, col, row + 1, col + 1))

    def unit_at(self, row: int, col: int) -> tuple[int, int, int] | None:
        """(tile, row in tile, col in tile) under a mosaic pixel; None on gaps or outside."""
        if not (0 <= row < self.height and 0 <= col < self.width):
            return None
        grid_row, tile_row = divmod(row, self.tile_rows + self.gap)
        grid_col, tile_col = divmod(col, self.tile_cols + self.gap)
        if tile_row >= self.tile_rows or tile_col >= self.tile_cols:
            return None
        tile = grid_row * self.grid_cols + grid_col
        if tile >= self.n_tiles:
            return None
        return tile, tile_row, tile_col

    # ---- pixels -------------------------------------------------------------------------
    @property
    def destination(self) -> np.ndarray:
        """Flat mosaic index of each source value in (tile, row, col) order (read-only)."""
        return self._destination

    def empty(self) -> np.ndarray:
        """A mosaic buffer: NaN everywhere (gaps stay NaN forever)."""
        return np.full(self.shape, np.nan, dtype=np.float32)

    def fill(self, values: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Write `values` (anything with n_tiles·tile_rows·tile_cols elements in
        (tile, row, col) order) into `out` (made with `empty()`), and return it."""
        if out is None:
            out = self.empty()
        if values.size != self._destination.size:
            raise ShapeError(
                f"mosaic of {self.n_tiles}×{self.tile_rows}×{self.tile_cols} needs "
                f"{self._destination.size} values, found shape {tuple(values.shape)}"
            )
        np.put(out, self._destination, values)
        return out


def grid_columns(n_tiles: int, tile_rows: int, tile_cols: int, aspect: float = 0.45) -> int:
    """Columns that make the mosaic closest to width/height = `aspect` (tall panels suit a
    left-to-right layout). Divisors of n_tiles win (no ragged last row) unless there are
    only the trivial ones."""
    divisors = [c for c in range(1, n_tiles + 1) if n_tiles % c == 0]
    candidates = divisors if len(divisors) > 2 or n_tiles <= 3 else range(1, n_tiles + 1)
    best, best_error = 1, math.inf
    for cols in candidates:
        rows = math.ceil(n_tiles / cols)
        ratio = (cols * (tile_cols + 1)) / (rows * (tile_rows + 1))
        error = abs(math.log(ratio / aspect))
        if error < best_error - 1e-9:
            best, best_error = cols, error
    return best


def strip(length: int) -> Mosaic:
    """A vertical strip of `length` one-pixel units (fully connected layers)."""
    return Mosaic(n_tiles=length, tile_rows=1, tile_cols=1, grid_cols=1, gap=0)
