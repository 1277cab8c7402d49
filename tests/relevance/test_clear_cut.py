"""Clear-cut queries on the bundled corpus find their obvious answer first."""

from __future__ import annotations

import pytest

from indexer.results import SearchRequest
from indexer.whoosh.search import WhooshSearch
from tests.marks import marked_words

S000 = "000_3317e4b1ec0bb89e.txt"
S001 = "001_55a1e3615517bc02.txt"
S002 = "002_88a13416ebd90fb1.txt"


def top(service: WhooshSearch, query: str, **options: object) -> list[str]:
    results = service.search(SearchRequest(query=query, **options))  # type: ignore[arg-type]
    return [hit.id for hit in results.hits]


def test_redundancies_finds_the_comment_about_pos_made_redundant(seeds: WhooshSearch) -> None:
    assert top(seeds, "redundancies")[0] == f"{S000}:23"


def test_public_accounts_committee_finds_its_verdict(seeds: WhooshSearch) -> None:
    results = seeds.search(SearchRequest(query="Public Accounts Committee"))
    assert results.hits[0].id == f"{S002}:37"
    assert "far from complete" in results.hits[0].text


def test_national_probation_service_enforcement_finds_nps_enforcement_findings(
    seeds: WhooshSearch,
) -> None:
    results = seeds.search(SearchRequest(query="National Probation Service enforcement"))
    first = results.hits[:3]
    # Findings, or the inspection report's own passage on enforcement (a section of the PDF).
    assert results.hits[0].kind == "finding"
    assert all(hit.kind == "finding" or hit.source_type == "inspection_report" for hit in first)
    assert all("enforce" in hit.text.lower() for hit in first)
    # About the NPS: its findings (under the heading "Findings — NPS") or naming it.
    assert all(hit.group == "NPS" or "NPS" in hit.text for hit in first)
    # The text says "NPS", never the long name: the synonym did the work ...
    assert "National Probation Service" not in results.hits[0].text
    # ... and only the words that matched are marked.
    assert "NPS" in marked_words(results.hits[0].snippet)


def test_american_spelling_finds_the_british_one(seeds: WhooshSearch) -> None:
    results = seeds.search(SearchRequest(query="behavior"))
    assert results.total >= 2
    assert all("behaviour" in marked_words(hit.snippet) for hit in results.hits)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("casloads", "caseloads"), ("glenis stacy", "glenys stacey"), ("oversigth", "oversight")],
)
def test_misspellings_get_a_suggestion(seeds: WhooshSearch, typed: str, meant: str) -> None:
    assert seeds.search(SearchRequest(query=typed)).suggestion == meant


def test_correct_and_variant_spellings_get_no_suggestion(seeds: WhooshSearch) -> None:
    for query in ("caseloads", "behavior", "Glenys Stacey", "NPS"):
        assert seeds.search(SearchRequest(query=query)).suggestion is None, query


def test_a_finding_reproduced_verbatim_is_shown_once_with_both_sources(
    seeds: WhooshSearch,
) -> None:
    results = seeds.search(SearchRequest(query='"abided by the conditions"', page_size=20))
    crc = [hit for hit in results.hits if hit.text.startswith("Most CRC service users")]
    assert len(crc) == 1
    copies = {crc[0].id, *(source.id for source in crc[0].also_in)}
    assert copies == {f"{S000}:19", f"{S001}:15"}
    assert results.total == len(results.hits)


def test_collapse_gives_one_hit_per_document_with_a_count_of_the_rest(
    seeds: WhooshSearch,
) -> None:
    flat = seeds.search(SearchRequest(query="enforcement", page_size=50))
    collapsed = seeds.search(SearchRequest(query="enforcement", collapse=True, page_size=50))
    documents = [hit.document_id for hit in collapsed.hits]
    assert len(documents) == len(set(documents)) == collapsed.total
    per_document = {d: sum(h.document_id == d for h in flat.hits) for d in documents}
    # `flat` lists copies once, so a document holding a copy may count one more in `collapsed`.
    for hit in collapsed.hits:
        assert hit.more_in_document + 1 >= per_document[hit.document_id]


def test_more_like_this_finds_related_findings_but_not_the_element_or_its_copies(
    seeds: WhooshSearch,
) -> None:
    similar = seeds.similar(f"{S001}:25", limit=5)
    assert similar is not None and similar
    ids = [hit.id for hit in similar]
    assert f"{S001}:25" not in ids
    assert f"{S001}:15" not in ids or f"{S000}:19" not in ids  # copies shown once
    assert "abided by the conditions" in similar[0].text
    assert seeds.similar("nope.txt:1") is None


def test_american_spellings_do_not_count_as_unknown_words(seeds: WhooshSearch) -> None:
    # The seeds write "behaviour", "prioritised", "recognised", "summarised": the American
    # spellings are folded, not typos, so the one real typo beside them is still corrected
    # (four unknown words would get no suggestion at all).
    query = "behavior prioritized recognized summarized casloads"
    assert seeds.search(SearchRequest(query=query)).suggestion == (
        "behavior prioritized recognized summarized caseloads"
    )


def test_more_like_this_uses_distinctive_words_not_function_words_or_press_office_lines(
    seeds: WhooshSearch,
) -> None:
    from indexer.analysis import default_analyzer
    from indexer.fields import TEXT
    from indexer.keyterms import content_terms

    searcher = seeds._current_searcher()
    release_notes = (
        "For further information please contact the press office. The report is available at "
        "www.justiceinspectorates.gov.uk/hmiprobation. Dame Glenys said caseloads were too high "
        "and that they would be monitored."
    )
    reader = searcher.reader()
    count = searcher.doc_count()
    found = content_terms(release_notes, lambda t: reader.doc_frequency(TEXT, t), count)
    terms = [term for term, _weight in found]
    assert "caseload" in terms[:3], terms
    analyzer = default_analyzer()
    boilerplate = set(analyzer.terms(release_notes.split(". The report")[0] + " " + "www"))
    boilerplate |= set(analyzer.terms("www.justiceinspectorates.gov.uk/hmiprobation"))
    function = set(analyzer.terms("said would they that were"))
    assert boilerplate and function
    assert not set(terms) & (boilerplate | function), terms


def test_more_like_this_finds_the_caseload_statements_for_a_caseload_finding(
    seeds: WhooshSearch,
) -> None:
    similar = seeds.similar("003_8893c796f86cfea1.txt:9", limit=5) or []
    assert similar
    assert "caseload" in similar[0].text.lower()
    assert sum("caseload" in hit.text.lower() for hit in similar) >= 3
