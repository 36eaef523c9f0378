"""The `ramstein` command: the root app, its sub-commands, and the one place errors become exit codes."""

from __future__ import annotations

import sys

import sqlalchemy.exc
import typer

from ramstein.domain.errors import RamsteinError
from ramstein.interfaces.cli import (
    allocate_commands,
    backup_commands,
    catalogue_commands,
    coordination_commands,
    forecast_commands,
    industry_commands,
    ledger_commands,
    reference_commands,
    report_commands,
    rounds_commands,
    setup_commands,
    sources_commands,
    supply_commands,
    users_commands,
)
from ramstein.interfaces.cli.output import DATABASE_UNAVAILABLE, exit_code, report_error, stderr

app = typer.Typer(
    name="ramstein",
    help="Coordinate long-term, fairly shared military support for Ukraine: the ledger of pledges, "
    "commitments and deliveries and the reference data behind it; fair shares of the annual floor "
    "(`report burden`); Ukraine's needs matched to donors' offers and training seats (`needs`, `offers`, "
    "`rounds`, `accept`); pledged amounts read from news and statements into drafts for review (`sources`); "
    "the industrial base and what-if scenarios (`stock`, `production`, `forecast`, `scenario`).\n\n"
    "Start with `ramstein init`, then `ramstein overview` and `ramstein report burden --period 2024`. "
    "The database is RAMSTEIN_DATABASE_URL (default: sqlite:///ramstein.db in the working directory).",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
setup_commands.register(app)
backup_commands.register(setup_commands.db_app)
ledger_commands.register(app)
reference_commands.register(app)
report_commands.register(app)
coordination_commands.register(app)
supply_commands.register(app)
catalogue_commands.register(app)
rounds_commands.register(app)
allocate_commands.register(app)
users_commands.register(app)
sources_commands.register(app)
industry_commands.register(app)
forecast_commands.register(app)


def main() -> None:
    """Run the CLI; every ramstein error ends with its message, a hint and a meaningful exit code."""
    try:
        app()
    except RamsteinError as error:
        report_error(error, as_json="--json" in sys.argv)
        sys.exit(exit_code(error))
    except sqlalchemy.exc.OperationalError as error:
        stderr.print(f"[bold red]error:[/] the database cannot be used: {error.orig}", soft_wrap=True)
        stderr.print(
            "[bold]what to do:[/] check RAMSTEIN_DATABASE_URL and that the server is running; "
            "run `ramstein init` to create a new database.",
            soft_wrap=True,
        )
        sys.exit(DATABASE_UNAVAILABLE)
