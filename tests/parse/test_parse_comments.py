"""Reader comments: nesting by indentation, counted paths, signatures, whole texts."""

from __future__ import annotations

from collections.abc import Callable

from indexer.model import Document, ElementKind
from indexer.parse.comments import parse_comments, split_signature

Parse = Callable[[str], Document]

POST = """Saturday 25 January 2014

A post

Body text of the post.

  1. First comment.

  2. Second comment, two paragraphs.

    Still the second comment.

    1. A reply to two.

    2. Another reply, with a list:
    1. not a new comment

  3. Third comment.

    - Jim

No comments:
Post a Comment
"""


def _comments(doc: Document) -> list[tuple[str | None, str | None, str]]:
    return [
        (e.comment_path, e.author, e.text) for e in doc.elements if e.kind is ElementKind.COMMENT
    ]


def test_comment_threads(parse_text: Parse) -> None:
    doc = parse_text(POST)
    assert _comments(doc) == [
        ("1", None, "First comment."),
        ("2", None, "Second comment, two paragraphs.\n\nStill the second comment."),
        ("2.1", None, "A reply to two."),
        ("2.2", None, "Another reply, with a list:\n1. not a new comment"),
        ("3", "Jim", "Third comment."),
    ]
    assert doc.elements[0].text == "Body text of the post."


def test_signature_needs_a_short_last_line_after_a_paragraph() -> None:
    assert split_signature([["Text."], ["The honest PO"]]) == ([["Text."]], "The honest PO")
    assert split_signature([["Only a line"]]) == ([["Only a line"]], None)
    assert split_signature([["Text."], ["This is a sentence."]])[1] is None
    long_line = "a closing line that is far too long to be anybody's name at all"
    assert split_signature([["Text."], [long_line]])[1] is None


def test_lines_before_comment_one_are_ignored() -> None:
    drafts = parse_comments(["stray", "  1. One.", "  2. Two."])
    assert [d.comment_path for d in drafts] == ["1", "2"]
