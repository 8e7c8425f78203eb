"""Safety: what a file is, whether it is intact, and reading a pickle without running its code.

``read_pt`` is the only place that unpickles: always ``torch.load(..., weights_only=True)``, whose
unpickler builds tensors, dicts, lists, strings and numbers and refuses every other import. The
rest of this module turns every way that can fail into a one-line ``CheckpointError``: a file that
is missing, empty, a folder or something else (a PNG, a text file, ...); a zip archive that is cut
short or has damaged members (CRC-32, which torch itself does not check); and a pickle that would
run code, named by what it wanted to call (found by reading its opcodes, never by running them).
"""

from __future__ import annotations

import io
import pickle
import pickletools
import struct
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

import torch

from explainer.core.checkpoint.validation import first_line, join
from explainer.core.errors import CheckpointError
from explainer.core.files import check_readable

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# The largest checkpoint read, on disk and unpacked (a model at the parameter limit is 200 MB;
# its training timeline adds a copy per snapshot).
MAX_CHECKPOINT_BYTES = 1 << 30
# A zip archive of torch.save holds one member per tensor storage, and a few more.
MAX_ZIP_MEMBERS = 20_000


def check_file(path: Path, label: str) -> None:
    """A regular file that can be read and is not larger than a checkpoint may be: a pipe, a
    device, /proc files, a link loop and an unreadable file are each named (files.py)."""
    check_readable(path, label, "a checkpoint file", CheckpointError, MAX_CHECKPOINT_BYTES)


def looks_like_safetensors(path: Path) -> bool:
    """An 8-byte little-endian header length that fits the file, then a JSON object."""
    with open(path, "rb") as f:
        head = f.read(9)
    if len(head) < 9:
        return False
    (header_len,) = struct.unpack("<Q", head[:8])
    return head[8:9] == b"{" and 2 <= header_len <= path.stat().st_size - 8


def read_pt(path: Path, label: str) -> Any:
    """The payload of a .pt file, read with weights_only=True after the file checks."""
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(_ZIP_MAGIC):
        check_zip(path, label)
    elif head[:1] != b"\x80" and not _parses_as_pickle(path):
        # Protocol 2+ pickles (torch's legacy format too) start with 0x80; older ones are text.
        raise CheckpointError(
            f"{label}: not a checkpoint: {describe_content(head, path)}; "
            "expected a PyTorch .pt file (a zip archive or a pickle)"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. torch's "pickle protocol 4" warning
            # weights_only=True: the only safe way; never change it (see DESIGN.md).
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise CheckpointError(unpickling_message(path, label, exc)) from exc
    except Exception as exc:  # noqa: BLE001 - any failure to read is the file's fault
        raise CheckpointError(
            f"{label}: truncated or corrupt checkpoint ({first_line(exc)})"
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


def check_zip(path: Path, label: str) -> None:
    """torch does not verify CRC-32s: flipped bytes in a tensor would load silently. We do."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CheckpointError(
            f"{label}: truncated or corrupt zip archive ({exc}); the file may have been cut short"
        ) from exc
    with archive:
        members = archive.infolist()
        check_zip_sizes(members, label)
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


def check_zip_sizes(members: list[zipfile.ZipInfo], label: str) -> None:
    """What the archive's directory declares, before a byte is inflated: a 6 MB zip bomb
    declares its 6.7 GB (and every reader, torch's too, stops at the declared size)."""
    if len(members) > MAX_ZIP_MEMBERS:
        raise CheckpointError(
            f"{label}: a zip archive of {len(members):,} members; a checkpoint has far fewer "
            f"(at most {MAX_ZIP_MEMBERS:,} are read)"
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_CHECKPOINT_BYTES:
        raise CheckpointError(
            f"{label}: its zip archive unpacks to {unpacked:,} bytes; at most "
            f"{MAX_CHECKPOINT_BYTES:,} are read (a zip bomb, or not a checkpoint of this app)"
        )


def unpickling_message(path: Path, label: str, exc: Exception) -> str:
    """Tell a pickle that would run code from a damaged one, naming what it wanted to call."""
    unsafe, truncated = unsafe_globals(path)
    if unsafe:
        names = join(list(dict.fromkeys(unsafe)), limit=3)
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


def unsafe_globals(path: Path) -> tuple[list[str], bool]:
    """Names of the functions/classes a pickle imports that torch's safe loader does not allow,
    and whether its data ended early. Nothing is imported or called: opcodes are only parsed."""
    torch_scan = getattr(torch.serialization, "get_unsafe_globals_in_checkpoint", None)
    if torch_scan is not None and zipfile.is_zipfile(path):
        try:
            names = torch_scan(path)  # torch's own scanner, with torch.load's own allowlist
        except Exception:  # noqa: BLE001 - an opcode it does not parse (protocol 4), cut short
            pass
        else:
            # It returns a set's order: the file's own classes (a pickled Module) first.
            return sorted(names, key=lambda name: (name.startswith("torch."), name)), False
    # Ours: torch's reads zip GLOBALs only, not legacy/raw pickles, protocol 4+ or INST opcodes.
    return _scan_pickle_globals(path)


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
    """Our scanner (pickletools.genops only parses opcodes; it never imports or calls anything).

    Returns (disallowed names in the pickle's order, whether the data ended early).
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


def describe_content(head: bytes, path: Path) -> str:
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
