"""Conditional GET: a page asked again with its ETag costs a 304 until the index changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask.testing import FlaskClient

from indexer.pipeline import index_corpus
from tests.conftest import SEED_DOCUMENTS
from web import create_app


def test_a_page_asked_again_with_its_etag_is_not_modified(client: FlaskClient) -> None:
    first = client.get("/search?q=caseloads")
    etag = first.headers["ETag"]
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-cache"
    again = client.get("/search?q=caseloads", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    other = client.get("/search?q=caseloads&kind=finding", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag
    api = client.get("/api/search?q=caseloads")
    assert (
        client.get(
            "/api/search?q=caseloads", headers={"If-None-Match": api.headers["ETag"]}
        ).status_code
        == 304
    )
    bad = client.get("/search?q=kind:memo")
    assert bad.status_code == 400 and "ETag" not in bad.headers


def test_a_reindex_changes_every_etag(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_DOCUMENTS, corpus)
    index_corpus(corpus, tmp_path / "index")
    client = create_app({"INDEX": str(tmp_path / "index")}).test_client()
    etag = client.get("/search?q=caseloads").headers["ETag"]
    (corpus / "999_new.txt").write_text(
        "Caseloads again\n\nCaseloads in the CRC kept rising in 2018.\n"
    )
    index_corpus(corpus, tmp_path / "index")
    fresh = client.get("/search?q=caseloads", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.headers["ETag"] != etag
    assert b"kept rising" in fresh.data
