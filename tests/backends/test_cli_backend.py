"""The CLI on the clustered engine: index, check, search, similar with `--backend typesense`."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from indexer.cli import main
from tests.backends.cluster import shared_cluster
from tests.backends.conftest import copy_corpus, drop_alias, typesense_settings
from web import create_app


def test_index_check_search_and_similar_through_the_cli(tmp_path: Path) -> None:
    info = shared_cluster()
    collection = f"cli{os.getpid()}"
    corpus = copy_corpus(tmp_path / "corpus")
    env = {
        "REPORTSEARCH_BACKEND": "typesense",
        "REPORTSEARCH_NODES": ",".join(info.nodes),
        "REPORTSEARCH_API_KEY": info.api_key,
        "REPORTSEARCH_COLLECTION": collection,
        "REPORTSEARCH_INDEX": str(tmp_path / "lock"),
    }
    runner = CliRunner()
    try:
        built = runner.invoke(main, ["index", "--documents", str(corpus)], env=env)
        assert built.exit_code == 0, built.output
        assert "Full rebuild (first build)" in built.output
        assert f"{collection}_v1" in built.output
        again = runner.invoke(main, ["index", "--documents", str(corpus)], env=env)
        assert again.exit_code == 0 and "0 added" in again.output, again.output
        checked = runner.invoke(main, ["check"], env=env)
        assert checked.exit_code == 0 and "The index is healthy." in checked.output
        found = runner.invoke(main, ["search", "caseloads", "--kind", "finding", "--json"], env=env)
        assert found.exit_code == 0, found.output
        results = json.loads(found.output)
        assert results["total"] > 0 and all(h["kind"] == "finding" for h in results["hits"])
        first = results["hits"][0]["id"]
        similar = runner.invoke(main, ["similar", first, "--json"], env=env)
        assert similar.exit_code == 0 and first not in similar.output.split('"id"')[0]
        wrong = runner.invoke(
            main, ["search", "caseloads"], env={**env, "REPORTSEARCH_API_KEY": "nope"}
        )
        assert wrong.exit_code == 1 and "API key" in wrong.output
        assert "Traceback" not in wrong.output
        app = create_app({"BACKEND": "typesense", "NODES": ",".join(info.nodes),
                          "API_KEY": "nope", "COLLECTION": collection})  # fmt: skip
        page = app.test_client().get("/search?q=caseloads")
        assert page.status_code == 503 and b"search backend is unavailable" in page.data
    finally:
        drop_alias(typesense_settings(info, tmp_path / "lock", collection))
