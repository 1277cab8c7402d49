"""Inspections linked from document metadata: the bundled corpus and made-up documents."""

from __future__ import annotations

from pathlib import Path

from indexer.entities import load_gazetteer
from indexer.inspections import link_inspections
from indexer.model import Document, ReportInfo, SourceFormat, SourceType
from indexer.pipeline import load_documents
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
