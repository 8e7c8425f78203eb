"""Convolution playground presets: a small input, kernels, biases, stride and padding, as JSON.

Qt-free (the playground window uses it, a notebook can too). A preset file looks like

    {"name": "3×3 edge detector on 5×5", "name_pt_BR": "...",
     "description": "...", "description_pt_BR": "...",
     "stride": 1, "padding": 0,
     "input":   [[...], ...]            (N×N, or C×N×N),
     "kernels": [[...], ...]            (F×F, C×F×F for one filter, or K×C×F×F),
     "bias":    [0.0]                   (one number per filter; optional, default 0)}

N, F, C (input channels) and K (filters) follow from the arrays. The textbook presets shipped
with the app are in assets/presets/*.json. A preset may describe a configuration that does not
fit (a stride that leaves part of the input over): that is what the playground then explains.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from explainer import paths
from explainer.core.arithmetic import as_array
from explainer.core.errors import ExplainerError, ShapeError


class PresetError(ExplainerError):
    """A preset file that cannot be read: not JSON, keys missing, or arrays of the wrong shape."""


@dataclass(eq=False)
class Preset:
    name: str
    inputs: np.ndarray  # (C, N, N)
    kernels: np.ndarray  # (K, C, F, F)
    bias: np.ndarray  # (K,)
    stride: int = 1
    padding: int = 0
    description: str = ""
    names: dict[str, str] = field(default_factory=dict)  # translated names: {"pt_BR": ...}
    descriptions: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    @property
    def n(self) -> int:
        return int(self.inputs.shape[1])

    @property
    def f(self) -> int:
        return int(self.kernels.shape[2])

    @property
    def channels(self) -> int:
        return int(self.inputs.shape[0])

    @property
    def filters(self) -> int:
        return int(self.kernels.shape[0])

    def display_name(self, language: str = "en") -> str:
        return self.names.get(language, self.name)

    def display_description(self, language: str = "en") -> str:
        return self.descriptions.get(language, self.description)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        data.update({f"name_{code}": text for code, text in self.names.items()})
        if self.description:
            data["description"] = self.description
        data.update({f"description_{code}": text for code, text in self.descriptions.items()})
        data.update(
            stride=self.stride,
            padding=self.padding,
            input=_plain(self.inputs),
            kernels=_plain(self.kernels),
            bias=_plain(self.bias),
        )
        return data


def _plain(array: np.ndarray) -> Any:
    """Nested lists, whole numbers written as ints (a preset file people read and edit)."""
    values = np.asarray(array, dtype=np.float64)
    if np.all(values == np.round(values)):
        return values.astype(np.int64).tolist()
    return values.tolist()


def _whole(data: dict[str, Any], key: str, default: int, minimum: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
        raise PresetError(f"{key} must be a whole number, found {value!r}")
    if value < minimum:
        raise PresetError(f"{key} must be ≥ {minimum}, found {value}")
    return int(value)


def preset_from_json(data: Any, source: str = "preset") -> Preset:
    """Check and convert parsed JSON; a PresetError says what is wrong."""
    if not isinstance(data, dict):
        raise PresetError(
            f"{source}: expected a JSON object with input and kernels, found {type(data).__name__}"
        )
    missing = [key for key in ("input", "kernels") if key not in data]
    if missing:
        raise PresetError(
            f"{source}: missing {', '.join(missing)} (a preset needs input and kernels)"
        )
    try:
        inputs = as_array(data["input"], "input", (2, 3))
        kernels = as_array(data["kernels"], "kernels", (2, 3, 4))
    except ShapeError as exc:
        raise PresetError(f"{source}: {exc}") from None
    if inputs.ndim == 2:
        inputs = inputs[None]
    if kernels.ndim == 2:
        kernels = kernels[None]
    if kernels.ndim == 3:
        kernels = kernels[None]
    if inputs.shape[1] != inputs.shape[2]:
        raise PresetError(
            f"{source}: the input must be square (N×N), found {inputs.shape[1]}×{inputs.shape[2]}"
        )
    if kernels.shape[2] != kernels.shape[3]:
        raise PresetError(
            f"{source}: kernels must be square (F×F), found {kernels.shape[2]}×{kernels.shape[3]}"
        )
    if kernels.shape[1] != inputs.shape[0]:
        raise PresetError(
            f"{source}: the kernels have {kernels.shape[1]} channel(s) but the "
            f"input has {inputs.shape[0]}: they must match"
        )
    filters = kernels.shape[0]
    bias_value = data.get("bias", [0.0] * filters)
    try:
        bias = as_array(bias_value, "bias", (0, 1)).reshape(-1)
    except ShapeError as exc:
        raise PresetError(f"{source}: {exc}") from None
    if bias.size == 1 and filters > 1:
        bias = np.full(filters, bias[0])
    if bias.size != filters:
        raise PresetError(
            f"{source}: bias must hold one number per filter ({filters}), found {bias.size}"
        )
    name = data.get("name", "")
    if not isinstance(name, str):
        raise PresetError(f"{source}: name must be text, found {name!r}")
    names = {
        key[5:]: value
        for key, value in data.items()
        if key.startswith("name_") and isinstance(value, str)
    }
    descriptions = {
        key[12:]: value
        for key, value in data.items()
        if key.startswith("description_") and isinstance(value, str)
    }
    return Preset(
        name=name or source,
        inputs=inputs,
        kernels=kernels,
        bias=bias,
        stride=_whole(data, "stride", 1, 1),
        padding=_whole(data, "padding", 0, 0),
        description=str(data.get("description", "")),
        names=names,
        descriptions=descriptions,
    )


def load_preset(path: str | Path) -> Preset:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PresetError(f"could not read the preset {path.name}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PresetError(
            f"{path.name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    preset = preset_from_json(data, path.name)
    preset.path = path
    return preset


def _dump_value(value: Any, indent: int) -> str:
    """Lists of numbers on one line, lists of lists one per line: a grid reads as a grid."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        pad = " " * (indent + 1)
        inner = f",\n{pad}".join(_dump_value(v, indent + 1) for v in value)
        return f"[\n{pad}{inner}\n{' ' * indent}]"
    return json.dumps(value, ensure_ascii=False)


def dumps(data: dict[str, Any]) -> str:
    """The JSON text of a preset, one key per line and grids row by row."""
    lines = [f" {json.dumps(k, ensure_ascii=False)}: {_dump_value(v, 1)}" for k, v in data.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def save_preset(preset: Preset, path: str | Path) -> Path:
    path = Path(path)
    try:
        path.write_text(dumps(preset.to_json()), encoding="utf-8")
    except OSError as exc:
        raise PresetError(f"could not write the preset to {path}: {exc}") from None
    return path


def presets_dir() -> Path:
    return paths.assets_dir() / "presets"


def shipped_presets() -> list[Preset]:
    """The textbook presets, in file-name order (01-…, 02-…)."""
    return [load_preset(path) for path in sorted(presets_dir().glob("*.json"))]
