"""An attribution map as a PNG with a colour bar, written with Pillow (no matplotlib, no Qt).

Signed maps (gradient × input, occlusion) use a blue–white–red diverging map centred at 0 with
symmetric limits; unsigned ones (saliency, Grad-CAM) viridis from 0 to the maximum — the maps the
window uses for weights and activations (CET-D1 and viridis), as 33 anchors sampled from
pyqtgraph's tables (tests/test_cli_why.py checks them against pyqtgraph) and interpolated
linearly: pyqtgraph itself imports Qt, which a command must not need.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from explainer.core.errors import ExplainerError

# pyqtgraph.colormap.get(name).getLookupTable(0, 1, nPts=33, alpha=False, mode=BYTE)
DIVERGING_ANCHORS = np.array(
    [
        [33, 81, 219], [61, 89, 220], [81, 97, 222], [97, 107, 224], [111, 116, 225],
        [124, 126, 227], [137, 135, 228], [148, 145, 230], [159, 155, 231], [170, 166, 233],
        [181, 176, 234], [191, 186, 235], [201, 196, 236], [210, 207, 238], [220, 218, 238],
        [229, 227, 238], [237, 231, 233], [241, 225, 222], [242, 214, 207], [241, 201, 192],
        [240, 189, 177], [239, 177, 162], [237, 164, 147], [234, 152, 132], [231, 139, 118],
        [227, 127, 104], [223, 114, 90], [219, 100, 76], [214, 87, 62], [209, 72, 49],
        [203, 56, 35], [197, 37, 21], [192, 2, 6],
    ],
    np.float64,
)  # fmt: skip
SEQUENTIAL_ANCHORS = np.array(
    [
        [68, 1, 84], [70, 12, 95], [72, 23, 105], [72, 34, 115], [71, 44, 122], [69, 54, 129],
        [66, 63, 133], [62, 72, 137], [59, 81, 139], [55, 90, 140], [51, 98, 141],
        [47, 106, 142], [44, 113, 142], [41, 121, 142], [38, 129, 142], [35, 136, 142],
        [33, 144, 140], [31, 151, 139], [31, 159, 136], [33, 166, 133], [39, 173, 128],
        [49, 181, 122], [61, 188, 115], [76, 194, 107], [92, 200, 98], [110, 206, 87],
        [129, 211, 76], [149, 216, 63], [170, 220, 49], [192, 223, 36], [213, 226, 25],
        [234, 229, 26], [253, 231, 37],
    ],
    np.float64,
)  # fmt: skip
SCALE = 8  # screen pixels per input pixel
BAR_WIDTH = 18
MARGIN = 8


def colour_table(signed: bool, n: int = 256) -> np.ndarray:
    """(n, 3) uint8: the diverging table (signed) or the sequential one."""
    anchors = DIVERGING_ANCHORS if signed else SEQUENTIAL_ANCHORS
    positions = np.linspace(0.0, 1.0, len(anchors))
    t = np.linspace(0.0, 1.0, n)
    table = np.stack([np.interp(t, positions, anchors[:, c]) for c in range(3)], axis=1)
    return np.round(table).astype(np.uint8)


def colourise(values: np.ndarray, limits: tuple[float, float], signed: bool) -> np.ndarray:
    """(H, W) values → (H, W, 3) uint8 through the table, clipped to `limits`."""
    low, high = limits
    table = colour_table(signed)
    span = high - low if high > low else 1.0
    index = np.clip((values - low) / span, 0.0, 1.0) * (len(table) - 1)
    return table[np.round(index).astype(np.intp)]


def _grey(image: np.ndarray, limits: tuple[float, float]) -> np.ndarray:
    low, high = limits
    span = high - low if high > low else 1.0
    level = np.round(np.clip((image - low) / span, 0.0, 1.0) * 255).astype(np.uint8)
    return np.repeat(level[..., None], 3, axis=2)


def _label(value: float) -> str:
    return f"{value:.3g}"


def write_map_png(
    path: str | Path,
    values: np.ndarray,
    *,
    signed: bool,
    limits: tuple[float, float],
    input_image: np.ndarray | None = None,
    input_limits: tuple[float, float] = (0.0, 1.0),
    title: str = "",
) -> Path:
    """The input (grey, when given) beside the coloured map and a labelled colour bar."""
    from PIL import Image, ImageDraw, ImageFont

    values = np.asarray(values, np.float64)
    size = values.shape[0] * SCALE
    font = ImageFont.load_default(size=13)
    title_h = 18 if title else 0
    panels = [_grey(np.asarray(input_image), input_limits)] if input_image is not None else []
    panels.append(colourise(values, limits, signed))
    text_w = 60
    width = MARGIN + len(panels) * (size + MARGIN) + BAR_WIDTH + text_w
    height = MARGIN + title_h + size + MARGIN
    canvas = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)
    if title:
        draw.text((MARGIN, MARGIN // 2), title, fill=(0, 0, 0), font=font)
    top = MARGIN + title_h
    x = MARGIN
    for panel in panels:
        big = np.repeat(np.repeat(panel, SCALE, axis=0), SCALE, axis=1)
        canvas.paste(Image.fromarray(big, "RGB"), (x, top))
        x += size + MARGIN
    # The colour bar: high at the top, low at the bottom, labelled at both ends and at 0 / middle.
    bar = colour_table(signed, size)[::-1]
    bar = np.repeat(bar[:, None, :], BAR_WIDTH, axis=1)
    canvas.paste(Image.fromarray(np.ascontiguousarray(bar), "RGB"), (x, top))
    draw.rectangle([x, top, x + BAR_WIDTH - 1, top + size - 1], outline=(0, 0, 0))
    low, high = limits
    middle = 0.0 if signed else (low + high) / 2
    for value, y in ((high, top), (middle, top + size // 2 - 5), (low, top + size - 11)):
        draw.text((x + BAR_WIDTH + 4, y), _label(value), fill=(0, 0, 0), font=font)
    path = Path(path)
    try:
        canvas.save(path, format="PNG")
    except (OSError, ValueError) as exc:
        raise ExplainerError(f"cannot write the map to {path}: {exc}") from exc
    return path
