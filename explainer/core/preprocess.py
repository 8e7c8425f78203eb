"""Canvas or photo → the network input, the way MNIST digits were made; every stage is kept.

MNIST (LeCun et al.): the ink's bounding box is scaled to fit a 20×20 box keeping its aspect
ratio (anti-aliased, hence grey levels), then placed in a 28×28 field so that its centre of mass
sits at the centre. Measured on the 5,000 real digits in data/mnist_5k.csv.gz, the centre of mass
(0-indexed pixel coordinates, intensity-weighted) lies in [13.5, 14.5] on both axes for every
digit, mean (13.99, 14.00): MNIST shifted by whole pixels towards (14, 14). We do the same, so
drawings land where the network saw its training digits, and the shift adds no blur.

The steps run on every frame while the user draws (about 0.3 ms for a 280×280 canvas), so they
stay on numpy plus one PIL resize of the small crop.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from explainer.core.config import ModelConfig
from explainer.core.errors import ImageError
from explainer.core.files import check_readable

MNIST_SIZE = 28
BOX_SIZE = 20
# Where MNIST puts the centre of mass (row, col): see the module docstring.
MNIST_CENTER = (14.0, 14.0)
# After contrast stretching (background → 0, strongest ink → 1), a pixel is ink above this.
INK_THRESHOLD = 0.05
# Below this difference between the strongest ink and the background there is no drawing at all
# (a blank canvas, an evenly lit sheet of paper), only noise.
MIN_CONTRAST = 0.1
# Background = border median + this many robust standard deviations (MAD·1.4826), so that the
# grain of a photographed sheet maps to 0 instead of into faint ink all over the crop.
NOISE_SIGMAS = 3.0
# The largest picture read (a 4000×4000 photo), from a file's header before it is decoded, or
# pasted as an array: a 0.7 MB PNG can claim 13000×13000 pixels and 7.6 GB to decode them.
MAX_IMAGE_PIXELS = 16_000_000
MAX_IMAGE_FILE_BYTES = 256 * 1024 * 1024
# ITU-R 601-2 luma, the weights PIL's convert("L") uses.
LUMA_WEIGHTS = np.array([0.299, 0.587, 0.114], dtype=np.float32)


@dataclass
class Preprocessed:
    """Every stage from the given image to the network input (arrays are float32)."""

    # The given image as grayscale [0, 1] with ink = 1 (inverted if it was dark-on-light).
    source: np.ndarray
    # True if the input was dark ink on a light background.
    inverted: bool
    # No ink found: a state the GUI shows ("no ink"), not an error.
    empty: bool
    # Ink bounding box in `source`: (row0, col0, row1, col1), end-exclusive; None when empty.
    bbox: tuple[int, int, int, int] | None
    # The contrast-stretched ink crop resized (anti-aliased) to fit 20×20 keeping its aspect
    # ratio: one side is 20. 20×20 zeros when empty.
    scaled: np.ndarray
    # 28×28 [0, 1]: `scaled` placed so its centre of mass is at MNIST_CENTER (within 0.5 px).
    mnist28: np.ndarray
    # (row, col) centre of mass of mnist28; MNIST_CENTER when empty (nothing to mark).
    center_of_mass: tuple[float, float]
    # input_size × input_size [0, 1]: mnist28 zero-padded around (28 → 32), or mnist28 itself.
    padded: np.ndarray
    # (in_channels, S, S) = config.normalize(padded), repeated over the channels.
    network_input: np.ndarray
    # Grey levels of `source` mapped to 0 (background) and 1 (strongest ink) before scaling.
    background_level: float = 0.0
    ink_level: float = 1.0


# ---- converting whatever we are given to one grayscale float image --------------------------
def _to_unit_range(array: np.ndarray) -> np.ndarray:
    """Any numeric dtype → float32 in [0, 1] (uint8 /255, uint16 /65535, floats kept or /255)."""
    if array.dtype == np.bool_:
        return array.astype(np.float32)
    if array.dtype == np.uint8:
        return array.astype(np.float32) * np.float32(1 / 255)
    if array.dtype == np.uint16:
        return array.astype(np.float32) * np.float32(1 / 65535)
    if array.dtype.kind not in "iuf":  # complex, timedelta, strings and objects are not pixels
        raise ImageError(f"expected a numeric image array, found dtype {array.dtype}")
    values = array.astype(np.float32, copy=False)
    if np.issubdtype(array.dtype, np.floating) and not np.isfinite(values).all():
        bad = int(np.count_nonzero(~np.isfinite(values)))
        raise ImageError(f"expected finite pixel values, found {bad} NaN/Inf pixel(s)")
    low, high = float(values.min()), float(values.max())
    if low < 0 or high > 255:
        raise ImageError(
            f"expected pixel values in [0, 1] or [0, 255], found values from {low:g} to {high:g}"
        )
    if high > 1.0 + 1e-6 or np.issubdtype(array.dtype, np.integer):
        return values * np.float32(1 / 255)  # a 0–255 image (e.g. MNIST rows read as numbers)
    return np.clip(values, 0.0, 1.0, dtype=np.float32)


def _composite_alpha(rgb: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Flatten transparency onto white, the way a drawing on transparent paper looks.

    Exception: when the opaque content is light (white strokes on a transparent canvas), put it on
    black, or the strokes would vanish into the white.
    """
    opacity_sum = float(alpha.sum())
    ink_luma = float((rgb * alpha).sum() / opacity_sum) if opacity_sum > 0 else 0.0
    background = 0.0 if ink_luma > 0.5 else 1.0
    return rgb * alpha + background * (1.0 - alpha)


def to_grayscale(image: np.ndarray) -> np.ndarray:
    """H×W, H×W×1, H×W×3 (RGB) or H×W×4 (RGBA) array → H×W float32 in [0, 1]."""
    if not isinstance(image, np.ndarray):
        image = np.asarray(image)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ImageError(
            "expected an image array of shape H×W (grayscale), H×W×3 (RGB) or H×W×4 (RGBA), "
            f"found shape {tuple(image.shape)}"
        )
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise ImageError(f"expected a non-empty image, found shape {tuple(image.shape)}")
    check_pixel_count(image.shape[1], image.shape[0])
    values = _to_unit_range(image)
    if values.ndim == 2:
        return np.ascontiguousarray(values, dtype=np.float32)
    luma = values[:, :, :3] @ LUMA_WEIGHTS
    if values.shape[2] == 4:
        luma = _composite_alpha(luma, values[:, :, 3])
    return np.ascontiguousarray(luma, dtype=np.float32)


# ---- the MNIST recipe ------------------------------------------------------------------------
def _border_pixels(gray: np.ndarray) -> np.ndarray:
    """The outermost ring of pixels: where a drawing's background is, whatever the ink does."""
    if gray.shape[0] <= 2 or gray.shape[1] <= 2:
        return gray.ravel()
    return np.concatenate([gray[0], gray[-1], gray[1:-1, 0], gray[1:-1, -1]])


def _background_level(border: np.ndarray) -> tuple[float, float]:
    """(level, noise): border median raised by the border's own noise (robust σ from the MAD)."""
    median = float(np.median(border))
    noise = 1.4826 * float(np.median(np.abs(border - median)))
    return median + NOISE_SIGMAS * noise, noise


def _drop_isolated_pixels(mask: np.ndarray) -> np.ndarray:
    """Keep ink pixels with at least one ink neighbour (8-connected): a lone speck of sensor noise
    far from the digit must not stretch the bounding box; a 1-px stroke still has neighbours."""
    framed = np.pad(mask, 1)
    rows, cols = mask.shape
    neighbours = np.zeros_like(mask)
    for dr in (0, 1, 2):
        for dc in (0, 1, 2):
            if (dr, dc) != (1, 1):
                neighbours |= framed[dr : dr + rows, dc : dc + cols]
    return mask & neighbours


def _ink_bbox(mask: np.ndarray) -> tuple[int, int, int, int]:
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def _resize(image: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Anti-aliased resize (PIL's triangle filter, widened when shrinking), float in, float out."""
    if image.shape == (rows, cols):
        return image.astype(np.float32, copy=True)
    resized = Image.fromarray(np.ascontiguousarray(image, dtype=np.float32), mode="F").resize(
        (cols, rows), resample=Image.Resampling.BILINEAR
    )
    return np.array(resized, dtype=np.float32)  # a writable copy


def fit_box_shape(rows: int, cols: int, box: int = BOX_SIZE) -> tuple[int, int]:
    """Shape of a rows×cols crop scaled so that its longer side is `box`, aspect ratio kept."""
    scale = box / max(rows, cols)
    return max(1, min(box, round(rows * scale))), max(1, min(box, round(cols * scale)))


def center_of_mass(image: np.ndarray) -> tuple[float, float]:
    """Intensity-weighted (row, col) centre in 0-indexed pixel coordinates."""
    total = float(image.sum(dtype=np.float64))
    if total <= 0:
        raise ImageError("centre of mass of an image without ink is undefined")
    rows = float(image.sum(axis=1, dtype=np.float64) @ np.arange(image.shape[0]))
    cols = float(image.sum(axis=0, dtype=np.float64) @ np.arange(image.shape[1]))
    return rows / total, cols / total


def _placement_offset(com: float, length: int, target: float, field: int) -> int:
    """Whole-pixel shift putting `com` nearest to `target`; kept inside the field so no ink is
    cut off (only an extreme shape, e.g. a 'T', then misses the centre by more than 0.5 px)."""
    return int(min(max(round(target - com), 0), field - length))


def fit_to_input_size(images28: np.ndarray, size: int) -> np.ndarray:
    """28×28 image(s), shape (..., 28, 28), to a network input of size×size: zero-padded around
    (28 → 32: 2 on each side; an odd difference puts the extra row below and right), or the
    whole field shrunk for a network with a smaller input. The one rule for drawings, test
    images, evaluation, training and the colour levels, so all of them feed the same pixels."""
    images28 = np.asarray(images28, dtype=np.float32)
    if size == MNIST_SIZE:
        return images28.copy()
    if size < MNIST_SIZE:
        flat = images28.reshape(-1, MNIST_SIZE, MNIST_SIZE)
        shrunk = np.stack([_resize(image, size, size) for image in flat]) if len(flat) else flat
        return shrunk.reshape(*images28.shape[:-2], size, size)
    before = (size - MNIST_SIZE) // 2
    after = size - MNIST_SIZE - before
    pad = [(0, 0)] * (images28.ndim - 2) + [(before, after), (before, after)]
    return np.pad(images28, pad)


def _network_input(padded: np.ndarray, config: ModelConfig) -> np.ndarray:
    normalized = np.asarray(config.normalize(padded), dtype=np.float32)
    return np.ascontiguousarray(np.broadcast_to(normalized, (config.in_channels, *padded.shape)))


def _is_dark_on_light(border: np.ndarray) -> bool:
    # Dark ink on light paper has a light border: it is flipped so that ink is always 1.
    return bool(np.median(border) > 0.5)


def as_ink(image: np.ndarray) -> np.ndarray:
    """Any image → H×W float32 with ink = 1 on 0 paper, by preprocess's polarity rule (a light
    border means dark ink on light paper), nothing else done to it."""
    gray = to_grayscale(image)
    return (1.0 - gray) if _is_dark_on_light(_border_pixels(gray)) else gray


def preprocess(image: np.ndarray, config: ModelConfig) -> Preprocessed:
    """Any grayscale/RGB(A) image or canvas → MNIST-style 28×28 → the network input of `config`."""
    gray = to_grayscale(image)
    border = _border_pixels(gray)
    inverted = _is_dark_on_light(border)
    source = (1.0 - gray) if inverted else gray
    background, noise = _background_level((1.0 - border) if inverted else border)
    peak = float(source.max())

    ink_mask = source > background + INK_THRESHOLD * (peak - background)
    if noise > 0:  # a photo or scan; a drawn canvas has a perfectly even background
        ink_mask = _drop_isolated_pixels(ink_mask)
    if peak - background < MIN_CONTRAST or not ink_mask.any():
        mnist28 = np.zeros((MNIST_SIZE, MNIST_SIZE), np.float32)
        padded = fit_to_input_size(mnist28, config.input_size)
        return Preprocessed(
            source=source, inverted=inverted, empty=True, bbox=None,
            scaled=np.zeros((BOX_SIZE, BOX_SIZE), np.float32), mnist28=mnist28,
            center_of_mass=MNIST_CENTER, padded=padded,
            network_input=_network_input(padded, config),
            background_level=background, ink_level=peak,
        )  # fmt: skip

    bbox = _ink_bbox(ink_mask)
    row0, col0, row1, col1 = bbox
    # Contrast stretch of the crop only (it is all we use): background → 0, strongest ink → 1.
    crop = (source[row0:row1, col0:col1] - background) * np.float32(1.0 / (peak - background))
    np.clip(crop, 0.0, 1.0, out=crop)
    scaled = _resize(crop, *fit_box_shape(row1 - row0, col1 - col0))
    np.clip(scaled, 0.0, 1.0, out=scaled)
    # A stroke much thinner than the shrink factor is averaged down to a faint grey; bring its
    # strongest pixel back to full ink, as in MNIST, where nearly every digit peaks at 255.
    scaled_peak = float(scaled.max())
    if 0 < scaled_peak < 1:
        scaled *= np.float32(1.0 / scaled_peak)

    com_row, com_col = center_of_mass(scaled)
    top = _placement_offset(com_row, scaled.shape[0], MNIST_CENTER[0], MNIST_SIZE)
    left = _placement_offset(com_col, scaled.shape[1], MNIST_CENTER[1], MNIST_SIZE)
    mnist28 = np.zeros((MNIST_SIZE, MNIST_SIZE), np.float32)
    mnist28[top : top + scaled.shape[0], left : left + scaled.shape[1]] = scaled
    padded = fit_to_input_size(mnist28, config.input_size)
    return Preprocessed(
        source=source, inverted=inverted, empty=False, bbox=bbox, scaled=scaled,
        mnist28=mnist28, center_of_mass=(com_row + top, com_col + left), padded=padded,
        network_input=_network_input(padded, config),
        background_level=background, ink_level=peak,
    )  # fmt: skip


# ---- files -------------------------------------------------------------------------------------
def check_pixel_count(width: int, height: int) -> None:
    """ImageError for a picture of more than MAX_IMAGE_PIXELS, saying the limit."""
    if width * height > MAX_IMAGE_PIXELS:
        raise ImageError(
            f"the image is {width:,}×{height:,} = {width * height:,} pixels; at most "
            f"{MAX_IMAGE_PIXELS:,} are read (e.g. 4000×4000): make it smaller"
        )


def load_image(path: str | Path) -> np.ndarray:
    """Any image file PIL can read → H×W float32 grayscale in [0, 1], not inverted.

    Transparency is composited on white (on black when the opaque content is light); a phone
    photo's EXIF orientation is applied; an animated file gives its first frame. The size in
    the file's header is checked against MAX_IMAGE_PIXELS before any pixel is decoded.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise ImageError(f"image file not found: {path}")
    check_readable(path, str(path), "an image file", ImageError, MAX_IMAGE_FILE_BYTES)
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 MP on (and refuses from 179 MP): ours is the lower limit.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(path)
        with opened:
            try:
                check_pixel_count(*opened.size)  # from the header: nothing is decoded yet
            except ImageError as exc:
                raise ImageError(f"{path}: {exc}") from None
            opened.load()
            picture = ImageOps.exif_transpose(opened)
    except Image.DecompressionBombError as exc:  # Pillow's own check, at open
        claimed = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = f"{int(claimed.group(1)):,}" if claimed else "too many"
        raise ImageError(
            f"{path}: the image has {pixels} pixels; at most {MAX_IMAGE_PIXELS:,} are read "
            "(e.g. 4000×4000): make it smaller"
        ) from None
    except UnidentifiedImageError as exc:
        raise ImageError(
            f"{path} is not an image PIL can read (expected PNG, JPEG, BMP, …)"
        ) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageError(f"could not read image {path}: {exc}") from exc
    except MemoryError as exc:
        raise ImageError(f"could not read image {path}: not enough memory to decode it") from exc
    if picture.width == 0 or picture.height == 0:
        raise ImageError(
            f"expected a non-empty image, found {picture.width}×{picture.height}: {path}"
        )

    if picture.mode in ("I;16", "I;16L", "I;16B", "I;16N"):
        return np.asarray(picture, dtype=np.float32) * np.float32(1 / 65535)
    if picture.mode in ("I", "F"):  # 32-bit integer or float pixels: anything can be there
        values = np.asarray(picture, dtype=np.float32)
        if not np.isfinite(values).all():
            bad = int(np.count_nonzero(~np.isfinite(values)))
            raise ImageError(f"{path}: expected finite pixel values, found {bad:,} NaN/Inf pixels")
        low, high = float(values.min()), float(values.max())
        if low < 0 or high > 65535:
            raise ImageError(
                f"{path}: expected pixel values from 0 to 255 (or 65,535), found values from "
                f"{low:g} to {high:g}"
            )
        return to_grayscale(values) if high <= 255 else values * np.float32(1 / 65535)
    has_alpha = picture.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        picture.mode == "P" and "transparency" in picture.info
    )
    if has_alpha:
        return to_grayscale(np.asarray(picture.convert("RGBA")))
    return to_grayscale(np.asarray(picture.convert("L")))


def prepare_input(image_or_path: np.ndarray | str | Path, config: ModelConfig) -> Preprocessed:
    """preprocess() of an array, or of the image file at a path."""
    if isinstance(image_or_path, (str, Path)):
        return preprocess(load_image(image_or_path), config)
    return preprocess(image_or_path, config)


def with_field(preprocessed: Preprocessed, padded: np.ndarray, config: ModelConfig) -> Preprocessed:
    """The same stages with another input_size × input_size field (a moved digit, see
    core/transform.py) and the network input normalised from it; the earlier stages stay."""
    import dataclasses

    padded = np.asarray(padded, dtype=np.float32)
    if padded.shape != preprocessed.padded.shape:
        raise ImageError(
            f"expected a {preprocessed.padded.shape} field, found shape {padded.shape}"
        )
    return dataclasses.replace(
        preprocessed, padded=padded, network_input=_network_input(padded, config)
    )


def preprocess_mnist_form(image28: np.ndarray, config: ModelConfig) -> Preprocessed:
    """A test-set image that already is in MNIST form (28×28, [0, 1], ink = 1, centred): only
    padded and normalised, as in evaluation (datasets.to_network_input), without the bounding
    box / 20×20 / centre-of-mass recipe. Fashion-MNIST's items fill the whole 28×28 field, so
    the recipe would shrink them and the network would see something it was not judged on."""
    image = np.asarray(image28, dtype=np.float32)
    if image.shape != (MNIST_SIZE, MNIST_SIZE):
        raise ImageError(f"expected a 28×28 MNIST-form image, found shape {image.shape}")
    mnist28 = np.clip(image, 0.0, 1.0)
    empty = not bool((mnist28 > INK_THRESHOLD).any())
    padded = fit_to_input_size(mnist28, config.input_size)
    return Preprocessed(
        source=mnist28.copy(), inverted=False, empty=empty, bbox=None, scaled=mnist28.copy(),
        mnist28=mnist28, center_of_mass=MNIST_CENTER if empty else center_of_mass(mnist28),
        padded=padded, network_input=_network_input(padded, config),
    )  # fmt: skip
