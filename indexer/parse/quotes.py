"""Attributed direct speech: find quotes in a paragraph and name who is speaking.

A quote is speech tied to a speaker by a verb (`X said: “…”`, `“…,” she said`, `X said “…”`
with enough words, or a paragraph introduced by `X said:`); short scare-quoted fragments are
not. Pronouns resolve to the last person named before them, else to a role ("a service user").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.entities import PERSON, Gazetteer
from indexer.parse import patterns
from indexer.parse.text import sentences


@dataclass(frozen=True)
class Speech:
    """A quote found in text, with its resolved speaker (None when no one can be named)."""

    speaker: str | None
    start: int = 0


def last_person(context: str, gazetteer: Gazetteer) -> str | None:
    """Return the canonical name of the last person mentioned in `context`."""
    people = [m.name for m in gazetteer.mentions(context) if m.kind == PERSON]
    return people[-1] if people else None


def _with_article(role: str) -> str:
    article = "an" if role[0] in "aeiou" else "a"
    return f"{article} {role}"


def role_from(context: str) -> str | None:
    """Return the role ("a service user") the last sentence of `context` is about, if any."""
    parts = sentences(context)
    if not parts:
        return None
    index = len(parts) - 1
    if patterns.PARTITIVE.match(parts[index].strip()) and index > 0:
        index -= 1
    match = patterns.ROLE.search(parts[index])
    return _with_article(match["role"].lower()) if match else None


def resolve_speaker(subject: str, context: str, gazetteer: Gazetteer) -> str | None:
    """Return the canonical speaker named by `subject`, resolving pronouns from `context`."""
    subject = patterns.LEADING_CONNECTIVE.sub("", subject.strip(" ,;-–—")).strip()
    if not subject:
        return None
    if subject.casefold() in patterns.PRONOUNS:
        return last_person(context, gazetteer) or role_from(context)
    people = [m.name for m in gazetteer.mentions(subject) if m.kind == PERSON]
    if people:
        return people[0]
    words = subject.split()
    if len(words) > patterns.SUBJECT_MAX_WORDS or subject.casefold() in {"they", "it", "we", "i"}:
        return None
    if patterns.DETERMINER.match(subject):
        return subject[0].lower() + subject[1:]
    if all(word[0].isupper() for word in words):
        return subject
    return None


def _candidates(text: str) -> list[tuple[int, str, int]]:
    """Return (position, subject, context end) for each direct quote in `text`."""
    if not any(mark in text for mark in patterns.OPEN_QUOTE):
        return []  # every pattern needs an opening quote mark; most paragraphs have none
    if not patterns.ANY_SPEECH_VERB.search(text):
        return []
    found = []
    for match in patterns.COLON_QUOTE.finditer(text):
        found.append((match.start("subject"), match["subject"], match.start("subject")))
    for match in patterns.SAID_QUOTE.finditer(text):
        if len(match["quote"].split()) >= patterns.SAID_QUOTE_MIN_WORDS:
            found.append((match.start("subject"), match["subject"], match.start("subject")))
    for match in patterns.TRAILING_QUOTE.finditer(text):
        subject = match["subject"] or match["subject_after"] or ""
        found.append((match.start(), subject, match.start()))
    return sorted(found)


def find_speech(text: str, context: str, gazetteer: Gazetteer) -> Speech | None:
    """Return the first attributed direct quote in `text`; `context` is the text before it."""
    candidates = _candidates(text)
    if not candidates:
        return None
    position, subject, context_end = candidates[0]
    before = f"{context} {text[:context_end]}"
    return Speech(resolve_speaker(subject, before, gazetteer), position)


def intro_speech(text: str, context: str, gazetteer: Gazetteer) -> Speech | None:
    """Return the speaker if `text` ends by introducing the next paragraph as speech."""
    for pattern in (patterns.LAST_WORD, patterns.INTRO_END):
        match: re.Match[str] | None = pattern.search(text)
        if match is not None:
            before = f"{context} {text[: match.start('subject')]}"
            return Speech(resolve_speaker(match["subject"], before, gazetteer), match.start())
    return None


def is_bare_intro(text: str) -> bool:
    """Return whether `text` is nothing but an attribution ("Dame Glenys Stacey said:")."""
    return patterns.BARE_INTRO.match(text) is not None
