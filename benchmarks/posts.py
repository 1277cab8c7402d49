"""Draw posts of the corpus's three families: what each says, before it is written as a file.

A `Post` is format-free: a title, a date, a body of blocks and a comment thread. `render`
writes it as the plain text of `documents/*.txt` or as Blogger/WordPress HTML. Every block
knows how many elements the project's parser makes of it, so a corpus of N elements can be
asked for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from benchmarks.language import Language

BLOGGER, ANALYSIS, PRESS = "blogger", "analysis", "press_release"
FAMILY_WEIGHTS = {BLOGGER: 0.5, ANALYSIS: 0.3, PRESS: 0.2}
"""Share of documents per family: the practitioners' blog posts daily, the others monthly."""
FIRST_DAY, LAST_DAY = date(2014, 6, 1), date(2019, 12, 31)
CHIEF = "Dame Glenys Stacey"

# Blocks: (tag, text). Elements per tag as the parser makes them.
PARA, HEADING, BULLET, SAID, INLINE_QUOTE, LAST_WORD, LEAD_IN = (
    "p",
    "h",
    "li",
    "said",
    "quote",
    "last_word",
    "lead_in",
)
ELEMENTS_PER_BLOCK = {
    PARA: 1,
    HEADING: 0,
    BULLET: 1,
    SAID: 1,
    INLINE_QUOTE: 1,
    LAST_WORD: 2,
    LEAD_IN: 1,
}

SIGNATURES = (
    "The honest PO",
    "Anon PO",
    "Getafix",
    "- Jim",
    "Still here",
    "NPS PO",
    "Netnipper",
    "Old lag",
    "Ex PSO",
    "Dismayed CRC PO",
    "A manager",
)
BLOG_LEAD_INS = (
    "Here we have the latest inspection report from the Probation Inspectorate:-",
    "From the report:-",
    "This is how it is going in {region}, as reported on the BBC website:-",
    "Russell Webster has summarised the report and the following is a taster.",
    "A reader sends this account of a week in {region}:-",
)
FINDING_GROUPS = ("CRC", "NPS", "Co-ordination between NPS and CRC")
FINDING_LEAD_INS = {
    "CRC": "The main inspectors’ findings of the work of the CRC were:",
    "NPS": "The main inspectors’ findings of the work of the NPS were:",
    "Co-ordination between NPS and CRC": "On co-ordination, the inspectors’ findings were:",
}
OTHER_SPEAKERS = (
    "A government spokesman",
    "A Ministry of Justice spokesperson",
    "Ian Lawrence",
    "Andrew Neilson",
    "Catherine Holland",
    "Sam Gyimah",
)


@dataclass
class Comment:
    """One reader comment: its thread path ("3", "3.1"), text and signature, if signed."""

    path: str
    text: str
    signature: str | None = None


@dataclass
class Post:
    """One document to write, in whichever format."""

    family: str
    title: str
    day: date
    region: str
    body: list[tuple[str, str, str]] = field(default_factory=list)
    """(tag, text, speaker) blocks in reading order."""
    comments: list[Comment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def elements(self) -> int:
        """Return how many elements the parser makes of this post."""
        blocks = sum(ELEMENTS_PER_BLOCK[tag] for tag, _, _ in self.body)
        return blocks + len(self.comments) + len(self.notes)


class PostMaker:
    """Draw posts deterministically from one seed."""

    def __init__(self, language: Language, regions: list[str], people: list[str], seed: int):
        self.language = language
        self.rng = random.Random(seed)
        self.regions = regions
        self.people = people
        self._weights: dict[tuple[int, float], list[float]] = {}

    def post(self) -> Post:
        """Return the next post, of a family drawn by `FAMILY_WEIGHTS`."""
        family = self.rng.choices(list(FAMILY_WEIGHTS), list(FAMILY_WEIGHTS.values()))[0]
        day = FIRST_DAY + timedelta(self.rng.randrange((LAST_DAY - FIRST_DAY).days))
        region = self._zipf(self.regions, 0.6)
        post = Post(family, "", day, region)
        {BLOGGER: self._blogger, ANALYSIS: self._analysis, PRESS: self._press}[family](post)
        return post

    # ---------------------------------------------------------------- families

    def _blogger(self, post: Post) -> None:
        rng = self.rng
        post.title = self.language.heading(rng)
        post.body.append((PARA, self._text("section", post), ""))
        for _ in range(rng.choice((0, 1, 1, 2))):
            lead_in = rng.choice(BLOG_LEAD_INS).format(region=post.region)
            post.body.append((LEAD_IN, lead_in, ""))
            post.body += [(PARA, self._text("section", post), "") for _ in range(rng.randint(1, 6))]
            if rng.random() < 0.4:
                post.body.append(self._inline_quote(post))
            if rng.random() < 0.3:
                self._findings(post, rng.choice(FINDING_GROUPS[:2]), with_heading=False)
        post.body += [(PARA, self._text("section", post), "") for _ in range(rng.randint(0, 3))]
        post.comments = self._thread(post)

    def _analysis(self, post: Post) -> None:
        rng, language = self.rng, self.language
        post.title = f"{language.heading(rng)} in {post.region}"
        post.body.append((PARA, self._text("section", post, 25), ""))  # the standfirst
        post.body.append((HEADING, f"Inspectors report on {post.region}", ""))
        post.body += [(PARA, self._text("section", post), "") for _ in range(rng.randint(1, 4))]
        post.body.append((PARA, self._verdict(post), ""))
        for group in FINDING_GROUPS[: rng.choice((1, 2, 2, 3))]:
            self._findings(post, group, with_heading=True)
        post.body.append((HEADING, rng.choice(("Conclusion", "Comment", "What next")), ""))
        post.body += [(PARA, self._text("section", post), "") for _ in range(rng.randint(1, 3))]
        speaker = CHIEF if rng.random() < 0.8 else self._zipf(self.people)
        post.body.append((LAST_WORD, self._text("quote", post), speaker))

    def _press(self, post: Post) -> None:
        rng = self.rng
        post.title = f"Probation services in {post.region} - {self.language.heading(rng).lower()}"
        lead = self._text("section", post, 40).rstrip(".")
        post.body.append((PARA, f"{lead}, said {CHIEF}, HM Chief Inspector of Probation.", ""))
        post.body += [(PARA, self._text("section", post), "") for _ in range(rng.randint(2, 6))]
        if rng.random() < 0.3:
            post.body.append((LEAD_IN, "In the CRC, inspectors were concerned to find that:", ""))
            post.body += [
                (BULLET, self._text("finding", post), "") for _ in range(rng.randint(2, 6))
            ]
            post.body.append((PARA, self._text("section", post), ""))
        post.body.append((SAID, self._text("quote", post), CHIEF))
        published = post.day.strftime("%-d %B %Y")
        post.notes = [
            f"The report is available at www.justiceinspectorates.gov.uk/hmiprobation "
            f"from {published}."
        ]
        post.notes += [self._text("section", post) for _ in range(rng.randint(1, 3))]
        post.notes.append(
            "For further information please contact Jane Parsons at HMI Probation "
            "press office on 020 3681 2775."
        )

    # ---------------------------------------------------------------- pieces

    def _findings(self, post: Post, group: str, with_heading: bool) -> None:
        if with_heading:
            dash = "—" if post.day.year >= 2017 else "–"
            post.body.append((HEADING, f"Findings {dash} {group}", ""))
        post.body.append((LEAD_IN, FINDING_LEAD_INS[group], ""))
        count = self.rng.randint(3, 12) if group == "CRC" else self.rng.randint(2, 8)
        post.body += [(BULLET, self._text("finding", post), "") for _ in range(count)]

    def _inline_quote(self, post: Post) -> tuple[str, str, str]:
        speaker = (
            self._zipf(self.people) if self.rng.random() < 0.6 else self.rng.choice(OTHER_SPEAKERS)
        )
        return (INLINE_QUOTE, self._text("quote", post, self.rng.randint(12, 40)), speaker)

    def _verdict(self, post: Post) -> str:
        return (
            "That is the overall verdict of Her Majesty’s Inspectorate of Probation in an "
            f"inspection report published earlier today ({post.day.strftime('%-d %B %Y')})."
        )

    def _thread(self, post: Post) -> list[Comment]:
        """Return a comment thread: most posts get a few comments, some get very many."""
        rng = self.rng
        count = min(int(rng.paretovariate(1.2) * 3) - 2, 120) if rng.random() < 0.85 else 0
        comments = []
        for top in range(1, max(count, 0) + 1):
            comments.append(self._comment(str(top), post))
            if rng.random() < 0.3:
                for reply in range(1, rng.randint(1, 4)):
                    comments.append(self._comment(f"{top}.{reply}", post))
        return comments

    def _comment(self, path: str, post: Post) -> Comment:
        signature = self.rng.choice(SIGNATURES) if self.rng.random() < 0.15 else None
        return Comment(path, self._text("comment", post), signature)

    def _text(self, kind: str, post: Post, words: int | None = None) -> str:
        return self.language.text(kind, self.rng, post.region, words)

    def _zipf(self, items: list[str], exponent: float = 1.0) -> str:
        """Return an item drawn with probability falling as 1/rank**exponent (Zipf's law)."""
        key = (id(items), exponent)
        if key not in self._weights:
            self._weights[key] = [1 / rank**exponent for rank in range(1, len(items) + 1)]
        return self.rng.choices(items, self._weights[key])[0]
