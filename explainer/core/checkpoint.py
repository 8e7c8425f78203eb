"""Checkpoints: save, load, validate and import LeNet weights without ever running a pickle's code.

The format (format_version 1)
=============================
A checkpoint is one ``.pt`` file written by ``torch.save`` that holds plain data only::

    {
        "format": "cnn-explainer-checkpoint",   # marker: tells our files from other .pt files
        "format_version": 1,                    # int; a newer one than FORMAT_VERSION is refused
        "config": ModelConfig.to_dict(),        # str/int/float/list values only
        "state_dict": {name: tensor},           # exactly LeNet(config).state_dict()'s names/shapes
        "metadata": {...},                      # free-form plain data, see METADATA_KEYS
    }

It is always read with ``torch.load(path, weights_only=True, map_location="cpu")``: that unpickler
builds tensors, dicts, lists, strings and numbers and refuses everything else, so a file whose
pickle would call ``os.system`` (or any other function) is rejected before anything runs.
Files are written atomically (temporary file + rename), so a crash never leaves half a file.

Loading checks, in order, and each failure raises ``CheckpointError`` with a one-line message that
starts with the file name: the file exists and is not empty; it is a zip archive or a pickle (not a
PNG, a text file, ...); every zip member is intact (CRC-32, so flipped bytes are caught, which
torch itself does not check); the pickle is plain data; the format marker and version; the config;
then the state_dict against ``LeNet(config)``: missing and unexpected names, shapes, dtypes and
NaN/Inf values, before ``load_state_dict`` ever sees it.

Importing other people's weights
================================
``load_checkpoint`` also opens a ``.pt`` that holds only a state_dict, or a dict wrapping one under
``"state_dict"``, ``"model_state_dict"`` or ``"model"``. ``import_state_dict`` reads the
architecture from the tensor shapes: two 4-D conv weights (in/out channels, square kernel) followed
by 2-D linear weights (hidden sizes; the last one gives the number of classes). Recognised
namings: the PyTorch tutorial LeNet (``conv1, conv2, fc1, fc2, fc3``), ``nn.Sequential`` indices
(``0.weight, 3.weight, ...`` or ``features.0`` / ``classifier.1``) and our own LeNet's names.
The input size is inferred from fc1's in_features = c2·s² (s = pool2's output size, pool 2 assumed),
preferring 32×32 without padding. Activation, pooling and class names cannot be read from weights:
they default to ReLU, max pooling and "0".."N-1", and can be given as keyword arguments.

``.safetensors`` files are read and written too (without the safetensors package): the tensors are
the state_dict, and the header's ``__metadata__`` holds the marker, format_version, and config and
metadata as JSON strings. A ``.safetensors`` file without our marker is imported like a plain
state_dict; a ``<name>.json`` beside it may give ``config`` and ``metadata``.
docs/checkpoint-format.md describes the same in more words.
"""

from __future__ import annotations

import io
import json
import math
import os
import pickle
import pickletools
import re
import struct
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from explainer.core.config import ACTIVATIONS, DIGIT_CLASSES, POOL_KINDS, ModelConfig
from explainer.core.errors import CheckpointError, ConfigError
from explainer.core.model import LeNet, pick_device

FORMAT = "cnn-explainer-checkpoint"
FORMAT_VERSION = 1

# Keys under which training scripts commonly wrap a state_dict, tried in this order.
WRAPPER_KEYS = ("state_dict", "model_state_dict", "model")

# Recommended metadata keys (free-form: any plain data is allowed; these are what the GUI, CLI and
# model cards read when present).
METADATA_KEYS: dict[str, str] = {
    "name": "short human name, e.g. 'default'",
    "description": "one sentence for the model card and the GUI",
    "dataset": "dataset name, e.g. 'mnist' or 'fashion-mnist'",
    "train_split": "split trained on, e.g. 'train'",
    "train_size": "number of training samples (int)",
    "eval_split": "held-out split the accuracy was measured on, e.g. 'heldout' or 'test'",
    "seed": "random seed of the run (int)",
    "normalisation": "{'mean': float, 'std': float} applied to [0,1] ink=1 images (config too)",
    "heldout_accuracy": "held-out accuracy in [0, 1] (float)",
    "heldout_n": "number of held-out samples that accuracy was measured on (int)",
    "trained": "False for a random initialisation",
    "epochs": "number of training epochs (int)",
    "training_seconds": "wall-clock training time in seconds (float)",
    "history": "per-epoch records, e.g. [{'loss': .., 'accuracy': ..}]",
    "device": "device trained on, e.g. 'CPU' or 'GPU: NVIDIA H100'",
    "torch_version": "torch.__version__ at save time (filled in by save_checkpoint)",
    "command": "the command line that reproduces the run",
    "saved_at": "UTC time of saving, ISO 8601",
    "imported_from": "set on import: 'tutorial-lenet', 'sequential', 'explainer-lenet', ...",
}

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SAFE_TENSORS_DTYPES = {
    "F64": torch.float64,
    "F32": torch.float32,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
    "I64": torch.int64,
    "I32": torch.int32,
    "I16": torch.int16,
    "I8": torch.int8,
    "U8": torch.uint8,
    "BOOL": torch.bool,
}
_SAFE_TENSORS_NAMES = {v: k for k, v in _SAFE_TENSORS_DTYPES.items()}


@dataclass
class Checkpoint:
    config: ModelConfig
    state_dict: dict[str, torch.Tensor]
    metadata: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self.metadata.get("name", "unsaved")

    @property
    def label(self) -> str:
        """What error messages start with: the file name, or the checkpoint's name."""
        return self.path.name if self.path else str(self.name)

    def build(self, device: str | torch.device | None = None) -> LeNet:
        # Checked here too (not only on load) so that a hand-made Checkpoint fails with our message.
        state_dict = validate_state_dict(self.config, self.state_dict, self.label)
        model = LeNet(self.config)
        model.load_state_dict(state_dict)
        return model.to(pick_device(device)).eval()


# ---- saving --------------------------------------------------------------------------------------
def save_checkpoint(path: str | Path, model: LeNet, metadata: dict[str, Any] | None = None) -> Path:
    """Write atomically (temp file + rename) so a crash never leaves half a checkpoint.

    A ``.safetensors`` suffix writes the safetensors form; anything else the ``.pt`` form.
    ``metadata`` must be plain data (numpy scalars are converted); ``torch_version`` is added.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    plain_metadata = _plain_data(dict(metadata or {}), "metadata", path.name)
    plain_metadata.setdefault("torch_version", str(torch.__version__))
    state_dict = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    if path.suffix == ".safetensors":
        header_metadata = {
            "format": FORMAT,
            "format_version": str(FORMAT_VERSION),
            "config": json.dumps(model.config.to_dict()),
            "metadata": json.dumps(plain_metadata),
        }
        blob = _safetensors_bytes(state_dict, header_metadata)
        _write_atomically(path, lambda f: f.write(blob))
        return path
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "config": model.config.to_dict(),
        "state_dict": state_dict,
        "metadata": plain_metadata,
    }
    _write_atomically(path, lambda f: torch.save(payload, f))
    return path


def _write_atomically(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _plain_data(value: Any, where: str, label: str) -> Any:
    """Metadata as weights_only=True can read it back: dict/list/str/int/float/bool/None."""
    # Exact built-in types: subclasses (torch's TorchVersion str, numpy's float64) would pickle
    # as their own class, which weights_only=True refuses to load.
    if value is None:
        return None
    for plain_type in (bool, int, float, str):
        if isinstance(value, plain_type):
            return plain_type(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CheckpointError(f"{label}: {where} key {key!r} is not a string")
            out[key] = _plain_data(item, f"{where}[{key!r}]", label)
        return out
    if isinstance(value, (list, tuple)):
        return [_plain_data(item, f"{where}[{i}]", label) for i, item in enumerate(value)]
    if isinstance(value, (np.generic, np.ndarray, torch.Tensor)) and value.ndim == 0:
        return value.item()  # e.g. an accuracy computed with numpy or torch
    raise CheckpointError(
        f"{label}: {where} is of type {type(value).__name__}; metadata may hold only plain data "
        "(dict, list, str, int, float, bool, None)"
    )


# ---- loading -------------------------------------------------------------------------------------
def load_checkpoint(
    path: str | Path,
    *,
    activation: str | None = None,
    pool: str | None = None,
    pool_size: int | None = None,
    class_names: tuple[str, ...] | list[str] | None = None,
    input_size: int | None = None,
    padding: int | None = None,
    norm_mean: float | None = None,
    norm_std: float | None = None,
) -> Checkpoint:
    """Load our checkpoint, or import a plain state_dict file; raise CheckpointError otherwise.

    The keyword arguments only apply to imported state_dicts (our own files carry their config).
    """
    path = Path(path)
    label = path.name
    import_options = dict(
        activation=activation,
        pool=pool,
        pool_size=pool_size,
        class_names=class_names,
        input_size=input_size,
        padding=padding,
        norm_mean=norm_mean,
        norm_std=norm_std,
    )
    _check_file(path, label)
    if path.suffix == ".safetensors" or _looks_like_safetensors(path):
        return _load_safetensors(path, label, import_options)
    payload = _read_pt(path, label)
    if isinstance(payload, Mapping) and "format" in payload:
        return _from_our_format(payload, path, label)
    state_dict, wrapper_key = _find_state_dict(payload, label)
    checkpoint = import_state_dict(state_dict, source=label, **import_options)
    if wrapper_key is not None:
        checkpoint.metadata["wrapper_key"] = wrapper_key
    checkpoint.path = path
    return checkpoint


def load_model(
    path: str | Path, device: str | torch.device | None = None, **import_options: Any
) -> tuple[LeNet, Checkpoint]:
    checkpoint = load_checkpoint(path, **import_options)
    return checkpoint.build(device), checkpoint


def _check_file(path: Path, label: str) -> None:
    if not path.exists():
        raise CheckpointError(f"{label}: no such file ({path})")
    if path.is_dir():
        raise CheckpointError(f"{label}: is a folder, expected a checkpoint file")
    if path.stat().st_size == 0:
        raise CheckpointError(f"{label}: empty file (0 bytes), expected a checkpoint")


def _read_pt(path: Path, label: str) -> Any:
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(_ZIP_MAGIC):
        _check_zip(path, label)
    elif head[:1] != b"\x80" and not _parses_as_pickle(path):
        # Protocol 2+ pickles (torch's legacy format too) start with 0x80; older ones are text.
        raise CheckpointError(
            f"{label}: not a checkpoint: {_describe_content(head, path)}; "
            "expected a PyTorch .pt file (a zip archive or a pickle)"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. torch's "pickle protocol 4" warning
            # weights_only=True: the only safe way; never change it (see DESIGN.md).
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise CheckpointError(_unpickling_message(path, label, exc)) from exc
    except Exception as exc:  # noqa: BLE001 - any failure to read is the file's fault
        raise CheckpointError(
            f"{label}: truncated or corrupt checkpoint ({_first_line(exc)})"
        ) from exc


def _parses_as_pickle(path: Path) -> bool:
    """A protocol 0/1 pickle has no magic byte: parse its opcodes (nothing is imported or run)."""
    try:
        with open(path, "rb") as f:
            for _opcode in pickletools.genops(f):
                pass
    except Exception:  # noqa: BLE001 - not a pickle
        return False
    return True


def _check_zip(path: Path, label: str) -> None:
    """torch does not verify CRC-32s: flipped bytes in a tensor would load silently. We do."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CheckpointError(
            f"{label}: truncated or corrupt zip archive ({exc}); the file may have been cut short"
        ) from exc
    with archive:
        members = archive.infolist()
        if not any(m.filename.endswith("data.pkl") for m in members):
            raise CheckpointError(
                f"{label}: not a checkpoint: a zip archive without data.pkl "
                f"(holds {', '.join(m.filename for m in members[:3]) or 'nothing'})"
            )
        for member in members:
            if member.CRC == 0:  # torch.save(compute_crc32=False) writes no checksum
                continue
            try:
                with archive.open(member) as f:
                    while f.read(1 << 20):
                        pass
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
                raise CheckpointError(
                    f"{label}: corrupt zip archive: member {member.filename} is damaged ({exc})"
                ) from exc


def _unpickling_message(path: Path, label: str, exc: Exception) -> str:
    """Tell a pickle that would run code from a damaged one, naming what it wanted to call."""
    unsafe, truncated = _scan_pickle_globals(path)
    if unsafe:
        names = _join(list(dict.fromkeys(unsafe)), limit=3)
        hint = ""
        if any(name.startswith("torch.nn.modules.") for name in unsafe):
            hint = "; this looks like a whole pickled nn.Module: save model.state_dict() instead"
        return (
            f"{label}: refused to load: its pickle would call {names}, which could run code "
            f"(nothing was run); a checkpoint may hold only tensors and plain data{hint}"
        )
    if truncated:
        return f"{label}: truncated or corrupt checkpoint (the pickle data ends early)"
    reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    for line in str(exc).splitlines():  # torch's message: the useful line is the indented one
        if "Unsupported" in line or "unsupported" in line or "Can only" in line:
            reason = line.strip()
            break
    return f"{label}: refused to load: the pickle holds more than plain data ({reason[:160]})"


def _allowed_globals() -> set[str]:
    try:
        from torch import _weights_only_unpickler

        return set(_weights_only_unpickler._get_allowed_globals())
    except Exception:  # noqa: BLE001 - private API; fall back to torch's own namespaces
        return set()


def _is_allowed_global(name: str, allowed: set[str]) -> bool:
    if allowed:
        return name in allowed
    return name.startswith(("torch.", "collections.OrderedDict"))


def _pickle_streams(path: Path) -> list[bytes]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return [archive.read(m) for m in archive.infolist() if m.filename.endswith("data.pkl")]
    return [path.read_bytes()]


def _scan_pickle_globals(path: Path) -> tuple[list[str], bool]:
    """Names of the functions/classes a pickle imports that torch's safe loader does not allow.

    Uses pickletools.genops, which only parses opcodes; it never imports or calls anything.
    Returns (disallowed names, whether the data ended early).
    """
    allowed = _allowed_globals()
    disallowed: list[str] = []
    truncated = False
    try:
        streams = _pickle_streams(path)
    except Exception:  # noqa: BLE001
        return [], True
    for data in streams:
        stream = io.BytesIO(data)
        # torch's legacy format is several pickles in a row; a raw pickle is one.
        for _ in range(5):
            if stream.tell() >= len(data):
                break
            try:
                names = _globals_of_one_pickle(stream)
            except Exception:  # noqa: BLE001 - ends early or is not a pickle at all
                truncated = True
                break
            disallowed += [n for n in names if not _is_allowed_global(n, allowed)]
            if disallowed:
                break
            if data[stream.tell() : stream.tell() + 1] != b"\x80":
                break  # what follows is raw tensor bytes, not another pickle
    return disallowed, truncated


def _globals_of_one_pickle(stream: io.BytesIO) -> list[str]:
    names: list[str] = []
    strings: list[str | None] = []  # recent pushes, for STACK_GLOBAL's module and name
    memo: dict[int, str | None] = {}
    for opcode, arg, _pos in pickletools.genops(stream):
        op = opcode.name
        if op in ("GLOBAL", "INST"):
            names.append(str(arg).replace(" ", "."))
        elif op == "STACK_GLOBAL":
            module, name = (strings[-2], strings[-1]) if len(strings) >= 2 else (None, None)
            names.append(f"{module}.{name}")
        elif op in (
            "SHORT_BINUNICODE",
            "BINUNICODE",
            "BINUNICODE8",
            "UNICODE",
            "STRING",
            "BINSTRING",
            "SHORT_BINSTRING",
        ):
            strings.append(str(arg))
        elif op == "MEMOIZE":
            memo[len(memo)] = strings[-1] if strings else None
        elif op in ("PUT", "BINPUT", "LONG_BINPUT"):
            memo[int(arg)] = strings[-1] if strings else None
        elif op in ("GET", "BINGET", "LONG_BINGET"):
            strings.append(memo.get(int(arg)))
        if op == "STOP":
            break
    return names


def _describe_content(head: bytes, path: Path) -> str:
    signatures = [
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"BM", "a BMP image"),
        (b"%PDF", "a PDF document"),
        (b"\x1f\x8b", "a gzip file"),
        (b"\x93NUMPY", "a NumPy .npy array"),
        (b"\x00\x00\x08", "an IDX data file"),
    ]
    for magic, kind in signatures:
        if head.startswith(magic):
            return f"it is {kind}"
    with open(path, "rb") as f:
        start = f.read(4096)
    text = start.decode("utf-8", errors="replace")
    if b"\x00" in start or text.count("\ufffd") > len(text) // 100:
        return f"unrecognised binary data (starts with {head[:8].hex(' ')})"
    snippet = text.strip().splitlines()[0][:30] if text.strip() else ""
    return f"it is a text file (starts with {snippet!r})"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:160]


def _from_our_format(payload: Mapping[str, Any], path: Path, label: str) -> Checkpoint:
    marker = payload.get("format")
    if marker != FORMAT:
        raise CheckpointError(f"{label}: format marker is {marker!r}, expected {FORMAT!r}")
    version = payload.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CheckpointError(
            f"{label}: format_version must be a positive integer, found {version!r}"
        )
    if version > FORMAT_VERSION:
        raise CheckpointError(
            f"{label}: written by a newer CNN Explainer (format_version {version}); this version "
            f"reads format_version {FORMAT_VERSION} or older; update cnn-explainer to open it"
        )
    for key in ("config", "state_dict"):
        if key not in payload:
            raise CheckpointError(f"{label}: the checkpoint has no {key!r} entry")
    config = _config_from_dict(payload["config"], label)
    metadata = payload.get("metadata", {})
    if not isinstance(metadata, Mapping):
        raise CheckpointError(f"{label}: metadata must be a dict, found {type(metadata).__name__}")
    raw_state_dict = payload["state_dict"]
    if not isinstance(raw_state_dict, Mapping):
        raise CheckpointError(
            f"{label}: state_dict must be a dict of tensors, found {type(raw_state_dict).__name__}"
        )
    state_dict = validate_state_dict(config, raw_state_dict, label)
    return Checkpoint(config, state_dict, dict(metadata), path)


def _config_from_dict(data: Any, label: str) -> ModelConfig:
    if not isinstance(data, Mapping):
        raise CheckpointError(
            f"{label}: invalid config: expected a dict, found {type(data).__name__}"
        )
    try:
        return ModelConfig.from_dict(dict(data))
    except ConfigError as exc:
        raise CheckpointError(f"{label}: invalid config: {exc}") from exc


# ---- validation ----------------------------------------------------------------------------------
def expected_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    """Names and shapes of LeNet(config).state_dict(), in order, without allocating weights."""
    with torch.device("meta"):
        model = LeNet(config)
    return {name: tuple(t.shape) for name, t in model.state_dict().items()}


def validate_state_dict(
    config: ModelConfig, state_dict: Mapping[str, Any], label: str = "checkpoint"
) -> dict[str, torch.Tensor]:
    """Check names, shapes, dtypes and finiteness against LeNet(config); return float32 copies.

    Done before load_state_dict so every error is ours, names the layer, and is one line.
    """
    _check_tensors(state_dict, label)
    expected = expected_shapes(config)
    missing = [name for name in expected if name not in state_dict]
    unexpected = [name for name in state_dict if name not in expected]
    problems = []
    if missing:
        problems.append(f"missing {_join(missing)}")
    if unexpected:
        problems.append(f"unexpected {_join(unexpected)}")
    if problems:
        raise CheckpointError(
            f"{label}: {'; '.join(problems)} (a LeNet with {_describe_config(config)} "
            f"has {', '.join(_layer_names(expected))})"
        )
    wrong_shapes = [
        f"{name}: expected {_shape(shape)}, found {_shape(tuple(state_dict[name].shape))}"
        for name, shape in expected.items()
        if tuple(state_dict[name].shape) != shape
    ]
    if wrong_shapes:
        raise CheckpointError(f"{label}: {_join(wrong_shapes, '; ')}")
    _check_float_and_finite(state_dict, label)
    return {name: state_dict[name].detach().to(torch.float32).contiguous() for name in expected}


def _check_tensors(state_dict: Mapping[str, Any], label: str) -> None:
    bad = [
        f"{name!s} is a {type(value).__name__}"
        for name, value in state_dict.items()
        if not isinstance(value, torch.Tensor)
    ]
    if bad:
        raise CheckpointError(f"{label}: state_dict values must be tensors, but {_join(bad, '; ')}")


def _check_float_and_finite(
    state_dict: Mapping[str, torch.Tensor], label: str, require_float: bool = True
) -> None:
    if require_float:
        not_float = [
            f"{name} has dtype {str(t.dtype).removeprefix('torch.')}"
            for name, t in state_dict.items()
            if not t.is_floating_point()
        ]
        if not_float:
            raise CheckpointError(
                f"{label}: weights must be floating point, but {_join(not_float, '; ')}"
            )
    non_finite = []
    for name, tensor in state_dict.items():
        if not tensor.is_floating_point():
            continue
        bad = int((~torch.isfinite(tensor)).sum())
        if bad:
            non_finite.append(f"{name} has {bad} NaN/Inf value{'s' if bad != 1 else ''}")
    if non_finite:
        raise CheckpointError(f"{label}: {_join(non_finite, '; ')}")


def _join(items: list[str], separator: str = ", ", limit: int = 8) -> str:
    """At most `limit` items, so that a message stays one readable line."""
    shown = separator.join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ")"


def _layer_names(shapes: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys(name.rsplit(".", 1)[0] for name in shapes))


def _describe_config(config: ModelConfig) -> str:
    fc = "/".join(str(s) for s in config.fc_sizes)
    return (
        f"{config.in_channels}→{config.conv_channels[0]}→{config.conv_channels[1]} channels, "
        f"{config.kernel_size}×{config.kernel_size} kernels, FC {fc or 'none'}, "
        f"{config.num_classes} classes"
    )


# ---- importing plain state_dicts -----------------------------------------------------------------
def _find_state_dict(payload: Any, label: str) -> tuple[Mapping[str, Any], str | None]:
    if not isinstance(payload, Mapping):
        raise CheckpointError(
            f"{label}: not a checkpoint: holds a {type(payload).__name__}, "
            "expected a dict (a state_dict or our checkpoint format)"
        )
    for key in WRAPPER_KEYS:
        inner = payload.get(key)
        if isinstance(inner, Mapping) and inner:
            return inner, key
    if not payload:
        raise CheckpointError(f"{label}: not a checkpoint: an empty dict")
    if not any(isinstance(v, torch.Tensor) for v in payload.values()):
        keys = ", ".join(str(k) for k in list(payload)[:6])
        raise CheckpointError(
            f"{label}: not a checkpoint: a dict without tensors (keys: {keys}); expected a "
            f"state_dict, or one under {' / '.join(repr(k) for k in WRAPPER_KEYS)}"
        )
    return payload, None


@dataclass
class _Layer:
    prefix: str  # module path in the source state_dict, e.g. "conv1" or "features.0"
    weight: torch.Tensor
    bias: torch.Tensor | None

    @property
    def kind(self) -> str:
        return {4: "conv", 2: "linear"}.get(self.weight.dim(), "other")


def _natural_key(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def import_state_dict(
    state_dict: Mapping[str, Any],
    *,
    activation: str | None = None,
    pool: str | None = None,
    pool_size: int | None = None,
    class_names: tuple[str, ...] | list[str] | None = None,
    input_size: int | None = None,
    padding: int | None = None,
    norm_mean: float | None = None,
    norm_std: float | None = None,
    source: str = "state_dict",
) -> Checkpoint:
    """Build a Checkpoint from a plain LeNet-like state_dict, inferring the config from shapes.

    ``source`` starts every error message (the file name when called from load_checkpoint).
    Activation, pooling, class names and normalisation cannot be read from weights; defaults are
    relu, max, "0".."N-1" and none. input_size/padding are inferred unless given.
    """
    label = source
    if not isinstance(state_dict, Mapping):
        raise CheckpointError(
            f"{label}: expected a state_dict (dict of tensors), found {type(state_dict).__name__}"
        )
    _check_tensors(state_dict, label)
    tensors: dict[str, torch.Tensor] = dict(state_dict)
    if tensors and all(k.startswith("module.") for k in tensors):  # saved from nn.DataParallel
        tensors = {k.removeprefix("module."): v for k, v in tensors.items()}
    _check_float_and_finite(tensors, label, require_float=False)  # names the source's keys

    layers, others = _group_layers(tensors)
    scheme = _naming_scheme(layers)
    _check_named_layers_complete(layers, others, scheme, label)
    convs = [layer for layer in layers if layer.kind == "conv"]
    linears = [layer for layer in layers if layer.kind == "linear"]
    if others or len(convs) != 2 or not linears or any(lay.kind == "other" for lay in layers):
        raise CheckpointError(
            f"{label}: unsupported architecture: {_describe_found(layers, others)}"
        )
    _check_float_and_finite(
        {
            f"{lay.prefix}.{part}": t
            for lay in layers
            for part, t in (("weight", lay.weight), ("bias", lay.bias))
            if t is not None
        },
        label,
    )
    missing_bias = [f"{lay.prefix}.bias" for lay in layers if lay.bias is None]
    if missing_bias:
        raise CheckpointError(f"{label}: missing {_join(missing_bias)}")
    convs, linears = _chain_order(convs, linears, label)

    conv1, conv2 = convs
    kernel = conv1.weight.shape[-1]
    kernels = [tuple(c.weight.shape[-2:]) for c in convs]
    if any(k != (kernel, kernel) for k in kernels):
        raise CheckpointError(
            f"{label}: unsupported architecture: conv kernels are {kernels[0]} and {kernels[1]}; "
            "LeNet import needs square kernels of one size"
        )
    flat = linears[0].weight.shape[1]
    if activation is not None and activation not in ACTIVATIONS:
        raise CheckpointError(
            f"{label}: activation must be one of {ACTIVATIONS}, found {activation!r}"
        )
    if pool is not None and pool not in POOL_KINDS:
        raise CheckpointError(f"{label}: pool must be one of {POOL_KINDS}, found {pool!r}")
    base = dict(
        in_channels=int(conv1.weight.shape[1]),
        conv_channels=(int(conv1.weight.shape[0]), int(conv2.weight.shape[0])),
        kernel_size=int(kernel),
        pool=pool or "max",
        pool_size=pool_size or 2,
        activation=activation or "relu",
        fc_sizes=tuple(int(lay.weight.shape[0]) for lay in linears[:-1]),
        norm_mean=0.0 if norm_mean is None else float(norm_mean),
        norm_std=1.0 if norm_std is None else float(norm_std),
    )
    num_classes = int(linears[-1].weight.shape[0])
    if class_names is None:
        class_names = DIGIT_CLASSES if num_classes == 10 else tuple(map(str, range(num_classes)))
    elif len(class_names) != num_classes:
        raise CheckpointError(
            f"{label}: {len(class_names)} class names given, but the last layer "
            f"{linears[-1].prefix} has {num_classes} outputs"
        )
    base["class_names"] = tuple(class_names)
    try:
        sized = _infer_input_size(base, flat, input_size, padding, linears[0], label)
        config = ModelConfig(**base, **sized)
    except ConfigError as exc:
        raise CheckpointError(f"{label}: invalid config for the imported weights: {exc}") from exc

    names = ["conv1", "conv2", *config.fc_layer_names, "logits"]
    source_keys: dict[str, str] = {}
    mapped: dict[str, torch.Tensor] = {}
    for our_name, layer in zip(names, [*convs, *linears], strict=True):
        for part, tensor in (("weight", layer.weight), ("bias", layer.bias)):
            mapped[f"{our_name}.{part}"] = tensor
            source_keys[f"{our_name}.{part}"] = f"{layer.prefix}.{part}"
    validated = validate_state_dict(config, mapped, label)
    metadata: dict[str, Any] = {
        "imported_from": scheme,
        "source_keys": source_keys,
        "assumed": {
            key: value
            for key, value, given in (
                ("activation", config.activation, activation),
                ("pool", config.pool, pool),
                ("pool_size", config.pool_size, pool_size),
                ("input_size", config.input_size, input_size),
                ("padding", config.padding, padding),
                ("normalisation", [config.norm_mean, config.norm_std], norm_mean),
            )
            if given is None
        },
    }
    return Checkpoint(config, validated, metadata)


def _group_layers(tensors: Mapping[str, torch.Tensor]) -> tuple[list[_Layer], list[str]]:
    """Group "<prefix>.weight/.bias" pairs into layers, in the state_dict's order."""
    weights: dict[str, torch.Tensor] = {}
    biases: dict[str, torch.Tensor] = {}
    others: list[str] = []
    for key, tensor in tensors.items():
        prefix, _, leaf = key.rpartition(".")
        if leaf == "weight" and prefix:
            weights[prefix] = tensor
        elif leaf == "bias" and prefix:
            biases[prefix] = tensor
        else:
            others.append(key)  # running_mean, num_batches_tracked, bare names ...
    others += [f"{prefix}.bias" for prefix in biases if prefix not in weights]
    layers = [_Layer(prefix, w, biases.get(prefix)) for prefix, w in weights.items()]
    return layers, others


def _naming_scheme(layers: list[_Layer]) -> str:
    prefixes = {layer.prefix for layer in layers}
    if prefixes and all(re.fullmatch(r"(conv|fc)\d+|logits", p) for p in prefixes):
        return "explainer-lenet" if "logits" in prefixes else "tutorial-lenet"
    if prefixes and all(re.fullmatch(r"([A-Za-z_]\w*\.)*\d+", p) for p in prefixes):
        return "sequential"
    return "state-dict"


def _check_named_layers_complete(
    layers: list[_Layer], others: list[str], scheme: str, label: str
) -> None:
    """With conv1/conv2/fc1.. names, a gap in the numbering is a missing layer: name it."""
    if scheme not in ("tutorial-lenet", "explainer-lenet"):
        return
    numbers: dict[str, set[int]] = {"conv": set(), "fc": set()}
    for layer in layers:
        match = re.fullmatch(r"(conv|fc)(\d+)", layer.prefix)
        if match:
            numbers[match.group(1)].add(int(match.group(2)))
    missing = [f"conv{i}" for i in (1, 2) if i not in numbers["conv"]]
    if numbers["fc"]:
        missing += [f"fc{i}" for i in range(1, max(numbers["fc"])) if i not in numbers["fc"]]
    elif scheme == "tutorial-lenet":
        missing.append("fc1")
    present = {
        f"{layer.prefix}.{part}"
        for layer in layers
        for part in ("weight", "bias")
        if part == "weight" or layer.bias is not None
    } | set(others)
    missing_keys = [
        f"{name}.{part}"
        for name in missing
        for part in ("weight", "bias")
        if f"{name}.{part}" not in present
    ]
    if missing_keys:
        raise CheckpointError(f"{label}: missing {', '.join(dict.fromkeys(missing_keys))}")


def _describe_found(layers: list[_Layer], others: list[str]) -> str:
    counts = {
        "conv": sum(lay.kind == "conv" for lay in layers),
        "linear": sum(lay.kind == "linear" for lay in layers),
    }
    norm_layers = {
        k.rpartition(".")[0] for k in others if k.endswith(("running_mean", "running_var"))
    }
    parts = [
        f"{counts['conv']} conv layer{'s' * (counts['conv'] != 1)}",
        f"{counts['linear']} linear layer{'s' * (counts['linear'] != 1)}",
    ]
    if norm_layers:
        parts.append(f"{len(norm_layers)} batch-norm layer{'s' * (len(norm_layers) != 1)}")
    odd = [
        f"{lay.prefix}.weight {_shape(tuple(lay.weight.shape))}"
        for lay in layers
        if lay.kind == "other" and lay.prefix not in norm_layers
    ]
    loose = [k for k in others if k.rpartition(".")[0] not in norm_layers]
    if odd or loose:
        shown = (odd + loose)[:4]
        more = len(odd) + len(loose) - len(shown)
        parts.append("other tensors " + ", ".join(shown) + (f" and {more} more" if more else ""))
    listing = ", ".join(
        f"{lay.prefix} {_shape(tuple(lay.weight.shape))}"
        for lay in layers
        if lay.kind in ("conv", "linear")
    )
    if len(listing) > 160:
        listing = listing[:157] + "..."
    return (
        f"found {', '.join(parts)}{f' ({listing})' if listing else ''}; expected a LeNet: "
        "2 conv layers followed by 1 or more linear layers"
    )


def _chain_order(
    convs: list[_Layer], linears: list[_Layer], label: str
) -> tuple[list[_Layer], list[_Layer]]:
    """The state_dict's own order, else natural name order (safetensors sorts its keys)."""

    def problem(cs: list[_Layer], ls: list[_Layer]) -> str | None:
        if cs[1].weight.shape[1] != cs[0].weight.shape[0]:
            return (
                f"{cs[1].prefix}.weight takes {cs[1].weight.shape[1]} channels but "
                f"{cs[0].prefix}.weight gives {cs[0].weight.shape[0]}"
            )
        for prev, nxt in zip(ls, ls[1:], strict=False):
            if nxt.weight.shape[1] != prev.weight.shape[0]:
                return (
                    f"{nxt.prefix}.weight takes {nxt.weight.shape[1]} inputs but "
                    f"{prev.prefix}.weight gives {prev.weight.shape[0]}"
                )
        return None

    first = problem(convs, linears)
    if first is None:
        return convs, linears
    by_name = (
        sorted(convs, key=lambda lay: _natural_key(lay.prefix)),
        sorted(linears, key=lambda lay: _natural_key(lay.prefix)),
    )
    if problem(*by_name) is None:
        return by_name
    raise CheckpointError(f"{label}: layers do not fit together: {first}")


def _infer_input_size(
    base: dict[str, Any],
    flat: int,
    input_size: int | None,
    padding: int | None,
    fc1: _Layer,
    label: str,
) -> dict[str, int]:
    """Find (input_size, padding) with c2·s² == fc1's in_features; prefer 32 and no padding."""
    kernel = base["kernel_size"]
    sizes = [input_size] if input_size is not None else list(range(kernel, 257))
    paddings = [padding] if padding is not None else list(range(0, kernel // 2 + 1))
    candidates: list[tuple[int, int]] = []
    for size in sizes:
        for pad in paddings:
            try:
                config = ModelConfig(**base, input_size=size, padding=pad)
            except ConfigError:
                continue
            if config.flat_size == flat:
                candidates.append((size, pad))
    if not candidates:
        c2 = base["conv_channels"][1]
        given = ""
        if input_size is not None or padding is not None:
            given = f" with input_size={input_size} and padding={padding}"
        raise CheckpointError(
            f"{label}: {fc1.prefix}.weight takes {flat} inputs, but conv2's {c2} channels × s×s "
            f"after pooling give no such size{given}; cannot infer the input size"
        )

    def preference(candidate: tuple[int, int]) -> tuple[int, int, int, int]:
        size, pad = candidate
        config = ModelConfig(**base, input_size=size, padding=pad)
        pool = config.pool_size
        exact = config.conv1_size % pool == 0 and config.conv2_size % pool == 0
        # 32×32 unpadded first (the classic LeNet input), then 28 'same'-padded, then exact fits.
        return (size != 32 or pad != 0, size != 28, not exact, pad * 1000 + size)

    size, pad = min(candidates, key=preference)
    return {"input_size": size, "padding": pad}


# ---- safetensors (read/written without the safetensors package) ---------------------------------
def _looks_like_safetensors(path: Path) -> bool:
    with open(path, "rb") as f:
        head = f.read(9)
    if len(head) < 9:
        return False
    (header_len,) = struct.unpack("<Q", head[:8])
    return head[8:9] == b"{" and 2 <= header_len <= path.stat().st_size - 8


def _safetensors_bytes(tensors: Mapping[str, torch.Tensor], metadata: dict[str, str]) -> bytes:
    header: dict[str, Any] = {"__metadata__": metadata}
    chunks, offset = [], 0
    for name, tensor in tensors.items():
        data = tensor.detach().cpu().contiguous().view(torch.uint8).numpy().tobytes()
        header[name] = {
            "dtype": _SAFE_TENSORS_NAMES[tensor.dtype],
            "shape": list(tensor.shape),
            "data_offsets": [offset, offset + len(data)],
        }
        chunks.append(data)
        offset += len(data)
    header_bytes = json.dumps(header, separators=(",", ":")).encode()
    header_bytes += b" " * (-len(header_bytes) % 8)  # the spec aligns data to 8 bytes
    return struct.pack("<Q", len(header_bytes)) + header_bytes + b"".join(chunks)


def _read_safetensors(path: Path, label: str) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    data = path.read_bytes()
    bad = f"{label}: truncated or corrupt safetensors file"
    if len(data) < 8:
        raise CheckpointError(f"{bad} (shorter than its 8-byte header length)")
    (header_len,) = struct.unpack("<Q", data[:8])
    if header_len > len(data) - 8:
        raise CheckpointError(f"{bad} (header of {header_len} bytes, file has {len(data)})")
    try:
        header = json.loads(data[8 : 8 + header_len])
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CheckpointError(f"{bad} (header is not JSON: {exc})") from exc
    if not isinstance(header, dict):
        raise CheckpointError(f"{bad} (header is not a JSON object)")
    body = memoryview(data)[8 + header_len :]
    metadata = header.pop("__metadata__", None) or {}
    tensors: dict[str, torch.Tensor] = {}
    for name, info in header.items():
        try:
            dtype = _SAFE_TENSORS_DTYPES[info["dtype"]]
            shape = [int(s) for s in info["shape"]]
            begin, end = (int(o) for o in info["data_offsets"])
        except (KeyError, TypeError, ValueError) as exc:
            raise CheckpointError(f"{bad} (entry {name!r} is malformed: {exc})") from exc
        itemsize = torch.empty((), dtype=dtype).element_size()
        if not 0 <= begin <= end <= len(body) or end - begin != math.prod(shape) * itemsize:
            raise CheckpointError(f"{bad} ({name} data does not fit: bytes {begin}..{end})")
        raw = torch.frombuffer(bytearray(body[begin:end]), dtype=torch.uint8)
        tensors[name] = (
            raw.view(dtype).reshape(shape) if end > begin else torch.empty(shape, dtype=dtype)
        )
    return tensors, {str(k): str(v) for k, v in metadata.items()}


def _load_safetensors(path: Path, label: str, import_options: dict[str, Any]) -> Checkpoint:
    tensors, header_metadata = _read_safetensors(path, label)
    if "format" in header_metadata:
        try:
            version = int(header_metadata.get("format_version", ""))
            config = json.loads(header_metadata["config"])
            metadata = json.loads(header_metadata.get("metadata", "{}"))
        except (KeyError, ValueError) as exc:
            raise CheckpointError(f"{label}: malformed checkpoint header ({exc})") from exc
        payload = {
            "format": header_metadata["format"],
            "format_version": version,
            "config": config,
            "state_dict": tensors,
            "metadata": metadata,
        }
        return _from_our_format(payload, path, label)
    sidecar = path.with_suffix(".json")
    if sidecar.exists():  # a JSON file beside the weights may carry our config and metadata
        try:
            extra = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CheckpointError(f"{sidecar.name}: not valid JSON ({exc})") from exc
        if isinstance(extra, dict) and "config" in extra:
            payload = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "config": extra["config"],
                "state_dict": tensors,
                "metadata": extra.get("metadata", {}),
            }
            return _from_our_format(payload, path, label)
    checkpoint = import_state_dict(tensors, source=label, **import_options)
    checkpoint.path = path
    return checkpoint
