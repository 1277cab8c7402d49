"""`reportsearch serve --processes N`: workers share one port, a dead worker is replaced,
stopping the server stops every worker, and keep-alive connections spread evenly over them."""

from __future__ import annotations

import contextlib
import http.client
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


def established(pid: int, port: int) -> int:
    """Return how many connections to `port` process `pid` holds open (from /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01":  # 01: ESTABLISHED
                inodes.add(fields[9])
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):  # closed while we looked
            target = str(fd.readlink())
            held += target.startswith("socket:[") and target[8:-1] in inodes
    return held


def test_keep_alive_connections_are_spread_evenly_over_the_workers(seed_index: Path) -> None:
    port = free_port()
    command = [reportsearch(), "serve", "--index", str(seed_index), "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--processes", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    connections: list[http.client.HTTPConnection] = []
    try:
        workers = [int(read_until(process, r"Worker (\d+) started", lines)[1]) for _ in range(2)]
        total(f"http://127.0.0.1:{port}")  # both workers are up and the index is open
        for _ in range(10):  # one after another: the kernel alone gave most to one worker
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/api/search?q=caseloads")
            response = connection.getresponse()
            assert response.status == 200 and response.getheader("Connection") != "close"
            response.read()
            connections.append(connection)
        assert [established(pid, port) for pid in workers] == [5, 5]
    finally:
        for connection in connections:
            connection.close()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=WAIT_S)
        process.stdout.close()  # type: ignore[union-attr]
