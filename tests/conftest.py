"""Shared fixtures: small realistic documents, a real on-disk index of them, the seed corpus."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from indexer.model import Document, Element, ElementKind, SourceFormat, SourceType, element_id
from indexer.whoosh.store import build_index

REPO = Path(__file__).resolve().parent.parent
SEED_DOCUMENTS = REPO / "documents"


def make_document(
    doc_id: str,
    title: str,
    date: str | None,
    elements: list[tuple[ElementKind, str, dict[str, Any]]],
    **meta: object,
) -> Document:
    """Build a document whose elements are (kind, text, extra fields) in reading order."""
    document = Document(
        id=doc_id,
        source_path=f"/corpus/{doc_id}",
        format=SourceFormat.TEXT,
        title=title,
        date=date,
        **meta,  # type: ignore[arg-type]
    )
    for position, (kind, text, extra) in enumerate(elements):
        document.elements.append(
            Element(
                id=element_id(doc_id, position), kind=kind, position=position, text=text, **extra
            )
        )
    return document


@pytest.fixture(scope="session")
def small_corpus() -> list[Document]:
    """Three documents shaped like the real corpus: an analysis post, a press release, a blog."""
    analysis = make_document(
        "analysis.txt",
        "Probation work sub-standard in Staffordshire",
        "2017-01-12",
        [
            (ElementKind.SECTION, "Inspectors report on Staffordshire and Stoke.", {}),
            (
                ElementKind.FINDING,
                "Individual caseloads were high, some officers holding 80 cases.",
                {"group": "CRC", "heading": "Findings — CRC", "organisations": ["CRC"]},
            ),
            (
                ElementKind.FINDING,
                "Management oversight was limited in the CRC.",
                {"group": "CRC", "heading": "Findings — CRC", "organisations": ["CRC"]},
            ),
            (
                ElementKind.FINDING,
                "Enforcement action was appropriate in most NPS cases.",
                {"group": "NPS", "heading": "Findings — NPS", "organisations": ["NPS"]},
            ),
            (
                ElementKind.QUOTE,
                "Probation officers were encumbered with high caseloads.",
                {"speaker": "Glenys Stacey"},
            ),
        ],
        site="Russell Webster",
        source_type=SourceType.BLOG_POST,
        organisations=["CRC", "NPS", "RRP"],
        regions=["Staffordshire", "Stoke"],
        people=["Glenys Stacey"],
    )
    release = make_document(
        "release.txt",
        "Probation services in Derbyshire - A mixed picture",
        "2016-09-21",
        [
            (
                ElementKind.SECTION,
                "The NPS in Derbyshire was working well to protect the public.",
                {},
            ),
            (
                ElementKind.QUOTE,
                "Implementation has been troublesome and slow, and meanwhile "
                "standards have slipped.",
                {"speaker": "Glenys Stacey"},
            ),
            (
                ElementKind.SECTION,
                "For further information contact the press office.",
                {"heading": "Notes to editors"},
            ),
        ],
        site="HM Inspectorate of Probation",
        source_type=SourceType.PRESS_RELEASE,
        organisations=["CRC", "NPS"],
        regions=["Derbyshire"],
        people=["Glenys Stacey"],
    )
    blog = make_document(
        "blog.txt",
        "Inspector Finds Problems with RRP",
        "2017-01-13",
        [
            (ElementKind.SECTION, "Here we have the latest inspection report.", {}),
            (
                ElementKind.COMMENT,
                "We have caseloads of now 90+ and they made POs redundant.",
                {"comment_path": "1"},
            ),
            (ElementKind.COMMENT, "What happened to all the comments?", {"comment_path": "2"}),
            (
                ElementKind.COMMENT,
                "An error on my part when deleting spam.",
                {"comment_path": "2.1", "author": "Jim Brown"},
            ),
            (
                ElementKind.COMMENT,
                "Reduce middle management. <script>alert(1)</script>",
                {"comment_path": "3", "author": "The honest PO"},
            ),
        ],
        site="On Probation",
        source_type=SourceType.BLOG_POST,
        organisations=["CRC", "NPS", "RRP"],
        regions=["Staffordshire"],
        people=[],
    )
    return [analysis, release, blog]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the bundled corpus that a test may change."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEED_DOCUMENTS, folder)
    return folder


@pytest.fixture(scope="session")
def small_index(tmp_path_factory: pytest.TempPathFactory, small_corpus: list[Document]) -> Path:
    """A real Whoosh index on disk built from `small_corpus`."""
    location = tmp_path_factory.mktemp("small-index")
    build_index(small_corpus, location)
    return location
