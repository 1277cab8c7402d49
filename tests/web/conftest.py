"""Web fixtures: the app over a real index of the bundled corpus and over hostile documents,
served by the real WSGI server (waitress) to Debian's Chromium driven by Playwright.

The browser tests must run wherever the suite runs: `make test` installs chromium first
(`scripts/ensure-chromium.sh`), so a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import waitress
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser, Page, sync_playwright

from indexer.model import Document, ElementKind, SourceType
from indexer.pipeline import index_corpus
from indexer.whoosh.store import build_index
from tests.conftest import SEED_DOCUMENTS, make_document
from web import create_app

PAYLOAD = '<script>alert("xss")</script>'
IMG_PAYLOAD = '<img src=x onerror="alert(2)">'


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index of the six bundled documents."""
    location = tmp_path_factory.mktemp("web-seed") / "index"
    report = index_corpus(SEED_DOCUMENTS, location)
    assert report.stats.documents == 6 and not report.failures
    return location


@pytest.fixture(scope="session")
def app(seed_index: Path) -> Flask:
    """The app over the seed index, as `create_app` builds it for `reportsearch serve`."""
    return create_app({"INDEX": seed_index, "TESTING": True})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    """A test client of the seed app."""
    return app.test_client()


def hostile_documents() -> list[Document]:
    """Documents whose every field carries HTML or a script: titles, text, facet values, URLs."""
    post = make_document(
        "hostile/<b>post</b>.html",
        f"Caseloads {PAYLOAD} and more",
        "2017-02-01",
        [
            (ElementKind.SECTION, f"Caseloads text with {PAYLOAD} and {IMG_PAYLOAD} inside.", {}),
            (
                ElementKind.FINDING,
                "Caseloads were high </p><p onclick=alert(3)>.",
                {"group": "<i>CRC</i>", "heading": f"Findings {PAYLOAD}", "organisations": ["CRC"]},
            ),
            (ElementKind.QUOTE, "Caseloads matter, she said.", {"speaker": IMG_PAYLOAD}),
            (
                ElementKind.COMMENT,
                "Caseloads <a href='javascript:alert(4)'>click</a>",
                {"comment_path": "1", "author": PAYLOAD, "date": "2017-02-02T10:00:00"},
            ),
        ],
        site=f"Site {IMG_PAYLOAD}",
        url="javascript:alert(5)",
        author=PAYLOAD,
        source_type=SourceType.BLOG_POST,
        organisations=["CRC", f"Org {PAYLOAD}"],
        regions=[f"Region {IMG_PAYLOAD}"],
        people=[PAYLOAD],
    )
    return [post]


@pytest.fixture(scope="session")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """The app over an index of `hostile_documents`."""
    location = tmp_path_factory.mktemp("web-hostile") / "index"
    build_index(hostile_documents(), location)
    return create_app({"INDEX": location, "TESTING": True})


CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # this machine has no network: no phoning home
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Return Debian's chromium, or fail saying how to install it."""
    path = os.environ.get("REPORTSEARCH_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("chromium is not installed: run `bash scripts/ensure-chromium.sh`")
    return path


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve `app` with waitress on a free port in a thread; yield the base URL; stop cleanly.

    The server is closed from inside its own loop (through waitress's trigger): closing its
    sockets from this thread while the loop polls them raises EBADF in the loop thread.
    """
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:

        def close_all() -> None:
            for channel in list(server._map.values()):  # type: ignore[union-attr]
                channel.close()

        server.trigger.pull_trigger(close_all)  # type: ignore[union-attr]
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()  # type: ignore[union-attr]
        assert not thread.is_alive(), "waitress did not stop"


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """Serve the seed app with waitress on a free port; yield its base URL."""
    with serving(app) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """A headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-sized page whose console errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors
