"""`reportsearch serve --processes N`: workers share one port, a dead worker is replaced,
and stopping the server stops every worker."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.test_end_to_end import free_port, reportsearch

WAIT_S = 20


def read_until(process: subprocess.Popen[str], pattern: str, lines: list[str]) -> re.Match[str]:
    """Read the server's output until a line matches `pattern`; keep every line read."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        line = process.stdout.readline()  # type: ignore[union-attr]
        if not line and process.poll() is not None:
            break
        lines.append(line)
        match = re.search(pattern, line)
        if match:
            return match
    raise AssertionError(f"no line matching {pattern!r} in {lines}")


def total(base: str) -> int:
    with urllib.request.urlopen(base + "/api/search?q=caseloads", timeout=10) as response:
        return int(json.load(response)["total"])


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return (
        Path(f"/proc/{pid}").exists()
        and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    )


def test_workers_share_the_port_and_are_replaced_when_they_die(seed_index: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [
            reportsearch(),
            "serve",
            "--index",
            str(seed_index),
            "--port",
            str(port),
            "--processes",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        assert "2 processes × 4 threads" in read_until(process, r"Serving http", lines).string
        workers = [int(read_until(process, r"Worker (\d+) started", lines)[1]) for _ in range(2)]
        base = f"http://127.0.0.1:{port}"
        expected = total(base)
        assert expected > 0 and all(total(base) == expected for _ in range(10))

        os.kill(workers[0], signal.SIGKILL)
        read_until(process, rf"Worker {workers[0]} stopped \(killed by signal 9\)", lines)
        replacement = int(read_until(process, r"Worker (\d+) started", lines)[1])
        assert replacement not in workers
        assert all(total(base) == expected for _ in range(10))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=WAIT_S)
        process.stdout.close()  # type: ignore[union-attr]
    assert process.returncode == 0, lines
    assert not alive(workers[1]) and not alive(replacement)
