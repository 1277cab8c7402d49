"""Query and ingestion limits are configurable: `name=value` overrides for the CLI and the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.limits import DEFAULT_INGEST_LIMITS, DEFAULT_LIMITS, IngestLimits, with_overrides
from web import create_app
from web.config import ConfigError


def test_overrides_change_only_what_they_name() -> None:
    limits = with_overrides(DEFAULT_LIMITS, "max_terms=64, time_budget_ms=3_000")
    assert (limits.max_terms, limits.time_budget_ms) == (64, 3000)
    assert limits.max_depth == DEFAULT_LIMITS.max_depth
    assert with_overrides(DEFAULT_INGEST_LIMITS, "max_parse_seconds=0.5") == IngestLimits(
        max_parse_seconds=0.5
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max_words=3", "unknown limit 'max_words'; limits are: max_chars, "),
        ("max_terms=many", "max_terms must be a number, not 'many'"),
        ("max_terms=0", "QueryLimits.max_terms must be a positive integer, not 0"),
    ],
)
def test_bad_overrides_name_the_setting(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        with_overrides(DEFAULT_LIMITS, text)


def test_the_cli_takes_query_limits_from_an_option_or_the_environment(small_index: Path) -> None:
    runner = CliRunner()
    args = ["search", "caseloads probation officers", "--index", str(small_index)]
    result = runner.invoke(main, [*args, "--query-limits", "max_terms=2"])
    assert result.exit_code == 2
    assert "The query has 3 terms; the limit is 2." in result.stderr
    result = runner.invoke(main, args, env={"REPORTSEARCH_QUERY_LIMITS": "max_terms=2"})
    assert result.exit_code == 2 and "the limit is 2" in result.stderr
    result = runner.invoke(main, [*args, "--query-limits", "max_words=2"])
    assert result.exit_code == 2 and "unknown limit 'max_words'" in result.stderr
    assert runner.invoke(main, args).exit_code == 0


def test_the_web_app_takes_query_limits_from_its_settings(small_index: Path) -> None:
    app = create_app({"INDEX": small_index, "QUERY_LIMITS": "max_terms=2"})
    response = app.test_client().get("/api/search?q=caseloads probation officers")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "The query has 3 terms; the limit is 2."
    with pytest.raises(ConfigError, match="QUERY_LIMITS: unknown limit 'max_words'"):
        create_app({"INDEX": small_index, "QUERY_LIMITS": "max_words=2"})
