"""Index terms, phrases and identities as tokens Typesense matches exactly.

Typesense normalises the strings it filters on (lower case, accents folded, `-_.` dropped),
so a term such as `post-releas` or `café` could meet a different term, and an element id a
different element. Every string this engine filters on is therefore first spelt in
`[a-z0-9]` by `token`: letters `a`–`y` and digits stay, any other character (`z` included)
becomes `z` and six hex digits. The spelling is injective, so two tokens are equal exactly
when the strings are. Phrases are indexed as runs of two and three adjacent terms
(`shingles`), joined by `zg`, which no escaped character contains; a token longer than
Typesense keeps whole becomes a hash of it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

MAX_TOKEN_CHARS = 96
"""Typesense truncates longer tokens; longer ones are hashed (16 hex digits, `zh` first)."""
JOIN = "zg"
"""Between the terms of a shingle."""
PRESENT = "zp"
"""In every term list: a `!=` filter on a list then never meets a missing field."""
MAX_SHINGLE = 3
"""Phrases of up to this many terms match exactly; longer ones by overlapping shingles."""

_PLAIN = re.compile(r"[a-y0-9]+")
_OTHER = re.compile(r"[^a-y0-9]")


def token(text: str) -> str:
    """Return `text` spelt in `[a-z0-9]`, one-to-one, at most MAX_TOKEN_CHARS long."""
    if not _PLAIN.fullmatch(text):
        text = _OTHER.sub(lambda match: f"z{ord(match.group(0)):06x}", text)
    if len(text) > MAX_TOKEN_CHARS:
        return "zh" + hashlib.blake2b(text.encode("ascii"), digest_size=8).hexdigest()
    return text


def phrase_tokens(terms: Sequence[str]) -> list[str]:
    """Return the shingle tokens a phrase of `terms` needs present (all of them).

    Up to MAX_SHINGLE terms: the one token of the whole phrase. Longer phrases: every run of
    MAX_SHINGLE adjacent terms, which every true match has (and, rarely, a text that has the
    runs apart: `docs/typesense.md`).
    """
    if len(terms) == 1:
        return [token(terms[0])]
    width = min(len(terms), MAX_SHINGLE)
    return [_shingle(terms[i : i + width]) for i in range(len(terms) - width + 1)]


def term_tokens(terms: Sequence[str]) -> set[str]:
    """Return the tokens of a field whose terms, in order, are `terms`: each term and each
    run of two and three adjacent terms."""
    found = {token(term) for term in terms}
    for width in range(2, MAX_SHINGLE + 1):
        found.update(_shingle(terms[i : i + width]) for i in range(len(terms) - width + 1))
    return found


def _shingle(terms: Sequence[str]) -> str:
    return token_join(token(term) for term in terms)


def token_join(tokens: Iterable[str]) -> str:
    """Return one token of several (a shingle), hashed if too long."""
    joined = JOIN.join(tokens)
    if len(joined) > MAX_TOKEN_CHARS:
        return "zh" + hashlib.blake2b(joined.encode("ascii"), digest_size=8).hexdigest()
    return joined
