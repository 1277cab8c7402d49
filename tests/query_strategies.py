"""Hypothesis strategies for hostile and odd search-box input, shared by every query fuzz test.

The HTTP half (the web app's search endpoint) reuses `queries` so both halves see the same input.
"""

from __future__ import annotations

from hypothesis import strategies as st

from indexer.query.syntax import FIELD_ALIASES

WORDS = ["caseloads", "NPS", "CRC", "probation", "stacey", "enforcement", "water", "a", "the"]
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO", "&&", "||", "!"]
SYNTAX = ['"', "(", ")", "[", "]", "{", "}", "*", "?", "~", "^", ":", "-", "+", "..", "'", "\\"]
FIELDS = [*FIELD_ALIASES, "date_day", "element_id", "spell_text", "colour", "*"]
VALUES = ["finding", "crc", "2016", "2016-09..2017-01", "..", "press_release", "9999", "*"]

word = st.sampled_from(WORDS) | st.text(min_size=1, max_size=12)
fielded = st.builds(
    lambda f, v: f"{f}:{v}", st.sampled_from(FIELDS), st.sampled_from(VALUES) | word
)
decorated = st.builds(
    lambda w, s, n: f"{w}{s}{n}",
    word,
    st.sampled_from(["*", "~", "^", "?", "~9", "^1e9"]),
    st.sampled_from(["", "2", "0.5", "-1"]),
)
piece = word | st.sampled_from(OPERATORS) | st.sampled_from(SYNTAX) | fielded | decorated
queries = st.lists(piece, max_size=14).map(" ".join) | st.text(max_size=80)
"""Mostly syntax-shaped queries, plus arbitrary unicode text (controls, surrogates excluded
by hypothesis' text strategy, combining marks, RTL)."""
