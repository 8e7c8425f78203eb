"""Scenes: a prepared example in one small JSON file — the drawing, the model, the selected unit,
the language, the true label and the panel settings — so that a teacher sets up before class.

A scene file (format "cnn-explainer-scene", version 1; at most MAX_SCENE_BYTES):

    {"format": "cnn-explainer-scene", "version": 1,
     "drawing": {"kind": "ink" | "picture", "png": "<base64 PNG, 8-bit or 16-bit grey>",
                 "label": {"index": 3, "source": "sample", "classes": ["0", …, "9"]} | null,
                 "mnist_form": false} | null,
     "model": {"path": "/…/classic.pt", "name": "classic.pt"} | null,
     "selection": {"layer": "conv2", "channel": 3, "row": 4, "col": 5} | null,
     "language": "pt_BR" | null,
     "true_label": {"index": 3, "source": "chosen", "classes": ["0", …, "9"]} | null,
     "panels": {"hidden": ["conv1_filters"], "autoscale": false, "show_steps": true},
     "arithmetic": {"open": true, "tab": "unit" | "softmax", "log_base": "e" | "10" | "2"},
     "snapshot": 3,
     "knocked_out": "conv2:3,fc1:17"}

"snapshot" (optional; absent or null: the model's own final weights) is the model's training
timeline snapshot shown, counted from 0: a scene saved while scrubbed back opens there.
"knocked_out" (optional; absent: none) are the units switched off, as `--knock-out` writes them.

"ink" is the canvas's own drawing (ink = 1 on 0 paper, the canvas's size); "picture" a loaded
picture as it was given (a sample, a file, a test image), which the network reads as it is.
Reading validates everything before anything is used: a file that is too large, not JSON, of
another format or version, with a key or a value that is not one of the above, or a drawing that
is not a small PNG raises SceneError with one sentence saying what is wrong. Whether the model
file exists, the unit exists in that model and the language is installed is for the window to
check (it opens a missing model's scene on the default model).

No Qt and no torch here (the PNG goes through Pillow).
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from explainer.core.ablation import NO_ABLATION, Ablation
from explainer.core.config import MAX_CLASS_NAME_LENGTH, MAX_CLASSES
from explainer.core.errors import ExplainerError
from explainer.core.export import write_text
from explainer.core.inputs import LABEL_SOURCES, TrueLabel
from explainer.core.units import UnitRef

SCENE_FORMAT = "cnn-explainer-scene"
SCENE_VERSION = 1
SCENE_SUFFIX = ".json"
MAX_SCENE_BYTES = 4 * 1024 * 1024  # a 280×280 drawing is ~10 kB; a 2048² photo ~3 MB
MAX_PICTURE_SIDE = 2048  # pixels; larger pictures are stored shrunk to this (see `Drawing`)
MAX_CLASS_INDEX = 9999
MAX_UNIT_INDEX = 1_000_000
MAX_HIDDEN = 64
MAX_PATH_LENGTH = 4096
MAX_KNOCKED_OUT_CHARS = 20_000  # every unit of the default network is ~2,500
MAX_SNAPSHOT_INDEX = 999  # a timeline holds at most 1,000 (core.checkpoint.timeline, with torch)
INK, PICTURE = "ink", "picture"
TABS = ("unit", "softmax")
LOG_BASES = ("e", "10", "2")

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z]{2})?$")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_KEYS = {
    "": ("format", "version", "drawing", "model", "selection", "language", "true_label",
         "panels", "arithmetic", "snapshot", "knocked_out"),
    "drawing": ("kind", "png", "label", "mnist_form"),
    "model": ("path", "name"),
    "selection": ("layer", "channel", "row", "col"),
    "true_label": ("index", "source", "classes"),
    "drawing.label": ("index", "source", "classes"),
    "panels": ("hidden", "autoscale", "show_steps"),
    "arithmetic": ("open", "tab", "log_base"),
}  # fmt: skip


class SceneError(ExplainerError):
    """A scene file that cannot be opened: too large, not a scene, or a value out of place."""


# ---- what a scene holds -------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Drawing:
    """The input: `pixels` float32 (rows, cols) in [0, 1]. For "ink" the canvas's drawing; for
    "picture" the loaded picture as given, with what is known of it (its true label, and
    whether it is a 28×28 test image in MNIST form)."""

    kind: str
    pixels: np.ndarray
    label: TrueLabel | None = None
    mnist_form: bool = False


@dataclass(frozen=True)
class PanelSettings:
    hidden: tuple[str, ...] = ()  # panels not shown (names as NetworkView.layer_names())
    autoscale: bool = False
    show_steps: bool = False


@dataclass(frozen=True)
class ArithmeticSettings:
    open: bool = False  # the dock is shown
    tab: str = "unit"
    log_base: str = "e"


@dataclass(frozen=True, eq=False)
class Scene:
    drawing: Drawing | None = None
    model: Path | None = None  # the checkpoint file, as saved
    selection: UnitRef | None = None
    language: str | None = None
    true_label: TrueLabel | None = None
    panels: PanelSettings = field(default_factory=PanelSettings)
    arithmetic: ArithmeticSettings = field(default_factory=ArithmeticSettings)
    snapshot: int | None = None  # the timeline snapshot shown; None: the model's own weights
    knocked_out: Ablation = NO_ABLATION  # the units switched off

    def model_candidates(self, scene_path: str | Path | None = None) -> list[Path]:
        """Where the scene's model may be: its path as saved, then a file of that name beside
        the scene file (a folder copied to another computer)."""
        if self.model is None:
            return []
        candidates = [self.model]
        if scene_path is not None:
            candidates.append(Path(scene_path).resolve().parent / self.model.name)
        return candidates


# ---- PNG --------------------------------------------------------------------------------------
def encode_png(pixels: np.ndarray) -> str:
    """[0, 1] grey pixels → base64 PNG: 8-bit when the values are 8-bit ones (a drawing and a
    sample come back exactly, an 8-bit file to a float32 step), 16-bit otherwise. Larger than
    MAX_PICTURE_SIDE: shrunk to it."""
    from PIL import Image

    values = np.clip(np.asarray(pixels, dtype=np.float32), 0.0, 1.0)
    if max(values.shape) > MAX_PICTURE_SIDE:
        scale = MAX_PICTURE_SIDE / max(values.shape)
        size = (max(1, round(values.shape[1] * scale)), max(1, round(values.shape[0] * scale)))
        values = np.asarray(Image.fromarray(values).resize(size, Image.Resampling.BOX), np.float32)
        values = np.clip(values, 0.0, 1.0)
    eight = np.rint(values * 255).astype(np.uint8)
    # 8-bit data read as x/255 or as x·(1/255) differ by one float32 step at most.
    if np.all(np.abs(eight.astype(np.float32) / np.float32(255.0) - values) <= 1e-6):
        image = Image.fromarray(eight)
    else:
        image = Image.fromarray(np.rint(values * 65535).astype(np.uint16))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def decode_png(text: str, where: str) -> np.ndarray:
    """base64 PNG → float32 [0, 1] (8-bit: /255, as the canvas and the samples read theirs)."""
    from PIL import Image

    if not isinstance(text, str) or len(text) > MAX_SCENE_BYTES:
        raise SceneError(f"{where}: the drawing must be a base64 PNG image")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SceneError(f"{where}: the drawing must be a base64 PNG image") from None
    if not data.startswith(_PNG_SIGNATURE):
        raise SceneError(f"{where}: the drawing must be a base64 PNG image")
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            width, height = image.size
            if not (0 < width <= MAX_PICTURE_SIDE and 0 < height <= MAX_PICTURE_SIDE):
                raise SceneError(
                    f"{where}: the drawing is {width}×{height} pixels; expected at most "
                    f"{MAX_PICTURE_SIDE}×{MAX_PICTURE_SIDE}"
                )
            mode = image.mode
            image.load()
            values = np.asarray(image)
    except SceneError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise SceneError(f"{where}: the drawing is not a readable PNG image ({exc})") from None
    if mode == "L":
        return values.astype(np.float32) / np.float32(255.0)
    if mode.startswith("I") and values.ndim == 2:
        return np.clip(values.astype(np.float32) / np.float32(65535.0), 0.0, 1.0)
    raise SceneError(f"{where}: the drawing must be a grey PNG image, found mode {mode}")


# ---- writing ------------------------------------------------------------------------------------
def _label_dict(label: TrueLabel | None) -> dict[str, Any] | None:
    if label is None:
        return None
    written: dict[str, Any] = {"index": label.index, "source": label.source}
    if label.classes is not None:  # (optional: a scene of an older version has none)
        written["classes"] = list(label.classes)
    return written


def scene_to_dict(scene: Scene) -> dict[str, Any]:
    drawing = scene.drawing
    unit = scene.selection
    written = {
        "format": SCENE_FORMAT,
        "version": SCENE_VERSION,
        "drawing": None
        if drawing is None
        else {
            "kind": drawing.kind,
            "png": encode_png(drawing.pixels),
            "label": _label_dict(drawing.label),
            "mnist_form": bool(drawing.mnist_form),
        },
        "model": None
        if scene.model is None
        else {"path": str(scene.model), "name": scene.model.name},
        "selection": None
        if unit is None
        else {"layer": unit.layer, "channel": unit.channel, "row": unit.row, "col": unit.col},
        "language": scene.language,
        "true_label": _label_dict(scene.true_label),
        "panels": {
            "hidden": list(scene.panels.hidden),
            "autoscale": scene.panels.autoscale,
            "show_steps": scene.panels.show_steps,
        },
        "arithmetic": {
            "open": scene.arithmetic.open,
            "tab": scene.arithmetic.tab,
            "log_base": scene.arithmetic.log_base,
        },
    }
    # Only when set: a scene without them still opens in older versions.
    if scene.snapshot is not None:
        written["snapshot"] = scene.snapshot
    if scene.knocked_out:
        written["knocked_out"] = scene.knocked_out.spec()
    return written


def scene_to_json(scene: Scene) -> str:
    text = json.dumps(scene_to_dict(scene), indent=1, ensure_ascii=False) + "\n"
    if len(text.encode("utf-8")) > MAX_SCENE_BYTES:
        raise SceneError(
            f"the scene would be larger than a scene file may be ({MAX_SCENE_BYTES} bytes)"
        )
    return text


def write_scene(path: str | Path, scene: Scene) -> Path:
    """Validate (the file must read back) and write atomically."""
    text = scene_to_json(scene)
    scene_from_dict(json.loads(text), str(path))  # what is written can be opened again
    return write_text(path, text)


# ---- reading ------------------------------------------------------------------------------------
def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    text = json.dumps(value) if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _fail(where: str, key: str, expected: str, value: Any) -> SceneError:
    return SceneError(f"{where}: {key} must be {expected}, found {_describe(value)}")


class _Reader:
    def __init__(self, where: str) -> None:
        self.where = where

    def object(self, value: Any, key: str, allow_null: bool = True) -> dict[str, Any] | None:
        if value is None and allow_null:
            return None
        if not isinstance(value, dict):
            expected = "an object or null" if allow_null else "an object"
            raise _fail(self.where, key or "the file", expected, value)
        allowed = _KEYS[key]
        for name in value:
            if name not in allowed and key:
                raise SceneError(f"{self.where}: unexpected key {_describe(name)} in {key}")
            if name not in allowed:
                raise SceneError(f"{self.where}: unexpected key {_describe(name)}")
        return value

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise _fail(self.where, key, "true or false", value)
        return value

    def integer(self, value: Any, key: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _fail(self.where, key, f"a whole number from {low} to {high}", value)
        return value

    def choice(self, value: Any, key: str, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in choices:
            raise _fail(self.where, key, f"one of {', '.join(choices)}", value)
        return value

    def name(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not _NAME.match(value):
            raise _fail(self.where, key, "a layer name", value)
        return value

    def label(self, value: Any, key: str) -> TrueLabel | None:
        data = self.object(value, key)
        if data is None:
            return None
        index = self.integer(data.get("index"), f"{key}.index", 0, MAX_CLASS_INDEX)
        source = self.choice(data.get("source"), f"{key}.source", LABEL_SOURCES)
        return TrueLabel(index, source, self.class_names(data.get("classes"), f"{key}.classes"))

    def class_names(self, value: Any, key: str) -> tuple[str, ...] | None:
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or not 1 <= len(value) <= MAX_CLASSES
            or not all(isinstance(n, str) and len(n) <= MAX_CLASS_NAME_LENGTH for n in value)
        ):
            expected = f"a list of 1 to {MAX_CLASSES} class names (at most "
            raise _fail(self.where, key, expected + f"{MAX_CLASS_NAME_LENGTH} characters)", value)
        return tuple(value)


def scene_from_dict(data: Any, where: str = "the scene") -> Scene:
    """A Scene from parsed JSON, every key and value checked (SceneError)."""
    read = _Reader(where)
    if not isinstance(data, dict):
        raise SceneError(f"{where} is not a CNN Explainer scene (expected a JSON object)")
    if data.get("format") != SCENE_FORMAT:
        raise SceneError(f"{where} is not a CNN Explainer scene (its format is not {SCENE_FORMAT})")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCENE_VERSION:
        raise SceneError(
            f"{where} is a scene of version {version}, made by a newer CNN Explainer; this one "
            f"reads version {SCENE_VERSION}"
        )
    read.integer(version, "version", SCENE_VERSION, SCENE_VERSION)
    read.object(data, "", allow_null=False)

    drawing = None
    raw = read.object(data.get("drawing"), "drawing")
    if raw is not None:
        kind = read.choice(raw.get("kind"), "drawing.kind", (INK, PICTURE))
        pixels = decode_png(raw.get("png"), where)
        label = read.label(raw.get("label"), "drawing.label")
        mnist_form = read.boolean(raw.get("mnist_form", False), "drawing.mnist_form")
        if mnist_form and pixels.shape != (28, 28):
            raise SceneError(
                f"{where}: a drawing in MNIST form is 28×28 pixels, found "
                f"{pixels.shape[1]}×{pixels.shape[0]}"
            )
        drawing = Drawing(kind, pixels, label, mnist_form)

    model = None
    raw = read.object(data.get("model"), "model")
    if raw is not None:
        path = raw.get("path")
        if not isinstance(path, str) or not 0 < len(path) <= MAX_PATH_LENGTH or "\0" in path:
            raise _fail(where, "model.path", "the path of a checkpoint file", path)
        model = Path(path)
        name = raw.get("name", model.name)
        if not isinstance(name, str) or name != model.name:
            raise _fail(where, "model.name", "the file name of model.path", name)

    selection = None
    raw = read.object(data.get("selection"), "selection")
    if raw is not None:
        layer = read.name(raw.get("layer"), "selection.layer")
        channel = read.integer(raw.get("channel"), "selection.channel", 0, MAX_UNIT_INDEX)
        row, col = raw.get("row"), raw.get("col")
        if (row is None) != (col is None):
            raise SceneError(
                f"{where}: selection.row and selection.col must both be given or both be null"
            )
        if row is not None:
            row = read.integer(row, "selection.row", 0, MAX_UNIT_INDEX)
            col = read.integer(col, "selection.col", 0, MAX_UNIT_INDEX)
        selection = UnitRef(layer, channel, row, col)

    language = data.get("language")
    if language is not None and (not isinstance(language, str) or not _LANGUAGE.match(language)):
        raise _fail(where, "language", "a language code such as en or pt_BR", language)

    true_label = read.label(data.get("true_label"), "true_label")

    panels = PanelSettings()
    raw = read.object(data.get("panels"), "panels")
    if raw is not None:
        hidden = raw.get("hidden", [])
        if not isinstance(hidden, list) or len(hidden) > MAX_HIDDEN:
            raise _fail(
                where, "panels.hidden", f"a list of at most {MAX_HIDDEN} panel names", hidden
            )
        panels = PanelSettings(
            tuple(read.name(name, "panels.hidden") for name in hidden),
            read.boolean(raw.get("autoscale", False), "panels.autoscale"),
            read.boolean(raw.get("show_steps", False), "panels.show_steps"),
        )

    arithmetic = ArithmeticSettings()
    raw = read.object(data.get("arithmetic"), "arithmetic")
    if raw is not None:
        arithmetic = ArithmeticSettings(
            read.boolean(raw.get("open", False), "arithmetic.open"),
            read.choice(raw.get("tab", "unit"), "arithmetic.tab", TABS),
            read.choice(raw.get("log_base", "e"), "arithmetic.log_base", LOG_BASES),
        )
    snapshot = data.get("snapshot")
    if snapshot is not None:
        snapshot = read.integer(snapshot, "snapshot", 0, MAX_SNAPSHOT_INDEX)
    knocked_out = NO_ABLATION
    raw = data.get("knocked_out")
    if raw is not None:
        expected = "units as layer:index pairs, such as conv2:3,fc1:17"
        if not isinstance(raw, str) or len(raw) > MAX_KNOCKED_OUT_CHARS:
            raise _fail(where, "knocked_out", expected, raw)
        try:
            knocked_out = Ablation.parse(raw)
        except ExplainerError:
            raise _fail(where, "knocked_out", expected, raw) from None
    return Scene(
        drawing, model, selection, language, true_label, panels, arithmetic, snapshot, knocked_out
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a scene may hold")


def parse_scene(data: bytes, where: str = "the scene") -> Scene:
    """A scene from a file's bytes (SceneError when it is not one)."""
    if len(data) > MAX_SCENE_BYTES:
        raise SceneError(
            f"{where} is larger than a scene file may be ({len(data)} bytes; at most "
            f"{MAX_SCENE_BYTES})"
        )
    try:
        parsed = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise SceneError(f"{where} is not a scene file (it is not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise SceneError(
            f"{where} is not a scene file (not valid JSON: {exc.msg} at line {exc.lineno})"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise SceneError(f"{where} is not a scene file ({exc})") from None
    return scene_from_dict(parsed, where)


def read_scene(path: str | Path) -> Scene:
    """Read and validate a scene file (at most MAX_SCENE_BYTES are read)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCENE_BYTES + 1)
    except FileNotFoundError:
        raise SceneError(f"scene file not found: {path}") from None
    except IsADirectoryError:
        raise SceneError(f"expected a scene file, found a folder: {path}") from None
    except OSError as exc:
        raise SceneError(f"could not read the scene file {path}: {exc.strerror or exc}") from None
    return parse_scene(data, str(path))
