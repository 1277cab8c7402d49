"""Reader comments in the plain-text copies: numbered, nested by indentation, maybe signed.

"  1." opens a top-level comment and a deeper "    1." a reply in that thread; a numbered
line only opens a comment when its number is the next one expected at its level, so a list
inside a comment stays in the comment. Paths are counted ("3", "3.1"), not copied from the text.

Quotes inside comments are not made quote elements: a comment is one element, kept whole,
so a pasted news story in a comment stays part of that reader's comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.model import ElementKind
from indexer.parse import patterns
from indexer.parse.assemble import Draft
from indexer.parse.text import clean, is_boilerplate


@dataclass
class _Comment:
    path: str
    lines: list[str] = field(default_factory=list)


def first_comment_line(lines: list[str]) -> int | None:
    """Return the index of the line that opens comment 1, if the text has comments."""
    for index, line in enumerate(lines):
        match = patterns.NUMBERED.match(line)
        if match and match["number"] == "1" and 0 < len(match["indent"]) <= 3:
            return index
    return None


def _split_comments(lines: list[str]) -> list[_Comment]:
    comments: list[_Comment] = []
    top_indent: int | None = None
    replies = 0
    for line in lines:
        match = patterns.NUMBERED.match(line)
        if match:
            indent, number = len(match["indent"]), int(match["number"])
            top_indent = indent if top_indent is None else top_indent
            if indent <= top_indent and number == len(_tops(comments)) + 1:
                comments.append(_Comment(str(number), [match["text"]]))
                replies = 0
                continue
            if indent > top_indent and comments and number == replies + 1:
                replies += 1
                top = _tops(comments)[-1]
                comments.append(_Comment(f"{top.path}.{replies}", [match["text"]]))
                continue
        if comments:
            comments[-1].lines.append(line)
    return comments


def _tops(comments: list[_Comment]) -> list[_Comment]:
    return [comment for comment in comments if "." not in comment.path]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if clean(line):
            paragraphs[-1].append(clean(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def split_signature(paragraphs: list[list[str]]) -> tuple[list[list[str]], str | None]:
    """Return the paragraphs without a trailing one-line signature, and the signature."""
    if len(paragraphs) < 2 or len(paragraphs[-1]) != 1:
        return paragraphs, None
    line = patterns.SIGNATURE_DASH.sub("", paragraphs[-1][0]).strip()
    if (
        not line
        or len(line.split()) > patterns.SIGNATURE_MAX_WORDS
        or len(line) > patterns.SIGNATURE_MAX_CHARS
        or line[-1] in patterns.TERMINAL_PUNCTUATION
        or "://" in line
    ):
        return paragraphs, None
    return paragraphs[:-1], line


def parse_comments(lines: list[str]) -> list[Draft]:
    """Return one comment draft per numbered comment in `lines`, in reading order."""
    content = [line for line in lines if not is_boilerplate(line)]
    drafts = []
    for comment in _split_comments(content):
        paragraphs, author = split_signature(_paragraphs(comment.lines))
        text = "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)
        if text:
            drafts.append(
                Draft(ElementKind.COMMENT, text, comment_path=comment.path, author=author)
            )
    return drafts
