"""`reportsearch serve`: the web app under waitress, added to the indexer's command group.

It lives in `web` because only the web package may import Flask; the console script is this
module's `main`, which is the indexer's click group with `serve` added.
"""

from __future__ import annotations

from pathlib import Path

import click
import waitress

from indexer.cli import index_option, main
from indexer.errors import IndexUnavailableError
from indexer.store import current_generation
from web.app import create_app

ENV_HOST = "REPORTSEARCH_HOST"
ENV_PORT = "REPORTSEARCH_PORT"
ENV_THREADS = "REPORTSEARCH_THREADS"


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
    help="Worker threads; each keeps its own searcher open.",
)
@index_option
def serve(host: str, port: int, threads: int, index_dir: Path) -> None:
    """Serve the search pages and the JSON API with waitress (a production WSGI server)."""
    try:
        current_generation(index_dir)
    except IndexUnavailableError as error:
        click.echo(f"Warning: {error}; pages answer 503 until `reportsearch index` builds it.")
    app = create_app({"INDEX": index_dir})
    click.echo(f"Serving http://{host}:{port}/ from the index at {index_dir} (Ctrl-C stops).")
    waitress.serve(app, host=host, port=port, threads=threads, ident="reportsearch")


__all__ = ["main", "serve"]
