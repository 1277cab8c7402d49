"""Optional sidecar metadata: `NAME.meta.json` or `NAME.meta.toml` beside a corpus file.

Read with the file it describes (by `sources.read_source`); the fields it sets override what
any parser found, for users whose saved files lack a URL, a date or a title. A sidecar that
cannot be read or has the wrong shape is a `SourceError` naming the sidecar and the reason.
"""

from __future__ import annotations

import datetime
import json
import os
import tomllib
from pathlib import Path
from typing import Any

from indexer.errors import SourceError
from indexer.model import SourceType

SIDECAR_FIELDS = ("title", "date", "url", "site", "author", "source_type", "inspection")
"""The document fields a sidecar may set; anything else is refused as a likely typo."""
MAX_SIDECAR_BYTES = 64 * 1024


SIDECAR_SUFFIXES = (".meta.json", ".meta.toml")


def sidecar_names(name: str) -> list[str]:
    """Return the names a sidecar of file `name` may have, in order: `a.html.meta.json`, …"""
    stem, dot, _ = name.rpartition(".")
    bases = [name, stem] if dot and stem else [name]
    return [f"{base}{suffix}" for base in bases for suffix in SIDECAR_SUFFIXES]


def sidecar_paths(path: Path) -> list[Path]:
    """Return where a sidecar of `path` may be, in order: `a.html.meta.json`, `a.meta.json`."""
    return [path.with_name(name) for name in sidecar_names(path.name)]


class SidecarLookup:
    """Find the sidecars of many files with one directory listing per folder, not four stats
    per file (a corpus scan asks for every file's sidecar)."""

    def __init__(self) -> None:
        self._names: dict[Path, frozenset[str]] = {}

    def find(self, path: Path) -> Path | None:
        """Return the sidecar of `path` that exists, or None."""
        names = self._names.get(path.parent)
        if names is None:
            try:
                with os.scandir(path.parent) as entries:
                    names = frozenset(e.name for e in entries if e.name.endswith(SIDECAR_SUFFIXES))
            except OSError:
                names = frozenset()
            self._names[path.parent] = names
        for name in sidecar_names(path.name):
            if name in names and path.with_name(name).is_file():
                return path.with_name(name)
        return None


def read_sidecar(path: Path) -> tuple[tuple[str, str], ...]:
    """Return the (field, value) overrides of the first sidecar found for `path`, or ()."""
    for candidate in sidecar_paths(path):
        if candidate.is_file():
            return tuple(sorted(_validated(candidate, _load(candidate)).items()))
    return ()


def _load(path: Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(str(path), f"cannot read sidecar: {exc.strerror or exc}") from None
    if len(data) > MAX_SIDECAR_BYTES:
        raise SourceError(str(path), f"sidecar too large (over {MAX_SIDECAR_BYTES:,} bytes)")
    try:
        text = data.decode("utf-8-sig")
        if path.name.endswith(".toml"):
            return tomllib.loads(text)
        return json.loads(text)
    except UnicodeDecodeError:
        raise SourceError(str(path), "sidecar is not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(str(path), f"invalid TOML in sidecar: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SourceError(str(path), f"invalid JSON in sidecar: {exc}") from None


def _validated(path: Path, data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        raise SourceError(str(path), "sidecar must hold one object of fields")
    unknown = sorted(set(data) - set(SIDECAR_FIELDS))
    if unknown:
        allowed = ", ".join(SIDECAR_FIELDS)
        raise SourceError(str(path), f"unknown sidecar field {unknown[0]!r} (allowed: {allowed})")
    fields: dict[str, str] = {}
    for name, value in data.items():
        if isinstance(value, datetime.date):  # TOML dates arrive as dates
            value = value.isoformat()
        if not isinstance(value, str) or not value.strip():
            raise SourceError(str(path), f"sidecar field {name!r} must be a non-empty string")
        fields[name] = _checked(path, name, value.strip())
    return fields


def _checked(path: Path, name: str, value: str) -> str:
    if name == "date":
        try:
            return datetime.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            raise SourceError(str(path), f"sidecar date {value!r} is not YYYY-MM-DD") from None
    if name == "source_type" and value not in {t.value for t in SourceType}:
        allowed = ", ".join(t.value for t in SourceType)
        raise SourceError(str(path), f"sidecar source_type {value!r} is not one of {allowed}")
    return value
