"""A real three-node Typesense cluster: replication, a leader killed under load, a node down,
and a cluster that does not answer.

The shared cluster that `make test` starts serves the replication test; the tests that kill
nodes start a private cluster of their own (on other ports) and stop it by its pids.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from indexer.backend import BackendSettings, open_backend, open_store
from indexer.errors import BackendUnavailableError
from indexer.pipeline import index_corpus
from indexer.results import SearchRequest
from tests.backends.cluster import (
    ClusterInfo,
    kill,
    leader,
    shared_cluster,
    start_cluster,
    stop_cluster,
)
from tests.backends.conftest import copy_corpus, drop_alias, typesense_settings
from web import create_app

PRIVATE_BASE_PORT = int(os.environ.get("REPORTSEARCH_TEST_FAILOVER_PORT", "18400"))
SEARCHES_BACK_S = 15.0
"""After the leader dies, searches must succeed again within this (they use any node)."""
WRITES_BACK_S = 45.0
"""...and a write must succeed within this (a new leader is elected first: 7-9 s here)."""


def new_post(corpus: Path, number: int) -> str:
    """Write a post with a word of its own into the corpus; return the word."""
    word = f"failoverword{number:03d}"
    (corpus / f"4{number:02d}_post.txt").write_text(
        f"Notes on supervision, part {number}\n\nThe {word} scheme was reviewed by inspectors.\n"
    )
    return word


def test_write_through_one_node_read_through_another(tmp_path: Path) -> None:
    info = shared_cluster()
    corpus = copy_corpus(tmp_path / "corpus")
    writer = typesense_settings(info, tmp_path / "lock", f"repl{os.getpid()}")
    writer = replace(writer, nodes=info.nodes[:1])
    reader = replace(writer, nodes=info.nodes[-1:])
    try:
        index_corpus(corpus, open_store(writer))
        word = new_post(corpus, 1)
        index_corpus(corpus, open_store(writer))
        service = open_backend(reader)
        try:
            deadline = time.monotonic() + 5
            while service.search(SearchRequest(word)).total != 1:
                assert time.monotonic() < deadline, "the write never reached the other node"
                time.sleep(0.1)
            assert service.document("401_post.txt") is not None
        finally:
            service.close()
    finally:
        drop_alias(writer)


@pytest.fixture(scope="module")
def private_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClusterInfo]:
    """A cluster of three nodes that tests may kill nodes of."""
    shared_cluster()  # the same requirement: skip (or fail) without a server
    folder = tmp_path_factory.mktemp("failover-cluster")
    info = start_cluster(folder, PRIVATE_BASE_PORT)
    try:
        yield info
    finally:
        stop_cluster(folder)


@dataclass
class Load:
    """Searches and writes running side by side, with when each succeeded or failed."""

    settings: BackendSettings
    corpus: Path
    stop: threading.Event = field(default_factory=threading.Event)
    searches: list[tuple[float, bool]] = field(default_factory=list)
    writes: list[tuple[float, bool, str]] = field(default_factory=list)

    def search_loop(self) -> None:
        service = open_backend(self.settings)
        try:
            while not self.stop.is_set():
                try:
                    ok = service.search(SearchRequest("caseloads")).total > 0
                except BackendUnavailableError:
                    ok = False
                self.searches.append((time.monotonic(), ok))
        finally:
            service.close()

    def write_loop(self) -> None:
        number = 10
        while not self.stop.is_set():
            word = new_post(self.corpus, number)
            began = time.monotonic()
            try:
                index_corpus(self.corpus, open_store(self.settings))
                self.writes.append((began, True, word))
                number += 1
            except BackendUnavailableError:
                self.writes.append((began, False, word))
                time.sleep(0.2)


def test_leader_killed_under_load_then_searches_and_writes_continue(
    private_cluster: ClusterInfo, tmp_path: Path
) -> None:
    info = private_cluster
    settings = typesense_settings(info, tmp_path / "lock", "failover")
    corpus = copy_corpus(tmp_path / "corpus")
    index_corpus(corpus, open_store(settings))
    load = Load(settings, corpus)
    threads = [threading.Thread(target=load.search_loop) for _ in range(2)]
    threads.append(threading.Thread(target=load.write_loop))
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        victim = leader(info)
        assert victim is not None, "the cluster has no leader"
        killed_at = time.monotonic()
        kill(info.pids[victim])
        deadline = killed_at + WRITES_BACK_S + 10
        while time.monotonic() < deadline and not any(
            ok and began > killed_at for began, ok, _ in load.writes
        ):
            time.sleep(0.2)
        time.sleep(2)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=60)
    before = [ok for at, ok in load.searches if at < killed_at]
    assert before and all(before), "searches failed before the leader was killed"
    after = [(at, ok) for at, ok in load.searches if at > killed_at]
    recovered = next((at for at, ok in after if ok), None)
    assert recovered is not None and recovered - killed_at < SEARCHES_BACK_S
    assert all(ok for at, ok in after if at > recovered + 1.0), "searches failed again"
    written = next((at for at, ok, _ in load.writes if ok and at > killed_at), None)
    assert written is not None, f"no write succeeded after the kill: {load.writes[-5:]}"
    assert written - killed_at < WRITES_BACK_S
    # Every acknowledged write is searchable on the surviving nodes.
    survivors = replace(settings, nodes=tuple(n for i, n in enumerate(info.nodes) if i != victim))
    service = open_backend(survivors)
    try:
        for _at, ok, word in load.writes:
            if ok:
                assert service.search(SearchRequest(word)).total == 1, word
    finally:
        service.close()


def test_with_one_node_down_the_app_answers_from_the_others(
    private_cluster: ClusterInfo, tmp_path: Path
) -> None:
    info = private_cluster
    alive = [pid for pid in info.pids if Path(f"/proc/{pid}").exists()]
    if len(alive) == len(info.pids):  # run alone: take one node down here
        kill(info.pids[0])
    settings = typesense_settings(info, tmp_path / "lock", "onedown")
    index_corpus(copy_corpus(tmp_path / "corpus"), open_store(settings))
    app = create_app(
        {
            "BACKEND": "typesense",
            "NODES": ",".join(info.nodes),
            "API_KEY": info.api_key,
            "COLLECTION": "onedown",
            "INDEX": str(tmp_path / "lock"),
        }
    )
    client = app.test_client()
    for _ in range(6):  # requests rotate over the nodes, the dead one among them
        page = client.get("/search?q=caseloads")
        assert page.status_code == 200
        assert b"caseloads" in page.data
        api = client.get("/api/search?q=caseloads&kind=finding")
        assert api.status_code == 200 and api.get_json()["total"] > 0


def test_an_unreachable_cluster_gives_a_clear_503_page_and_json(tmp_path: Path) -> None:
    """No server needed: nothing listens on the nodes named."""
    app = create_app(
        {
            "BACKEND": "typesense",
            "NODES": "http://127.0.0.1:9,http://127.0.0.1:19",
            "API_KEY": "key",
            "INDEX": str(tmp_path),
        }
    )
    client = app.test_client()
    page = client.get("/search?q=caseloads")
    assert page.status_code == 503
    text = page.get_data(as_text=True)
    assert "search backend is unavailable" in text
    assert "Traceback" not in text and "httpx" not in text
    assert page.headers["Retry-After"]
    api = client.get("/api/search?q=caseloads")
    assert api.status_code == 503
    assert api.get_json()["error"]["message"] == "The search backend is unavailable."
    document = client.get("/documents/000_3317e4b1ec0bb89e.txt")
    assert document.status_code == 503
