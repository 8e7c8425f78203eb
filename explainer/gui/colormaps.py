"""The colour maps of the panels, as cached lookup tables from pyqtgraph's bundled tables.

- Weights: CET-D1, a blue–white–red diverging map (colour-blind safe: blue and red stay apart
  for the common red–green deficiencies), always with symmetric limits (-m, +m). Its table has
  an ODD number of entries so that a weight of exactly 0 lands on the centre (white) entry.
- Activations: viridis (sequential, perceptually uniform, colour-blind safe).
- The network input: a grey ramp (CET-L1), so the digit looks like the drawing.
- Attribution maps (the Why panel): signed maps on the weights' diverging map, centred at 0;
  non-negative ones on CET-L18, a sequential white–yellow–red ramp whose lightness falls
  monotonically (readable with every common colour-vision deficiency), so that 0 is white in
  both and the drawing shows through where a map says nothing.

A value v with limits (lo, hi) gets table entry ``trunc((v - lo) · n / (hi - lo))`` clipped
to [0, n-1] — the rule pyqtgraph's ImageItem uses too. `lut_index` is the reference (float64)
version, `colour_indices` the per-frame one; the panels draw `argb_table` words directly.
"""

from __future__ import annotations

import functools

import numpy as np
import pyqtgraph as pg

WEIGHT_MAP = "CET-D1"
ACTIVATION_MAP = "viridis"
INPUT_MAP = "CET-L1"
SIGNED_ATTRIBUTION_MAP = WEIGHT_MAP
POSITIVE_ATTRIBUTION_MAP = "CET-L18"

# 255 entries for the diverging map: index 127 is its exact centre.
LUT_SIZES = {WEIGHT_MAP: 255}
DEFAULT_LUT_SIZE = 256


@functools.cache
def colormap(name: str) -> pg.ColorMap:
    return pg.colormap.get(name)


@functools.cache
def lookup_table(name: str) -> np.ndarray:
    """(n, 4) uint8 RGBA table; cached, never modify it."""
    table = colormap(name).getLookupTable(
        nPts=LUT_SIZES.get(name, DEFAULT_LUT_SIZE), alpha=True, mode=pg.ColorMap.BYTE
    )
    table = np.ascontiguousarray(table, dtype=np.uint8)
    table.flags.writeable = False
    return table


@functools.cache
def argb_table(name: str) -> np.ndarray:
    """The table as 0xAARRGGBB uint32 words (QImage.Format_RGB32 pixels); cached, read-only."""
    table = lookup_table(name).astype(np.uint32)
    words = (0xFF << 24) | (table[:, 0] << 16) | (table[:, 1] << 8) | table[:, 2]
    words = words.astype(np.uint32)
    words.flags.writeable = False
    return words


def colour_indices(values: np.ndarray, levels: tuple[float, float], size: int) -> np.ndarray:
    """`lut_index` for the per-frame path: float32, flat, NaN shown as the lowest colour.

    fmax/fmin rather than clip + nan_to_num: they pass the bound where a value is NaN, so one
    pass less over the array; uint8 indices (every table has at most 256 entries) make the
    table look-up that follows cheaper than intp ones."""
    lo, hi = levels
    span = (hi - lo) or 1.0
    scaled = np.subtract(values.ravel(), np.float32(lo), dtype=np.float32)
    scaled *= np.float32(size / span)
    np.fmax(scaled, 0, out=scaled)  # NaN → 0
    np.fmin(scaled, size - 1, out=scaled)
    return scaled.astype(np.uint8 if size <= 256 else np.intp)


def lut_index(values: np.ndarray | float, levels: tuple[float, float], size: int) -> np.ndarray:
    """The table index pyqtgraph picks for each value (float32 arithmetic like its fast path
    may differ by one index exactly at a boundary)."""
    lo, hi = levels
    span = (hi - lo) or 1.0
    scaled = (np.asarray(values, dtype=np.float64) - lo) * (size / span)
    return np.clip(np.trunc(scaled), 0, size - 1).astype(np.intp)


def colours_for(values: np.ndarray | float, levels: tuple[float, float], name: str) -> np.ndarray:
    """RGBA uint8 colours of `values` under the named map and limits."""
    table = lookup_table(name)
    return table[lut_index(values, levels, len(table))]


def range_levels(values: np.ndarray) -> tuple[float, float]:
    """(min, max) of the finite values; widened by ±0.5 when they are all equal, (0, 1) when
    there are none (a map not computed yet)."""
    finite = np.asarray(values)[np.isfinite(values)]
    if finite.size == 0:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def symmetric_levels(values: np.ndarray, nice: bool = True) -> tuple[float, float]:
    """(-m, m) with m = max |finite value| (weights: white is exactly 0), rounded up to a short
    number (1, 1.2, 1.5, 2, 2.5, ... × 10^k) so the colour bar reads cleanly unless `nice` is
    off; (-1, 1) when all are 0 or none is finite."""
    from explainer.core.scales import nice_ceil

    finite = np.abs(np.asarray(values)[np.isfinite(values)])
    limit = float(finite.max()) if finite.size else 0.0
    if limit == 0.0:
        return -1.0, 1.0
    limit = nice_ceil(limit) if nice else limit
    return -limit, limit
