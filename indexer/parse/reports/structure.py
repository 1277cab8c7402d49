"""Report blocks → drafts: sections under their chapter and numbered sub-section, key findings
with the organisation they are about, recommendations with their number and addressee,
ratings per standard (the overall one also a document field), practice examples.

One small handler per block kind behind one loop; the state is where the reader is (the
chapter, the sub-section, a minor heading, the addressee of the recommendations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.entities import Gazetteer
from indexer.model import ElementKind
from indexer.parse.assemble import Draft
from indexer.parse.reports import patterns
from indexer.parse.reports.blocks import Block, BlockKind, split_number


@dataclass
class Structure:
    """The drafts of a report and what its structure says about the whole."""

    drafts: list[Draft] = field(default_factory=list)
    rating: str | None = None


@dataclass
class _Place:
    """Where the reader is in the report."""

    chapter: Block | None = None
    section: Block | None = None
    minor: str | None = None
    addressee: str | None = None
    practice: str | None = None
    rated: set[str] = field(default_factory=set)

    def heading(self) -> str | None:
        under = self.section or self.chapter
        base = under.label if under is not None else None
        if self.minor:
            return f"{base} — {self.minor}" if base else self.minor
        return base

    def within(self, pattern: re.Pattern[str]) -> bool:
        """Return whether the chapter or sub-section the reader is in has a matching title."""
        return any(
            block is not None and pattern.match(block.text) is not None
            for block in (self.chapter, self.section)
        )


class _Drafter:
    def __init__(self, subject: str | None, gazetteer: Gazetteer) -> None:
        self.subject = subject
        self.gazetteer = gazetteer
        self.place = _Place()
        self.out = Structure()

    def add(self, kind: ElementKind, block: Block, **fields: str | None) -> None:
        fields.setdefault("heading", self.place.heading())
        self.out.drafts.append(Draft(kind, block.text, page=block.page, **fields))

    def heading(self, block: Block) -> None:
        place = self.place
        if block.level <= 1:
            self.place = _Place(chapter=block, rated=place.rated)
        elif block.level == 2:
            place.section, place.minor, place.addressee, place.practice = block, None, None, None
        else:
            example = patterns.PRACTICE_EXAMPLE.match(block.text)
            place.minor = block.text
            place.practice = f"{example['quality'].lower()} practice example" if example else None

    def row(self, block: Block) -> None:
        standard, rating = block.cells[0], block.cells[-1]
        if not patterns.RATING_VALUE.match(rating):
            self.para(block)
            return
        number, _ = split_number(standard)
        if patterns.OVERALL.match(standard):
            self.out.rating = self.out.rating or rating
            standard = "Overall rating"
        elif number:
            self.place.rated.add(number)
        block.text = f"{standard}: {rating}"
        self.add(ElementKind.RATING, block, group=rating, number=number)

    def para(self, block: Block) -> None:
        place = self.place
        if patterns.LICENCE.search(block.text):
            return
        own = patterns.RATING_LINE.match(block.text)
        if own and place.section is not None:
            number = place.section.number
            if number not in place.rated:
                if number:
                    place.rated.add(number)
                block.text = f"{place.section.label}: {own['rating'].capitalize()}"
                self.add(ElementKind.RATING, block, group=own["rating"].capitalize(), number=number)
            return
        addressee = patterns.ADDRESSEE.match(block.text)
        if place.within(patterns.RECOMMENDATIONS_HEADING) and addressee and len(block.text) < 160:
            place.addressee = _addressee(addressee["who"])
            return
        if place.minor and (
            patterns.STRENGTHS.match(place.minor) or patterns.AREAS.match(place.minor)
        ):
            place.minor = None  # the narrative after the lists is the standard's own text
        if place.practice:
            self.add(ElementKind.SECTION, block, group=place.practice)
            return
        self.add(ElementKind.SECTION, block)

    def item(self, block: Block) -> None:
        place = self.place
        if place.within(patterns.RECOMMENDATIONS_HEADING):
            self.add(ElementKind.RECOMMENDATION, block, group=place.addressee, number=block.number)
            return
        minor = place.minor or ""
        if patterns.STRENGTHS.match(minor) or patterns.AREAS.match(minor):
            self.add(ElementKind.FINDING, block, group=self.subject)
        elif place.within(patterns.KEY_FINDINGS_HEADING):
            named = self.gazetteer.organisations(minor)
            self.add(ElementKind.FINDING, block, group=named[0] if named else self.subject)
        else:
            self.add(ElementKind.SECTION, block, group=place.practice)


def _addressee(who: str) -> str:
    """Return the addressee as the report names it, without a leading article."""
    who = who.strip().rstrip(":")
    return who[4:] if who.lower().startswith("the ") else who


def draft_report(blocks: list[Block], subject: str | None, gazetteer: Gazetteer) -> Structure:
    """Return the drafts of a report's blocks; `subject` is the organisation it inspected."""
    drafter = _Drafter(subject, gazetteer)
    handlers = {
        BlockKind.HEADING: drafter.heading,
        BlockKind.ROW: drafter.row,
        BlockKind.PARA: drafter.para,
        BlockKind.ITEM: drafter.item,
    }
    for block in blocks:
        handlers[block.kind](block)
    return drafter.out
