"""`ramstein needs`: Ukraine's requirement list, each line with how far it has come."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.adapters.importers.table_files import read_table, write_table
from ramstein.domain.coordination.requirements import Decision, Requirement
from ramstein.interfaces.cli.coordination_options import FileArg, JsonFlag, parsed
from ramstein.interfaces.cli.output import print_json, stdout
from ramstein.services import coordination_access as coordination
from ramstein.services import needs
from ramstein.services.coordination_forms import (
    NEED_COLUMNS,
    NEED_PROGRESS_COLUMNS,
    NEED_REQUIRED,
    as_text,
    parse_requirement,
    progress_fields,
    requirement_fields,
)
from ramstein.services.guard import Caller

needs_app = typer.Typer(
    help="Ukraine's requirement list: propose, approve, withdraw, list, show, import, export.", no_args_is_help=True
)
INVENTED = "[bold yellow]Lines marked INVENTED come from the illustrative data set: not real needs.[/]"


def register(app: typer.Typer) -> None:
    app.add_typer(needs_app, name="needs")


@needs_app.command("add")
def needs_add(
    item: Annotated[str, typer.Option(help="A catalogue item code (`ramstein catalogue list`).")],
    quantity: Annotated[str, typer.Option(help="How many (positive whole number); packages: how many packages.")],
    priority: Annotated[int, typer.Option(help="1 (low) to 5 (high).")],
    needed_by: Annotated[str, typer.Option(help="YYYY-MM-DD; not in the past.")],
    intended_use: Annotated[
        str, typer.Option(help="e.g. strikes-deep-inside-russia; checked against restrictions.")
    ] = "",
    crew_for: Annotated[
        str, typer.Option(help="Training seats: the requirement whose equipment the crews operate.")
    ] = "",
    package: Annotated[bool, typer.Option(help="ITEM is a platform: propose complete packages of it.")] = False,
    note: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Propose a requirement line (Ukraine); the coordinator approves it before it is matched."""
    app = bootstrap.build()
    catalogue = app.catalogue()
    fields = {"item": item, "quantity": quantity, "priority": str(priority), "needed_by": needed_by,
              "intended_use": intended_use, "crew_for": crew_for, "note": note}  # fmt: skip
    line = parsed(parse_requirement(fields, catalogue, today=app.clock().date()))
    if package:
        done = coordination.propose_package(app.uow, Caller(app.actor), catalogue, line, app.clock)
    else:
        done = coordination.propose(app.uow, Caller(app.actor), [line], app.clock)
    _print_lines(done, as_json, "Proposed")


@needs_app.command("approve")
def needs_approve(
    ids: Annotated[list[str], typer.Argument(help="Requirement ids, e.g. R1 R2.")], as_json: JsonFlag = False
) -> None:
    """Approve proposed lines (the coordinator): only approved lines are matched."""
    app = bootstrap.build()
    done = coordination.decide(app.uow, Caller(app.actor), ids, Decision.APPROVED, app.clock)
    _print_lines(done, as_json, "Approved")


@needs_app.command("withdraw")
def needs_withdraw(
    ids: Annotated[list[str], typer.Argument(help="Requirement ids.")],
    reason: Annotated[str, typer.Option(help="Why; kept with the decision.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Withdraw lines; what was committed to them stays committed."""
    app = bootstrap.build()
    done = coordination.decide(app.uow, Caller(app.actor), ids, Decision.WITHDRAWN, app.clock, reason)
    _print_lines(done, as_json, "Withdrawn")


@needs_app.command("list")
def needs_list(as_json: JsonFlag = False) -> None:
    """Every line with its status, what is committed (by which donors), delivered and still open, and why."""
    found = needs.progress(bootstrap.build().uow)
    if as_json:
        print_json([{**requirement_fields(p.requirement), **progress_fields(p), "by_donor": p.by_donor}
                    for p in found])  # fmt: skip
        return
    table = Table("id", "item", "qty", "prio", "needed by", "use", "status", "committed", "delivered", "open", "by",
                  "why open")  # fmt: skip
    for p in found:
        r = p.requirement
        donors = ", ".join(f"{d} {q:,}" for d, q in sorted(p.by_donor.items()))
        table.add_row(r.id, r.item, f"{r.quantity:,}", str(r.priority), r.needed_by.isoformat(), r.intended_use or "",
                      p.status, f"{p.committed:,}", f"{p.delivered:,}", f"{p.open:,}", donors,
                      p.why_open.split(":")[0])  # fmt: skip
    stdout.print(table)
    if any("INVENTED" in p.requirement.note for p in found):
        stdout.print(INVENTED)


@needs_app.command("show")
def needs_show(id_: Annotated[str, typer.Argument(metavar="ID", help="A requirement id, e.g. R3.")],
               as_json: JsonFlag = False) -> None:  # fmt: skip
    """One line in full: its decisions (who, when), what each accepted round committed from which donor,
    what was delivered, what is still open and why."""
    view = needs.line(bootstrap.build().uow, id_)
    if as_json:
        print_json(view)
        return
    _print_line(view)


def _print_line(view: needs.LineView) -> None:
    p, r = view.progress, view.progress.requirement
    stdout.print(f"[bold]{r.id}[/] {r.quantity:,} x {r.item} ({r.capability}), priority {r.priority}, needed by "
                 f"{r.needed_by}" + (f", for {r.intended_use}" if r.intended_use else ""))  # fmt: skip
    stdout.print(f"status {p.status}: committed {p.committed:,}, delivered {p.delivered:,}, open {p.open:,}")
    if p.why_open:
        stdout.print(f"why open: {p.why_open}")
    decisions = Table("decision", "by", "at", "note", title="Decisions")
    for e in view.events:
        decisions.add_row(e.decision, e.by, f"{e.at:%Y-%m-%d %H:%M}", e.note)
    stdout.print(decisions)
    committed = Table("offer", "donor", "item", "rounds", "committed", "delivered", title="Commitments")
    for c in view.commitments:
        committed.add_row(c.offer, c.donor, c.item, ", ".join(map(str, c.rounds)), f"{c.quantity:,}",
                          f"{c.delivered:,}")  # fmt: skip
    stdout.print(committed)
    if "INVENTED" in r.note:
        stdout.print(INVENTED)


@needs_app.command("import")
def needs_import(file: FileArg, as_json: JsonFlag = False) -> None:
    """Propose a whole list, all rows or none; a bad row rejects the file with every problem listed.

    Columns: item, quantity, priority, needed_by; optional id, capability, intended_use, crew_for, note
    (an export's status, committed, delivered, open, committed_by and why_open are read over: derived)."""
    app = bootstrap.build()
    rows, issues = read_table(file, (*NEED_COLUMNS, *NEED_PROGRESS_COLUMNS), NEED_REQUIRED)
    done = coordination.import_needs(app.uow, Caller(app.actor), app.catalogue(), file.name, rows, issues, app.clock)
    _print_lines(done, as_json, "Proposed")


@needs_app.command("export")
def needs_export(file: FileArg) -> None:
    """Write the requirement list as CSV or XLSX (by the file's extension), in the import's columns plus each
    line's status, committed, delivered, open, committed_by (donor and quantity) and why_open."""
    found = needs.progress(bootstrap.build().uow)
    rows = [as_text({**requirement_fields(p.requirement), **progress_fields(p)}) for p in found]
    write_table(file, (*NEED_COLUMNS, *NEED_PROGRESS_COLUMNS), rows)
    stdout.print(f"Wrote {len(rows)} requirement(s) to {file}")


def _print_lines(lines: list[Requirement], as_json: bool, verb: str) -> None:
    if as_json:
        print_json([requirement_fields(r) for r in lines])
        return
    for r in lines:
        stdout.print(f"{verb} {r.id}: {r.quantity:,} x {r.item}, priority {r.priority}, needed by {r.needed_by}")
