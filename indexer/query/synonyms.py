"""Query-time synonyms: "NPS" also searches "National Probation Service", and the reverse.

Expansion rewrites the query text, so a multi-word name becomes a phrase alternative the
engine parses like any other (`(NPS OR "national probation service")`); the index keeps
one token per word and highlighting marks exactly the words that matched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from indexer.query.syntax import Token

Analyze = Callable[[str], list[str]]
"""The index's analyzer as a function: text → the terms it is indexed as."""


class SynonymTable:
    """Synonym groups keyed by their analyzed terms, so plurals and spellings match too."""

    def __init__(self, groups: Sequence[Sequence[str]], analyze: Analyze) -> None:
        self.groups = [tuple(group) for group in groups]
        self.keys: dict[tuple[str, ...], int] = {}
        for number, group in enumerate(self.groups):
            for member in group:
                key = tuple(analyze(member))
                if key:
                    self.keys.setdefault(key, number)
        self.longest = max((len(key) for key in self.keys), default=0)
        self.analyze = analyze

    def expand(self, text: str, tokens: Sequence[Token]) -> str:
        """Return `text` with every run of plain words that names a synonym group expanded."""
        pieces: list[str] = []
        cursor = 0
        for run in _plain_runs(tokens):
            for first, last, group in self._matches(run):
                start, end = run[first].start, run[last].end
                pieces += [text[cursor:start], self._alternatives(text[start:end], group)]
                cursor = end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def _matches(self, run: Sequence[Token]) -> list[tuple[int, int, int]]:
        """Return (first word, last word, group) of each synonym in `run`, leftmost longest."""
        terms = [self.analyze(token.text) for token in run]
        found = []
        i = 0
        while i < len(run):
            match = self._longest_at(terms, i) if terms[i] else None
            if match is None:
                i += 1
                continue
            last, group = match
            found.append((i, last, group))
            i = last + 1
        return found

    def _longest_at(self, terms: list[list[str]], first: int) -> tuple[int, int] | None:
        key: list[str] = []
        best = None
        for last in range(first, len(terms)):
            key += terms[last]
            if len(key) > self.longest:
                break
            group = self.keys.get(tuple(key))
            if group is not None and terms[last]:
                best = (last, group)
        return best

    def _alternatives(self, written: str, group: int) -> str:
        """Return `written` OR-ed with the other names of its group, multi-word ones as phrases."""
        own = tuple(self.analyze(written))
        others = [m for m in self.groups[group] if tuple(self.analyze(m)) != own]
        quoted = [f'"{m}"' if " " in m or not m.isalnum() else m for m in others]
        original = f"({written})" if " " in written else written
        return "(" + " OR ".join([original, *quoted]) + ")"


def _plain_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Return the runs of consecutive plain words; syntax, phrases and fields break runs.

    The word right after a `field:` or a bracket opened after one belongs to that field and
    is left alone.
    """
    runs: list[list[Token]] = [[]]
    field_depth = 0
    depth = 0
    after_field = False
    for token in tokens:
        if token.text == "(":
            depth += 1
            if after_field and not field_depth:
                field_depth = depth
        elif token.text == ")":
            if depth == field_depth:
                field_depth = 0
            depth = max(0, depth - 1)
        plain = token.is_plain_word and not after_field and not field_depth
        if plain:
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
        after_field = token.text.endswith(":")
    return [run for run in runs if run]
