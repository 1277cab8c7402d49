"""kill -9 at random points of a reindex: the index always opens and serves the old or the new
records, exactly; the next run leaves nothing stale; writer processes die with their parent.

Each reindex runs in a driver process that imports everything, says "ready", and starts on
"go", so the random kill (uniform over a window as long as a run) lands in the reindex itself
rather than in Python's start-up. The next driver starts while the previous kill is checked.
`KILL_SEED` varies the kill points.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.checking import check_index
from indexer.fields import KIND
from indexer.pipeline import index_corpus
from indexer.results import SearchRequest
from indexer.whoosh.generations import (
    CURRENT_FILE,
    current_generation,
    generation_folders,
    generation_number,
    stale_entries,
)
from indexer.whoosh.search import WhooshSearch
from tests.conftest import SEED_DOCUMENTS
from tests.test_reindex import RELEASE

KILLS = 30
CALIBRATION_RUNS = 3
GROW, SHRINK = 1.15, 0.87
"""The kill window follows the machine's speed: wider after a kill that came too early to see
the new index, narrower after one too late, so the kills keep spanning the whole run."""
SEED = int(os.environ.get("KILL_SEED", "6"))
DRIVER = """
import sys
from pathlib import Path
from indexer.pipeline import index_corpus
print("ready", flush=True)
sys.stdin.readline()
index_corpus(Path(sys.argv[1]), Path(sys.argv[2]), full=sys.argv[3] == "full",
             procs=int(sys.argv[4]))
print("done", flush=True)
"""

pytestmark = pytest.mark.slow


class Driver:
    """A reindex process, imported and waiting for the word to start."""

    def __init__(self, corpus: Path, location: Path, mode: str, procs: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(corpus), str(location), mode, str(procs)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "ready\n"

    def start(self) -> float:
        """Tell the driver to reindex; return when it was told."""
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        return time.perf_counter()

    def finish(self) -> None:
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "done\n"
        self.close()

    def kill(self) -> None:
        """Kill the reindex process only (as kill -9 would), not its writer processes."""
        self.process.kill()
        self.close()

    def close(self) -> None:
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream:
                stream.close()


def live_members(group: int) -> list[int]:
    """Return the processes of a process group that are still running (not zombies)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, _parent, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == group and state not in "ZX":
            members.append(int(entry.name))
    return members


def leftovers(location: Path) -> list[str]:
    """Name what a kill left for the next run to remove."""
    current = generation_number(current_generation(location)) or 0
    stale = stale_entries(location)
    if any((generation_number(p) or 0) > current for p in stale):
        return ["left a half-built generation"]
    return ["left an old generation"] if stale else []


def served_records(location: Path) -> int:
    """Return how many records a fresh search service sees (each element once)."""
    service = WhooshSearch(location)
    try:
        results = service.search(SearchRequest(query=""))
        return sum(value.count for value in results.facets[KIND])
    finally:
        service.close()


class Corpus:
    """The corpus in one of two states, A and B, whose indexes hold different record counts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        shutil.copytree(SEED_DOCUMENTS, folder)
        self.original = (folder / RELEASE).read_text(encoding="utf-8")
        self.state = "A"

    def flip(self) -> None:
        """Change one file and add or remove another: the other state."""
        extra = self.folder / "extra.txt"
        if self.state == "A":
            (self.folder / RELEASE).write_text(
                self.original + "\nA late note on caseloads.\n\nAnd one more on enforcement.\n",
                encoding="utf-8",
            )
            shutil.copy(self.folder / "001_55a1e3615517bc02.txt", extra)
            self.state = "B"
        else:
            (self.folder / RELEASE).write_text(self.original, encoding="utf-8")
            extra.unlink()
            self.state = "A"


@pytest.fixture
def setting(tmp_path: Path) -> Iterator[tuple[Corpus, Path, dict[str, int]]]:
    corpus = Corpus(tmp_path / "corpus")
    location = tmp_path / "ix"
    counts = {}
    for _ in range(2):
        index_corpus(corpus.folder, location)
        counts[corpus.state] = served_records(location)
        corpus.flip()
    assert counts["A"] != counts["B"]
    corpus.flip()  # back to B, which the index holds
    yield corpus, location, counts


def kill_repeatedly(
    corpus: Corpus, location: Path, counts: dict[str, int], mode: str, procs: int, kills: int
) -> Counter[str]:
    """Kill `kills` reindex runs at random points; return how often each state was served."""
    rng = random.Random(SEED * 100 + procs + (mode == "full"))
    duration = 0.0
    for _ in range(CALIBRATION_RUNS):  # undisturbed runs, to aim the kills
        driver = Driver(corpus.folder, location, mode, procs)
        corpus.flip()
        began = driver.start()
        driver.finish()
        duration = max(duration, time.perf_counter() - began)
    served = corpus.state
    window = 1.2 * duration
    outcomes: Counter[str] = Counter()
    driver = Driver(corpus.folder, location, mode, procs)
    for _ in range(kills):
        if served == corpus.state:
            corpus.flip()  # there is something to write
        began = driver.start()
        time.sleep(max(0.0, began + rng.uniform(0, window) - time.perf_counter()))
        group = driver.process.pid
        driver.kill()
        upcoming = Driver(corpus.folder, location, mode, procs)
        records = served_records(location)
        if records == counts[corpus.state]:
            outcomes["new"] += 1
            served = corpus.state
            window *= SHRINK
        else:
            assert records == counts[served], (records, counts)
            outcomes["old"] += 1
            window *= GROW
        assert check_index(location).healthy, check_index(location).findings
        outcomes.update(leftovers(location))
        deadline = time.perf_counter() + 5
        while live_members(group) and time.perf_counter() < deadline:
            time.sleep(0.05)
        assert live_members(group) == [], "a writer process outlived its killed parent"
        driver = upcoming
    if served == corpus.state:
        corpus.flip()
    driver.start()
    driver.finish()
    assert served_records(location) == counts[corpus.state]
    assert stale_entries(location) == []
    assert len(generation_folders(location)) == 2
    assert not list(location.glob(f"{CURRENT_FILE}.*"))
    print(f"\nkill -9 x {kills} during {mode} reindex (procs={procs}): {dict(outcomes)}")
    return outcomes


def test_kills_during_incremental_updates(setting: tuple[Corpus, Path, dict[str, int]]) -> None:
    outcomes = kill_repeatedly(*setting, mode="incremental", procs=1, kills=KILLS)
    assert outcomes["old"] + outcomes["new"] == KILLS
    assert outcomes["old"] and outcomes["new"]  # the kills spanned the switch
    assert outcomes["left a half-built generation"]  # and the writing


@pytest.mark.parametrize("procs", [1, 2])
def test_kills_during_full_rebuilds(
    setting: tuple[Corpus, Path, dict[str, int]], procs: int
) -> None:
    """Half the kills with one writer process, half with two (whose workers must die too)."""
    outcomes = kill_repeatedly(*setting, mode="full", procs=procs, kills=KILLS // 2)
    assert outcomes["old"] + outcomes["new"] == KILLS // 2
    assert outcomes["old"] and outcomes["new"]
    assert outcomes["left a half-built generation"]
