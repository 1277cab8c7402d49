"""The real WSGI server stays up through a full reindex and switch, and follows the new index.

Clients hammer the JSON API and the search page of `reportsearch serve` (waitress) while
`reportsearch index --full` runs in another process and switches CURRENT: every answer is a
200 with hits for queries known to match, and a word only the new corpus holds is found once
it is served, without a restart. Raw-path traversal attempts reach nothing but 404s.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from indexer.pipeline import index_corpus
from indexer.whoosh.generations import CURRENT_FILE
from tests.conftest import SEED_DOCUMENTS
from tests.test_end_to_end import STARTUP_S, free_port, reportsearch

COPIES = 4
"""The corpus is the seeds this many times over, so that a full rebuild takes a few seconds."""
CLIENTS = 12
MIN_REQUESTS = 240
KNOWN = ["caseloads", "probation officers", '"standards have slipped"', "kind:finding NPS"]
NEW_WORD = "zyzzyva"
"""In the corpus only after the reindex starts: found once the new generation is served."""


@dataclass
class Answer:
    """One response as a client saw it, and the generation served when it was asked."""

    url: str
    status: int
    body: str
    served: str = ""


def make_corpus(folder: Path) -> None:
    folder.mkdir()
    for copy in range(COPIES):
        for source in SEED_DOCUMENTS.iterdir():
            shutil.copy(source, folder / f"{copy}-{source.name}")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`reportsearch serve` (waitress, 8 threads) over an index of the corpus, in a process."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    location = tmp_path / "index"
    index_corpus(corpus, location)
    port = free_port()
    process = subprocess.Popen(
        [reportsearch(), "serve", "--index", str(location), "--port", str(port), "--threads", "8"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_S
    while True:
        try:
            get(address, "/api/search?q=x")
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.1)
    yield address, corpus, location
    process.terminate()
    process.wait(timeout=10)


def get(address: str, url: str, location: Path | None = None, redirects: int = 0) -> Answer:
    """GET `url` as sent (no normalising), following `redirects` redirects."""
    served = (location / CURRENT_FILE).read_text().strip() if location else ""
    connection = http.client.HTTPConnection(address, timeout=30)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        answer = Answer(url, response.status, response.read().decode("utf-8"), served)
        moved = response.getheader("Location")
    finally:
        connection.close()
    if redirects and moved and 300 <= answer.status < 400:
        return get(address, urlsplit(moved).path, location, redirects - 1)
    return answer


def urls(number: int) -> str:
    query = quote(KNOWN[number % len(KNOWN)])
    return f"/api/search?q={query}" if number % 3 else f"/search?q={query}"


def test_searches_through_a_full_reindex_and_switch(server: tuple[str, Path, Path]) -> None:
    address, corpus, location = server
    (corpus / "late.txt").write_text(f"A late note\n\nThe {NEW_WORD} count rose again.\n")
    reindex = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "indexer.cli",
            "index",
            "--full",
            "--documents",
            str(corpus),
            "--index",
            str(location),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    answers: list[Answer] = []
    with ThreadPoolExecutor(CLIENTS) as clients:
        while (
            reindex.poll() is None
            or len(answers) < MIN_REQUESTS
            or sum(a.served == "gen-000002" for a in answers) < 2 * CLIENTS
        ):
            count = len(answers)
            batch = [
                clients.submit(get, address, urls(count + i), location) for i in range(CLIENTS)
            ]
            answers += [future.result() for future in batch]
    out, err = reindex.communicate()
    assert reindex.returncode == 0, err
    assert "gen-000002" in out
    bad = [(a.url, a.status, a.body[:200]) for a in answers if a.status != 200]
    assert bad == []
    for answer in answers:
        if answer.url.startswith("/api/"):
            data = json.loads(answer.body)
            assert data["total"] > 0 and data["hits"], answer.url
        else:
            assert 'class="hit' in answer.body, answer.url
    assert len(answers) >= MIN_REQUESTS
    before = sum(a.served == "gen-000001" for a in answers)
    print(f"\n{len(answers)} concurrent searches: {before} asked before the switch, the rest after")
    # Every server thread follows the switch on its next request, without a restart.
    found = [get(address, f"/api/search?q={NEW_WORD}") for _ in range(3 * CLIENTS)]
    assert all(json.loads(a.body)["total"] == 1 for a in found)


TRAVERSALS = [
    "/documents/../../etc/passwd",
    "/documents/..%2f..%2f..%2fetc%2fpasswd",
    "/documents/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/documents/%252e%252e%252fsetup.cfg",
    "/documents/..%5c..%5csetup.cfg",
    "/documents/....//....//setup.cfg",
    "/documents/%00../setup.cfg",
    "/documents/setup.cfg%00.txt",
    "/documents//etc/passwd",
    "/documents/\\..\\..\\setup.cfg",
    "/api/documents/../../../etc/passwd",
    "/api/documents/%2e%2e%2f%2e%2e%2fsetup.cfg",
    "/static/../setup.cfg",
    "/static/%2e%2e/setup.cfg",
    "/static/..%2f..%2fsetup.cfg",
    "/static/%2e%2e%2f%2e%2e%2findexer%2fcli.py",
    "/similar/..%2f..%2fsetup.cfg",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_raw_path_traversal_reaches_nothing(live_server: str, path: str) -> None:
    answer = get(urlsplit(live_server).netloc, path, redirects=1)
    assert answer.status == 404, (path, answer.status)
    for secret in ("root:", "[metadata]", "import click"):
        assert secret not in answer.body
