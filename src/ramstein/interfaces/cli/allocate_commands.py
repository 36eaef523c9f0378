"""`ramstein allocate`: match offers to needs. The plain interchange form reads CSV files and needs no
database, so other tools and auditors can check the optimiser; `allocate_files` is that path on its own,
for a database-backed form of the same command to branch to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ramstein.adapters.importers.allocation_csv import read_locks, read_needs, read_offers
from ramstein.adapters.importers.catalogue import ShippedCatalogue
from ramstein.adapters.solvers import solve
from ramstein.domain.allocation import Problem, Result
from ramstein.domain.errors import InvalidInput
from ramstein.interfaces.cli.output import print_json, stdout


def register(app: typer.Typer) -> None:
    app.command("allocate")(allocate)


def allocate(
    needs: Annotated[
        Path | None, typer.Option("--needs", dir_okay=False, help="needs.csv: id,item,quantity,priority,needed_by.")
    ] = None,
    offers: Annotated[
        Path | None, typer.Option("--offers", dir_okay=False, help="offers.csv: id,donor,item,quantity,available_on.")
    ] = None,
    locks: Annotated[
        Path | None, typer.Option("--locks", dir_okay=False, help="locks.csv: offer,need,quantity.")
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option("--time-limit", help="Seconds; parts not reached are filled greedily.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")] = False,
) -> None:
    """Assign offers to needs for the greatest priority-weighted, on-time coverage, and say why each open
    need is unmet. With `--needs` and `--offers` it works on plain CSV files, without a database."""
    if needs is None or offers is None:
        raise InvalidInput(
            "give both --needs and --offers",
            hint="e.g. `ramstein allocate --needs needs.csv --offers offers.csv --json`; see docs/allocation.md.",
        )
    allocate_files(needs, offers, locks, as_json=as_json, time_limit=time_limit)


def allocate_files(
    needs: Path, offers: Path, locks: Path | None, *, as_json: bool, time_limit: float | None = None
) -> Result:
    """Read the three files (each rejected whole on any problem), solve, print; returns the result."""
    result = solve(interchange_problem(needs, offers, locks), time_limit=time_limit)
    if as_json:
        print_json(result_json(result))
    else:
        _print(result)
    return result


def interchange_problem(needs: Path, offers: Path, locks: Path | None) -> Problem:
    """The problem of the interchange files: equal items are compatible, and the shipped catalogue adds its
    families' substitutions for the items it knows (any other item is matched only to itself)."""
    substitutes = ShippedCatalogue().load().substitutes()
    return Problem(read_needs(needs), read_offers(offers), substitutes, read_locks(locks) if locks else ())


def result_json(result: Result) -> dict[str, Any]:
    """The interchange JSON: status, objective, bound, message, assignments, shortfalls."""
    return {
        "status": result.status.value,
        "objective": round(result.objective, 9),
        "bound": round(result.bound, 9),
        "message": result.message,
        "assignments": [
            {"offer": a.offer, "need": a.need, "quantity": a.quantity, "days_late": a.days_late, "locked": a.locked}
            for a in result.assignments
        ],
        "shortfalls": [
            {"need": s.need, "quantity": s.quantity, "reason": s.reason.value, "detail": s.detail}
            for s in result.shortfalls
        ],
    }


def _print(result: Result) -> None:
    stdout.print(f"status: {result.status.value}  objective: {result.objective:,.4f}  bound: {result.bound:,.4f}")
    if result.message:
        stdout.print(result.message)
    if result.assignments:
        table = Table("offer", "need", "quantity", "days late", "locked", title="assignments")
        for a in result.assignments:
            table.add_row(a.offer, a.need, str(a.quantity), str(a.days_late), "yes" if a.locked else "")
        stdout.print(table)
    if result.shortfalls:
        table = Table("need", "open", "reason", "detail", title="unmet")
        for s in result.shortfalls:
            table.add_row(s.need, str(s.quantity), s.reason.value, s.detail)
        stdout.print(table)
