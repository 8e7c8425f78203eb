"""Colour-bar scales: short round limits, and the input's fixed range (pure numbers, no torch).

A separate module from levels.py (which runs the model over reference digits) so that views may
use these without reaching the computing core.
"""

from __future__ import annotations

import math

from explainer.core.config import ModelConfig

Levels = tuple[float, float]


def nice_ceil(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ value (value > 0)."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = step * 10.0**exponent
        if candidate >= value * (1 - 1e-9):
            return float(f"{candidate:.6g}")
    return 10.0 ** (exponent + 1)


def nice_signed(value: float) -> float:
    """nice_ceil away from zero, keeping the sign."""
    return nice_ceil(value) if value > 0 else (-nice_ceil(-value) if value < 0 else 0.0)


def input_levels(config: ModelConfig) -> Levels:
    """The normalised values of blank paper and of full ink: what a drawing can produce."""
    lo, hi = sorted((float(config.normalize(0.0)), float(config.normalize(1.0))))
    return lo, hi
