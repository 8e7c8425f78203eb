"""Shared helpers of the benchmark figures: statistics, targets, machine facts, Qt set-up."""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"
QUICK_RESULTS_DIR = RESULTS_DIR / "tmp"  # git-ignored: quick runs are never committed
NO_CUDA = "no CUDA device"


def stats_ms(samples_s: Sequence[float]) -> dict[str, float | int]:
    """p50 / p95 / p99 / mean / max of durations given in seconds, reported in milliseconds."""
    values = np.asarray(samples_s, dtype=np.float64) * 1e3
    if values.size == 0:
        return {
            "n": 0,
            "p50": float("nan"),
            "p95": float("nan"),
            "p99": float("nan"),
            "mean": float("nan"),
            "max": float("nan"),
        }
    p50, p95, p99 = np.percentile(values, [50, 95, 99])
    return {
        "n": int(values.size),
        "p50": round(float(p50), 4),
        "p95": round(float(p95), 4),
        "p99": round(float(p99), 4),
        "mean": round(float(values.mean()), 4),
        "max": round(float(values.max()), 4),
    }


def ratio(numerator: float, denominator: float) -> float | None:
    if not denominator or not np.isfinite(numerator) or not np.isfinite(denominator):
        return None
    return round(float(numerator) / float(denominator), 3)


def target(
    name: str,
    value: float | None,
    limit: float,
    unit: str,
    note: str = "",
    at_least: bool = False,
) -> dict[str, Any]:
    """One target: passed when `value` ≤ `limit` (≥ with `at_least`; None when it could not be
    measured)."""
    measured = value is not None and bool(np.isfinite(value))
    passed = None
    if measured:
        passed = float(value) >= limit if at_least else float(value) <= limit
    result = {
        "name": name,
        "value": round(float(value), 4) if measured else None,
        "limit": limit,
        "unit": unit,
        "passed": passed,
        "note": note,
    }
    if at_least:
        result["at_least"] = True
    return result


def rss_mb() -> float:
    """Resident memory of this process (VmRSS from /proc; no psutil needed)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # peak: best we have


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_name() -> str:
    """A short file-name-safe machine label: 'cpu<cores>-<cpu model>' (no host names, which
    are random in containers)."""
    model = cpu_model().lower()
    safe = "".join(ch if ch.isalnum() else "-" for ch in model).strip("-")
    while "--" in safe:
        safe = safe.replace("--", "-")
    return f"{safe or 'cpu'}-{os.cpu_count()}c"


def torch_facts() -> dict[str, Any]:
    """torch version, default thread count and CUDA device, from a child process (the runner
    itself never imports torch)."""
    import subprocess

    probe = (
        "import json, torch; c = torch.cuda.is_available(); print(json.dumps({"
        "'torch': torch.__version__, 'torch_default_threads': torch.get_num_threads(), "
        "'gpu': torch.cuda.get_device_name(0) if c else None}))"
    )
    try:
        out = (
            subprocess.run(
                [sys.executable, "-c", probe],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        return json.loads(out)
    except (subprocess.SubprocessError, OSError, ValueError, IndexError) as exc:
        return {"torch": None, "error": str(exc)}


def machine_info(torch_info: dict[str, Any]) -> dict[str, Any]:
    """Facts about the machine; `torch_info` as from torch_facts() (or a figure's report)."""
    from importlib import metadata

    versions: dict[str, str] = {}
    for package in ("torch", "PySide6-Essentials", "PySide6", "pyqtgraph", "numpy"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    gpu = torch_info.get("gpu")
    return {
        "machine": machine_name(),
        "cpu_model": cpu_model(),
        "cpu_cores": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "torch": torch_info.get("torch") or versions.get("torch"),
        "torch_default_threads": torch_info.get("torch_default_threads"),
        "device": f"cuda ({gpu})" if gpu else "cpu",
        "cuda": gpu or NO_CUDA,
        "packages": versions,
    }


def torch_facts_here() -> dict[str, Any] | None:
    """The same facts from inside a figure process that has imported torch anyway."""
    torch = sys.modules.get("torch")
    if torch is None:
        return None
    available = torch.cuda.is_available()
    return {
        "torch": torch.__version__,
        "torch_default_threads": None,
        "gpu": torch.cuda.get_device_name(0) if available else None,
    }


def clean_json(value: Any) -> Any:
    """NaN/inf → None (JSON has no NaN), tuples → lists, recursively."""
    if isinstance(value, float):
        return value if np.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    if isinstance(value, np.generic):
        return clean_json(value.item())
    return value


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def isolated_qt_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a benchmark process that opens the window: offscreen Qt and a fresh
    settings folder, so that a user's saved checkpoint, language or layout cannot leak in."""
    import tempfile

    env = dict(os.environ if base is None else base)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("BENCH_CONFIG_HOME", tempfile.mkdtemp(prefix="bench-settings-"))
    env["XDG_CONFIG_HOME"] = env["BENCH_CONFIG_HOME"]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def prepare_qt_process() -> None:
    """Call before importing PySide6 in a figure process: offscreen, isolated settings."""
    os.environ.update(isolated_qt_env())
