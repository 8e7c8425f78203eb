"""Our checkpoint format: save, load and the Checkpoint that ties a ModelConfig to its weights.

The ``.pt`` form (format_version 1) is one file written by ``torch.save`` that holds plain data::

    {
        "format": "cnn-explainer-checkpoint",   # marker: tells our files from other .pt files
        "format_version": 1,                    # int; a newer one than FORMAT_VERSION is refused
        "config": ModelConfig.to_dict(),        # str/int/float/list values only
        "state_dict": {name: tensor},           # exactly LeNet(config).state_dict()'s names/shapes
        "metadata": {...},                      # free-form plain data, see METADATA_KEYS
    }

The ``.safetensors`` form is written and read with the safetensors library: the tensors are the
state_dict, and the header's ``__metadata__`` holds the marker, format_version, and config and
metadata as JSON strings. A ``.safetensors`` file without our marker is imported like a plain
state_dict; a ``<name>.json`` beside it may give ``config`` and ``metadata``.
Files are written atomically (temporary file + rename), so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import safetensors
import safetensors.torch
import torch

from explainer.core.checkpoint import timeline
from explainer.core.checkpoint.importing import find_state_dict, import_state_dict
from explainer.core.checkpoint.record import Checkpoint
from explainer.core.checkpoint.safety import check_file, looks_like_safetensors, read_pt
from explainer.core.checkpoint.validation import MAX_TENSORS, config_from_dict, validate_state_dict
from explainer.core.config import MAX_PARAMS
from explainer.core.errors import CheckpointError
from explainer.core.files import check_writable, parse_json, read_text
from explainer.core.model import LeNet
from explainer.core.snapshots import Snapshot
from explainer.core.text import printable

FORMAT = "cnn-explainer-checkpoint"
# 1: config, state_dict, metadata. 2: also a training timeline ("snapshots"); files without
# one are still written as version 1, so older versions of the app keep reading them.
FORMAT_VERSION = 2

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


# ---- saving --------------------------------------------------------------------------------------
def save_checkpoint(
    path: str | Path,
    model: LeNet,
    metadata: dict[str, Any] | None = None,
    snapshots: Sequence[Snapshot] = (),
) -> Path:
    """Write atomically (temp file + rename) so a crash never leaves half a checkpoint.

    A ``.safetensors`` suffix writes the safetensors form; anything else the ``.pt`` form.
    ``metadata`` must be plain data (numpy scalars are converted); ``torch_version`` is added.
    ``snapshots``: the run's training timeline (see timeline.py), saved with the weights.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    plain_metadata = _plain_data(dict(metadata or {}), "metadata", path.name)
    plain_metadata.setdefault("torch_version", str(torch.__version__))
    state_dict = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    version = 2 if snapshots else 1
    if path.suffix == ".safetensors":
        header_metadata = {
            "format": FORMAT,
            "format_version": str(version),
            "config": json.dumps(model.config.to_dict()),
            "metadata": json.dumps(plain_metadata),
        }
        if snapshots:
            snapshot_tensors, header_metadata["snapshots"] = timeline.to_safetensors(snapshots)
            state_dict = {**state_dict, **snapshot_tensors}
        blob = safetensors.torch.save(state_dict, metadata=header_metadata)
        _write_atomically(path, lambda f: f.write(blob))
        return path
    payload = {
        "format": FORMAT,
        "format_version": version,
        "config": model.config.to_dict(),
        "state_dict": state_dict,
        "metadata": plain_metadata,
    }
    if snapshots:
        payload["snapshots"] = timeline.pack(snapshots)
    _write_atomically(path, lambda f: torch.save(payload, f))
    return path


def _write_atomically(path: Path, write) -> None:
    check_writable(path)
    _remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        # mkstemp makes the file private (0600); a saved checkpoint gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(path: Path, older_than_s: float = 3600.0) -> None:
    """Temporaries a killed writer left beside `path` (hidden `.NAME.*.tmp`, over an hour
    old, so a write in progress elsewhere is never touched)."""
    import time

    now = time.time()
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if stale.is_file() and now - stale.stat().st_mtime > older_than_s:
                stale.unlink()
        except OSError:
            pass


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
    # importing.py builds Checkpoints, so it imports this module: import it back when used.

    check_file(path, label)
    if path.suffix == ".safetensors" or looks_like_safetensors(path):
        return _load_safetensors(path, label, import_options)
    payload = read_pt(path, label)
    if isinstance(payload, Mapping) and "format" in payload:
        return _from_our_format(payload, path, label)
    state_dict, wrapper_key = find_state_dict(payload, label)
    checkpoint = import_state_dict(state_dict, source=label, **import_options)
    if wrapper_key is not None:
        checkpoint.metadata["wrapper_key"] = wrapper_key
    checkpoint.path = path
    return checkpoint


def load_model(
    path: str | Path,
    device: str | torch.device | None = None,
    snapshot: int | None = None,
    **import_options: Any,
) -> tuple[LeNet, Checkpoint]:
    """The network of a checkpoint file (its final weights, or those of timeline snapshot
    `snapshot`: 0 the first, -1 the last) and the checkpoint."""
    checkpoint = load_checkpoint(path, **import_options)
    return checkpoint.build(device, snapshot=snapshot), checkpoint


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
    config = config_from_dict(payload["config"], label)
    metadata = payload.get("metadata", {})
    if not isinstance(metadata, Mapping):
        raise CheckpointError(f"{label}: metadata must be a dict, found {type(metadata).__name__}")
    raw_state_dict = payload["state_dict"]
    if not isinstance(raw_state_dict, Mapping):
        raise CheckpointError(
            f"{label}: state_dict must be a dict of tensors, found {type(raw_state_dict).__name__}"
        )
    state_dict = validate_state_dict(config, raw_state_dict, label)
    snapshots = timeline.unpack(payload.get("snapshots", []), config, label)
    return Checkpoint(config, state_dict, dict(metadata), path, snapshots)


# ---- safetensors (the safetensors library) ------------------------------------------------------
# The header of a .safetensors file: its length is read first, and at most this much JSON.
MAX_SAFETENSORS_HEADER = 16 * 1024 * 1024
# Bytes per value of each safetensors dtype.
SAFETENSORS_DTYPES = {
    "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
    "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
    "I32": 4, "U32": 4, "F32": 4,
    "I64": 8, "U64": 8, "F64": 8,
}  # fmt: skip
# Final weights and a timeline of up to timeline.MAX_SNAPSHOTS copies of them.
MAX_SAFETENSORS_TENSORS = MAX_TENSORS * (timeline.MAX_SNAPSHOTS + 1)


def check_safetensors_header(path: Path, label: str) -> None:
    """The header as the safetensors format defines it, checked before the library reads the
    file: its length, JSON of bounded depth, each tensor's dtype, a shape of whole numbers
    that is not negative or huge, data offsets that agree with the shape and fit the file, and
    metadata of string values. A CheckpointError names the first thing that is wrong."""
    size = path.stat().st_size

    def corrupt(problem: str) -> CheckpointError:
        return CheckpointError(f"{label}: truncated or corrupt safetensors file ({problem})")

    if size < 8:
        raise corrupt(f"expected at least 8 bytes (the header length), found {size}")
    with open(path, "rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        if header_len > MAX_SAFETENSORS_HEADER:
            raise corrupt(
                f"expected a header of {header_len} bytes; at most {MAX_SAFETENSORS_HEADER:,} "
                "are read"
            )
        if header_len > size - 8:
            raise corrupt(
                f"expected a header of {header_len} bytes, found {size - 8} after its length"
            )
        raw = f.read(header_len)
    try:
        header = parse_json(raw, "header", CheckpointError, max_depth=4)
    except CheckpointError as exc:
        raise corrupt(
            f"expected a JSON header listing each tensor's dtype, shape and data offsets; the {exc}"
        ) from None
    if not isinstance(header, dict):
        raise corrupt(f"expected a JSON object, found {type(header).__name__}")
    if len(header) > MAX_SAFETENSORS_TENSORS + 1:
        raise corrupt(f"{len(header) - 1:,} tensors; at most {MAX_SAFETENSORS_TENSORS:,} are read")
    data_size = size - 8 - header_len
    for name, entry in header.items():
        shown = printable(name, 60)
        if name == "__metadata__":
            if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
                raise corrupt("__metadata__ must map names to strings")
            continue
        if not isinstance(entry, dict):
            raise corrupt(f"{shown} must be an object with dtype, shape and data_offsets")
        dtype, shape, offsets = entry.get("dtype"), entry.get("shape"), entry.get("data_offsets")
        if not isinstance(dtype, str) or dtype not in SAFETENSORS_DTYPES:
            raise corrupt(f"{shown} has dtype {printable(repr(dtype), 30)}, not a safetensors one")
        if not isinstance(shape, list) or len(shape) > 8 or not all(_whole(d) for d in shape):
            raise corrupt(f"{shown} has shape {printable(repr(shape), 60)}; expected whole numbers")
        count = 1
        for dim in shape:
            count *= dim
            if count > MAX_PARAMS:
                raise corrupt(
                    f"{shown} has shape {printable(repr(shape), 60)}: more values than a model "
                    f"may have ({MAX_PARAMS:,})"
                )
        if (
            not isinstance(offsets, list)
            or len(offsets) != 2
            or not all(_whole(v) for v in offsets)
            or not offsets[0] <= offsets[1] <= data_size
        ):
            raise corrupt(
                f"{shown} has data offsets {printable(repr(offsets), 60)}; expected [begin, end] "
                f"within the {data_size:,} bytes of data"
            )
        if offsets[1] - offsets[0] != count * SAFETENSORS_DTYPES[dtype]:
            raise corrupt(
                f"{shown}: its shape needs {count * SAFETENSORS_DTYPES[dtype]:,} bytes, its data "
                f"offsets give {offsets[1] - offsets[0]:,}"
            )


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _read_safetensors(path: Path, label: str) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """Tensors in the file's own order (like a .pt state_dict's) and the header's metadata."""
    check_safetensors_header(path, label)
    try:
        with safetensors.safe_open(str(path), framework="pt", device="cpu") as f:
            metadata = f.metadata() or {}
            names = f.offset_keys() if hasattr(f, "offset_keys") else f.keys()
            # clone: the file is memory-mapped, and a loaded model must not depend on it.
            tensors = {name: f.get_tensor(name).clone() for name in names}
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - SafetensorError, or a Rust panic (BaseException)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        reason = reason.removeprefix("Error while deserializing header: ")[:160]
        raise CheckpointError(
            f"{label}: truncated or corrupt safetensors file ({reason}); {_sizes_found(path)}"
        ) from exc
    return tensors, {str(k): str(v) for k, v in metadata.items()}


def _sizes_found(path: Path) -> str:
    """For the message only (the library reads the file): what the header promises, and what the
    file holds. The 8-byte length and the JSON header are all that is read here."""
    size = path.stat().st_size
    if size < 8:
        return f"expected at least 8 bytes (the header length), found {size}"
    try:
        with open(path, "rb") as f:
            (header_len,) = struct.unpack("<Q", f.read(8))
            if header_len > size - 8:
                return f"expected a header of {header_len} bytes, found {size - 8} after its length"
            header = json.loads(f.read(header_len))
        data_end = max(
            (int(v["data_offsets"][1]) for k, v in header.items() if k != "__metadata__"),
            default=0,
        )
    except Exception:  # noqa: BLE001 - too damaged to tell more than the library did
        return "expected a JSON header listing each tensor's dtype, shape and data offsets"
    expected = 8 + header_len + data_end
    if expected != size:
        return f"expected {expected} bytes (header and tensor data), found {size}"
    return "expected a JSON header listing each tensor's dtype, shape and data offsets"


MAX_SIDECAR_BYTES = 16 * 1024 * 1024


def _load_safetensors(path: Path, label: str, import_options: dict[str, Any]) -> Checkpoint:

    tensors, header_metadata = _read_safetensors(path, label)
    if "format" in header_metadata:
        try:
            version = int(header_metadata.get("format_version", "")[:20])
            config = header_metadata["config"]
        except (KeyError, ValueError) as exc:
            raise CheckpointError(f"{label}: malformed checkpoint header ({exc})") from exc
        config = parse_json(config, f"{label}: the config in the header", CheckpointError)
        metadata = parse_json(
            header_metadata.get("metadata", "{}"),
            f"{label}: the metadata in the header",
            CheckpointError,
        )
        final, snapshots = timeline.split_safetensors(
            tensors, header_metadata.get("snapshots"), label
        )
        payload = {
            "format": header_metadata["format"],
            "format_version": version,
            "config": config,
            "state_dict": final,
            "metadata": metadata,
            "snapshots": snapshots,
        }
        return _from_our_format(payload, path, label)
    sidecar = path.with_suffix(".json")
    if sidecar.exists():  # a JSON file beside the weights may carry our config and metadata
        text = read_text(sidecar, sidecar.name, "a JSON file", MAX_SIDECAR_BYTES, CheckpointError)
        extra = parse_json(text, sidecar.name, CheckpointError)
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
