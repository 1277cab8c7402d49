"""The benchmark's table: each figure beside the baselines' and the target it is held to."""

from __future__ import annotations

from typing import Any

ROWS: tuple[tuple[str, str, str | None, str | None, str], ...] = (
    # label, our key, naive Whoosh key, FTS5 key, target
    (
        "build (elements/s)",
        "build_elements_per_s",
        "naive_whoosh_build_elements_per_s",
        "fts5_build_elements_per_s",
        ">= 600",
    ),
    (
        "build peak memory (MB)",
        "build_peak_mb",
        "naive_whoosh_build_peak_mb",
        "fts5_build_peak_mb",
        "",
    ),
    ("build, report PDFs alone (pages/s)", "report_build_pages_per_s", None, None, ""),
    ("index size (MB)", "index_mb", "naive_whoosh_index_mb", "fts5_db_mb", ""),
    ("update one document (s)", "update_one_doc_s", None, None, "<= 2"),
    (
        "page query p50 (ms)",
        "page_query_p50_ms",
        "naive_whoosh_page_query_p50_ms",
        "fts5_page_query_p50_ms",
        "<= 50, <= 0.8x FTS5",
    ),
    (
        "page query p95 (ms)",
        "page_query_p95_ms",
        "naive_whoosh_page_query_p95_ms",
        "fts5_page_query_p95_ms",
        "<= 120",
    ),
    ("page query p50, no postings cache (ms)", "uncached_page_query_p50_ms", None, None, ""),
    ("page query p95, no postings cache (ms)", "uncached_page_query_p95_ms", None, None, ""),
    ("service CPU per page (ms)", "service_cpu_ms_per_page", None, None, ""),
    ("HTTP p50, 20 clients back to back (ms)", "http_p50_ms", None, None, ""),
    ("HTTP p95, 20 clients back to back (ms)", "http_p95_ms", None, None, "<= 150"),
    ("HTTP requests/s, back to back", "http_requests_per_s", None, None, ""),
    ("server CPU per page, back to back (ms)", "http_server_cpu_ms_per_page", None, None, ""),
    (
        "server CPU per page / service page p50",
        "http_server_cpu_to_service_p50",
        None,
        None,
        "<= 1.3",
    ),
    (
        "server CPU per page / service CPU per page",
        "http_server_cpu_to_service_cpu",
        None,
        None,
        "",
    ),
    ("workers' CPU balance (least / most)", "http_worker_balance", None, None, ""),
    ("clients' CPU per page (ms)", "http_client_cpu_ms_per_page", None, None, ""),
    ("HTTP p50, 50 clients back to back (ms)", "http_many_p50_ms", None, None, ""),
    ("HTTP p95, 50 clients back to back (ms)", "http_many_p95_ms", None, None, ""),
    ("HTTP requests/s, 50 clients back to back", "http_many_requests_per_s", None, None, ""),
    (
        "server CPU per page, 50 clients (ms)",
        "http_many_server_cpu_ms_per_page",
        None,
        None,
        "",
    ),
    ("HTTP errors, 50 clients", "http_many_errors", None, None, "0"),
    ("HTTP p50, 20 clients pausing (ms)", "http_paced_p50_ms", None, None, ""),
    ("HTTP p95, 20 clients pausing (ms)", "http_paced_p95_ms", None, None, "<= 300"),
    ("HTTP errors", "http_errors", None, None, "0"),
    ("HTTP errors, pausing", "http_paced_errors", None, None, "0"),
    ("server resident memory (MB)", "server_rss_mb", None, None, "<= 500"),
)


def _cell(figures: dict[str, Any], key: str | None) -> str:
    if key is None or figures.get(key) is None:
        return "–"
    value = figures[key]
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def table(figures: dict[str, Any]) -> str:
    """Return the figures as a Markdown table with the run's facts above it."""
    lines = [
        f"{figures['elements']:,} elements in {figures['documents']:,} documents "
        f"({figures.get('html_documents', 0):,} HTML, "
        f"{figures.get('report_documents', 0):,} report PDFs, "
        f"{figures.get('report_pages', 0):,} pages), {figures['rounds']} rounds of "
        f"{figures['queries']} queries; load average {_load(figures['load_average_start'])} "
        f"at the start, {_load(figures['load_average_end'])} at the end",
        "",
        "| | reportsearch | naive Whoosh | SQLite FTS5 | target |",
        "|---|---|---|---|---|",
    ]
    for label, ours, plain, lite, target in ROWS:
        lines.append(
            f"| {label} | {_cell(figures, ours)} | {_cell(figures, plain)} | "
            f"{_cell(figures, lite)} | {target} |"
        )
    lines += [
        "",
        f"page query p50 ratio: {figures['ratio_to_fts5_p50']:.2f}x FTS5, "
        f"{figures['ratio_to_naive_whoosh_p50']:.2f}x naive Whoosh (same run, side by side)",
    ]
    return "\n".join(lines)


def _load(values: Any) -> str:
    return " / ".join(f"{v:.2f}" for v in values)
