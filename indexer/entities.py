"""Entity lookup: find organisations, regions and people in text by a gazetteer of aliases.

The gazetteer is a data file (`indexer/data/gazetteer.toml`) that users can extend with their
own files of the same shape; parsers use it to fill Document facets and to name speakers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from indexer.errors import GazetteerError

DEFAULT_PATH = Path(__file__).parent / "data" / "gazetteer.toml"

ORGANISATION = "organisation"
REGION = "region"
PERSON = "person"
KINDS = (ORGANISATION, REGION, PERSON)

# Same-length substitutions, so offsets found in the folded text hold for the original.
_FOLD = str.maketrans({"’": "'", "‘": "'", "\u00a0": " "})
_TITLES = re.compile(r"^(?:(?:Dame|Sir|Dr|Mr|Mrs|Ms|Lord|Baroness)\.?\s+)+")


@dataclass(frozen=True)
class Mention:
    """One occurrence of a known entity in a text, with its span."""

    kind: str
    name: str
    start: int
    end: int


@dataclass
class Entity:
    """A canonical entity with every alias the text may use for it."""

    kind: str
    name: str
    aliases: set[str] = field(default_factory=set)
    case_sensitive: bool | None = None
    publisher: bool = False


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _alternation(aliases: Iterable[str], ignore_case: bool = False) -> str:
    """Return a regex matching any alias, longest first, factored as a trie of characters.

    A flat alternation of hundreds of aliases makes the engine try each one at every word
    start (it was the largest cost of parsing); in a trie only one branch can match the next
    character, and greedy continuation before the end-of-alias option keeps the longest match.
    """
    trie: dict[str, Any] = {}
    for alias in set(aliases) - {""}:
        node = trie
        for char in alias.casefold() if ignore_case else alias:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [
        re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char
    ]
    ends = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if ends else body


def _is_exact_case(entity: Entity, alias: str) -> bool:
    if entity.case_sensitive is not None:
        return entity.case_sensitive
    return len(alias.split()) == 1


class Gazetteer:
    """Known entities and a matcher that finds them on word boundaries."""

    def __init__(self, entities: Sequence[Entity], ignore: Sequence[str] = ()) -> None:
        self.entities = list(entities)
        self.ignore = list(ignore)
        self._exact: dict[str, Entity] = {}
        self._folded: dict[str, Entity] = {}
        for entity in self.entities:
            for alias in entity.aliases | {entity.name}:
                key = _fold(alias)
                if _is_exact_case(entity, alias):
                    self._exact[key] = entity
                else:
                    self._folded[key.casefold()] = entity
        self._exact_re = self._compile(self._exact, 0)
        self._folded_re = self._compile(self._folded, re.IGNORECASE)
        self._ignore_re = self._compile({_fold(i): None for i in self.ignore}, re.IGNORECASE)

    @staticmethod
    def _compile(aliases: dict[str, Any], flags: int) -> re.Pattern[str] | None:
        if not aliases:
            return None
        pattern = _alternation(aliases, ignore_case=bool(flags & re.IGNORECASE))
        return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)

    def mentions(self, text: str) -> list[Mention]:
        """Return the non-overlapping entity mentions in `text`, longest match first."""
        folded = _fold(text)
        blocked = _spans(self._ignore_re, folded)
        found: list[tuple[int, int, Entity]] = []
        for pattern, table, key in (
            (self._exact_re, self._exact, str),
            (self._folded_re, self._folded, str.casefold),
        ):
            for start, end in _spans(pattern, folded):
                found.append((start, end, table[key(folded[start:end])]))
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        result: list[Mention] = []
        taken = list(blocked)
        for start, end, entity in found:
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            result.append(Mention(entity.kind, entity.name, start, end))
        return sorted(result, key=lambda mention: mention.start)

    def find(self, text: str, kind: str) -> list[str]:
        """Return the sorted unique canonical names of one kind mentioned in `text`."""
        return sorted({m.name for m in self.mentions(text) if m.kind == kind})

    def organisations(self, text: str) -> list[str]:
        """Return the canonical organisations mentioned in `text`."""
        return self.find(text, ORGANISATION)

    def regions(self, text: str) -> list[str]:
        """Return the canonical regions mentioned in `text`."""
        return self.find(text, REGION)

    def people(self, text: str) -> list[str]:
        """Return the canonical people mentioned in `text`."""
        return self.find(text, PERSON)

    def is_publisher(self, name: str) -> bool:
        """Return whether the canonical organisation `name` publishes texts others reproduce."""
        return any(e.name == name and e.publisher for e in self.entities)

    def canonical_person(self, name: str) -> str | None:
        """Return the canonical name of the person `name` refers to, or None if unknown."""
        cleaned = " ".join(_fold(name).split())
        for candidate in (cleaned, _TITLES.sub("", cleaned)):
            entity = self._exact.get(candidate) or self._folded.get(candidate.casefold())
            if entity is not None and entity.kind == PERSON:
                return entity.name
        people = [m.name for m in self.mentions(cleaned) if m.kind == PERSON]
        return people[0] if len(set(people)) == 1 else None


def _spans(pattern: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    if pattern is None:
        return []
    return [match.span() for match in pattern.finditer(text)]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise GazetteerError(str(path), f"cannot read: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise GazetteerError(str(path), f"not valid TOML: {error}") from error


def _merge_file(path: Path, entities: dict[tuple[str, str], Entity], ignore: list[str]) -> None:
    data = _read_toml(path)
    ignore.extend(str(item) for item in data.get("ignore", []))
    for kind in KINDS:
        for raw in data.get(kind, []):
            if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
                raise GazetteerError(str(path), f"every [[{kind}]] entry needs a name")
            aliases = raw.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise GazetteerError(str(path), f"{raw['name']}: aliases must be strings")
            entity = entities.setdefault((kind, raw["name"]), Entity(kind, raw["name"]))
            entity.aliases.update(aliases)
            if "case_sensitive" in raw:
                entity.case_sensitive = bool(raw["case_sensitive"])
            entity.publisher = entity.publisher or bool(raw.get("publisher", False))


def load_gazetteer(extra_paths: Sequence[Path] = ()) -> Gazetteer:
    """Load the bundled gazetteer, extended by the entries of each file in `extra_paths`."""
    entities: dict[tuple[str, str], Entity] = {}
    ignore: list[str] = []
    for path in (DEFAULT_PATH, *extra_paths):
        _merge_file(Path(path), entities, ignore)
    return Gazetteer(list(entities.values()), ignore)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """Return the bundled gazetteer, loaded once per process."""
    return load_gazetteer()
