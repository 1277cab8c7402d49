"""Quote rules on short synthetic texts: patterns, scare quotes, pronouns and roles."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from indexer.entities import default_gazetteer
from indexer.model import Document, ElementKind
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
