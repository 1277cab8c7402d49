"""The gazetteer: aliases to canonical names, word boundaries, case rules, user extensions."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities import GazetteerError, default_gazetteer, load_gazetteer

GAZ = default_gazetteer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Community Rehabilitation Company (CRC) and other CRCs", ["CRC"]),
        ("community rehabilitation companies (CRCs)", ["CRC"]),
        ("the National Probation Service and the NPS", ["NPS"]),
        ("Her Majesty’s Inspectorate of Probation, HMIP, HMI Probation", ["HMI Probation"]),
        ("Her Majesty's Inspectorate of Probation", ["HMI Probation"]),
        ("the latest report from the Probation Inspectorate", ["HMI Probation"]),
        ("the Howard League for Penal Reform", ["Howard League for Penal Reform"]),
        ("the MoJ, the MOJ and the Ministry of Justice", ["Ministry of Justice"]),
        (
            "Ingeus, St Giles’ Trust and Change, Grow, Live (CGL)",
            ["Change Grow Live", "Ingeus", "St Giles Trust"],
        ),
        ("Napo's AGM", ["Napo"]),
        ("an RRP-run CRC", ["CRC", "RRP"]),
    ],
)
def test_organisations(text: str, expected: list[str]) -> None:
    assert GAZ.organisations(text) == expected


@pytest.mark.parametrize(
    "text",
    ["nps and crc in lower case", "the NPSA and CRCX", "napoleon", "the bbc"],
)
def test_acronyms_match_exact_case_and_whole_words(text: str) -> None:
    assert GAZ.organisations(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Derby city and the county of Derbyshire", ["Derbyshire"]),
        ("Staffordshire and Stoke", ["Staffordshire"]),
        ("North Londoners and the north of London", ["London"]),
        ("East Midlands; the Staffordshire and West Midlands CRC", ["Midlands", "Staffordshire"]),
        ("probation in England and Wales", []),
        ("the AGM in Cardiff", ["Wales"]),
        ("a local derby", []),
    ],
)
def test_regions(text: str, expected: list[str]) -> None:
    assert GAZ.regions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dame Glenys Stacey said; Dame Glenys added; Glenys Stacey", ["Glenys Stacey"]),
        ("the Minister Sam Gymiah and Sam Gyimah", ["Sam Gyimah"]),
        ("Vitnary Grayling has gelded Jim", ["Chris Grayling"]),
    ],
)
def test_people(text: str, expected: list[str]) -> None:
    assert GAZ.people(text) == expected


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Dame Glenys", "Glenys Stacey"),
        ("dame glenys stacey", "Glenys Stacey"),
        ("Napo General Secretary Ian Lawrence", "Ian Lawrence"),
        ("Sam Gymiah", "Sam Gyimah"),
        ("Jo Bloggs", None),
        ("NPS", None),
    ],
)
def test_canonical_person(name: str, canonical: str | None) -> None:
    assert GAZ.canonical_person(name) == canonical


def test_mentions_have_spans_and_prefer_the_longest_alias() -> None:
    text = "Dame Glenys Stacey of HMI Probation"
    mentions = GAZ.mentions(text)
    assert [(m.name, text[m.start : m.end]) for m in mentions] == [
        ("Glenys Stacey", "Dame Glenys Stacey"),
        ("HMI Probation", "HMI Probation"),
    ]


def test_user_extension_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        'ignore = ["Jim Crow"]\n'
        '[[person]]\nname = "Jim Brown"\naliases = ["Jim Brown", "Jim"]\n'
        '[[organisation]]\nname = "NPS"\naliases = ["the Service"]\n'
        '[[region]]\nname = "Yorkshire"\naliases = ["Yorkshire", "Leeds"]\n',
        encoding="utf-8",
    )
    gaz = load_gazetteer([extra])
    assert gaz.people("Vitnary Grayling has gelded Jim!") == ["Chris Grayling", "Jim Brown"]
    assert gaz.organisations("the Service and the NPS") == ["NPS"]
    assert gaz.regions("a court in Leeds") == ["Yorkshire"]
    assert GAZ.regions("a court in Leeds") == []
    assert gaz.people("the Jim Crow laws") == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [("[[person]]\naliases = ['x']\n", "needs a name"), ("not = [toml", "not valid TOML")],
)
def test_bad_extension_files_raise(tmp_path: Path, content: str, reason: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=reason):
        load_gazetteer([bad])


def test_missing_extension_file_raises(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot read"):
        load_gazetteer([tmp_path / "missing.toml"])
