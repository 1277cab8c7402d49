"""Inspections linked from document metadata: the bundled corpus and made-up documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities import load_gazetteer
from indexer.inspections import InspectionIndex, link_inspections
from indexer.model import Document, ReportInfo, SourceFormat, SourceType
from indexer.pipeline import load_documents
from indexer.results import DocumentCounts
from tests.conftest import SEED_DOCUMENTS


def doc(doc_id: str, date: str, kind: SourceType, regions: list[str], **extra: object) -> Document:
    return Document(
        id=doc_id, source_path=doc_id, format=SourceFormat.TEXT, title=f"Post {doc_id}",
        date=date, source_type=kind, regions=regions,
        organisations=list(extra.pop("organisations", ["HMI Probation", "CRC"])),  # type: ignore[call-overload]
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_bundled_derbyshire_and_staffordshire_inspections_list_their_sources() -> None:
    documents = list(load_documents(SEED_DOCUMENTS, load_gazetteer()))
    found = {i.id: i for i in link_inspections(documents)}
    derbyshire = found["derbyshire-2016-09"]
    assert derbyshire.label == "Derbyshire, September 2016"
    assert [s.document.source_type for s in derbyshire.sources] == [
        SourceType.INSPECTION_REPORT, SourceType.PRESS_RELEASE, SourceType.BLOG_POST,
    ]  # fmt: skip
    dates = [s.document.date or "" for s in derbyshire.sources]
    assert dates == sorted(dates)
    assert all(s.reason for s in derbyshire.sources)
    staffordshire = found["staffordshire-2017-01"]
    assert sorted(staffordshire.document_ids) == [
        "000_3317e4b1ec0bb89e.txt",
        "001_55a1e3615517bc02.txt",
    ]
    assert "midlands-2017-01" not in found  # a wider region one post also names
    every = [d for i in found.values() for d in i.document_ids]
    assert len(every) == len(set(every))  # no document in two inspections


def test_a_run_ends_after_the_window_and_needs_the_inspectorate() -> None:
    documents = [
        doc("a", "2018-03-01", SourceType.PRESS_RELEASE, ["Durham"]),
        doc("b", "2018-04-15", SourceType.BLOG_POST, ["Durham"]),
        doc("c", "2019-02-01", SourceType.BLOG_POST, ["Durham"], organisations=["CRC"]),
        doc("d", "2018-05-01", SourceType.BLOG_POST, ["Kent"], organisations=["NPS"]),
    ]
    found = {i.id: i for i in link_inspections(documents)}
    assert list(found) == ["durham-2018-03"]
    assert found["durham-2018-03"].document_ids == ["a", "b"]
    assert "45 days after" in found["durham-2018-03"].sources[1].reason


def test_the_reports_month_and_a_sidecars_inspection_win() -> None:
    report = ReportInfo(area=["Durham"], published="2018-02", inspected=["CRC", "NPS"])
    documents = [
        doc("r", "2018-03-02", SourceType.INSPECTION_REPORT, ["Durham"], report=report,
            rating="Requires improvement"),
        doc("p", "2018-03-02", SourceType.BLOG_POST, ["Durham"], inspection="durham-2017-06"),
    ]  # fmt: skip
    found = {i.id: i for i in link_inspections(documents)}
    assert found["durham-2018-02"].rating == "Requires improvement"
    assert found["durham-2018-02"].organisations == ["CRC", "NPS"]
    assert found["durham-2017-06"].document_ids == ["p"]
    assert found["durham-2017-06"].sources[0].reason == "named by its metadata file"


def test_nothing_is_an_inspection_without_an_area() -> None:
    assert link_inspections([doc("x", "2018-01-01", SourceType.PRESS_RELEASE, [])]) == []


def test_the_cli_keeps_a_search_to_an_inspection(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from indexer.cli import main
    from indexer.pipeline import index_corpus

    index_corpus(SEED_DOCUMENTS, tmp_path / "index")
    args = ["search", "caseloads", "--index", str(tmp_path / "index"), "--limit", "100", "--json"]
    runner = CliRunner()
    everything = json.loads(runner.invoke(main, args).output)
    within = json.loads(runner.invoke(main, [*args, "--inspection", "derbyshire-2016-09"]).output)
    documents = {hit["document_id"] for hit in within["hits"]}
    assert documents and documents <= {
        "002_88a13416ebd90fb1.txt",
        "004_e5c2bc1fff8f5255.txt",
        "005_derbyshire_quality_and_impact_2016.pdf",
    }
    assert within["total"] < everything["total"]
    refused = runner.invoke(main, [*args, "--inspection", "atlantis-1999-01"])
    assert refused.exit_code == 2 and "staffordshire-2017-01" in refused.output


def counting_corpus() -> InspectionIndex:
    """Durham and Kent inspected in the same weeks; post `m` is about both areas."""
    return InspectionIndex(
        link_inspections(
            [
                doc("a", "2018-03-01", SourceType.PRESS_RELEASE, ["Durham"]),
                doc("b", "2018-03-10", SourceType.BLOG_POST, ["Durham"]),
                doc("k", "2018-03-05", SourceType.PRESS_RELEASE, ["Kent"]),
                doc("m", "2018-03-20", SourceType.BLOG_POST, ["Durham", "Kent"]),
            ]
        )
    )


def test_hits_are_counted_per_inspection_from_the_counts_per_document() -> None:
    index = counting_corpus()
    assert sorted(i.id for i in index.inspections) == ["durham-2018-03", "kent-2018-03"]
    ids = ["a", "b", "k", "m", "elsewhere"]
    counts = DocumentCounts(ids, [2, 0, 1, 3, 5])
    named = [(i.id, n) for i, n in index.counted(counts, "", 30)]
    assert named == [("durham-2018-03", 5), ("kent-2018-03", 4)]  # m counts in both
    chosen = [(i.id, n) for i, n in index.counted(counts, "kent-2018-03", 30)]
    assert chosen == [("kent-2018-03", 4), ("durham-2018-03", 5)]  # the chosen one first
    assert [i.id for i, _ in index.counted(counts, "", 1)] == ["durham-2018-03"]
    # The same ids with other counts (a later search on the same index version).
    tied = [(i.id, n) for i, n in index.counted(DocumentCounts(ids, [0, 0, 2, 0, 0]), "", 30)]
    assert tied == [("kent-2018-03", 2)]
    even = DocumentCounts(ids, [1, 0, 1, 0, 0])
    assert [i.label for i, _ in index.counted(even, "", 30)] == [
        "Durham, March 2018",
        "Kent, March 2018",
    ]
    # Other ids, in another order (another engine's answer), are laid out afresh.
    other = DocumentCounts(["m", "zz", "b"], [1, 9, 4])
    assert [(i.id, n) for i, n in index.counted(other, "", 30)] == [
        ("durham-2018-03", 5),
        ("kent-2018-03", 1),
    ]


def test_a_chosen_inspection_is_listed_even_without_hits() -> None:
    index = counting_corpus()
    nothing = DocumentCounts(["a", "elsewhere"], [0, 7])
    assert index.counted(nothing, "", 30) == []
    assert [(i.id, n) for i, n in index.counted(nothing, "kent-2018-03", 30)] == [
        ("kent-2018-03", 0)
    ]
    assert index.counted(nothing, "no-such-inspection", 30) == []


def test_counts_per_document_read_as_a_mapping_of_the_documents_with_any() -> None:
    counts = DocumentCounts(["a", "b", "c"], [2, 0, 1])
    assert dict(counts) == {"a": 2, "c": 1} and len(counts) == 2 and "b" not in counts
    assert counts == {"a": 2, "c": 1} and DocumentCounts.of({"a": 2, "c": 1}) == counts
    with pytest.raises(ValueError, match="3 document ids but 2 counts"):
        DocumentCounts(["a", "b", "c"], [1, 2])
