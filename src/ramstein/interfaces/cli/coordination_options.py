"""Options and small renderings shared by the coordination commands (needs, offers, courses, restrictions,
catalogue)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from ramstein.domain.errors import InvalidInput
from ramstein.domain.issues import DataIssue
from ramstein.interfaces.cli.output import option_date

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
FileArg = Annotated[Path, typer.Argument(help="A .csv or .xlsx file with a header row.")]
T = TypeVar("T")


def parsed(result: T | list[DataIssue]) -> T:
    """A record parsed from options, or one error naming every option that was wrong."""
    if isinstance(result, list):
        problems = "; ".join(f"--{i.column.replace('_', '-')}: {i.message}" if i.column else i.message for i in result)
        raise InvalidInput(f"nothing was recorded: {problems}", hint="correct the options and run it again.")
    return result


def required_date(name: str, text: str) -> date:
    found = option_date(name, text)
    if found is None:
        raise InvalidInput(f"--{name} is required", hint="write YYYY-MM-DD.")
    return found


def recorded(by: str, at: datetime | None) -> str:
    """Who entered a record and when, for a table cell; records from before the stamp show as not recorded."""
    return f"{by} {at:%Y-%m-%d %H:%M}" if by and at else "(not recorded)"
