"""The analyzer chain: spelling variants, accents, stems; the data files a user can extend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh.analysis.analyzers import CompositeAnalyzer
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


FUSED_SAMPLES = (
    "The CRC’s caseloads were HIGH; officers held 80+ cases and the NPS organized nothing.",
    "ﬁndings of the ＮＰＳ: café behaviour, behavior, behaviours, prioritization, analyzing",
    "a I an of to be 2017 x_y 3.141 under_score organise re-offending Stoke-on-Trent",
    "",
    "   ",
    "Ünïcödé ÀÉÎÕÜ ßtraße ﬀ ﬃ résumé naïve coöperate",
)
FUSED_OPTIONS = (
    {},
    {"positions": True},
    {"positions": True, "chars": True, "mode": "index"},
    {"chars": True},
    {"removestops": False, "positions": True, "chars": True, "mode": "query"},
    {"no_morph": True},
    {"no_morph": True, "removestops": False, "positions": True},
    {"positions": True, "chars": True, "start_pos": 5, "start_char": 11},
)


def _tokens(analyzer: Any, text: str, options: dict[str, Any]) -> list[tuple[Any, ...]]:
    names = ("text", "pos", "startchar", "endchar", "stopped", "boost", "mode", "removestops")
    return [tuple(getattr(t, name, None) for name in names) for t in analyzer(text, **options)]


@pytest.mark.parametrize("options", FUSED_OPTIONS)
def test_the_fused_analyzer_yields_the_generic_chains_tokens(
    options: dict[str, Any], seed_texts: list[str]
) -> None:
    fused = text_analyzer()
    generic = CompositeAnalyzer(*fused.items)
    for text in (*FUSED_SAMPLES, *seed_texts):
        assert _tokens(fused, text, options) == _tokens(generic, text, options), text[:60]


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    """Every element text of the bundled corpus, split into paragraphs."""
    from tests.conftest import SEED_DOCUMENTS

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEED_DOCUMENTS.glob("*.txt"))]
    return [part for text in texts for part in text.split("\n\n") if part.strip()]
