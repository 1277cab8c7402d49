"""The analyzer chain: spelling variants, accents, stems; the data files a user can extend."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.lang.porter import stem

from indexer.analysis import (
    fingerprint,
    is_spelling_variant,
    load_synonyms,
    load_variants,
    text_analyzer,
)


def terms(text: str, **options: object) -> list[str]:
    return [token.text for token in text_analyzer(**options)(text)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("american", "british"),
    [
        ("behavior", "behaviour"),
        ("behavioral", "behavioural"),
        ("organization", "organisation"),
        ("organized", "organised"),
        ("offense", "offence"),
        ("offenses", "offences"),
        ("programs", "programmes"),
        ("analyzing", "analysing"),
        ("prioritize", "prioritise"),
        ("judgment", "judgement"),
        ("counseling", "counselling"),
        ("center", "centre"),
    ],
)
def test_american_and_british_spellings_index_alike(american: str, british: str) -> None:
    assert terms(american) == terms(british) != []


@pytest.mark.parametrize("word", ["size", "prize", "seize", "literally", "citizen", "practical"])
def test_words_that_only_look_like_variants_are_just_stemmed(word: str) -> None:
    assert not is_spelling_variant(word)
    assert terms(word) == [stem(word)]


def test_accents_case_ligatures_and_stems_fold() -> None:
    assert terms("Café naïve Caseloads") == terms("cafe NAIVE caseload")
    assert terms("ﬁndings ＮＰＳ") == terms("findings NPS")


def test_acronym_plurals_and_possessives_meet() -> None:
    assert terms("PO") == terms("POs") == terms("PO's") == ["po"]


def test_a_user_variants_file_extends_the_folding(tmp_path: Path) -> None:
    extra = tmp_path / "variants.txt"
    extra.write_text("# mine\nsulfur sulphur\n", encoding="utf-8")
    variants = load_variants(extra)
    assert variants["sulfur"] == "sulphur" and variants["sulfurs"] == "sulphurs"
    assert terms("sulfur", variants=variants) == terms("sulphur", variants=variants)


def test_synonym_groups_come_from_the_data_file(tmp_path: Path) -> None:
    groups = load_synonyms()
    assert ("NPS", "National Probation Service") in groups
    assert any("SFO" in group and "serious further offence" in group for group in groups)
    extra = tmp_path / "synonyms.txt"
    extra.write_text("# mine\nEM | electronic monitoring | tagging\nlonely\n", encoding="utf-8")
    assert load_synonyms(extra) == (("EM", "electronic monitoring", "tagging"),)


def test_fingerprint_ignores_case_spacing_and_punctuation_but_not_words() -> None:
    text = "Most CRC service users had abided by the conditions of their sentence."
    assert fingerprint(text) == fingerprint(
        "most  CRC service users had abided by the conditions of their sentence"
    )
    assert fingerprint(text) != fingerprint(text.replace("Most", "Few"))
    assert fingerprint("Very annoying indeed...") is None
