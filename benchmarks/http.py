"""The same pages through the HTTP API: the real server (`reportsearch serve`, waitress) and
concurrent clients on keep-alive connections, each asking the whole query set per round.

The server's resident memory is read from /proc after the load: its peak (VmHWM); so is the
CPU time its workers spend per page under each back-to-back load, how evenly that CPU fell on
the workers (the least- over the most-loaded's), and the clients' own CPU (they share the
machine's cores with the server).
"""

from __future__ import annotations

import http.client
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks.measure import percentile, rss_mb
from benchmarks.queries import QUERIES, BenchQuery

HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 60
REQUEST_TIMEOUT_S = 60
API_PATH = "/api/search"


def web_app_available() -> bool:
    """Return whether the web app (issue 4) is installed: `web.app.create_app`."""
    return importlib.util.find_spec("web.app") is not None


def api_url(bench: BenchQuery) -> str:
    """Return the API path and query string of one benchmark query."""
    from web.params import FILTER_PARAMS

    params: list[tuple[str, str]] = [("q", bench.service)]
    params += [
        (FILTER_PARAMS[name], value) for name, values in bench.filters.items() for value in values
    ]
    return f"{API_PATH}?{urlencode(params)}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(
    index: Path, processes: int = 1, backend: Sequence[str] = ()
) -> tuple[subprocess.Popen[bytes], int]:
    """Start `reportsearch serve` on a free port and wait until it answers; `backend` are
    the backend options (`--backend typesense --nodes …`), none for the embedded index."""
    port = _free_port()
    serve = "from web.cli import main; main()"
    command = [sys.executable, "-c", serve, "serve", "--index", str(index), *backend]
    command += ["--host", HOST, "--port", str(port), "--processes", str(processes)]
    # The server logs (waitress warns of queue depth under load) go to a file: a pipe nobody
    # reads fills up and blocks the server's main thread mid-run.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the server)
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=dict(os.environ))
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server exited: {log.read().decode()[-2000:]}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", api_url(QUERIES[0]))
            connection.getresponse().read()
            connection.close()
            server.log = log  # type: ignore[attr-defined]
            return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    log.close()
    raise RuntimeError("the server did not answer in time")


class Client(threading.Thread):
    """One user: asks every query of the set, `rounds` times, on one keep-alive connection."""

    def __init__(
        self, port: int, rounds: int, offset: int, start: threading.Event, think_s: float
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.rounds, self.offset, self.start_signal = port, rounds, offset, start
        self.think_s = think_s
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        """Send the requests, recording each one's latency or error."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT_S)
        self.start_signal.wait()
        order = QUERIES[self.offset :] + QUERIES[: self.offset]
        for _ in range(self.rounds):
            for bench in order:
                started = time.perf_counter()
                try:
                    connection.request("GET", api_url(bench))
                    response = connection.getresponse()
                    response.read()
                    if response.status != 200:
                        self.errors.append(f"{bench.name}: HTTP {response.status}")
                except (OSError, http.client.HTTPException) as exc:
                    self.errors.append(f"{bench.name}: {exc!r}")
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
                self.latencies.append((time.perf_counter() - started) * 1000)
                if self.think_s:
                    time.sleep(self.think_s)
        connection.close()


def measure_http(
    index: Path,
    clients: int,
    rounds: int,
    think_s: float,
    processes: int = 1,
    backend: Sequence[str] = (),
    many_clients: int = 0,
) -> dict[str, Any]:
    """Load the API with `clients` concurrent clients; return latency, errors and memory.

    On one server, warmed first by one untimed round of every client (as the service is
    timed warm: a worker's first searches read its value tables and fill its caches, seconds
    of CPU at 100k elements): clients sending their next request as soon as the last is
    answered (saturation: latency is mostly queueing), the same with `many_clients` (if not
    0), then `clients` pausing `think_s` between requests as people reading a page do.
    """
    if not web_app_available():
        return {"server_rss_mb": None, "http_note": "web app not available (issue 4)"}
    server, port = start_server(index, processes, backend)
    try:
        workers = _server_pids(server.pid)
        warm = _load(port, clients, 1, 0.0, "warm_")
        figures = _saturated(port, workers, clients, rounds, "http_")
        figures["http_warmup_errors"] = warm["warm_errors"]
        if many_clients:
            figures.update(_saturated(port, workers, many_clients, rounds, "http_many_"))
        figures.update(_load(port, clients, rounds, think_s, "http_paced_"))
        current, peak = _server_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.log.close()  # type: ignore[attr-defined]
    figures.update(
        http_server_processes=processes,
        http_clients=clients,
        http_many_clients=many_clients or None,
        http_think_s=think_s,
        server_rss_mb=round(peak, 1),
        server_rss_after_load_mb=round(current, 1),
    )
    return figures


def _saturated(
    port: int, workers: list[int], clients: int, rounds: int, prefix: str
) -> dict[str, Any]:
    """Run the back-to-back load; add the server's and the clients' CPU per page to it, and
    the workers' balance (the least-loaded worker's CPU over the most-loaded's)."""
    before = [_cpu_s([pid]) for pid in workers]
    clients_before = time.process_time()
    figures = _load(port, clients, rounds, 0.0, prefix)
    spent = [_cpu_s([pid]) - start for pid, start in zip(workers, before, strict=True)]
    pages = figures[f"{prefix}requests"]
    figures.update(
        {
            f"{prefix}server_cpu_ms_per_page": round(sum(spent) / pages * 1000, 2),
            f"{prefix}client_cpu_ms_per_page": round(
                (time.process_time() - clients_before) / pages * 1000, 2
            ),
            f"{prefix}worker_balance": round(min(spent) / max(spent), 2) if max(spent) else None,
        }
    )
    return figures


def _load(port: int, clients: int, rounds: int, think_s: float, prefix: str) -> dict[str, Any]:
    start = threading.Event()
    threads = [Client(port, rounds, i % len(QUERIES), start, think_s) for i in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    start.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = [t for thread in threads for t in thread.latencies]
    errors = [e for thread in threads for e in thread.errors]
    return {
        f"{prefix}requests": len(latencies),
        f"{prefix}requests_per_s": round(len(latencies) / elapsed, 1),
        f"{prefix}p50_ms": round(percentile(latencies, 0.5), 2),
        f"{prefix}p95_ms": round(percentile(latencies, 0.95), 2),
        f"{prefix}errors": len(errors),
        f"{prefix}error_samples": errors[:5],
    }


def _server_pids(pid: int) -> list[int]:
    """Return the processes that serve pages: the workers when the server runs several
    (`--processes`), else the server itself."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children] or [pid]


def _cpu_s(pids: list[int]) -> float:
    """Return the CPU time (user + system, seconds) the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def _server_rss_mb(pid: int) -> tuple[float, float]:
    """Return the (current, peak) resident memory of the server: its workers' summed, when it
    runs several (`--processes`), else its own."""
    readings = [rss_mb(one) for one in _server_pids(pid)]
    return sum(r[0] for r in readings), sum(r[1] for r in readings)
