"""How the CLI speaks: Rich tables on stdout, one-line errors with a hint on stderr, JSON on request.

Exit codes mean something (docs/cli.md lists them): scripts can tell bad input from a missing record,
a duplicate, a missing exchange rate or a broken ledger without parsing text.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ramstein.domain import errors
from ramstein.domain.issues import DataIssue
from ramstein.interfaces.errors import error_body
from ramstein.interfaces.jsonable import to_jsonable as to_jsonable  # re-exported: commands import it from here

# Piped or logged output has no terminal width; 80 columns would fold every table, so assume a wide page.
_WIDTH = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 140
stdout = Console(highlight=False, width=_WIDTH)
stderr = Console(stderr=True, highlight=False, width=_WIDTH)

EXIT_CODES: dict[type[errors.RamsteinError], int] = {
    errors.RejectedImport: 4,
    errors.InvalidInput: 3,
    errors.NotFound: 5,
    errors.Conflict: 6,
    errors.RateUnavailable: 7,
    errors.IntegrityError: 8,
    errors.Forbidden: 10,
    errors.Unauthenticated: 11,
    errors.Throttled: 12,
}
DATABASE_UNAVAILABLE = 9
MAX_LISTED_ISSUES = 50


def exit_code(error: errors.RamsteinError) -> int:
    for kind in type(error).__mro__:
        if kind in EXIT_CODES:
            return EXIT_CODES[kind]
    return 1


def report_error(error: errors.RamsteinError, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(error_body(error), ensure_ascii=False, indent=2))
    stderr.print(f"[bold red]error:[/] {error.message}", soft_wrap=True)
    if isinstance(error, errors.RejectedImport):
        print_issues(error.issues)
    if error.hint:
        stderr.print(f"[bold]what to do:[/] {error.hint}", soft_wrap=True)


def print_issues(issues: Sequence[DataIssue]) -> None:
    for issue in issues[:MAX_LISTED_ISSUES]:
        stderr.print(f"  - {issue}", soft_wrap=True, markup=False)
    if len(issues) > MAX_LISTED_ISSUES:
        stderr.print(f"  ... and {len(issues) - MAX_LISTED_ISSUES} more")


def print_json(value: Any) -> None:
    print(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def number(value: Decimal | None, locale: str, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    pattern = f"#,##0.{'0' * digits}" if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=locale)


def billions(value: Decimal | None, locale: str) -> str:
    return number(value / 10**9 if value is not None else None, locale)


@contextmanager
def progress(description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr (so stdout stays clean for --json), fed by a service's callback."""
    columns = (TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def option_date(name: str, text: str | None) -> date | None:
    """A YYYY-MM-DD option value, or a clear error naming the option."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise errors.InvalidInput(
            f"--{name} {text!r} is not a date", hint="write YYYY-MM-DD, e.g. 2024-07-10."
        ) from None
