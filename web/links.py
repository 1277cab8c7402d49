"""Search URLs built on the server: the current parameters with one thing changed.

Everything a search page shows lives in its URL, so each facet value, chip, page number and
sort choice is a link to the same parameters with one value toggled, removed or replaced.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

Pairs = list[tuple[str, str]]

PAGE = "page"


def pairs_of(args: MultiDict[str, str]) -> Pairs:
    """Return the non-empty parameters of `args` in their order."""
    return [(name, value) for name, value in args.items(multi=True) if value.strip()]


def href(base: str, pairs: Iterable[tuple[str, str]]) -> str:
    """Return `base` with `pairs` as its query string."""
    query = urlencode(list(pairs))
    return f"{base}?{query}" if query else base


def toggled(pairs: Pairs, name: str, value: str) -> Pairs:
    """Return `pairs` with `name=value` added, or removed if present; back to page 1."""
    kept = [(n, v) for n, v in pairs if n != PAGE]
    if (name, value) in kept:
        return [(n, v) for n, v in kept if (n, v) != (name, value)]
    return [*kept, (name, value)]


class Toggles:
    """The links of one list of values (a facet's), each toggling one value of the current
    parameters: the parameters kept are encoded once, not once per link."""

    def __init__(self, base: str, pairs: Pairs) -> None:
        self.base = base
        self.kept = [(n, v) for n, v in pairs if n != PAGE]
        self.encoded = urlencode(self.kept)
        self.unchanged = f"{base}?{self.encoded}" if self.encoded else base
        """The link to the parameters as they are (back to page 1)."""

    def href(self, name: str, value: str) -> str:
        """Return the link that adds `name=value`, or removes it if present (as `toggled`)."""
        if (name, value) in self.kept:
            return href(self.base, toggled(self.kept, name, value))
        added = urlencode([(name, value)])
        return f"{self.base}?{self.encoded}&{added}" if self.encoded else f"{self.base}?{added}"


def without(pairs: Pairs, *names: str) -> Pairs:
    """Return `pairs` without any value of `names`; back to page 1."""
    dropped = {*names, PAGE}
    return [(n, v) for n, v in pairs if n not in dropped]


def replaced(pairs: Pairs, name: str, value: str | None) -> Pairs:
    """Return `pairs` with `name` set to `value` alone (or dropped when None)."""
    kept = [(n, v) for n, v in pairs if n != name]
    return kept if value is None else [*kept, (name, value)]


def only(pairs: Pairs, *names: str) -> Pairs:
    """Return the `pairs` whose name is one of `names`."""
    return [(n, v) for n, v in pairs if n in names]
