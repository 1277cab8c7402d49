"""`python -m benchmarks.plot RESULT.json… --out PNG`: how the figures grow with the corpus.

Reads the JSON of benchmark runs at several sizes (10k, 100k, 300k elements) and draws the
page query latencies of the three engines, the build rates, and the server's memory.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ENGINES = (("", "reportsearch"), ("naive_whoosh_", "naive Whoosh"), ("fts5_", "SQLite FTS5"))


def load(paths: list[Path]) -> list[dict[str, Any]]:
    """Return the runs in `paths`, smallest corpus first."""
    runs = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    return sorted(runs, key=lambda run: run["elements"])


def draw(runs: list[dict[str, Any]], out: Path) -> None:
    """Draw the growth plot of `runs` into the PNG file `out`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    sizes = [run["elements"] for run in runs]
    figure, (latency, build, memory) = plt.subplots(1, 3, figsize=(15, 5.6))
    for prefix, label in ENGINES:
        latency.plot(
            sizes, [r[f"{prefix}page_query_p50_ms"] for r in runs], "o-", label=f"{label} p50"
        )
        latency.plot(
            sizes,
            [r[f"{prefix}page_query_p95_ms"] for r in runs],
            "o--",
            label=f"{label} p95",
            color=latency.lines[-1].get_color(),
            alpha=0.6,
        )
        build.plot(sizes, [r[f"{prefix}build_elements_per_s"] for r in runs], "o-", label=label)
    http = [r.get("http_p95_ms") for r in runs]
    if all(value is not None for value in http):
        latency.plot(
            sizes, http, "s:", label="reportsearch HTTP p95, 20 clients back to back", color="black"
        )
    latency.axhline(50, color="grey", linewidth=0.8, linestyle=":")  # page p50 target
    latency.axhline(300, color="grey", linewidth=0.8, linestyle=":")  # HTTP p95 target
    latency.set(title="Results page (hits, 7 facets, 10 snippets)", ylabel="ms", yscale="log")
    build.axhline(600, color="grey", linewidth=0.8, linestyle=":")
    build.set(title="Full build", ylabel="elements / s")
    rss = [r.get("server_rss_mb") for r in runs]
    memory.plot(sizes, [r["build_peak_mb"] for r in runs], "o-", label="build peak")
    if all(value is not None for value in rss):
        memory.plot(sizes, rss, "o-", label="server resident (peak)")
    memory.plot(sizes, [r["index_mb"] for r in runs], "o-", label="index on disk")
    memory.axhline(500, color="grey", linewidth=0.8, linestyle=":")
    memory.set(title="Memory and disk", ylabel="MB")
    for axes in (latency, build, memory):
        axes.set(xscale="log", xlabel="elements")
        axes.set_xticks(sizes, [f"{size // 1000}k" for size in sizes])
        axes.xaxis.set_minor_formatter(NullFormatter())
        # Below the axes, so no legend hides a point.
        axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
        axes.grid(alpha=0.3)
    figure.suptitle("reportsearch at growing corpus sizes (2 cores; one run per size)")
    figure.tight_layout()
    figure.savefig(out, dpi=110)


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and draw the plot."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.plot", description=__doc__)
    parser.add_argument("results", type=Path, nargs="+", help="benchmark JSON files")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/growth.png"))
    args = parser.parse_args(argv)
    draw(load(args.results), args.out)


if __name__ == "__main__":
    main()
