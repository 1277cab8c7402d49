"""`python -m benchmarks.engines --elements N`: the embedded engine, one Typesense node and a
three-node Typesense cluster, side by side in one run (benchmarks/README.md, "Engines").

One generated corpus is indexed three times with `reportsearch index` (Whoosh; `--backend
typesense` on a one-node and on a three-node cluster started here on loopback, stopped by
pid at the end). Then the same results pages are timed on the three services, each query
asked of all three back to back in a rotating order, and the same HTTP load is sent to
`reportsearch serve` on each. Memory is each server node's resident size after the build.
All three share this machine's cores: three nodes here cost three times the CPU of one and
buy no read capacity; on separate machines they would.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import service
from benchmarks.corpus import HTML_SHARE, write_corpus
from benchmarks.http import measure_http
from benchmarks.measure import folder_mb, load_average, percentile, rss_mb
from benchmarks.queries import QUERIES
from indexer.backend import BackendSettings, open_backend
from indexer.whoosh.store import current_generation

REPO = Path(__file__).resolve().parent.parent
CLUSTER_SCRIPT = REPO / "scripts" / "typesense_cluster.py"
ENGINES = ("whoosh", "typesense_1", "typesense_3")


def start_cluster(folder: Path, nodes: int, base_port: int) -> dict[str, Any]:
    """Start a cluster of `nodes` on loopback; return its cluster.json."""
    command = [sys.executable, str(CLUSTER_SCRIPT), "start", "--nodes", str(nodes),
               "--dir", str(folder), "--base-port", str(base_port), "--timeout", "120"]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    cluster: dict[str, Any] = json.loads((folder / "cluster.json").read_text())
    return cluster


def stop_cluster(folder: Path) -> None:
    """Stop a cluster by its pids."""
    command = [sys.executable, str(CLUSTER_SCRIPT), "stop", "--dir", str(folder)]
    subprocess.run(command, capture_output=True, timeout=120)


def backend_args(cluster: dict[str, Any]) -> list[str]:
    """Return the CLI options of a Typesense backend on `cluster`."""
    nodes = ",".join(f"http://{n['host']}:{n['api_port']}" for n in cluster["nodes"])
    return ["--backend", "typesense", "--nodes", nodes, "--api-key", cluster["api_key"]]


def settings_of(cluster: dict[str, Any], lock: Path) -> BackendSettings:
    """Return the backend settings of a Typesense backend on `cluster`."""
    nodes = tuple(f"http://{n['host']}:{n['api_port']}" for n in cluster["nodes"])
    return BackendSettings(engine="typesense", index=lock, nodes=nodes, api_key=cluster["api_key"])


def node_memory(cluster: dict[str, Any]) -> list[float]:
    """Return each node's resident memory in MB."""
    return [round(rss_mb(int(node["pid"]))[0], 1) for node in cluster["nodes"]]


def run(
    elements: int, rounds: int, clients: int, http: bool, workdir: Path | None
) -> dict[str, Any]:
    """Run the comparison; return its figures."""
    root = Path(tempfile.mkdtemp(prefix="reportsearch-engines-", dir=workdir))
    clusters: dict[str, dict[str, Any]] = {}
    try:
        figures: dict[str, Any] = {"load_average_start": load_average()}
        corpus = write_corpus(root / "corpus", elements, html_share=HTML_SHARE)
        figures.update(documents=corpus.documents, elements_requested=elements)
        for name, nodes, port in (("typesense_1", 1, 18500), ("typesense_3", 3, 18520)):
            clusters[name] = start_cluster(root / name, nodes, port)
            figures[f"{name}_idle_node_mb"] = node_memory(clusters[name])
        args: dict[str, list[str]] = {"whoosh": []}
        args.update({name: backend_args(cluster) for name, cluster in clusters.items()})
        indexes = {name: root / f"index-{name}" for name in ENGINES}
        for name in ENGINES:
            seconds, peak = service.build(corpus.folder, indexes[name], args[name])
            figures[f"{name}_build_s"] = round(seconds, 2)
            figures[f"{name}_build_peak_mb"] = round(peak, 1)
        figures["whoosh_index_mb"] = round(folder_mb(current_generation(indexes["whoosh"])), 1)
        searches = {"whoosh": service.ServiceSearch(indexes["whoosh"])}
        for name, cluster in clusters.items():
            backend = open_backend(settings_of(cluster, indexes[name]))
            searches[name] = service.ServiceSearch(indexes[name], backend=backend)
        figures["elements"] = _elements(indexes["whoosh"])
        for name in ENGINES:
            figures[f"{name}_build_elements_per_s"] = round(
                figures["elements"] / figures[f"{name}_build_s"], 1
            )
        for name, cluster in clusters.items():
            memory = node_memory(cluster)
            figures[f"{name}_node_mb"] = memory
            idle = figures[f"{name}_idle_node_mb"]
            grown = [after - before for after, before in zip(memory, idle, strict=True)]
            figures[f"{name}_node_mb_per_100k_elements"] = round(
                max(grown) / figures["elements"] * 100_000, 1
            )
        figures.update(_time_pages(searches, rounds))
        for search in searches.values():
            search.close()
        if http:
            for name in ENGINES:
                measured = measure_http(indexes[name], clients, rounds, 1.0, 2, args[name])
                figures.update({f"{name}_{key}": value for key, value in measured.items()})
        figures["load_average_end"] = load_average()
        figures["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        return figures
    finally:
        for name in clusters:
            stop_cluster(root / name)
        shutil.rmtree(root, ignore_errors=True)


def _elements(index: Path) -> int:
    from indexer.manifest import Manifest

    return sum(Manifest.read(current_generation(index)).elements_by_kind().values())


def _time_pages(searches: dict[str, service.ServiceSearch], rounds: int) -> dict[str, Any]:
    """Time every query on every engine, rotating the order each round."""
    names = list(searches)
    samples: dict[str, list[float]] = {name: [] for name in names}
    mismatched = []
    for bench in QUERIES:  # warm up, and check that the engines agree on the totals
        totals = {name: searches[name].page(bench).total for name in names}
        if len(set(totals.values())) > 1:
            mismatched.append({"query": bench.name, **totals})
    for round_number in range(rounds):
        for number, bench in enumerate(QUERIES):
            shift = (round_number + number) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                searches[name].page(bench)
                samples[name].append((time.perf_counter() - started) * 1000)
    figures: dict[str, Any] = {"total_mismatches": mismatched}
    for name, times in samples.items():
        figures[f"{name}_page_p50_ms"] = round(percentile(times, 0.5), 2)
        figures[f"{name}_page_p95_ms"] = round(percentile(times, 0.95), 2)
    return figures


TABLE = [
    ("build (elements/s)", "build_elements_per_s"),
    ("page p50 (ms)", "page_p50_ms"),
    ("page p95 (ms)", "page_p95_ms"),
    ("HTTP back to back p50 (ms)", "http_p50_ms"),
    ("HTTP back to back p95 (ms)", "http_p95_ms"),
    ("HTTP back to back pages/s", "http_requests_per_s"),
    ("HTTP paced p95 (ms)", "http_paced_p95_ms"),
    ("HTTP errors", "http_errors"),
    ("web server resident (MB)", "server_rss_mb"),
    ("node resident after build (MB)", "node_mb"),
    ("node MB per 100k elements", "node_mb_per_100k_elements"),
]


def table(figures: dict[str, Any]) -> str:
    """Return the figures as a markdown table, one column per engine."""
    lines = [
        "| | Whoosh (embedded) | Typesense, 1 node | Typesense, 3 nodes |",
        "|---|---|---|---|",
    ]
    for label, key in TABLE:
        cells = [str(figures.get(f"{name}_{key}", "–")) for name in ENGINES]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run, print the table and write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.engines", description=__doc__)
    parser.add_argument("--elements", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    figures = run(args.elements, args.rounds, args.clients, not args.no_http, args.workdir)
    print(table(figures))
    if figures["total_mismatches"]:
        print("totals differ:", figures["total_mismatches"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
