"""The documentation stays true: every command has help, and the README names every command."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from web.cli import main  # the console script: the indexer's commands plus `serve`

REPO = Path(__file__).resolve().parent.parent

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and command in result.output
    assert main.commands[command].help, f"{command} has no docstring"


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_every_command(command: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"reportsearch {command}" in readme


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.strip().splitlines()]
    assert commands == ["make run", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_search_filter_option_is_a_facet() -> None:
    from indexer.cli import FILTER_OPTIONS
    from indexer.fields import FACETS as FACET_FIELDS

    search = main.commands["search"]
    assert isinstance(search, click.Command)
    option_dests = {p.name for p in search.params}
    assert set(FILTER_OPTIONS) == set(FACET_FIELDS) <= option_dests


def test_web_filter_parameters_are_the_cli_filter_options() -> None:
    from indexer.cli import FILTER_OPTIONS
    from web.params import FILTER_PARAMS

    search = main.commands["search"]
    flags = {p.name: p.opts[0].lstrip("-") for p in search.params if isinstance(p, click.Option)}
    assert {facet: flags[facet] for facet in FILTER_OPTIONS} == dict(FILTER_PARAMS)


def test_console_script_is_the_group_with_serve() -> None:
    setup = (REPO / "setup.cfg").read_text(encoding="utf-8")
    assert "reportsearch = web.cli:main" in setup
    assert {"index", "parse", "search", "serve", "similar"} <= set(main.commands)


def test_readme_parse_example_is_what_parse_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(REPO)  # the example's source_path is relative, as a user in the repo sees it
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("### `parse --json`", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    example = json.loads(block.replace("…", ""))
    result = CliRunner().invoke(main, ["parse", f"documents/{example['id']}", "--json"])
    parsed = json.loads(result.stdout)
    assert {k: v for k, v in parsed.items() if k != "elements"} == {
        k: v for k, v in example.items() if k != "elements"
    }
    shown = example["elements"][0]
    actual = parsed["elements"][shown["position"]]
    assert actual["text"].startswith(shown.pop("text").strip())
    assert {k: actual[k] for k in shown} == shown
