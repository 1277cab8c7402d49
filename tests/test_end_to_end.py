"""One question asked three ways: the CLI, the JSON API and the page of a running server.

Runs the installed `reportsearch` console script as a user would: index the bundled corpus,
search it, serve it with waitress, and fetch the API and the page over HTTP.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
STARTUP_S = 20


def reportsearch() -> str:
    script = shutil.which("reportsearch", path=str(Path(sys.executable).parent))
    assert script, "the reportsearch console script is not installed in this environment"
    return script


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("e2e") / "index"
    done = subprocess.run(
        [reportsearch(), "index", "--documents", str(REPO / "documents"), "--index", str(location)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("Indexed 6 documents")
    return location


@pytest.fixture(scope="module")
def server(built_index: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [reportsearch(), "serve", "--index", str(built_index), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_S
    while True:
        try:
            urllib.request.urlopen(base + "/api/search?q=x", timeout=2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"reportsearch serve did not start: {process.stdout.read()}")  # type: ignore[union-attr]
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()  # type: ignore[union-attr]


def test_cli_api_and_page_give_the_same_answer(built_index: Path, server: str) -> None:
    done = subprocess.run(
        [
            reportsearch(),
            "search",
            "caseloads",
            "--kind",
            "finding",
            "--json",
            "--index",
            str(built_index),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    from_cli = json.loads(done.stdout)
    with urllib.request.urlopen(server + "/api/search?q=caseloads&kind=finding") as response:
        from_api = json.load(response)
    with urllib.request.urlopen(server + "/search?q=caseloads&kind=finding") as response:
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
        soup = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
    ids = [hit["id"] for hit in from_cli["hits"]]
    assert ids and ids == [hit["id"] for hit in from_api["hits"]]
    # The web app adds the inspections the hits come from (README: "the web API adds").
    assert "inspection" in from_api["facets"]
    assert from_cli["facets"] == {k: v for k, v in from_api["facets"].items() if k != "inspection"}
    on_page = [
        a["href"].split("?")[0].removeprefix("/documents/") for a in soup.select(".hit-title a")
    ]
    assert on_page == [hit["document_id"] for hit in from_cli["hits"]]
    assert soup.select_one(".results-summary").get_text().split()[0] == str(from_cli["total"])
