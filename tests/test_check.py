"""`reportsearch check` and the index options of the CLI, through click's runner."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.manifest import MANIFEST_FILE
from indexer.whoosh.generations import current_generation
from tests.test_reindex import RELEASE

REPAIR = "Error: the index is missing or damaged. Repair it with: reportsearch index --full\n"


@pytest.fixture
def location(corpus: Path, tmp_path: Path) -> Path:
    location = tmp_path / "ix"
    assert run("index", "--documents", str(corpus), "--index", str(location))[0] == 0
    return location


def run(*args: str, **env: str) -> tuple[int, str]:
    """Run the CLI; return the exit code and stdout followed by stderr."""
    result = CliRunner().invoke(main, list(args), env=env or None)
    return result.exit_code, result.stdout + result.stderr


def findings(output: str) -> list[str]:
    """Return the findings without their figures: level and wording."""
    lines = output.splitlines()[1:]
    return [re.sub(r"\d+", "N", line).strip() for line in lines]


def test_a_healthy_index_passes_every_check(location: Path) -> None:
    code, output = run("check", "--index", str(location))
    assert code == 0, output
    assert output.splitlines()[0] == f"Checking the index at {location}"
    assert findings(output) == [
        "ok    serving gen-N: N elements of N documents",
        "ok    N segment, N deleted records",
        "ok    manifest lists N files, N elements, as indexed",
        re.sub(r"\d+", "N", findings(output)[3]),
        "The index is healthy.",
    ]
    assert re.fullmatch(
        r"ok    test searches: N elements in all, N for '\w+' \(N ms\)", findings(output)[3]
    )


def test_a_missing_index_fails_with_the_repair(tmp_path: Path) -> None:
    code, output = run("check", "--index", str(tmp_path / "none"))
    assert code == 1
    assert output == (
        f"Checking the index at {tmp_path / 'none'}\n"
        "  FAIL  no index has been built here yet\n" + REPAIR
    )


def test_a_damaged_segment_fails_with_the_repair(location: Path) -> None:
    segment = next(current_generation(location).glob("*.seg"))
    os.truncate(segment, 1000)
    code, output = run("check", "--index", str(location))
    assert code == 1
    assert "  FAIL  cannot read gen-000001: " in output and output.endswith(REPAIR)


def test_a_manifest_that_disagrees_with_the_index_fails(location: Path) -> None:
    path = current_generation(location) / MANIFEST_FILE
    manifest = json.loads(path.read_text())
    manifest["files"][RELEASE]["elements"] = {"section": 1}
    path.write_text(json.dumps(manifest))
    code, output = run("check", "--index", str(location))
    assert code == 1
    assert f"  FAIL  manifest and index disagree on 1 document: {RELEASE} (" in output


def test_leftovers_and_a_missing_manifest_are_warnings(location: Path) -> None:
    (current_generation(location) / MANIFEST_FILE).unlink()
    (location / "gen-000009").mkdir()
    code, output = run("check", "--index", str(location))
    assert code == 0
    assert "  warn  no manifest (built without one): the next index run rebuilds in full" in output
    assert "  warn  left by interrupted runs: gen-000009 (the next index run removes it)" in output


def test_index_dry_run_and_full_through_the_cli(location: Path, corpus: Path) -> None:
    (corpus / RELEASE).unlink()
    code, output = run("index", "--documents", str(corpus), "--index", str(location), "--dry-run")
    assert code == 0
    assert output.splitlines()[0] == (
        "Dry run, incremental update: 0 added, 0 updated, 1 removed, 5 unchanged, 0 failed."
    )
    assert output.splitlines()[1].endswith("; nothing was written.")
    code, output = run("index", "--documents", str(corpus), "--index", str(location), "--full")
    assert code == 0
    assert output.splitlines()[0] == (
        "Full rebuild (requested with --full): "
        "0 added, 0 updated, 1 removed, 5 unchanged, 0 failed."
    )
    assert output.splitlines()[1].endswith(f"into {location} (gen-000002).")


def test_file_limits_come_from_options_or_the_environment(corpus: Path, tmp_path: Path) -> None:
    big = corpus / "big.txt"
    big.write_text("Big notes\n\n" + "Caseloads are high.\n\n" * 4_000)
    code, output = run(
        "index",
        "--documents",
        str(corpus),
        "--index",
        str(tmp_path / "a"),
        "--max-file-size",
        "64K",
    )
    assert code == 0
    assert (
        f"  {big}: too large: 84,011 bytes, over the limit of 65,536 bytes" in output.splitlines()
    )
    code, output = run(
        "index",
        "--documents",
        str(corpus),
        "--index",
        str(tmp_path / "b"),
        REPORTSEARCH_MAX_FILE_SIZE="1M",
        REPORTSEARCH_MAX_PARSE_SECONDS="30",
    )
    assert code == 0 and "failed:" not in output
    code, output = run("index", "--max-file-size", "lots", "--index", str(tmp_path / "c"))
    assert code == 2 and "'lots' is not a size such as 20M or 500000" in output
    code, output = run("index", "--max-parse-seconds", "0", "--index", str(tmp_path / "c"))
    assert code == 2 and "--max-parse-seconds" in output


def test_decoding_repairs_are_reported(corpus: Path, tmp_path: Path) -> None:
    (corpus / "odd.txt").write_bytes(
        "Notes\n\nA bidi \u202eoverride and a bell \x07 in caseloads.\n".encode()
    )
    code, output = run("index", "--documents", str(corpus), "--index", str(tmp_path / "ix"))
    assert code == 0
    assert output.splitlines()[-2:] == [
        "1 file needed decoding repairs:",
        f"  {corpus / 'odd.txt'}: 2 control or bidi characters removed",
    ]
