"""The speed benchmark at a tiny size: it runs, and its JSON has sane figures (not timings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

REQUIRED = (
    "elements",
    "build_elements_per_s",
    "update_one_doc_s",
    "page_query_p50_ms",
    "page_query_p95_ms",
    "naive_whoosh_page_query_p50_ms",
    "fts5_page_query_p50_ms",
    "fts5_build_elements_per_s",
    "server_rss_mb",
)


@pytest.mark.slow
def test_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    command = [sys.executable, "-m", "benchmarks", "--elements", "300", "--rounds", "1"]
    command += ["--clients", "3", "--many-clients", "5", "--think", "0.01"]
    command += ["--json", str(out), "--workdir", str(tmp_path)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(REQUIRED) <= set(figures)
    assert 300 <= figures["elements"] < 400
    for key in REQUIRED[1:-1]:
        assert figures[key] > 0, key
    assert figures["page_query_p50_ms"] <= figures["page_query_p95_ms"]
    for query in figures["per_query"].values():
        # Same corpus, same matches: the baselines agree, the service differs only by copies.
        assert query["naive_whoosh_total"] == query["fts5_total"]
        assert query["service_total"] <= query["fts5_total"]
    assert figures["http_errors"] == 0 and figures["http_paced_errors"] == 0
    assert figures["http_requests"] == 3 * len(figures["per_query"])
    assert 20 < figures["server_rss_mb"] < 2000
    # Serving a page costs CPU in the server's workers, and the clients' share is smaller.
    assert figures["http_server_cpu_ms_per_page"] > 0
    assert 0 <= figures["http_client_cpu_ms_per_page"] < figures["http_server_cpu_ms_per_page"]
    # The second load (5 clients) ran too, without errors; the ratios are of figures present.
    assert figures["http_many_errors"] == 0
    assert figures["http_many_requests"] == 5 * len(figures["per_query"])
    assert figures["service_cpu_ms_per_page"] > 0
    ratio = figures["http_server_cpu_ms_per_page"] / figures["page_query_p50_ms"]
    assert figures["http_server_cpu_to_service_p50"] == pytest.approx(ratio, abs=0.01)
    assert 0 < figures["http_worker_balance"] <= 1
    assert "| page query p50 (ms) |" in done.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["figures.json"]  # nothing left behind
