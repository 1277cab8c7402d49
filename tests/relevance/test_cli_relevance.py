"""The relevance features through the CLI: suggestions, query errors, collapse, copies, similar."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from indexer.cli import main


def run(*args: str) -> tuple[int, str]:
    """Run the CLI; return the exit code and stdout, or stderr when the command failed."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout if result.exit_code == 0 else result.stderr


def test_a_misspelling_gets_did_you_mean(seed_index: Path) -> None:
    code, output = run("search", "casloads", "--index", str(seed_index))
    assert code == 0
    assert output.startswith("0 hits for 'casloads'")
    assert output.splitlines()[1] == "Did you mean: caseloads?"


def test_a_bad_query_is_a_usage_error_with_a_hint(seed_index: Path) -> None:
    code, output = run("search", "colour:red", "--index", str(seed_index))
    assert code == 2
    assert "Error: There is no field called 'colour'." in output
    assert "Hint: Fields: kind:, type:, org:," in output
    assert "Traceback" not in output


def test_collapse_and_reproduced_findings(seed_index: Path) -> None:
    code, output = run("search", "abided", "--collapse", "--index", str(seed_index))
    assert code == 0
    assert output.startswith("2 documents for 'abided'")
    assert "   + 1 more in this document" in output
    assert "also in: Inspector Finds Problems with RRP (000_3317e4b1ec0bb89e.txt:19)" in output


def test_search_json_carries_the_new_fields(seed_index: Path) -> None:
    code, output = run("search", "abided", "--json", "--index", str(seed_index))
    assert code == 0
    results = json.loads(output)
    assert results["partial"] is False
    copied = [hit for hit in results["hits"] if hit["also_in"]]
    assert copied and set(copied[0]["also_in"][0]) == {
        "id",
        "document_id",
        "position",
        "title",
        "site",
        "date",
        "source_type",
    }
    assert all(hit["more_in_document"] == 0 for hit in results["hits"])


def test_similar_lists_related_elements_and_rejects_unknown_ids(seed_index: Path) -> None:
    code, output = run("similar", "001_55a1e3615517bc02.txt:25", "--index", str(seed_index))
    assert code == 0
    assert output.startswith("\n1. [finding")
    assert "001_55a1e3615517bc02.txt:25\n" not in output
    code, output = run("similar", "nope.txt:3", "--index", str(seed_index))
    assert code == 1
    assert "Error: no element 'nope.txt:3' in the index" in output
    code, output = run(
        "similar", "001_55a1e3615517bc02.txt:25", "--json", "--index", str(seed_index)
    )
    assert code == 0 and len(json.loads(output)) == 10
