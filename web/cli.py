"""`reportsearch serve`: the web app under waitress, added to the indexer's command group.

It lives in `web` because only the web package may import Flask; the console script is this
module's `main`, which is the indexer's click group with `serve` added.
"""

from __future__ import annotations

from typing import Any

import click

from indexer.backend import open_store
from indexer.cli import backend_options, backend_settings, main
from indexer.errors import ConfigurationError, IndexUnavailableError

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
    help="Worker threads per process; each keeps its own searcher open (the embedded "
    "engine's searches take turns, one at a time per process).",
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
@backend_options
def serve(host: str, port: int, threads: int, processes: int, **options: Any) -> None:
    """Serve the search pages and the JSON API with waitress (a production WSGI server)."""
    settings = backend_settings(options)
    try:
        store = open_store(settings)
        if not store.exists():
            click.echo(
                f"Warning: no index has been built at {store.location}; pages answer 503 "
                "until `reportsearch index` builds it."
            )
    except ConfigurationError as error:
        hint = f"\nHint: {error.hint}" if error.hint else ""
        raise click.UsageError(error.message + hint) from None
    except IndexUnavailableError as error:
        click.echo(f"Warning: {error}; pages answer 503 until it is back.")
    # Imported here, not at the top: the other commands start without the web stack.
    from web.server import ServeError
    from web.server import serve as run_server

    workers = (
        f"{processes} processes × {threads} threads" if processes > 1 else f"{threads} threads"
    )
    where = store.location
    click.echo(f"Serving http://{host}:{port}/ from {where} with {workers} (Ctrl-C stops).")
    config = {
        "INDEX": settings.index,
        "BACKEND": settings.engine or "",
        "NODES": ",".join(settings.nodes),
        "API_KEY": settings.api_key or "",
        "COLLECTION": settings.collection,
    }
    try:
        run_server(config, host, port, threads, processes, announce=click.echo)
    except ServeError as error:
        raise click.ClickException(str(error)) from None


__all__ = ["main", "serve"]
