"""Every CLI command, setting and exit code is documented: the docs cannot fall behind the code."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from ramstein import bootstrap
from ramstein.config import Settings
from ramstein.interfaces.cli.app import app
from ramstein.interfaces.cli.output import DATABASE_UNAVAILABLE, EXIT_CODES
from ramstein.interfaces.server import create_app
from ramstein.services.ledger import local_actor
from tests.e2e.api.conftest import app_routes

DOCS = Path(__file__).parent.parent / "docs"
CLI_DOC = (DOCS / "cli.md").read_text()


def command_paths(command: object, prefix: str = "ramstein") -> list[str]:
    subcommands = getattr(command, "commands", None)  # a group (Typer ships its own click)
    if subcommands:
        return [p for name, sub in subcommands.items() for p in command_paths(sub, f"{prefix} {name}")]
    return [prefix]


def test_every_command_has_a_section():
    documented = set(re.findall(r"^### `(ramstein[^`]*)`", CLI_DOC, flags=re.MULTILINE))
    commands = set(command_paths(typer.main.get_command(app)))
    assert commands - documented == set(), "commands missing from docs/cli.md"
    assert documented - commands == set(), "docs/cli.md describes commands that do not exist"


def test_every_setting_is_documented():
    for name in Settings.model_fields:
        assert f"`RAMSTEIN_{name.upper()}`" in CLI_DOC


def test_every_exit_code_is_documented():
    for code in [*EXIT_CODES.values(), DATABASE_UNAVAILABLE]:
        assert re.search(rf"^\| {code} \|", CLI_DOC, flags=re.MULTILINE), code


def test_the_readme_test_command_is_what_ci_runs():
    root = DOCS.parent
    assert "make test" in (root / "README.md").read_text()
    assert (root / ".ci" / "run").read_text().strip().splitlines()[-1] == "make test"


def test_every_api_route_and_page_is_documented():
    web = (DOCS / "web.md").read_text()
    container = bootstrap.App(Settings(database_url="sqlite://"), None, local_actor("docs"))  # type: ignore[arg-type]
    routes = sorted(app_routes(create_app(container)), key=lambda route: route[1])
    missing = [f"{m} {p}" for m, p in routes if f"`{m} {p}`" not in web]
    assert missing == [], "API routes and pages missing from docs/web.md"
