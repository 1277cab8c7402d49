"""A text reproduced by many documents: its original and first copies, the same as sorting
every holder, though only the holders that can come first are read."""

from __future__ import annotations

import json
import random
from pathlib import Path

from indexer.pipeline import index_corpus
from indexer.results import SearchRequest
from indexer.whoosh.hits import MAX_ALSO_IN
from indexer.whoosh.search import WhooshSearch

FINDING = (
    "Inspectors found that caseloads in the community rehabilitation company were "
    "unmanageable for many officers, and that supervision of the highest risk cases was "
    "too often left to the least experienced staff without oversight."
)


def write_corpus(folder: Path) -> dict[str, tuple[bool, str]]:
    """Write 40 posts quoting FINDING (dated days, some undated, one report dated late);
    return each file's (is not a report, date or "9999-99-99"), the original's sort key."""
    folder.mkdir()
    chance = random.Random(17)
    keys: dict[str, tuple[bool, str]] = {}
    for n in range(40):
        name = f"post{n:02d}.txt"
        meta: dict[str, str] = {"title": f"Post {n}"}
        if n % 8 != 3:  # every eighth post is undated
            meta["date"] = f"2017-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}"
        if n == 29:
            meta.update(date="2017-12-30", source_type="inspection_report")
        (folder / name).write_text(f"Post {n}\n\nA note of our own, number {n}.\n\n{FINDING}\n")
        (folder / f"{name}.meta.json").write_text(json.dumps(meta))
        keys[name] = (n != 29, meta.get("date", "9999-99-99"))
    return keys


def test_the_original_and_first_copies_of_a_text_held_by_forty_documents(
    tmp_path: Path,
) -> None:
    keys = write_corpus(tmp_path / "corpus")
    report = index_corpus(tmp_path / "corpus", tmp_path / "index")
    assert report.stats.documents == 40 and not report.failures
    service = WhooshSearch(tmp_path / "index")
    try:
        results = service.search(SearchRequest('"least experienced staff"'))
        assert results.total == 1
        hit = results.hits[0]
        assert hit.document_id == "post29.txt"  # the report, whatever its date
        expected = sorted((n for n in keys if n != "post29.txt"), key=lambda n: (keys[n], n))
        assert [s.document_id for s in hit.also_in] == expected[:MAX_ALSO_IN]
        assert service.sources("post29.txt")[hit.id] == hit.also_in

        # Without the report (a date filter it fails), the earliest dated post is shown.
        earlier = service.search(SearchRequest('"least experienced staff"', date_to="2017-12-29"))
        shown = earlier.hits[0]
        dated = [n for n in expected if keys[n][1] <= "2017-12-29"]
        assert shown.document_id == dated[0]
        others = sorted((n for n in keys if n != dated[0]), key=lambda n: (keys[n], n))
        assert [s.document_id for s in shown.also_in] == others[:MAX_ALSO_IN]
        assert shown.also_in[0].document_id == "post29.txt"
    finally:
        service.close()
