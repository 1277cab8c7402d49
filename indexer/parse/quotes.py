"""Attributed direct speech: find quotes in a paragraph and name who is speaking.

A quote is speech tied to a speaker by a verb (`X said: “…”`, `“…,” she said`, `X said “…”`
with enough words, a paragraph introduced by `X said:`, or a lone `“…,”` paragraph whose next
paragraph names the speaker); short scare-quoted fragments and reported speech are not. Text
introduced by "the report says:" or "inspectors found:" is the inspectorate's; an unnamed
speaker is described ("a manager at a Durham charity"). Pronouns resolve to the last person
named before them, else to a role ("a service user").
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
    if patterns.REPORT_SUBJECT.match(subject):
        return patterns.REPORT_SOURCE
    people = [m.name for m in gazetteer.mentions(subject) if m.kind == PERSON]
    if people:
        return people[0]
    if patterns.DETERMINER.match(subject):
        subject = patterns.DESCRIPTION_END.split(subject, maxsplit=1)[0]
        if len(subject.split()) <= patterns.DESCRIPTION_MAX_WORDS:
            return subject[0].lower() + subject[1:]
        return None
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
    report = patterns.REPORT_INTRO.search(text)
    if report is not None:
        return Speech(patterns.REPORT_SOURCE, report.start("subject"))
    for pattern in (patterns.LAST_WORD, patterns.INTRO_END):
        match: re.Match[str] | None = pattern.search(text)
        if match is not None:
            before = f"{context} {text[: match.start('subject')]}"
            return Speech(resolve_speaker(match["subject"], before, gazetteer), match.start())
    return None


def is_bare_intro(text: str) -> bool:
    """Return whether `text` is nothing but an attribution ("Dame Glenys Stacey said:")."""
    if patterns.BARE_INTRO.match(text) is not None:
        return True
    report = patterns.REPORT_INTRO.search(text)
    return report is not None and report.start() == 0


def attribution_after(text: str, context: str, gazetteer: Gazetteer) -> Speech | None:
    """Return who spoke a quote left open by a comma, from the paragraph `text` after it."""
    match = patterns.ATTRIBUTION_OPENING.match(text)
    if match is None:
        return None
    subject = match["subject"] or match["subject_after"] or ""
    return Speech(resolve_speaker(subject, context, gazetteer))


def awaits_attribution(text: str) -> bool:
    """Return whether `text` is a lone quote ending in a comma: "“…,”" (speaker to follow)."""
    return patterns.AWAITING_ATTRIBUTION.match(text.strip()) is not None
