"""`python -m benchmarks --elements N --json FILE`: the speed benchmark (benchmarks/README.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.corpus import HTML_SHARE
from benchmarks.report import table
from benchmarks.run import Options, run, write_json


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the benchmark, print the table and write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--elements", type=int, default=10_000, help="corpus size (elements)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the query set")
    parser.add_argument("--clients", type=int, default=20, help="concurrent HTTP clients")
    parser.add_argument(
        "--many-clients",
        type=int,
        default=50,
        help="clients of a second back-to-back HTTP load (0: none)",
    )
    parser.add_argument(
        "--think", type=float, default=1.0, help="seconds paced clients wait between requests"
    )
    parser.add_argument(
        "--html-share", type=float, default=HTML_SHARE, help="share of documents written as HTML"
    )
    parser.add_argument(
        "--server-processes",
        type=int,
        default=2,
        help="processes of `reportsearch serve` (one per core; the machine has 2)",
    )
    parser.add_argument("--seed", type=int, default=20170113, help="corpus seed")
    parser.add_argument("--workdir", type=Path, help="folder for the corpus and indexes")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and indexes")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP measurements")
    parser.add_argument("--no-update", action="store_true", help="skip the one-document update")
    parser.add_argument(
        "--reports",
        type=int,
        default=0,
        help="inspection-report PDFs added to the corpus (needs the test extra's generators)",
    )
    args = parser.parse_args(argv)
    options = Options(
        elements=args.elements,
        rounds=args.rounds,
        seed=args.seed,
        html_share=args.html_share,
        workdir=args.workdir,
        keep=args.keep,
        clients=args.clients,
        many_clients=args.many_clients,
        think_s=args.think,
        server_processes=args.server_processes,
        http=not args.no_http,
        update=not args.no_update,
        reports=args.reports,
    )
    figures = run(options)
    print(table(figures))
    if args.json:
        write_json(figures, args.json)


if __name__ == "__main__":
    main()
