"""`reportsearch serve`: the web app under waitress, added to the indexer's command group.

It lives in `web` because only the web package may import Flask; the console script is this
module's `main`, which is the indexer's click group with `serve` added.
"""

from __future__ import annotations

from pathlib import Path

import click

from indexer.cli import index_option, main
from indexer.errors import IndexUnavailableError
from indexer.store import current_generation

ENV_HOST = "REPORTSEARCH_HOST"
ENV_PORT = "REPORTSEARCH_PORT"
ENV_THREADS = "REPORTSEARCH_THREADS"
ENV_PROCESSES = "REPORTSEARCH_PROCESSES"


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, envvar=ENV_HOST, show_envvar=True)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    envvar=ENV_PORT,
    show_envvar=True,
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    envvar=ENV_THREADS,
    show_envvar=True,
    help="Worker threads per process; each keeps its own searcher open.",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    envvar=ENV_PROCESSES,
    show_envvar=True,
    help="Server processes sharing the port (one per core uses them all).",
)
@index_option
def serve(host: str, port: int, threads: int, processes: int, index_dir: Path) -> None:
    """Serve the search pages and the JSON API with waitress (a production WSGI server)."""
    try:
        current_generation(index_dir)
    except IndexUnavailableError as error:
        click.echo(f"Warning: {error}; pages answer 503 until `reportsearch index` builds it.")
    # Imported here, not at the top: the other commands start without the web stack.
    from web.server import ServeError
    from web.server import serve as run_server

    workers = (
        f"{processes} processes × {threads} threads" if processes > 1 else f"{threads} threads"
    )
    click.echo(f"Serving http://{host}:{port}/ from {index_dir} with {workers} (Ctrl-C stops).")
    try:
        run_server({"INDEX": index_dir}, host, port, threads, processes, announce=click.echo)
    except ServeError as error:
        raise click.ClickException(str(error)) from None


__all__ = ["main", "serve"]
