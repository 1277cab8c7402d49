"""Measure reindexing at scale: a full build, then an incremental update of one document.

    .venv/bin/python scripts/measure_reindex.py --elements 100000 [--workdir DIR] [--keep]

The corpus is the five bundled documents copied over and over with a number in each title,
about 30 elements a copy, so the parsers do their real work. Prints one line per figure and
the JSON of all of them; docs/reliability.md quotes the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from indexer.checking import check_index
from indexer.pipeline import index_corpus
from indexer.whoosh.generations import current_generation
from indexer.whoosh.store import describe_generation

SEEDS = Path(__file__).resolve().parent.parent / "documents"
UPDATES = 5


def make_corpus(folder: Path, elements: int) -> int:
    """Write copies of the seeds until they hold about `elements` elements; return the files."""
    folder.mkdir(parents=True)
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.iterdir())]
    per_round = 153  # elements of the five seeds
    rounds = max(1, elements // per_round)
    for number in range(rounds):
        sub = folder / f"{number // 100:03d}"
        sub.mkdir(exist_ok=True)
        for name, text in seeds:
            first, _, rest = text.partition("\n")
            (sub / f"{number:05d}-{name}").write_text(f"{first} {number}\n{rest}", encoding="utf-8")
    return rounds * len(seeds)


def main() -> None:
    """Build, update one document a few times, check; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true", help="Keep the corpus and the index.")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="reindex-"))
    corpus, location = workdir / "corpus", workdir / "index"
    figures: dict[str, float] = {"files": make_corpus(corpus, args.elements)}
    started = time.perf_counter()
    report = index_corpus(corpus, location)
    elapsed = time.perf_counter() - started
    figures |= {"elements": report.stats.elements, "full_build_s": round(elapsed, 1)}
    figures["full_build_elements_per_s"] = round(report.stats.elements / elapsed)
    target = next(corpus.rglob("*004_e5c2bc1fff8f5255.txt"))
    updates = []
    for round_ in range(UPDATES):
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nUpdate {round_}: caseloads are rising again.\n")
        started = time.perf_counter()
        report = index_corpus(corpus, location)
        updates.append(time.perf_counter() - started)
        assert report.changes.updated == [target.relative_to(corpus).as_posix()], report.changes
    figures["update_one_document_s_median"] = round(sorted(updates)[len(updates) // 2], 2)
    figures["update_one_document_s_max"] = round(max(updates), 2)
    started = time.perf_counter()
    assert index_corpus(corpus, location).published is None  # nothing changed
    figures["no_change_run_s"] = round(time.perf_counter() - started, 2)
    facts = describe_generation(current_generation(location))
    figures["segments_after_updates"] = facts.segments
    started = time.perf_counter()
    assert check_index(location).healthy
    figures["check_s"] = round(time.perf_counter() - started, 2)
    for name, value in figures.items():
        print(f"{name:>32}: {value}")
    print(json.dumps(figures))
    if not args.keep:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
