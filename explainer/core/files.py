"""Files the app writes and reads: can a path be written, is a path a file that can be read, and
reading it with a size cap (no torch here, so a command can refuse a bad path before it imports
anything heavy)."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from explainer.core.errors import CheckpointError, ExplainerError


def check_writable(path: Path, what: str = "the checkpoint") -> Path | None:
    """That a checkpoint can be written at `path`, before any work is done: CheckpointError
    saying why not (a folder, a special file, a symbolic link, a folder that cannot be made or
    written). Returns the path when a regular file is there already (it will be replaced)."""
    label = f"{what} {path}"
    if "\0" in str(path):
        raise CheckpointError(f"{label}: not a valid path (it holds a NUL character)")
    try:
        path.lstat()
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            reason = exc.strerror or type(exc).__name__
            raise CheckpointError(f"{label} cannot be written ({reason})") from None
    if path.is_symlink():
        raise CheckpointError(f"{label} is a symbolic link; expected a regular file to write")
    if path.exists():
        if path.is_dir():
            raise CheckpointError(f"{label} is a folder; expected a file name")
        if not path.is_file():
            raise CheckpointError(
                f"{label} is a special file (a pipe or a device); expected a regular file"
            )
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        probe_fd, probe = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".probe")
        os.close(probe_fd)
        os.unlink(probe)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CheckpointError(f"{label} cannot be written: {parent} ({reason})") from exc
    return path if path.exists() else None


# ---- files the app reads: what is there, before anything is read ---------------------------------
# What a path is when it is not a regular file, for the messages.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device (like /dev/zero)"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_readable(
    path: str | Path,
    label: str,
    expected: str,
    error: type[ExplainerError] = ExplainerError,
    max_bytes: int = 0,
) -> int:
    """That `path` is a regular file that can be read, before anything opens it (a named pipe
    would block the open, /dev/zero would never end): `error` with a one-line message that
    starts with `label` and says what `expected` is otherwise. Returns the file's size.

    Told apart: a missing file, a symbolic link loop or a dangling link, a path through a file,
    a folder, a pipe, a device or a socket, a file whose size its file system does not report
    (/proc, /sys), an empty file, a file over `max_bytes` (0: no limit), no permission to read."""
    path = Path(path)
    if "\0" in str(path):
        raise error(f"{label}: not a valid path (it holds a NUL character)")
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise error(f"{label}: a symbolic link loop ({path}); expected {expected}") from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise error(
                f"{label}: a symbolic link to a file that does not exist ({path}); "
                f"expected {expected}"
            ) from None
        if exc.errno == errno.ENOENT:
            raise error(f"{label}: no such file ({path})") from None
        if exc.errno == errno.ENOTDIR:
            raise error(f"{label}: a part of the path {path} is a file, not a folder") from None
        raise error(f"{label}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{label}: is a folder, expected {expected}")
    for is_kind, kind in _SPECIAL_KINDS:
        if is_kind(info.st_mode):
            raise error(f"{label}: is {kind}, not a regular file; expected {expected}")
    try:
        with open(path, "rb") as handle:
            first = handle.read(1)
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    size = info.st_size
    if size == 0 and first:
        raise error(
            f"{label}: a file whose size is not known (like the files of /proc and /sys); "
            f"expected {expected} on disk"
        )
    if size == 0:
        raise error(f"{label}: empty file (0 bytes), expected {expected}")
    if max_bytes and size > max_bytes:
        raise error(
            f"{label}: {size:,} bytes, larger than {expected} may be (at most {max_bytes:,} bytes)"
        )
    return size


def read_capped(
    path: str | Path,
    label: str,
    expected: str,
    max_bytes: int,
    error: type[ExplainerError] = ExplainerError,
) -> bytes:
    """The bytes of a regular file of at most `max_bytes` (checked by check_readable, and again
    while reading: a file that grows is cut at the cap, not read on)."""
    check_readable(path, label, expected, error, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if len(data) > max_bytes:
        raise error(f"{label}: larger than {expected} may be (at most {max_bytes:,} bytes)")
    return data


def read_text(
    path: str | Path,
    label: str,
    expected: str,
    max_bytes: int,
    error: type[ExplainerError] = ExplainerError,
) -> str:
    """A UTF-8 text file of at most `max_bytes`, read with read_capped."""
    data = read_capped(path, label, expected, max_bytes, error)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            f"{label}: not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            f"expected {expected}"
        ) from None


# How deep JSON may nest: a 4-D array is 4 levels, our files a few more.
MAX_JSON_DEPTH = 32


def parse_json(
    text: str | bytes,
    label: str,
    error: type[ExplainerError] = ExplainerError,
    max_depth: int = MAX_JSON_DEPTH,
) -> Any:
    """json.loads with every way it can fail as one `error` line: not JSON, nested deeper than
    `max_depth` (checked before parsing, so 100,000 brackets never reach the recursive parser),
    an integer longer than Python converts (4,300 digits), NaN or Infinity (not JSON)."""
    depth = json_depth(text)
    if depth > max_depth:
        raise error(f"{label}: JSON nested {depth} levels deep; at most {max_depth} are read")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise error(f"{label}: not valid JSON ({exc.msg} at character {exc.pos})") from None
    except (ValueError, RecursionError, UnicodeDecodeError) as exc:  # a too-long integer …
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        if "digits" in reason:
            reason = "an integer with more digits than can be read (4,300)"
        raise error(f"{label}: not valid JSON ({reason})") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def json_depth(text: str | bytes) -> int:
    """The deepest nesting of [ and { outside strings (a fast scan: only brackets, quotes and
    backslashes are looked at, by regular expression)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if "[" not in text and "{" not in text:
        return 0
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
        # strings are matched whole and skipped
    return deepest


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*+"|[\[\]{}]', re.DOTALL)  # *+: no backtracking
