"""The `reportsearch` CLI end to end on the bundled corpus: parse, index, search."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.pipeline import load_documents

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = REPO / "documents"


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("cli") / "index"
    result = CliRunner().invoke(
        main, ["index", "--documents", str(DOCUMENTS), "--index", str(location)]
    )
    assert result.exit_code == 0, result.output
    return location


def run(*args: str) -> tuple[int, str]:
    """Run the CLI; return the exit code and stdout, or stderr when the command failed."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout if result.exit_code == 0 else result.stderr


def test_parse_json_prints_exactly_one_document_object() -> None:
    path = DOCUMENTS / "004_e5c2bc1fff8f5255.txt"
    code, output = run("parse", str(path), "--json")
    assert code == 0
    document = json.loads(output)
    assert document["id"] == path.name
    assert document["source_type"] == "press_release"
    fields = {"id", "kind", "position", "heading", "text", "group", "speaker", "comment_path"}
    assert all(fields <= set(element) for element in document["elements"])
    assert [e["position"] for e in document["elements"]] == list(range(len(document["elements"])))


def test_parse_outline_names_title_and_counts(tmp_path: Path) -> None:
    code, output = run("parse", str(DOCUMENTS / "001_55a1e3615517bc02.txt"))
    assert code == 0
    assert output.splitlines()[0] == (
        "001_55a1e3615517bc02.txt — Probation public protection work sub-standard in Staffordshire"
    )
    assert "22 finding" in output


def test_parse_reports_an_unreadable_file(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    code, output = run("parse", str(binary))
    assert code == 1
    assert output == f"Error: cannot parse {binary}: binary file (contains NUL bytes)\n"


def test_index_summary_counts_documents_and_elements_by_kind(tmp_path: Path) -> None:
    documents = list(load_documents(DOCUMENTS))
    kinds = Counter(e.kind.value for d in documents for e in d.elements)
    described = f"{sum(kinds.values())} elements (" + ", ".join(
        f"{n} {kind}s" for kind, n in sorted(kinds.items())
    )
    location = tmp_path / "ix"
    code, output = run("index", "--documents", str(DOCUMENTS), "--index", str(location))
    assert code == 0
    assert output == (
        "Full rebuild (first build): 6 added, 0 updated, 0 removed, 0 unchanged, 0 failed.\n"
        f"Indexed 6 documents, {described}) into {location} (gen-000001).\n"
    )
    code, output = run("index", "--documents", str(DOCUMENTS), "--index", str(location))
    assert code == 0
    assert output == (
        "Incremental update: 0 added, 0 updated, 0 removed, 6 unchanged, 0 failed.\n"
        f"Nothing to do: {location} is up to date with 6 documents, {described}).\n"
    )


def test_index_reports_bad_files_by_path_and_reason_and_indexes_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DOCUMENTS / "004_e5c2bc1fff8f5255.txt", corpus / "release.txt")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 100)
    code, output = run("index", "--documents", str(corpus), "--index", str(tmp_path / "ix"))
    assert code == 0
    lines = output.splitlines()
    assert (
        lines[0]
        == "Full rebuild (first build): 1 added, 0 updated, 0 removed, 0 unchanged, 2 failed."
    )
    assert lines[1].startswith("Indexed 1 document, 12 elements (1 quote, 11 sections) ")
    assert lines[2:] == [
        "2 files failed:",
        f"  {corpus / 'empty.txt'}: empty file",
        f"  {corpus / 'image.txt'}: binary file (contains NUL bytes)",
    ]
    code, output = run("search", "standards", "--index", str(tmp_path / "ix"))
    assert code == 0 and "Probation services in Derbyshire" in output


def test_index_with_nothing_readable_fails(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    code, output = run(
        "index", "--documents", str(tmp_path / "docs"), "--index", str(tmp_path / "ix")
    )
    assert code == 1
    assert output.endswith("Error: nothing was indexed (an index being served is unchanged)\n")


def test_search_caseloads_spans_documents_kinds_and_facets(seed_index: Path) -> None:
    code, output = run("search", "caseloads", "--index", str(seed_index), "--json", "--limit", "50")
    assert code == 0
    results = json.loads(output)
    assert len({hit["document_id"] for hit in results["hits"]}) >= 4
    assert {"finding", "section", "comment"} <= {hit["kind"] for hit in results["hits"]}
    assert all(hit["snippet"]["marks"] for hit in results["hits"])
    kinds = {v["value"]: v["count"] for v in results["facets"]["kind"]}
    assert sum(kinds.values()) == results["total"]
    assert set(results["facets"]) == {
        "source_type",
        "kind",
        "organisation",
        "region",
        "year",
        "speaker",
        "site",
        "rating",
    }


def test_search_text_output(seed_index: Path) -> None:
    code, output = run("search", "caseloads", "--index", str(seed_index), "--limit", "3")
    assert code == 0
    lines = output.splitlines()
    assert re.fullmatch(r"\d+ hits for 'caseloads' \(\d+ ms\)", lines[0])
    assert "**caseloads**" in output or "**Caseloads**" in output
    assert "Facets:" in lines
    assert any(line.startswith("  kind: ") for line in lines)


def test_phrase_search_for_quote_finds_the_chief_inspector(seed_index: Path) -> None:
    code, output = run(
        "search",
        '"standards have slipped"',
        "--kind",
        "quote",
        "--index",
        str(seed_index),
        "--json",
    )
    assert code == 0
    hits = json.loads(output)["hits"]
    assert hits and hits[0]["speaker"] == "Glenys Stacey"
    assert "standards have slipped" in hits[0]["text"]


def test_filters_and_date_range(seed_index: Path) -> None:
    code, output = run(
        "search",
        "--kind",
        "finding",
        "--org",
        "NPS",
        "--from",
        "2017",
        "--index",
        str(seed_index),
        "--json",
        "--limit",
        "100",
    )
    assert code == 0
    hits = json.loads(output)["hits"]
    # Co-ordination findings are about both services, so they count as NPS findings too.
    assert {h["group"] for h in hits} == {"NPS", "co-ordination"}
    assert all(h["date"] >= "2017" for h in hits)


def test_bad_query_and_missing_index_are_clear_errors(seed_index: Path, tmp_path: Path) -> None:
    code, output = run("search", "x", "--from", "yesterday", "--index", str(seed_index))
    assert code == 2
    assert "'yesterday' is not a date." in output and "YYYY-MM" in output
    assert "Traceback" not in output
    code, output = run("search", "x", "--index", str(tmp_path / "none"))
    assert code == 1
    assert "no index has been built here yet" in output
    assert "Build it with: reportsearch index" in output


def test_an_unknown_filter_value_gets_the_message_of_the_query(seed_index: Path) -> None:
    index = ("--index", str(seed_index))
    code, from_option = run("search", "caseloads", "--kind", "memo", *index)
    assert code == 2
    _, from_query = run("search", "caseloads kind:memo", *index)
    message = from_option.splitlines()[-2:]
    assert message == [
        "Error: kind:memo is not a kind.",
        "Hint: Use one of: kind:section, kind:finding, kind:quote, kind:comment, "
        "kind:recommendation, kind:rating.",
    ]
    assert from_query.splitlines()[-2:] == message
    code, output = run("search", "caseloads", "--type", "tweet", *index)
    assert code == 2 and "type:tweet is not a type." in output
    code, output = run("search", "caseloads", "--year", "last", *index)
    assert code == 2 and "year:last is not a year." in output


def test_filter_values_in_other_spellings_are_read(seed_index: Path) -> None:
    index = ("--index", str(seed_index))
    for spelled, exact in (("Findings", "finding"), ("press-release", "press_release")):
        option = "--kind" if exact == "finding" else "--type"
        _, loose = run("search", "caseloads", option, spelled, *index)
        _, strict = run("search", "caseloads", option, exact, *index)
        assert loose.splitlines()[0].split("(")[0] == strict.splitlines()[0].split("(")[0]
    _, one = run("search", '"unreasonable and unmanageable"', *index)
    assert one.startswith("1 hit for '\"unreasonable and unmanageable\"'")  # not "1 hits"


def test_a_page_past_the_end_says_so(seed_index: Path) -> None:
    code, output = run(
        "search", "caseloads", "--page", "9", "--limit", "5", "--index", str(seed_index)
    )
    assert code == 0
    lines = output.splitlines()
    total = int(lines[0].split()[0])
    last = -(-total // 5)
    assert lines[1] == (
        f"Page 9 is past the end: the hits fill {last} pages; the last is --page {last}."
    )
    code, output = run("search", "caseloads", "--page", "9", "--json", "--index", str(seed_index))
    assert json.loads(output)["past_end"] is True


def test_the_text_output_says_why_facets_count_more_than_the_total(seed_index: Path) -> None:
    code, output = run("search", "--index", str(seed_index), "--limit", "1")
    assert code == 0
    lines = output.splitlines()
    total = int(lines[0].split()[0])
    kinds = lines[lines.index("Facets:") + 2]
    assert kinds.startswith("  source_type: ")
    elements = sum(int(n) for n in re.findall(r"\((\d+)\)", kinds))
    assert elements > total  # the seeds reproduce report text in several posts
    assert lines[lines.index("Facets:") + 1] == (
        f"  (facets count {elements} elements; the {total} hits show each copied text once)"
    )
    code, output = run("search", "caseloads", "--type", "press_release", "--index", str(seed_index))
    assert code == 0 and "facets count" not in output  # one release, no copies: the counts add up


def test_user_gazetteer_extends_the_bundled_one(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('[[organisation]]\nname = "Working Links"\naliases = ["Working Links"]\n')
    text = tmp_path / "note.txt"
    text.write_text("Notes\n\nWorking Links ran the CRC in Wales.\n")
    code, output = run("parse", str(text), "--json", "--gazetteer", str(extra))
    assert code == 0
    assert json.loads(output)["organisations"] == ["CRC", "Working Links"]
    extra.write_text("[[organisation]]\naliases = 3\n")
    code, output = run("parse", str(text), "--gazetteer", str(extra))
    assert code == 1 and output.startswith(f"Error: gazetteer {extra}: ")


def test_parse_outline_of_a_saved_page_shows_its_url_and_decoding(tmp_path: Path) -> None:
    page = tmp_path / "old.html"
    page.write_bytes(
        '<html><head><link rel="canonical" href="https://example.org/a"><title>Old page</title>'
        "</head><body><p>“Caseloads” are high.</p></body></html>".encode("cp1252")
    )
    code, output = run("parse", str(page))
    assert code == 0
    assert output.splitlines()[:4] == [
        "old.html — Old page",
        "  date: - · site: - · type: other · format: html",
        "  url: https://example.org/a",
        "  decoding: decoded as cp1252",
    ]
