"""Turn a family's body paragraphs into drafts: headings, findings, quotes and sections.

Shared by every text family. Headings are not elements: each element carries the heading it
sits under. A "Findings — X" heading covers only its lead-in and bullet list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.entities import ORGANISATION, Gazetteer
from indexer.model import ElementKind
from indexer.parse import patterns
from indexer.parse.assemble import Draft
from indexer.parse.quotes import (
    Speech,
    attribution_after,
    awaits_attribution,
    find_speech,
    intro_speech,
    is_bare_intro,
)
from indexer.parse.text import Para, is_heading

GROUPED_ORGANISATIONS = ("CRC", "NPS")
CONTEXT_PARAGRAPHS = 20
"""How many earlier paragraphs of a block pronouns are resolved from (keeps long pages linear)."""


@dataclass
class _State:
    """What the walk over a body remembers from one paragraph to the next."""

    block: int = -1
    heading: str | None = None
    findings_topic: str | None = None
    seen_bullets: bool = False
    lead_in: str = ""
    context: list[str] = field(default_factory=list)
    pending: Speech | None = None
    held: Para | None = None
    heading_quoted: bool = False
    """The heading sits inside a block quote (a pasted article's headline): it ends with it."""
    awaiting: Para | None = None
    """A lone "“…,”" paragraph waiting for the next one to name its speaker."""


def group_of(text: str, gazetteer: Gazetteer) -> str | None:
    """Return the findings group a heading or lead-in names: CRC, NPS or co-ordination."""
    if patterns.COORDINATION.search(text):
        return patterns.GROUP_COORDINATION
    named = {m.name for m in gazetteer.mentions(text) if m.kind == ORGANISATION}
    grouped = [name for name in GROUPED_ORGANISATIONS if name in named]
    if len(grouped) > 1:
        return patterns.GROUP_COORDINATION
    return grouped[0] if grouped else None


def _flush(state: _State) -> list[Draft]:
    """Emit a held bare intro ("X said:") whose quote never came, as a plain section; and a
    quote whose attribution never came, as a section too (no speaker, no quote)."""
    held, state.held, state.pending = state.held, None, None
    awaiting, state.awaiting = state.awaiting, None
    return [
        Draft(ElementKind.SECTION, para.text, state.heading, quoted_from=para.quoted_from)
        for para in (awaiting, held)
        if para is not None
    ]


def _attributed(para: Para, state: _State, gazetteer: Gazetteer) -> tuple[list[Draft], bool]:
    """Draft the awaiting quote, attributed by `para` if it names a speaker.

    Return the drafts and whether `para` was used up: a short tag ("she said.") joins the
    quote; a longer paragraph goes on in reported speech and is drafted on its own.
    """
    quote, state.awaiting = state.awaiting, None
    assert quote is not None
    speech = attribution_after(para.text, " ".join(state.context), gazetteer)
    if speech is None:
        section = Draft(ElementKind.SECTION, quote.text, state.heading)
        section.quoted_from = quote.quoted_from
        return [section], False
    draft = Draft(ElementKind.QUOTE, quote.text, state.heading, speaker=speech.speaker)
    draft.quoted_from = quote.quoted_from
    if len(para.text.split()) > patterns.ATTRIBUTION_TAG_MAX_WORDS:
        return [draft], False
    draft.text = f"{quote.text}\n{para.text}"
    state.context = [*state.context[1 - CONTEXT_PARAGRAPHS :], para.text]
    state.lead_in = para.text
    return [draft], True


def _bullet(para: Para, state: _State, gazetteer: Gazetteer) -> Draft:
    state.seen_bullets = True
    if state.findings_topic is not None:
        group = group_of(state.findings_topic, gazetteer)
    elif patterns.FINDINGS_LEAD_IN.search(state.lead_in):
        group = group_of(state.lead_in, gazetteer)
    else:
        return Draft(ElementKind.SECTION, para.text, state.heading, quoted_from=para.quoted_from)
    return Draft(
        ElementKind.FINDING, para.text, state.heading, group=group, quoted_from=para.quoted_from
    )


def _paragraph(para: Para, state: _State, gazetteer: Gazetteer) -> list[Draft]:
    before: list[Draft] = []
    if state.awaiting is not None:
        before, used = _attributed(para, state, gazetteer)
        if used:
            return before
    context = " ".join(state.context)
    if state.pending is not None:
        text = f"{state.held.text}\n{para.text}" if state.held else para.text
        draft = Draft(ElementKind.QUOTE, text, state.heading, speaker=state.pending.speaker)
        state.held = None
    else:
        speech = find_speech(para.text, context, gazetteer)
        kind = ElementKind.QUOTE if speech else ElementKind.SECTION
        draft = Draft(kind, para.text, state.heading, speaker=speech.speaker if speech else None)
    draft.quoted_from = para.quoted_from
    if draft.speaker == patterns.REPORT_SOURCE:
        draft.quoted_from = draft.quoted_from or patterns.REPORT_SOURCE  # the report's words
    state.pending = intro_speech(para.text, context, gazetteer)
    state.context = [*state.context[1 - CONTEXT_PARAGRAPHS :], para.text]
    state.lead_in = para.text
    if state.pending is not None and draft.kind is ElementKind.SECTION and is_bare_intro(para.text):
        state.held = para
        return before
    lone_quote = draft.kind is ElementKind.SECTION and awaits_attribution(para.text)
    if state.pending is None and lone_quote:
        state.awaiting = para
        return before
    return [*before, draft]


def _start_block(para: Para, state: _State) -> list[Draft]:
    drafts = _flush(state)
    state.block, state.heading, state.findings_topic = para.block, None, None
    state.context, state.lead_in = [], ""
    return drafts


def draft_body(paras: list[Para], gazetteer: Gazetteer) -> list[Draft]:
    """Return the drafts of `paras` in reading order."""
    state = _State()
    drafts: list[Draft] = []
    quoted = False
    for index, para in enumerate(paras):
        if para.block != state.block:
            drafts.extend(_start_block(para, state))
        if para.quoted != quoted:
            # Into or out of a block quote: people named on one side are not "he" or "she"
            # on the other (text marks such blocks as blocks; HTML marks them as quotes).
            state.context, quoted = [], para.quoted
        if is_heading(paras, index):
            drafts.extend(_flush(state))
            topic = patterns.FINDINGS_HEADING.match(para.text)
            state.heading, state.seen_bullets = para.text, False
            state.heading_quoted = para.quoted
            state.findings_topic = topic["topic"] if topic else None
            continue
        if state.heading_quoted and not para.quoted:
            state.heading, state.heading_quoted = None, False
        if para.bullet:
            drafts.extend(_flush(state))
            drafts.append(_bullet(para, state, gazetteer))
        else:
            if state.findings_topic is not None and state.seen_bullets:
                state.heading = state.findings_topic = None
            drafts.extend(_paragraph(para, state, gazetteer))
    return drafts + _flush(state)
