"""The words the CLI prints after indexing and checking: plain text from the reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from indexer.checking import CheckReport
from indexer.pipeline import IndexReport
from indexer.wording import plural


def describe_index_report(report: IndexReport, index_dir: Path | str) -> str:
    """Return the summary of one index run: the changes, the result, failures, decoding notes."""
    changes = report.changes
    counts = (
        f"{len(changes.added)} added, {len(changes.updated)} updated, "
        f"{len(changes.removed)} removed, {len(changes.unchanged)} unchanged, "
        f"{len(report.failures)} failed."
    )
    mode = "incremental update" if report.full_reason is None else "full rebuild"
    if report.full_reason is not None:
        mode += f" ({report.full_reason})"
    lines = [
        f"Dry run, {mode}: {counts}" if report.dry_run else f"{mode[0].upper()}{mode[1:]}: {counts}"
    ]
    held = f"{plural(report.documents, 'document')}, {_elements(report.elements_by_kind)}"
    if report.dry_run:
        lines.append(f"Would index {held} into {index_dir}; nothing was written.")
    elif report.published is not None:
        lines.append(f"Indexed {held} into {index_dir} ({report.published}).")
    elif report.documents:
        lines.append(f"Nothing to do: {index_dir} is up to date with {held}.")
    if report.failures:
        lines.append(f"{plural(len(report.failures), 'file')} failed:")
        failures = sorted(report.failures, key=lambda f: f.path)
        lines.extend(f"  {failure.path}: {failure.reason}" for failure in failures)
    if report.decoding_notes:
        lines.append(f"{plural(len(report.decoding_notes), 'file')} needed decoding repairs:")
        lines.extend(f"  {path}: {notes}" for path, notes in sorted(report.decoding_notes))
    return "\n".join(lines)


def _elements(kinds: Counter[str]) -> str:
    listed = ", ".join(plural(n, kind) for kind, n in sorted(kinds.items()))
    return f"{plural(sum(kinds.values()), 'element')} ({listed})" if listed else "0 elements"


def describe_check_report(report: CheckReport) -> str:
    """Return one line per finding, then the verdict."""
    lines = [f"Checking the index at {report.location}"]
    lines.extend(f"  {finding.level.value:<4}  {finding.text}" for finding in report.findings)
    if report.healthy:
        lines.append("The index is healthy.")
    return "\n".join(lines)
