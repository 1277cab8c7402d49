"""The regions a document is filed under are the areas it is about, not every area it names."""

from __future__ import annotations

from pathlib import Path

from indexer.entities import default_gazetteer
from indexer.model import SourceFormat, SourceText
from indexer.parse import parse_source
from indexer.parse.subjects import subject_regions
from tests.parse.conftest import seed_document

TEXT_FIXTURES = Path(__file__).resolve().parents[1] / "data" / "text"
GAZ = default_gazetteer()


def fixture(name: str) -> SourceText:
    path = TEXT_FIXTURES / name
    return SourceText(
        path.name, f"tests/data/text/{path.name}", path.read_text("utf-8"), SourceFormat.TEXT
    )


def test_a_news_story_is_filed_under_its_area_not_the_one_it_compares_with() -> None:
    doc = parse_source(fixture("news_durham_inspection.txt"))
    assert doc.regions == ["Durham"]
    # London is still in the text, searchable as a word; "England and Wales" names no area.
    assert any("inspection of London" in e.text for e in doc.elements)


def test_a_passing_reference_to_an_earlier_inspection_is_not_a_subject() -> None:
    body = [
        "This is our second inspection of adult probation work in Staffordshire and Stoke.",
        "It is reassuring to see the progress made since our inspection in Derbyshire a few "
        "months ago; see also the first inspection of Durham, published in 2016.",
        "Caseloads in Staffordshire remain high, with some officers holding 80 cases.",
    ]
    assert subject_regions("Probation in the county", body, [], GAZ) == ["Staffordshire"]


def test_two_areas_reported_on_alike_are_both_subjects() -> None:
    title = "Probation services in Derbyshire and Leicestershire: two inspections"
    body = [
        "Inspectors visited both Derbyshire and Leicestershire in the autumn.",
        "In Leicestershire, unpaid work was well organised.",
        "In Derbyshire, risk assessments were often late.",
    ]
    assert subject_regions(title, body, [], GAZ) == ["Derbyshire", "Leicestershire"]


def test_one_mention_deep_in_the_body_is_not_a_subject() -> None:
    body = ["Caseloads are too high."] * 3 + ["A similar picture was found in London."]
    assert subject_regions("Caseloads after the reforms", body, [], GAZ) == []


def test_a_region_named_in_the_lede_is_a_subject_without_the_title() -> None:
    body = ["Probation staff in Nottingham say their caseloads have doubled.", "More below."]
    assert subject_regions("Staff speak out", body, [], GAZ) == ["Nottinghamshire"]


def test_readers_comments_do_not_file_a_post_under_their_areas() -> None:
    body = ["The Chief Inspector has published her report on Derbyshire."]
    comments = ["Same story here in London.", "And in Staffordshire, for what it is worth."]
    assert subject_regions("Another inspection", body, comments, GAZ) == ["Derbyshire"]
    # A post that names no area takes one from a thread that keeps naming it.
    thread = ["Which area is this?", "Derbyshire, the Derby office.", "Derbyshire again."]
    assert subject_regions("Unpaid work", ["Groups of twelve."], thread, GAZ) == ["Derbyshire"]


def test_the_seed_posts_are_filed_under_their_own_county() -> None:
    # 003 is about London and mentions Durham and Derbyshire once; 001 about Staffordshire.
    assert seed_document("003").regions == ["London"]
    assert seed_document("001").regions == ["Staffordshire"]
    assert seed_document("004").regions == ["Derbyshire"]
