"""The analyzer chain: spelling variants, accents, stems; the data files a user can extend.

The chain is the project's own (`indexer.analysis`); these tests also hold it to the terms
the embedded index was built with before, token for token, by comparing it with a chain
of Whoosh's own filters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from indexer.analysis import (
    Analyzer,
    fingerprint,
    fold_variant,
    is_spelling_variant,
    load_synonyms,
    load_variants,
    make_analyzer,
    name_terms,
)
from indexer.whoosh.analysis import TextAnalyzer


def terms(text: str, variants: dict[str, str] | None = None) -> list[str]:
    analyzer = make_analyzer() if variants is None else Analyzer(variants, make_analyzer().stops)
    return analyzer.terms(text)


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


SAMPLES = (
    "The CRC’s caseloads were HIGH; officers held 80+ cases and the NPS organized nothing.",
    "ﬁndings of the ＮＰＳ: café behaviour, behavior, behaviours, prioritization, analyzing",
    "a I an of to be 2017 x_y 3.141 under_score organise re-offending Stoke-on-Trent risk*",
    "",
    "   ",
    "Ünïcödé ÀÉÎÕÜ ﬀ ﬃ résumé naïve coöperate Łódź",
)
WHOOSH_OPTIONS = (
    {},
    {"positions": True},
    {"positions": True, "chars": True, "mode": "index"},
    {"no_morph": True},
    {"positions": True, "chars": True, "start_pos": 5, "start_char": 11},
    {"removestops": False, "positions": True, "chars": True, "mode": "query"},
)


class _Compatibility(Filter):
    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:  # type: ignore[override]
        for token in tokens:
            token.text = unicodedata.normalize("NFKC", token.text)
            yield token


class _Variants(Filter):
    is_morph = True

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:  # type: ignore[override]
        variants = load_variants()
        for token in tokens:
            token.text = fold_variant(token.text, variants)
            yield token


def whoosh_chain() -> Any:
    """The chain the embedded index was first built with, from Whoosh's own filters."""
    return (
        RegexTokenizer()
        | _Compatibility()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | _Variants()
        | StopFilter()
        | StemFilter()
    )


def _tokens(analyzer: Any, text: str, options: dict[str, Any]) -> list[tuple[Any, ...]]:
    names = ("text", "pos", "startchar", "endchar", "boost")
    if not options.get("removestops", True):
        names += ("stopped",)
    return [tuple(getattr(t, name, None) for name in names) for t in analyzer(text, **options)]


@pytest.mark.parametrize("options", WHOOSH_OPTIONS)
def test_the_index_gets_the_terms_whoosh_s_own_filters_give(
    options: dict[str, Any], seed_texts: list[str]
) -> None:
    ours, reference = TextAnalyzer(), whoosh_chain()
    for text in (*SAMPLES, *seed_texts):
        assert _tokens(ours, text, options) == _tokens(reference, text, options), text[:60]


def test_letters_whoosh_folded_oddly_fold_as_readers_expect() -> None:
    # Whoosh's accent map made ß a single s and left æ alone; readers write ss and ae.
    assert terms("Straße Ærø") == terms("strasse aero")


def test_author_names_are_lower_cased_words_without_stems() -> None:
    assert name_terms("The Honest PO's Probation Officers") == [
        "honest",
        "po",
        "probation",
        "officers",
    ]


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    """Every element text of the bundled corpus, split into paragraphs."""
    from tests.conftest import SEED_DOCUMENTS

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEED_DOCUMENTS.glob("*.txt"))]
    return [part for text in texts for part in text.split("\n\n") if part.strip()]
