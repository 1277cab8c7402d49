"""Measuring helpers: wall time and peak memory of a command or a child process, percentiles.

Builds run in a process of their own so their peak resident memory is theirs alone.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

KIB_PER_MB = 1024


def run_command(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run `argv` to completion; return (wall seconds, peak resident MB); raise if it fails."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert child.stderr is not None
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} failed ({child.returncode}): {stderr.decode()[-2000:]}"
        )
    return elapsed, usage.ru_maxrss / KIB_PER_MB


def _child_main(connection: Any, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
    result = target(*args)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KIB_PER_MB
    connection.send((result, peak))
    connection.close()


def run_in_child(target: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """Run `target(*args)` in a fresh interpreter; return its result and its peak resident MB."""
    context = multiprocessing.get_context("spawn")
    parent_end, child_end = context.Pipe(duplex=False)
    process = context.Process(target=_child_main, args=(child_end, target, args))
    process.start()
    child_end.close()
    try:
        result, peak = parent_end.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"{target.__name__} died (exit code {process.exitcode})") from None
    process.join()
    return result, peak


def folder_mb(folder: Path) -> float:
    """Return the total size of the files under `folder`, in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def percentile(values: Sequence[float], share: float) -> float:
    """Return the `share` (0–1) percentile of `values`, interpolated between neighbours."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def load_average() -> tuple[float, float, float]:
    """Return the 1, 5 and 15 minute load averages (other work on the machine)."""
    return os.getloadavg()


def rss_mb(pid: int) -> tuple[float, float]:
    """Return (current, peak) resident memory of process `pid` in MB, from /proc."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = float(value.split()[0]) / KIB_PER_MB
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)
