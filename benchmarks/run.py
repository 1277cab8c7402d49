"""One benchmark run: generate a corpus, build three indexes of it, time the same pages on each.

Every latency figure is measured side by side: each round asks each query of the three
engines back to back, in an order that rotates, so load from elsewhere on the machine falls
on all of them alike and the ratios hold even when the absolute times do not.
"""

from __future__ import annotations

import json
import os
import pickle
import platform
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks import fts5, naive, service
from benchmarks.corpus import BENCH_GAZETTEER, HTML_SHARE, write_corpus
from benchmarks.measure import folder_mb, load_average, percentile, run_in_child
from benchmarks.pages import Page
from benchmarks.queries import QUERIES, BenchQuery
from indexer.whoosh.store import current_generation

UPDATE_MARK = "Benchmarkupdated"
"""A word no generated text holds, written into the changed document to check the update."""


@dataclass(frozen=True)
class Options:
    """What to run, and where."""

    elements: int
    rounds: int = 5
    seed: int = 20170113
    html_share: float = HTML_SHARE
    workdir: Path | None = None
    keep: bool = False
    clients: int = 20
    many_clients: int = 50
    """A second back-to-back load with this many clients (0: none)."""
    think_s: float = 1.0
    server_processes: int = 2
    http: bool = True
    update: bool = True
    reports: int = 0
    """Inspection-report PDFs added to the corpus (their build is also timed on its own)."""


class Engine:
    """A named engine whose `page` is timed."""

    def __init__(self, name: str, page: Callable[[BenchQuery], Page], close: Callable[[], None]):
        self.name, self.page, self.close = name, page, close


def run(options: Options) -> dict[str, Any]:
    """Run the whole benchmark and return its figures."""
    root = Path(tempfile.mkdtemp(prefix="reportsearch-bench-", dir=options.workdir))
    try:
        return _run(options, root)
    finally:
        if not options.keep:
            shutil.rmtree(root, ignore_errors=True)


def _run(options: Options, root: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {"load_average_start": load_average()}
    corpus = write_corpus(
        root / "corpus", options.elements, options.seed, options.html_share, options.reports
    )
    figures.update(
        documents=corpus.documents + len(corpus.report_paths),
        html_documents=corpus.html_documents,
        report_documents=len(corpus.report_paths),
        report_pages=corpus.report_pages,
        corpus_mb=round(folder_mb(corpus.folder), 1),
    )
    index = root / "index"
    build_s, build_peak = service.build(corpus.folder, index)
    parsed = root / "documents.pickle"
    (parse_s, elements), _ = run_in_child(parse_corpus, corpus.folder, parsed)
    naive_s, naive_peak = run_in_child(naive_build, parsed, root / "naive")
    fts5_s, fts5_peak = run_in_child(fts5_build, parsed, root / "fts5.db")
    figures.update(
        elements=elements,
        build_s=round(build_s, 2),
        build_elements_per_s=round(elements / build_s, 1),
        build_peak_mb=round(build_peak, 1),
        index_mb=round(folder_mb(current_generation(index)), 1),
        parse_elements_per_s=round(elements / parse_s, 1),
        naive_whoosh_build_elements_per_s=round(elements / (parse_s + naive_s), 1),
        naive_whoosh_build_peak_mb=round(naive_peak, 1),
        naive_whoosh_index_mb=round(folder_mb(root / "naive"), 1),
        fts5_build_elements_per_s=round(elements / (parse_s + fts5_s), 1),
        fts5_build_peak_mb=round(fts5_peak, 1),
        fts5_db_mb=round((root / "fts5.db").stat().st_size / 1024 / 1024, 1),
    )
    if corpus.report_paths:
        report_s, _ = service.build(corpus.folder / "reports", root / "report-index")
        figures["report_build_pages_per_s"] = round(corpus.report_pages / report_s, 1)
    if options.update:
        figures["update_one_doc_s"] = round(
            update_one_document(corpus.paths, corpus.folder, index), 2
        )
    else:
        figures["update_one_doc_s"] = None
    figures.update(time_pages(index, root, options.rounds))
    if options.http:
        from benchmarks.http import measure_http

        figures.update(
            measure_http(
                index,
                options.clients,
                options.rounds,
                options.think_s,
                options.server_processes,
                many_clients=options.many_clients,
            )
        )
        figures["http_server_cpu_to_service_p50"] = _ratio(
            figures.get("http_server_cpu_ms_per_page"), figures["page_query_p50_ms"]
        )
        figures["http_server_cpu_to_service_cpu"] = _ratio(
            figures.get("http_server_cpu_ms_per_page"), figures["service_cpu_ms_per_page"]
        )
    figures["load_average_end"] = load_average()
    figures.update(_environment(options))
    return figures


def _ratio(part: float | None, whole: float | None) -> float | None:
    return round(part / whole, 2) if part is not None and whole else None


def parse_corpus(folder: Path, out: Path) -> tuple[float, int]:
    """Parse every file of the corpus as the pipeline does; pickle the Documents to `out`."""
    from indexer.entities import load_gazetteer
    from indexer.pipeline import load_documents

    started = time.perf_counter()
    documents = list(load_documents(folder, load_gazetteer([BENCH_GAZETTEER])))
    elapsed = time.perf_counter() - started
    with out.open("wb") as handle:
        pickle.dump(documents, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return elapsed, sum(len(d.elements) for d in documents)


def _load(parsed: Path) -> Any:
    with parsed.open("rb") as handle:
        return pickle.load(handle)


def naive_build(parsed: Path, folder: Path) -> float:
    """Build the naive Whoosh index from the parsed documents; return the seconds it took."""
    return naive.build(_load(parsed), folder)


def fts5_build(parsed: Path, path: Path) -> float:
    """Build the FTS5 database from the parsed documents; return the seconds it took."""
    return fts5.build(_load(parsed), path)


def update_one_document(paths: list[Path], folder: Path, index: Path) -> float:
    """Change one document in the middle of the corpus and reindex; return the seconds taken."""
    path = paths[len(paths) // 2]
    text = path.read_text(encoding="utf-8")
    marker = f"{UPDATE_MARK} inspection finding."
    if path.suffix == ".txt":
        lines = text.split("\n")
        lines.insert(len(lines) // 2, f"\n{marker}\n")
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        path.write_text(text.replace("</p>", f" {marker}</p>", 1), encoding="utf-8")
    elapsed, _ = service.build(folder, index)
    check = service.ServiceSearch(index)
    found = check.page(BenchQuery("check", "", UPDATE_MARK, "", "")).total
    check.close()
    if found != 1:
        raise RuntimeError(f"the updated document is not searchable ({found} hits)")
    return elapsed


def open_engines(index: Path, root: Path) -> list[Engine]:
    """Open the service and the two baselines over the same corpus."""
    ours = service.ServiceSearch(index)
    uncached = service.ServiceSearch(index, cache_postings=False)
    plain = naive.NaiveWhoosh(root / "naive")
    lite = fts5.Fts5Search(root / "fts5.db")
    return [
        Engine("service", ours.page, ours.close),
        Engine("service_uncached", uncached.page, uncached.close),
        Engine("naive_whoosh", plain.page, plain.close),
        Engine("fts5", lite.page, lite.close),
    ]


def time_pages(index: Path, root: Path, rounds: int) -> dict[str, Any]:
    """Time every query on every engine, `rounds` times, side by side; return the figures."""
    engines = open_engines(index, root)
    samples: dict[str, dict[str, list[float]]] = {e.name: {} for e in engines}
    cpu: dict[str, list[float]] = {e.name: [] for e in engines}
    totals: dict[str, dict[str, int]] = {e.name: {} for e in engines}
    for engine in engines:  # warm up: first searches read value tables and caches
        for bench in QUERIES:
            totals[engine.name][bench.name] = engine.page(bench).total
    for round_number in range(rounds):
        for number, bench in enumerate(QUERIES):
            shift = (round_number + number) % len(engines)
            for engine in engines[shift:] + engines[:shift]:
                started, cpu_started = time.perf_counter(), time.process_time()
                engine.page(bench)
                elapsed = (time.perf_counter() - started) * 1000
                cpu[engine.name].append((time.process_time() - cpu_started) * 1000)
                samples[engine.name].setdefault(bench.name, []).append(elapsed)
    for engine in engines:
        engine.close()
    figures = _latency_figures(samples, totals)
    # The service's CPU per page (mean, as the server's is): what a served page is held to.
    figures["service_cpu_ms_per_page"] = round(sum(cpu["service"]) / len(cpu["service"]), 2)
    return figures


def _latency_figures(
    samples: dict[str, dict[str, list[float]]], totals: dict[str, dict[str, int]]
) -> dict[str, Any]:
    prefix = {
        "service": "",
        "service_uncached": "uncached_",
        "naive_whoosh": "naive_whoosh_",
        "fts5": "fts5_",
    }
    figures: dict[str, Any] = {}
    for name, per_query in samples.items():
        every = [t for times in per_query.values() for t in times]
        figures[f"{prefix[name]}page_query_p50_ms"] = round(percentile(every, 0.5), 2)
        figures[f"{prefix[name]}page_query_p95_ms"] = round(percentile(every, 0.95), 2)
    figures["ratio_to_fts5_p50"] = round(
        figures["page_query_p50_ms"] / figures["fts5_page_query_p50_ms"], 3
    )
    figures["ratio_to_naive_whoosh_p50"] = round(
        figures["page_query_p50_ms"] / figures["naive_whoosh_page_query_p50_ms"], 3
    )
    figures["per_query"] = {
        bench.name: {
            "shape": bench.shape,
            **{
                f"{name}_p50_ms": round(percentile(samples[name][bench.name], 0.5), 2)
                for name in samples
            },
            **{f"{name}_total": totals[name][bench.name] for name in totals},
        }
        for bench in QUERIES
    }
    return figures


def _environment(options: Options) -> dict[str, Any]:
    return {
        "rounds": options.rounds,
        "queries": len(QUERIES),
        "seed": options.seed,
        "html_share": options.html_share,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "python": platform.python_version(),
        "whoosh": version("whoosh3"),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
    }


def write_json(figures: dict[str, Any], path: Path) -> None:
    """Write the figures as one JSON object."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
