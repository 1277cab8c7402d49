"""Quote rules on short synthetic texts: patterns, scare quotes, pronouns and roles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.entities import default_gazetteer
from indexer.model import Document, Element, ElementKind, SourceFormat, SourceText
from indexer.parse import parse_source
from indexer.parse.quotes import find_speech, intro_speech, is_bare_intro, role_from

Parse = Callable[[str], Document]
GAZ = default_gazetteer()


def _quotes(doc: Document) -> list[tuple[str | None, str]]:
    return [(e.speaker, e.text) for e in doc.elements if e.kind is ElementKind.QUOTE]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Napo General Secretary Ian Lawrence said: “We are not surprised.”", "Ian Lawrence"),
        ("“We welcome this inspection report,” said Dame Glenys.", "Glenys Stacey"),
        (
            'A government spokesman said "public protection will always be our priority."',
            "a government spokesman",
        ),
        ("A practitioner told us: “high caseloads have led to less time”.", "a practitioner"),
        ("Jo Bloggs said: “We will appeal the decision.”", "Jo Bloggs"),
    ],
)
def test_direct_quote_patterns(text: str, speaker: str) -> None:
    speech = find_speech(text, "", GAZ)
    assert speech is not None
    assert speech.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        'Dame Glenys Stacey said the standard was now "significantly lower" than before.',
        'A spokesperson said it would "monitor performance closely".',
        "It will be interesting to see whether the “promising signs” have evolved.",
        "Dame Glenys said the service had slipped, and that leaders must act.",
    ],
)
def test_scare_quotes_and_reported_speech_are_not_quotes(text: str) -> None:
    assert find_speech(text, "", GAZ) is None


def test_pronoun_resolves_to_last_named_person_across_paragraphs(parse_text: Parse) -> None:
    doc = parse_text(
        "Title\n\nCatherine Holland, chief executive of RRP, said the team was working hard.\n\n"
        "“We welcome this inspection report and will use its findings,” she said.\n"
    )
    quote = "“We welcome this inspection report and will use its findings,” she said."
    assert _quotes(doc) == [("Catherine Holland", quote)]


def test_said_colon_then_unquoted_paragraph_is_one_quote(parse_text: Parse) -> None:
    doc = parse_text("Title\n\nDame Glenys Stacey said:\n\nStandards have slipped.\n")
    assert _quotes(doc) == [("Glenys Stacey", "Dame Glenys Stacey said:\nStandards have slipped.")]


@pytest.mark.parametrize("typo", ["word", "work"])
def test_last_word_introduces_a_quote(parse_text: Parse, typo: str) -> None:
    doc = parse_text(
        f"Title\n\nAs usual, I leave the last {typo} to Chief Inspector Dame Glenys Stacey:\n\n"
        "The CRC is making progress.\n"
    )
    assert doc.elements[0].kind is ElementKind.SECTION
    assert _quotes(doc) == [("Glenys Stacey", "The CRC is making progress.")]


def test_pronoun_without_a_named_person_takes_the_role_in_context() -> None:
    context = (
        "There was an element for many service users of having to start again. "
        "One was very critical of the number of responsible officers he had had."
    )
    assert role_from(context) == "a service user"
    speech = intro_speech(f"{context} He said:", "", GAZ)
    assert speech is not None and speech.speaker == "a service user"


def test_bare_intro() -> None:
    assert is_bare_intro("Dame Glenys Stacey said:")
    assert not is_bare_intro("Staff were stretched. A practitioner told us that caseloads rose.")


def test_unresolvable_pronoun_quote_has_no_speaker() -> None:
    speech = find_speech("“It was all fine,” she said.", "", GAZ)
    assert speech is not None and speech.speaker is None


# --- issue 16: attribution in the next paragraph, the report's words, unnamed speakers ----

TEXT = Path(__file__).resolve().parents[1] / "data" / "text"


def _fixture(name: str) -> Document:
    text = (TEXT / name).read_text("utf-8")
    return parse_source(SourceText(name, f"tests/data/text/{name}", text, SourceFormat.TEXT))


def _element(doc: Document, starts: str) -> Element:
    return next(e for e in doc.elements if e.text.lstrip('“"').startswith(starts))


def test_a_quote_attributed_by_the_next_paragraph_is_that_speakers() -> None:
    doc = _fixture("news_durham_inspection.txt")
    quote = _element(doc, "There is a lot here to be proud of")
    assert (quote.kind, quote.speaker) == (ElementKind.QUOTE, "Glenys Stacey")
    # The attribution goes on in reported speech: a section of its own, not part of the quote.
    reported = _element(doc, "Dame Glenys Stacey said the report showed")
    assert (reported.kind, reported.speaker) == (ElementKind.SECTION, None)


def test_a_short_attribution_tag_joins_its_quote() -> None:
    doc = _fixture("charity_blog_hostel.txt")
    quote = _element(doc, "We have asked for this for years")
    assert (quote.kind, quote.speaker) == (ElementKind.QUOTE, "Catherine Holland")
    assert quote.text.endswith("said Catherine Holland.")
    assert not any(e.text == "said Catherine Holland." for e in doc.elements)


def test_a_lone_quote_that_no_one_claims_is_not_a_quote(parse_text: Parse) -> None:
    doc = parse_text(
        "Title\n\n“We were told the new system would save time,”\n\nIt did not, in the end."
    )
    assert [e.kind for e in doc.elements] == [ElementKind.SECTION, ElementKind.SECTION]


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("news_durham_inspection.txt", "The report says:"),
        ("charity_blog_hostel.txt", "Inspectors found:"),
    ],
)
def test_text_the_report_or_inspectors_are_said_to_give_is_the_inspectorates(
    name: str, starts: str
) -> None:
    quote = _element(_fixture(name), starts)
    assert (quote.kind, quote.speaker, quote.quoted_from) == (
        ElementKind.QUOTE,
        "HMI Probation",
        "HMI Probation",
    )


def test_inspectors_found_before_bullets_makes_findings(parse_text: Parse) -> None:
    doc = parse_text(
        "Title\n\nOn the CRC, inspectors found:\n\n"
        "• Risk assessments were late in a third of cases.\n• Home visits were rare.\n"
    )
    findings = [e for e in doc.elements if e.kind is ElementKind.FINDING]
    assert [f.group for f in findings] == ["CRC", "CRC"]


@pytest.mark.parametrize(
    ("name", "starts", "speaker"),
    [
        (
            "news_durham_inspection.txt",
            "A manager at a Durham charity",
            "a manager at a Durham charity",
        ),
        ("charity_blog_hostel.txt", "A volunteer who has worked", "a volunteer"),
    ],
)
def test_an_unnamed_speaker_is_described(name: str, starts: str, speaker: str) -> None:
    quote = _element(_fixture(name), starts)
    assert (quote.kind, quote.speaker) == (ElementKind.QUOTE, speaker)


def test_reported_speech_stays_apart_from_quotes() -> None:
    doc = _fixture("charity_blog_hostel.txt")
    for starts in ("The hostel's manager said the report", "Not everything was good"):
        element = _element(doc, starts)
        assert (element.kind, element.speaker) == (ElementKind.SECTION, None)
    news = _fixture("news_posted_by.txt")
    assert all(e.kind is ElementKind.SECTION for e in news.elements)  # "A spokesman … said it had"
