"""The `reportsearch` command line: a thin click layer over parse, pipeline and search.

The only module that imports click and the only place (with the web app's config) that
reads environment variables. Every command that touches an index takes the backend options
(`--backend`, `--index`, `--nodes`, `--api-key`, `--collection`) and opens the engine
through `indexer.backend`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import click

from indexer.backend import (
    DEFAULT_COLLECTION,
    BackendSettings,
    SearchBackend,
    engines,
    open_backend,
    open_store,
)
from indexer.entities import Gazetteer, load_gazetteer
from indexer.errors import (
    BackendUnavailableError,
    ConfigurationError,
    GazetteerError,
    IndexUnavailableError,
    IndexWriteError,
    QueryError,
    ReindexBusyError,
    SourceError,
)
from indexer.exports import (
    EXPORT_FORMATS,
    EXPORT_LIMIT,
    csv_lines,
    json_lines,
    jsonl_lines,
    start_export,
)
from indexer.fields import FACETS
from indexer.highlight import plain_snippet
from indexer.inspections import link_inspections
from indexer.limits import (
    DEFAULT_INGEST_LIMITS,
    DEFAULT_LIMITS,
    IngestLimits,
    QueryLimits,
    with_overrides,
)
from indexer.model import Document, ElementKind
from indexer.outline import describe_outline
from indexer.parse import parse_source
from indexer.pipeline import index_corpus
from indexer.results import Hit, SearchRequest, SearchResults, SortOrder
from indexer.sources import document_id, read_source
from indexer.summaries import describe_check_report, describe_index_report
from indexer.wording import plural

ENV_INDEX = "REPORTSEARCH_INDEX"
ENV_DOCUMENTS = "REPORTSEARCH_DOCUMENTS"
ENV_GAZETTEER = "REPORTSEARCH_GAZETTEER"
ENV_MAX_FILE_SIZE = "REPORTSEARCH_MAX_FILE_SIZE"
ENV_MAX_PARSE_SECONDS = "REPORTSEARCH_MAX_PARSE_SECONDS"
ENV_QUERY_LIMITS = "REPORTSEARCH_QUERY_LIMITS"
ENV_BACKEND = "REPORTSEARCH_BACKEND"
ENV_NODES = "REPORTSEARCH_NODES"
ENV_API_KEY = "REPORTSEARCH_API_KEY"
ENV_COLLECTION = "REPORTSEARCH_COLLECTION"
DEFAULT_INDEX = "var/index"
DEFAULT_DOCUMENTS = "documents"

FILTER_OPTIONS = FACETS
"""The search options that filter by a facet; each is named after its facet."""

index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=ENV_INDEX,
    default=DEFAULT_INDEX,
    show_default=True,
    show_envvar=True,
    help="Folder holding the embedded index (and, for a server backend, the reindex lock).",
)


def backend_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options that choose the search backend and where its index is."""
    options = [
        index_option,
        click.option(
            "--backend",
            type=click.Choice(list(engines())),
            envvar=ENV_BACKEND,
            show_envvar=True,
            help="Search engine [default: the embedded one, which needs no server].",
        ),
        click.option(
            "--nodes",
            envvar=ENV_NODES,
            show_envvar=True,
            help="A server backend's nodes, comma-separated: http://10.0.0.1:8108,….",
        ),
        click.option(
            "--api-key", envvar=ENV_API_KEY, show_envvar=True, help="A server backend's API key."
        ),
        click.option(
            "--collection",
            envvar=ENV_COLLECTION,
            default=DEFAULT_COLLECTION,
            show_default=True,
            show_envvar=True,
            help="The name a server backend's searches use (an alias).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def backend_settings(
    options: dict[str, Any], limits: QueryLimits = DEFAULT_LIMITS
) -> BackendSettings:
    """Return the backend settings of a command's options (removing them from `options`)."""
    nodes = options.pop("nodes", None) or ""
    return BackendSettings(
        engine=options.pop("backend", None),
        index=options.pop("index_dir"),
        nodes=tuple(node.strip() for node in nodes.split(",") if node.strip()),
        api_key=options.pop("api_key", None),
        collection=options.pop("collection", DEFAULT_COLLECTION),
        limits=limits,
    )


gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_files",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    multiple=True,
    envvar=ENV_GAZETTEER,
    show_envvar=True,
    help="Extra gazetteer TOML file extending the bundled one (repeatable).",
)


def _gazetteer(files: tuple[Path, ...]) -> Gazetteer:
    try:
        return load_gazetteer(files)
    except GazetteerError as error:
        raise click.ClickException(f"gazetteer {error.path}: {error.reason}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportsearch")
def main() -> None:
    """Search inspection reports and the commentary around them."""


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the parsed document as one JSON object."
)
@gazetteer_option
def parse(file: Path, as_json: bool, gazetteer_files: tuple[Path, ...]) -> None:
    """Show how FILE is parsed into a document and its elements."""
    gazetteer = _gazetteer(gazetteer_files)
    try:
        source = read_source(file, document_id(file, file.parent))
        document = parse_source(source, gazetteer)
    except SourceError as error:
        raise click.ClickException(f"cannot parse {error.path}: {error.reason}") from None
    if as_json:
        click.echo(json.dumps(document.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_describe_document(document, source.notes))


class ByteSize(click.ParamType):
    """A number of bytes, optionally with a K, M or G suffix (powers of 1,024)."""

    name = "size"
    units: ClassVar[dict[str, int]] = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        """Return the size in bytes, or fail with a usage error."""
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("B").removesuffix("I")
        unit = text[-1:] if text[-1:] in "KMG" else ""
        try:
            size = int(float(text.removesuffix(unit)) * self.units[unit])
        except ValueError:
            self.fail(f"{value!r} is not a size such as 20M or 500000", param, ctx)
        if size < 1:
            self.fail(f"{value!r} must be at least one byte", param, ctx)
        return size


class QueryLimitsParam(click.ParamType):
    """Query limits as `name=value` pairs separated by commas, over the defaults."""

    name = "limits"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> QueryLimits:
        """Return the limits, or fail naming the setting that is wrong."""
        if isinstance(value, QueryLimits):
            return value
        try:
            return with_overrides(DEFAULT_LIMITS, str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


@main.command()
@click.option(
    "--documents",
    "documents_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=ENV_DOCUMENTS,
    default=DEFAULT_DOCUMENTS,
    show_default=True,
    show_envvar=True,
    help="Folder of documents to index.",
)
@backend_options
@gazetteer_option
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating what changed.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option(
    "--max-file-size",
    type=ByteSize(),
    envvar=ENV_MAX_FILE_SIZE,
    default=DEFAULT_INGEST_LIMITS.max_file_bytes,
    show_default=True,
    show_envvar=True,
    help="Skip larger files as too large (bytes; K, M, G suffixes).",
)
@click.option(
    "--max-parse-seconds",
    type=click.FloatRange(min=0, min_open=True),
    envvar=ENV_MAX_PARSE_SECONDS,
    default=DEFAULT_INGEST_LIMITS.max_parse_seconds,
    show_default=True,
    show_envvar=True,
    help="Skip files whose parsing takes longer as too complex.",
)
@click.option(
    "--procs",
    type=click.IntRange(1, 16),
    help="Writer processes for a full rebuild [default: 2 for corpora over 1 MB, else 1].",
)
def index(documents_dir: Path, gazetteer_files: tuple[Path, ...], **options: Any) -> None:
    """Update the index from the files under --documents (only what changed, unless --full).

    The index being served stays untouched until the new one is complete; a second index
    run on the same --index exits at once.
    """
    settings = backend_settings(options)
    gazetteer = _gazetteer(gazetteer_files)
    limits = IngestLimits(options["max_file_size"], options["max_parse_seconds"])
    hidden = not sys.stderr.isatty()  # a bar is noise in logs and pipes
    with click.progressbar(length=0, label="Indexing", file=sys.stderr, hidden=hidden) as bar:
        try:
            store = open_store(settings)
            report = index_corpus(
                documents_dir,
                store,
                gazetteer,
                limits,
                full=options["full"],
                dry_run=options["dry_run"],
                procs=options["procs"],
                on_document=lambda _doc: bar.update(1),
                on_plan=lambda total: setattr(bar, "length", total),
                skip=settings.index,
            )
        except SourceError as error:
            raise click.ClickException(f"{error.path}: {error.reason}") from None
        except (ReindexBusyError, IndexWriteError, IndexUnavailableError) as error:
            raise click.ClickException(str(error)) from None
        except ConfigurationError as error:
            raise click.UsageError(_with_hint(error.message, error.hint)) from None
    click.echo(describe_index_report(report, store.location))
    if report.documents == 0:
        raise click.ClickException("nothing was indexed (an index being served is unchanged)")


@main.command()
@backend_options
def check(**options: Any) -> None:
    """Verify the index: what is served, its manifest, test searches; say how to repair it."""
    from indexer.checking import check_index

    try:
        report = check_index(backend_settings(options))
    except ConfigurationError as error:
        raise click.UsageError(_with_hint(error.message, error.hint)) from None
    click.echo(describe_check_report(report))
    if not report.healthy:
        raise click.ClickException(
            "the index is missing or damaged. Repair it with: reportsearch index --full"
        )


@main.command()
@click.argument("query", required=False, default="")
@backend_options
@click.option("--type", "source_type", multiple=True, help="Only this source type (repeatable).")
@click.option(
    "--kind",
    multiple=True,
    help="Only this element kind: section, finding, quote, comment, recommendation, rating.",
)
@click.option("--org", "organisation", multiple=True, help="Only elements about this organisation.")
@click.option("--region", multiple=True, help="Only documents about this region.")
@click.option("--year", multiple=True, help="Only documents of this year.")
@click.option("--speaker", multiple=True, help="Only quotes by this speaker.")
@click.option("--site", multiple=True, help="Only documents from this site.")
@click.option("--rating", multiple=True, help="Only inspection reports with this overall rating.")
@click.option("--from", "date_from", help="Documents dated on or after YYYY[-MM[-DD]].")
@click.option("--to", "date_to", help="Documents dated on or before YYYY[-MM[-DD]].")
@click.option("--sort", type=click.Choice([s.value for s in SortOrder]), default="relevance")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1, 100), default=1, show_default=True)
@click.option(
    "--collapse", is_flag=True, help="One hit per document, with a count of its further hits."
)
@click.option(
    "--time-budget",
    "time_budget_ms",
    type=click.IntRange(1, 60_000),
    help="Milliseconds a search may take before it returns the hits found so far "
    f"[default: {DEFAULT_LIMITS.time_budget_ms}].",
)
@click.option(
    "--query-limits",
    type=QueryLimitsParam(),
    envvar=ENV_QUERY_LIMITS,
    default="",
    show_envvar=True,
    help="Change query limits: NAME=VALUE,… (max_terms=64,max_depth=4; see the README).",
)
@click.option(
    "--inspection",
    help="Only the documents of this inspection (an id such as derbyshire-2016-09).",
)
@click.option("--json", "as_json", is_flag=True, help="Print results as one JSON object.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", *EXPORT_FORMATS]),
    default="text",
    show_default=True,
    help="text or --json: one page. csv, json, jsonl: every hit (up to "
    f"{EXPORT_LIMIT:,}), the same filters and order.",
)
def search(query: str, **options: Any) -> None:
    """Search the index for QUERY and show ranked hits with facet counts.

    QUERY may use "phrases", AND/OR/NOT, (brackets), prefix*, and fields: kind:finding,
    org:CRC, region:derbyshire, speaker:stacey, person:, author:, site:, type:press_release,
    year:2016, date:2016-09..2017-01, title:, heading:.
    """
    filters = {name: tuple(options[name]) for name in FILTER_OPTIONS if options[name]}
    request = SearchRequest(
        query=query,
        filters=filters,
        date_from=options["date_from"],
        date_to=options["date_to"],
        sort=SortOrder(options["sort"]),
        page=options["page"],
        page_size=options["limit"],
        collapse=options["collapse"],
    )
    limits = options["query_limits"]
    if options["time_budget_ms"]:
        limits = replace(limits, time_budget_ms=options["time_budget_ms"])
    settings = backend_settings(options, limits)
    if options["inspection"]:
        request = replace(request, documents=_inspection_documents(settings, options["inspection"]))
    if options["output"] in EXPORT_FORMATS:
        _export(settings, request, options["output"])
        return
    results = _run_search(settings, request)
    if options["as_json"]:
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_describe_results(results))


@main.command()
@click.argument("element_id")
@backend_options
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as one JSON array.")
def similar(element_id: str, limit: int, as_json: bool, **options: Any) -> None:
    """Show the elements most like ELEMENT_ID (e.g. 001_55a1e3615517bc02.txt:25)."""
    service = _search_service(backend_settings(options))
    try:
        hits = service.similar(element_id, limit)
    except IndexUnavailableError as error:
        raise click.ClickException(_unavailable(error)) from None
    except ConfigurationError as error:  # a server refusing the key, found on first use
        raise click.ClickException(_with_hint(error.message, error.hint)) from None
    finally:
        service.close()
    if hits is None:
        raise click.ClickException(f"no element {element_id!r} in the index")
    if as_json:
        click.echo(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_describe_hits(hits, 1)) or "No similar elements.")


def _export(settings: BackendSettings, request: SearchRequest, output: str) -> None:
    """Print every hit of a search as CSV, JSON lines or one JSON object."""
    service = _search_service(settings)
    try:
        try:
            export = start_export(service, request)
        except QueryError as error:
            raise click.UsageError(_with_hint(error.message, error.hint)) from None
        lines = (
            csv_lines(export.hits()) if output == "csv"
            else jsonl_lines(export.hits()) if output == "jsonl"
            else json_lines(export)
        )  # fmt: skip
        for line in lines:
            click.echo(line, nl=False)
        if export.truncated:
            click.echo(
                f"export stopped at {export.limit:,} of {export.total:,} hits: narrow the search",
                err=True,
            )
    except IndexUnavailableError as error:
        raise click.ClickException(_unavailable(error)) from None
    finally:
        service.close()


def _inspection_documents(settings: BackendSettings, wanted: str) -> tuple[str, ...]:
    """Return the documents of the inspection `wanted`, or fail naming the known ones."""
    service = _search_service(settings)
    try:
        inspections = link_inspections(service.catalogue())
    except IndexUnavailableError as error:
        raise click.ClickException(_unavailable(error)) from None
    finally:
        service.close()
    found = next((i for i in inspections if i.id == wanted.strip()), None)
    if found is None:
        known = ", ".join(i.id for i in inspections) or "none"
        raise click.UsageError(f"no inspection {wanted!r}\nHint: The inspections are: {known}.")
    return tuple(found.document_ids)


def _search_service(settings: BackendSettings) -> SearchBackend:
    """Return the search service of the settings' engine, or fail with the reason."""
    try:
        return open_backend(settings)
    except ConfigurationError as error:
        raise click.UsageError(_with_hint(error.message, error.hint)) from None


def _run_search(settings: BackendSettings, request: SearchRequest) -> SearchResults:
    service = _search_service(settings)
    try:
        return service.search(request)
    except QueryError as error:
        raise click.UsageError(_with_hint(error.message, error.hint)) from None
    except IndexUnavailableError as error:
        raise click.ClickException(_unavailable(error)) from None
    except ConfigurationError as error:  # a server refusing the key, found on first use
        raise click.ClickException(_with_hint(error.message, error.hint)) from None
    finally:
        service.close()


def _with_hint(message: str, hint: str | None) -> str:
    return f"{message}\nHint: {hint}" if hint else message


def _unavailable(error: IndexUnavailableError) -> str:
    if isinstance(error, BackendUnavailableError):
        return f"{error}\nIs the search server running? `reportsearch check` says more."
    return f"{error}\nBuild it with: reportsearch index"


def _describe_document(document: Document, notes: tuple[str, ...] = ()) -> str:
    kinds = Counter(e.kind.value for e in document.elements)
    lines = [
        f"{document.id} — {document.title}",
        f"  date: {document.date or '-'} · site: {document.site or '-'} · "
        f"type: {document.source_type.value} · format: {document.format.value}",
        *([f"  url: {document.url}"] if document.url else []),
        *([f"  decoding: {'; '.join(notes)}"] if notes else []),
        f"  organisations: {', '.join(document.organisations) or '-'}",
        f"  regions: {', '.join(document.regions) or '-'}",
        f"  people: {', '.join(document.people) or '-'}",
        f"  {plural(len(document.elements), 'element')}: "
        + ", ".join(plural(n, kind) for kind, n in sorted(kinds.items())),
    ]
    lines += [*describe_outline(document), ""]
    for element in document.elements:
        label = element.group or element.speaker or element.comment_path or ""
        who = f" ({element.author})" if element.author else ""
        who += f" [from {element.quoted_from}]" if element.quoted_from else ""
        text = " ".join(element.text.split())
        page = f" p.{element.page}" if element.page else ""
        number = f"{element.number}. " if element.kind is ElementKind.RECOMMENDATION else ""
        kind = element.kind.value
        lines.append(f"{element.position:>4}{page}  {kind:<8} {label}{who}  {number}{text[:90]}")
    return "\n".join(lines)


def _describe_results(results: SearchResults) -> str:
    query = results.request.query or "everything"
    unit = "document" if results.request.collapse else "hit"
    lines = [f"{plural(results.total, unit)} for {query!r} ({results.elapsed_ms:.0f} ms)"]
    if results.past_end:
        lines.append(
            f"Page {results.request.page} is past the end: the hits fill "
            f"{plural(results.page_count, 'page')}; the last is --page {results.page_count}."
        )
    if results.partial:
        lines.append("Partial results: the search ran out of time; narrow the query.")
    if results.suggestion:
        lines.append(f"Did you mean: {results.suggestion}?")
    first = (results.request.page - 1) * results.request.page_size
    lines += _describe_hits(results.hits, first + 1)
    if results.facets:
        lines += ["", "Facets:"]
        elements = results.faceted_elements or 0
        if elements > results.total:
            why = "hold them" if results.request.collapse else "show each copied text once"
            lines.append(
                f"  (facets count {plural(elements, 'element')}; "
                f"the {plural(results.total, unit)} {why})"
            )
        for name, values in results.facets.items():
            shown = ", ".join(f"{v.value} ({v.count})" for v in values) or "-"
            lines.append(f"  {name}: {shown}")
    return "\n".join(lines)


def _describe_hits(hits: list[Hit], first: int) -> list[str]:
    lines: list[str] = []
    for number, hit in enumerate(hits, start=first):
        who = hit.group or hit.speaker or hit.author
        place = hit.comment_path or (hit.number if hit.kind == "recommendation" else None)
        where = f" {place}" if place else ""
        page = f" · p.{hit.page}" if hit.page else ""
        lines += [
            "",
            f"{number}. [{hit.kind}{where}{' · ' + who if who else ''}] {hit.title}",
            f"   {hit.date or 'undated'} · {hit.site or '-'} · {hit.source_type} · {hit.id}{page}",
            f"   {plain_snippet(hit.snippet)}",
        ]
        if hit.more_in_document:
            lines.append(f"   + {hit.more_in_document} more in this document")
        if hit.also_in:
            lines.append("   also in: " + "; ".join(f"{s.title} ({s.id})" for s in hit.also_in))
    return lines


if __name__ == "__main__":
    main(prog_name="reportsearch")
