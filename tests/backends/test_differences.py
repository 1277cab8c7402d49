"""What the clustered engine cannot do as the embedded one does: each difference listed in
`docs/typesense.md`, shown here on both engines so that the list stays true.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.backend import BackendSettings, SearchBackend, open_backend, open_store
from indexer.errors import QueryError
from indexer.pipeline import index_corpus
from indexer.results import SearchRequest
from tests.backends.cluster import shared_cluster
from tests.backends.conftest import drop_alias, typesense_settings

REPO = Path(__file__).resolve().parents[2]
LONG_PHRASE_APART = """Staffing notes

Inspectors found that officers managed high caseloads, and later that high caseloads managed \
officers rather than the other way round.
"""


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, SearchBackend]]:
    """Both engines over one small corpus written for these differences."""
    root = tmp_path_factory.mktemp("differences")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "500_staffing.txt").write_text(LONG_PHRASE_APART)
    info = shared_cluster()
    settings = {
        "whoosh": BackendSettings(index=root / "index"),
        "typesense": typesense_settings(info, root / "lock", f"diff{os.getpid()}"),
    }
    services = {}
    for name, setting in settings.items():
        index_corpus(corpus, open_store(setting))
        services[name] = open_backend(setting)
    yield services
    for service in services.values():
        service.close()
    drop_alias(settings["typesense"])


def test_a_phrase_of_four_words_may_match_its_three_word_runs_apart(
    both: dict[str, SearchBackend],
) -> None:
    """"managed high caseloads managed" is not in the text, but both its runs of three words
    are ("…managed high caseloads, and later that high caseloads managed…"): Typesense,
    which indexes runs of up to three words, matches it; Whoosh, with positions, does not."""
    request = SearchRequest('"managed high caseloads managed"')
    assert both["whoosh"].search(request).total == 0
    assert both["typesense"].search(request).total == 1
    really = SearchRequest('"high caseloads managed officers rather"')  # in the text: both
    assert both["whoosh"].search(really).total == both["typesense"].search(really).total == 1
    three = SearchRequest('"officers managed high"')  # three words or fewer: exact on both
    assert both["whoosh"].search(three).total == both["typesense"].search(three).total == 1
    assert both["typesense"].search(SearchRequest('"high officers managed"')).total == 0


def test_a_near_phrase_matches_its_words_anywhere(both: dict[str, SearchBackend]) -> None:
    """`"…"~N`: Whoosh keeps the words within N positions, Typesense only requires them all."""
    request = SearchRequest('"inspectors round"~2')
    assert both["whoosh"].search(request).total == 0
    assert both["typesense"].search(request).total == 1


def test_a_very_complex_query_is_refused_with_a_message(both: dict[str, SearchBackend]) -> None:
    words = ["staff", "notes", "inspectors", "officers", "caseloads", "managed", "rather", "way"]
    pairs = zip(words, words[1:] + words[:1], strict=True)
    query = " ".join(f"(({a} {b}) OR ({b} {a}))" for a, b in pairs)
    assert both["whoosh"].search(SearchRequest(query)).total >= 0
    with pytest.raises(QueryError) as raised:
        both["typesense"].search(SearchRequest(query))
    assert "too complex for the Typesense backend" in raised.value.message


def test_requiring_backends_turns_a_missing_cluster_into_a_failure(tmp_path: Path) -> None:
    """With REQUIRE_SEARCH_BACKENDS=1 (CI) a Typesense test without a cluster fails."""
    test = "tests/backends/test_contract.py::test_misspelt_words_get_a_suggestion"
    env = {k: v for k, v in os.environ.items() if k != "REPORTSEARCH_TEST_CLUSTER"}
    command = [sys.executable, "-m", "pytest", test, "-q", "-p", "no:cacheprovider"]
    skipped = subprocess.run(
        command, cwd=REPO, env={**env, "REQUIRE_SEARCH_BACKENDS": "0"}, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip
    assert skipped.returncode == 0 and "1 skipped" in skipped.stdout, skipped.stdout[-500:]
    failed = subprocess.run(
        command, cwd=REPO, env={**env, "REQUIRE_SEARCH_BACKENDS": "1"}, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip
    assert failed.returncode != 0
    assert "REQUIRE_SEARCH_BACKENDS=1 but" in failed.stdout
