"""Moving the digit (what-if experiments): shift, rotation, scale, stroke thickness and noise,
applied to the preprocessed field that the network reads, after the MNIST recipe.

The course's point: convolution is shift-equivariant (a digit moved by whole pixels moves every
conv map by the same pixels), pooling adds a little invariance, and the preprocessing's
re-centring hides all of it. So a `DigitTransform` has a `recentre` switch: on, the moved digit's
centre of mass is put back by whole pixels where it was before moving, as the preprocessing puts
every drawing in the middle (a shift then does nothing at all); off, shifting really shifts.

The steps, in order, on the input_size × input_size field ([0, 1], ink = 1; the 28×28 digit
zero-padded to 32×32 for the default network, whose 6-pixel margins take a 6-pixel shift):

1. stroke thickness: grey-level dilation (thicker) or erosion (thinner) with the 3×3 cross,
   once per pixel, a fractional amount blending two whole ones, so the slider moves smoothly;
2. rotation (degrees, counter-clockwise on screen) and scale about the digit's centre of mass,
   and the shift (pixels; x to the right, y down), in one bilinear resampling;
3. re-centring (when on): the centre of mass back to where it was, by whole pixels;
4. noise: a fixed field of Gaussian noise (one seed, so the picture does not flicker while a
   slider moves), times the amount, added; then everything is clipped to [0, 1].

The resampling is torch's own `affine_grid` + `grid_sample` (bilinear, zeros outside), the
primitive torchvision's `affine` is built on: importing torchvision costs ~1.5 s more on the
first slider move, for the same numbers (tests/test_whatif.py checks them against
torchvision.transforms.v2.functional.affine).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from explainer.core.errors import ExplainerError

if TYPE_CHECKING:
    from explainer.core.config import ModelConfig
    from explainer.core.preprocess import Preprocessed

SHIFT_LIMIT = 6.0  # pixels, each way
ROTATION_LIMIT = 30.0  # degrees, each way
SCALE_RANGE = (0.7, 1.3)
THICKNESS_RANGE = (-1.0, 2.0)  # pixels added to each side of a stroke (negative: thinner)
NOISE_RANGE = (0.0, 0.5)  # standard deviation, in units of full ink
NOISE_SEED = 20240612


@dataclass(frozen=True)
class DigitTransform:
    """How the digit is moved; the default moves nothing (`is_identity`)."""

    shift_x: float = 0.0  # pixels, to the right
    shift_y: float = 0.0  # pixels, down
    rotation: float = 0.0  # degrees, counter-clockwise
    scale: float = 1.0
    thickness: float = 0.0  # pixels per side
    noise: float = 0.0  # standard deviation of the added noise
    recentre: bool = True  # put the centre of mass back, as the preprocessing does

    def __post_init__(self) -> None:
        for name, low, high in (
            ("shift_x", -SHIFT_LIMIT, SHIFT_LIMIT),
            ("shift_y", -SHIFT_LIMIT, SHIFT_LIMIT),
            ("rotation", -ROTATION_LIMIT, ROTATION_LIMIT),
            ("scale", *SCALE_RANGE),
            ("thickness", *THICKNESS_RANGE),
            ("noise", *NOISE_RANGE),
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise ExplainerError(f"the digit's {name} must be a number, found {value!r}")
            value = float(value)
            if not (math.isfinite(value) and low - 1e-9 <= value <= high + 1e-9):
                raise ExplainerError(
                    f"the digit's {name} must be between {low:g} and {high:g}, found {value:g}"
                )
            object.__setattr__(self, name, min(max(value, low), high))
        object.__setattr__(self, "recentre", bool(self.recentre))

    @property
    def moves(self) -> bool:
        """Whether the geometry changes (anything but the re-centring switch and the noise)."""
        return (self.shift_x, self.shift_y, self.rotation, self.scale, self.thickness) != (
            0.0,
            0.0,
            0.0,
            1.0,
            0.0,
        )

    @property
    def is_identity(self) -> bool:
        """Nothing is done to the input (the re-centring switch alone changes nothing)."""
        return not self.moves and self.noise == 0.0

    def replace(self, **changes) -> DigitTransform:
        return dataclasses.replace(self, **changes)


NO_TRANSFORM = DigitTransform()


# ---- the steps -------------------------------------------------------------------------------
def _cross_step(image: np.ndarray, grow: bool) -> np.ndarray:
    """One grey-level dilation (max) or erosion (min) with the 3×3 cross (zeros outside)."""
    framed = np.pad(image, 1)
    rows, cols = image.shape
    pick = np.maximum if grow else np.minimum
    out = image.copy()
    for dr, dc in ((0, 1), (2, 1), (1, 0), (1, 2)):
        pick(out, framed[dr : dr + rows, dc : dc + cols], out=out)
    return out


def change_thickness(image: np.ndarray, amount: float) -> np.ndarray:
    """Strokes thicker (amount > 0) or thinner (< 0) by about `amount` pixels per side."""
    if amount == 0:
        return image.copy()
    grow = amount > 0
    steps = abs(amount)
    whole = math.floor(steps)
    lower = image.copy()
    for _ in range(whole):
        lower = _cross_step(lower, grow)
    fraction = steps - whole
    if fraction == 0:
        return lower
    upper = _cross_step(lower, grow)
    return ((1.0 - fraction) * lower + fraction * upper).astype(np.float32)


def ink_centre(image: np.ndarray) -> tuple[float, float] | None:
    """(row, col) centre of mass in 0-indexed pixel coordinates; None without ink."""
    total = float(image.sum(dtype=np.float64))
    if total <= 1e-12:
        return None
    rows = float(image.sum(axis=1, dtype=np.float64) @ np.arange(image.shape[0]))
    cols = float(image.sum(axis=0, dtype=np.float64) @ np.arange(image.shape[1]))
    return rows / total, cols / total


def affine(
    image: np.ndarray,
    shift: tuple[float, float] = (0.0, 0.0),
    rotation: float = 0.0,
    scale: float = 1.0,
    centre: tuple[float, float] | None = None,
) -> np.ndarray:
    """`image` (rows × cols) rotated by `rotation` degrees counter-clockwise and scaled about
    `centre` ((row, col), pixel coordinates; default the middle of the image), then shifted by
    `shift` = (x right, y down) pixels; bilinear, zeros outside."""
    import torch
    import torch.nn.functional as F

    rows, cols = image.shape
    if centre is None:
        centre = ((rows - 1) / 2, (cols - 1) / 2)
    angle = math.radians(rotation)
    cos, sin = math.cos(angle), math.sin(angle)
    # Forward map (x right, y down, counter-clockwise on screen): p' = c + s·R·(p - c) + t,
    # R = [[cos, sin], [-sin, cos]]; grid_sample wants the inverse, in coordinates normalised to
    # [-1, 1] over the pixels' outer edges (align_corners=False): u = (x - b) / a.
    inverse = np.array([[cos, -sin], [sin, cos]]) / scale
    a = np.array([cols / 2, rows / 2])
    b = np.array([(cols - 1) / 2, (rows - 1) / 2])
    c = np.array([centre[1], centre[0]])
    t = np.array(shift, dtype=np.float64)
    offset = ((c - b) - inverse @ (c - b + t)) / a
    theta = np.zeros((1, 2, 3))
    # Normalised x is scaled by a_x, y by a_y: the linear part in normalised units.
    theta[0, :, :2] = inverse * np.array([[1.0, a[1] / a[0]], [a[0] / a[1], 1.0]])
    theta[0, :, 2] = offset
    with torch.inference_mode():
        source = torch.from_numpy(np.ascontiguousarray(image, dtype=np.float32))[None, None]
        grid = F.affine_grid(
            torch.from_numpy(theta).float(), [1, 1, rows, cols], align_corners=False
        )
        moved = F.grid_sample(
            source, grid, mode="bilinear", padding_mode="zeros", align_corners=False
        )
    return moved[0, 0].numpy().copy()


def shift_whole_pixels(image: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """`image` moved by whole pixels (down, right), zeros where nothing comes in."""
    out = np.zeros_like(image)
    height, width = image.shape
    if abs(rows) >= height or abs(cols) >= width:
        return out
    src_r = slice(max(0, -rows), height - max(0, rows))
    src_c = slice(max(0, -cols), width - max(0, cols))
    dst_r = slice(max(0, rows), height - max(0, -rows))
    dst_c = slice(max(0, cols), width - max(0, -cols))
    out[dst_r, dst_c] = image[src_r, src_c]
    return out


@functools.lru_cache(maxsize=8)
def noise_field(rows: int, cols: int, seed: int = NOISE_SEED) -> np.ndarray:
    """A fixed field of standard-normal noise (the same for every call: no flicker)."""
    field = np.random.default_rng(seed).standard_normal((rows, cols)).astype(np.float32)
    field.flags.writeable = False
    return field


def move_digit(image: np.ndarray, transform: DigitTransform) -> np.ndarray:
    """The field `image` (rows × cols, [0, 1], ink = 1) with `transform` applied: finite,
    float32, in [0, 1]. The identity returns an equal copy."""
    image = np.asarray(image, dtype=np.float32)
    if image.ndim != 2:
        raise ExplainerError(f"expected a 2-D image to move, found shape {image.shape}")
    if transform.is_identity:
        return image.copy()
    centre = ink_centre(image)
    moved = image
    if transform.moves and centre is not None:
        moved = change_thickness(moved, transform.thickness)
        if (transform.shift_x, transform.shift_y, transform.rotation, transform.scale) != (
            0.0,
            0.0,
            0.0,
            1.0,
        ):
            moved = affine(
                moved,
                (transform.shift_x, transform.shift_y),
                transform.rotation,
                transform.scale,
                centre,
            )
        np.clip(moved, 0.0, 1.0, out=moved)
        if transform.recentre:
            now = ink_centre(moved)
            if now is not None:
                moved = shift_whole_pixels(
                    moved, round(centre[0] - now[0]), round(centre[1] - now[1])
                )
    else:
        moved = image.copy()
    if transform.noise > 0:
        moved = moved + np.float32(transform.noise) * noise_field(*image.shape)
    return np.clip(moved, 0.0, 1.0).astype(np.float32, copy=False)


def move_preprocessed(
    preprocessed: Preprocessed, transform: DigitTransform, config: ModelConfig
) -> Preprocessed:
    """A Preprocessed (core/preprocess.py) whose network input is its field moved by
    `transform`; the same object for the identity."""
    from explainer.core.preprocess import with_field

    if transform.is_identity:
        return preprocessed
    return with_field(preprocessed, move_digit(preprocessed.padded, transform), config)


_FIELDS = ("shift_x", "shift_y", "rotation", "scale", "thickness", "noise")
_SWITCH = {"on": True, "off": False, "true": True, "false": False, "1": True, "0": False}


def parse_transform(text: str) -> DigitTransform:
    """'shift_x=3,shift_y=-2,rotation=10,scale=1.1,thickness=0.5,noise=0.2,recentre=off' →
    a DigitTransform (fields left out keep their defaults; the command line's --move)."""
    values: dict[str, float | bool] = {}
    for item in text.split(","):
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not item.strip():
            continue
        if not sep or name not in (*_FIELDS, "recentre"):
            raise ExplainerError(
                f"expected NAME=VALUE with NAME one of {', '.join(_FIELDS)} or recentre, "
                f"found {item.strip()!r}"
            )
        if name == "recentre":
            if value.lower() not in _SWITCH:
                raise ExplainerError(f"recentre must be on or off, found {value!r}")
            values[name] = _SWITCH[value.lower()]
            continue
        try:
            values[name] = float(value)
        except ValueError:
            raise ExplainerError(f"the digit's {name} must be a number, found {value!r}") from None
    return DigitTransform(**values)
