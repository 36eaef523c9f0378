"""`ramstein needs | offers | courses | restrictions`: the registers of the coordination engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.adapters.importers.table_files import read_table, write_table
from ramstein.domain.coordination.offers import Course, DonorOffer
from ramstein.domain.coordination.requirements import Decision, Requirement
from ramstein.domain.coordination.restrictions import EVERY_ITEM, Action, RestrictionChange
from ramstein.domain.errors import InvalidInput
from ramstein.domain.issues import DataIssue
from ramstein.domain.money import money
from ramstein.interfaces.cli.output import option_date, print_json, stdout
from ramstein.services import needs, supply
from ramstein.services.coordination_forms import (
    NEED_COLUMNS,
    NEED_REQUIRED,
    OFFER_COLUMNS,
    OFFER_REQUIRED,
    offer_fields,
    parse_offer,
    parse_requirement,
    requirement_fields,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
FileArg = Annotated[Path, typer.Argument(help="A .csv or .xlsx file with a header row.")]
needs_app = typer.Typer(
    help="Ukraine's requirement list: propose, approve, withdraw, import, export.", no_args_is_help=True
)
offers_app = typer.Typer(help="Donors' offers: add, list, import, export. Unsolicited offers join the pool.",
                         no_args_is_help=True)  # fmt: skip
courses_app = typer.Typer(help="Host nations' training courses: their seats are offers.", no_args_is_help=True)
restrictions_app = typer.Typer(help="End-use restrictions: dated changes, never edited.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(needs_app, name="needs")
    app.add_typer(offers_app, name="offers")
    app.add_typer(courses_app, name="courses")
    app.add_typer(restrictions_app, name="restrictions")


def _parsed(result: Requirement | DonorOffer | list[DataIssue]) -> Requirement | DonorOffer:
    if isinstance(result, list):
        problems = "; ".join(f"--{i.column.replace('_', '-')}: {i.message}" if i.column else i.message for i in result)
        raise InvalidInput(f"nothing was recorded: {problems}", hint="correct the options and run it again.")
    return result


@needs_app.command("add")
def needs_add(
    item: Annotated[str, typer.Option(help="A catalogue item code (`ramstein needs catalogue`).")],
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
    line = _parsed(parse_requirement(fields, catalogue, today=app.clock().date()))
    assert isinstance(line, Requirement)
    if package:
        done = needs.propose_package(app.uow, catalogue, line, line.quantity, actor=app.actor, clock=app.clock)
    else:
        done = needs.propose(app.uow, [line], actor=app.actor, clock=app.clock)
    _print_lines(done, as_json, "Proposed")


@needs_app.command("approve")
def needs_approve(
    ids: Annotated[list[str], typer.Argument(help="Requirement ids, e.g. R1 R2.")], as_json: JsonFlag = False
) -> None:
    """Approve proposed lines (the coordinator): only approved lines are matched."""
    app = bootstrap.build()
    _print_lines(needs.decide(app.uow, ids, Decision.APPROVED, actor=app.actor, clock=app.clock), as_json, "Approved")


@needs_app.command("withdraw")
def needs_withdraw(
    ids: Annotated[list[str], typer.Argument(help="Requirement ids.")],
    reason: Annotated[str, typer.Option(help="Why; kept with the decision.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Withdraw lines; what was committed to them stays committed."""
    app = bootstrap.build()
    done = needs.decide(app.uow, ids, Decision.WITHDRAWN, actor=app.actor, clock=app.clock, note=reason)
    _print_lines(done, as_json, "Withdrawn")


@needs_app.command("list")
def needs_list(as_json: JsonFlag = False) -> None:
    """Every line with its status, what is committed (by whom), delivered and still open."""
    found = needs.progress(bootstrap.build().uow)
    if as_json:
        print_json([{**requirement_fields(p.requirement), "status": p.status, "committed": p.committed,
                     "delivered": p.delivered, "open": p.open, "by_donor": p.by_donor} for p in found])  # fmt: skip
        return
    table = Table("id", "item", "qty", "prio", "needed by", "use", "status", "committed", "delivered", "open", "by")
    for p in found:
        r = p.requirement
        donors = ", ".join(f"{d} {q:,}" for d, q in sorted(p.by_donor.items()))
        table.add_row(r.id, r.item, f"{r.quantity:,}", str(r.priority), r.needed_by.isoformat(), r.intended_use or "",
                      p.status, f"{p.committed:,}", f"{p.delivered:,}", f"{p.open:,}", donors)  # fmt: skip
    stdout.print(table)
    if any("INVENTED" in p.requirement.note for p in found):
        stdout.print("[bold yellow]Lines marked INVENTED come from the illustrative data set: not real needs.[/]")


@needs_app.command("import")
def needs_import(file: FileArg, as_json: JsonFlag = False) -> None:
    """Propose a whole list, all rows or none; a bad row rejects the file with every problem listed.

    Columns: item, quantity, priority, needed_by; optional id, capability, intended_use, crew_for, note."""
    app = bootstrap.build()
    rows, issues = read_table(file, NEED_COLUMNS, NEED_REQUIRED)
    done = needs.import_rows(app.uow, app.catalogue(), file.name, rows, issues, actor=app.actor, clock=app.clock)
    _print_lines(done, as_json, "Proposed")


@needs_app.command("export")
def needs_export(file: FileArg) -> None:
    """Write the requirement list as CSV or XLSX (by the file's extension), in the import's columns."""
    lines = needs.registers(bootstrap.build().uow).requirements
    write_table(file, NEED_COLUMNS, [requirement_fields(r) for r in lines])
    stdout.print(f"Wrote {len(lines)} requirement(s) to {file}")


@needs_app.command("catalogue")
def needs_catalogue(as_json: JsonFlag = False) -> None:
    """The item catalogue: codes to use, families that substitute each other, what fires what."""
    catalogue = bootstrap.build().catalogue()
    if as_json:
        print_json(list(catalogue))
        return
    table = Table("code", "name", "family", "capability", "kind", "fired from")
    for i in catalogue:
        table.add_row(i.code, i.name, i.family, i.capability, i.kind, ", ".join(i.fires_from))
    stdout.print(table)


def _print_lines(lines: list[Requirement], as_json: bool, verb: str) -> None:
    if as_json:
        print_json([requirement_fields(r) for r in lines])
        return
    for r in lines:
        stdout.print(f"{verb} {r.id}: {r.quantity:,} x {r.item}, priority {r.priority}, needed by {r.needed_by}")


@offers_app.command("add")
def offers_add(
    donor: Annotated[str, typer.Option(help="ISO 3166-1 alpha-3 code of the donor nation.")],
    item: Annotated[str, typer.Option(help="A catalogue item code.")],
    quantity: Annotated[str, typer.Option(help="How many (positive whole number).")],
    available_on: Annotated[str, typer.Option(help="YYYY-MM-DD: when it can be delivered.")],
    unit_value: Annotated[str, typer.Option(help="Value of one unit, e.g. 4000 or 1.5m.")],
    currency: Annotated[str, typer.Option(help="ISO 4217 code of the unit value.")] = "EUR",
    origin: Annotated[str, typer.Option(help="stock or production.")] = "stock",
    restrictions: Annotated[str, typer.Option(help="Uses this offer forbids, separated by ';'.")] = "",
    note: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Add an offer to the pool (solicited or not)."""
    app = bootstrap.build()
    catalogue = app.catalogue()
    fields = {k: v for k, v in locals().items() if isinstance(v, str)}
    offer = _parsed(parse_offer(fields, catalogue, app.known_codes()))
    assert isinstance(offer, DonorOffer)
    _print_offers(supply.add_offers(app.uow, catalogue, [offer]), as_json)


@offers_app.command("list")
def offers_list(as_json: JsonFlag = False) -> None:
    """Every offer with what is still uncommitted."""
    registers = needs.registers(bootstrap.build().uow)
    committed = registers.committed_by_offer()
    if as_json:
        print_json([{**offer_fields(o), "committed": committed[o.id]} for o in registers.offers])
        return
    table = Table("id", "donor", "item", "qty", "available", "origin", "unit value", "committed", "restrictions")
    for o in registers.offers:
        table.add_row(o.id, o.donor, o.item, f"{o.quantity:,}", o.available_on.isoformat(), o.origin,
                      str(o.unit_value), f"{committed[o.id]:,}", ", ".join(sorted(o.restrictions)))  # fmt: skip
    stdout.print(table)


@offers_app.command("import")
def offers_import(file: FileArg, as_json: JsonFlag = False) -> None:
    """Add a whole offer list, all rows or none; a bad row rejects the file with every problem listed.

    Columns: donor, item, quantity, available_on, unit_value, currency; optional id, origin, restrictions, note."""
    app = bootstrap.build()
    rows, issues = read_table(file, OFFER_COLUMNS, OFFER_REQUIRED)
    _print_offers(supply.import_offers(app.uow, app.catalogue(), file.name, rows, issues), as_json)


@offers_app.command("export")
def offers_export(file: FileArg) -> None:
    """Write the offers as CSV or XLSX, in the import's columns."""
    found = needs.registers(bootstrap.build().uow).offers
    write_table(file, OFFER_COLUMNS, [offer_fields(o) for o in found])
    stdout.print(f"Wrote {len(found)} offer(s) to {file}")


def _print_offers(found: list[DonorOffer], as_json: bool) -> None:
    if as_json:
        print_json([offer_fields(o) for o in found])
        return
    for o in found:
        stdout.print(
            f"Added {o.id}: {o.donor} offers {o.quantity:,} x {o.item} on {o.available_on} ({o.unit_value} each)"
        )


@courses_app.command("add")
def courses_add(
    host: Annotated[str, typer.Option(help="The host nation (ISO alpha-3).")],
    course_type: Annotated[str, typer.Option(help="A training item of the catalogue, e.g. course-patriot-crew.")],
    seats: Annotated[int, typer.Option(help="Seats per cohort.")],
    starts: Annotated[str, typer.Option(help="YYYY-MM-DD")],
    ends: Annotated[str, typer.Option(help="YYYY-MM-DD: the trainees are ready then.")],
    language: Annotated[str, typer.Option(help="Language of instruction.")] = "en",
    prerequisites: Annotated[str, typer.Option(help="What trainees must bring.")] = "",
    seat_value: Annotated[
        str, typer.Option(help="Cost of a seat; without it seats are not written to the ledger.")
    ] = "",
    currency: Annotated[str, typer.Option(help="Currency of the seat value.")] = "EUR",
    as_json: JsonFlag = False,
) -> None:
    """Offer a course: its seats are matched to Ukraine's trainee requests like any offer."""
    app = bootstrap.build()
    course = Course("", host.upper(), course_type, seats, _date("starts", starts), _date("ends", ends), language,
                    prerequisites, money(seat_value, currency) if seat_value else None)  # fmt: skip
    done = supply.add_course(app.uow, app.catalogue(), course)
    if as_json:
        print_json(done)
        return
    stdout.print(
        f"Added {done.id}: {done.host} trains {done.seats} on {done.course_type}, {done.starts} to {done.ends}"
    )


@courses_app.command("list")
def courses_list(as_json: JsonFlag = False) -> None:
    """Every course with its seats taken by accepted rounds."""
    registers = needs.registers(bootstrap.build().uow)
    taken = registers.committed_by_offer()
    if as_json:
        print_json([{"course": c, "taken": taken[c.id]} for c in registers.courses])
        return
    table = Table("id", "host", "course type", "seats", "taken", "starts", "ends", "language", "prerequisites")
    for c in registers.courses:
        table.add_row(c.id, c.host, c.course_type, str(c.seats), str(taken[c.id]), c.starts.isoformat(),
                      c.ends.isoformat(), c.language, c.prerequisites)  # fmt: skip
    stdout.print(table)


@restrictions_app.command("add")
def restrictions_add(
    donor: Annotated[str, typer.Option(help="The nation that sets the condition.")],
    use: Annotated[str, typer.Option(help="The use concerned, e.g. strikes-deep-inside-russia.")],
    action: Annotated[Action, typer.Option(help="imposed or lifted.")],
    on: Annotated[str, typer.Option("--on", help="YYYY-MM-DD: when the change takes effect.")],
    scope: Annotated[str, typer.Option(help="An item code, a family, or * for every item.")] = EVERY_ITEM,
    source: Annotated[str, typer.Option(help="Where the change is stated.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Record a dated change: a restriction imposed, or lifted wholly or for some items (a partial lift)."""
    app = bootstrap.build()
    change = RestrictionChange(donor.upper(), use, action, _date("on", on), scope, source)
    done = supply.add_restriction(app.uow, app.catalogue(), change)
    if as_json:
        print_json(done)
        return
    stdout.print(f"Recorded #{done.id}: {done.donor} {done.action} '{done.use}' for {done.scope} on {done.on}")


@restrictions_app.command("list")
def restrictions_list(as_json: JsonFlag = False) -> None:
    """The register of restriction changes, in the order recorded."""
    found = needs.registers(bootstrap.build().uow).restrictions
    if as_json:
        print_json(found)
        return
    table = Table("#", "donor", "use", "action", "on", "scope", "source")
    for c in found:
        table.add_row(str(c.id), c.donor, c.use, c.action, c.on.isoformat(), c.scope, c.source)
    stdout.print(table)


def _date(name: str, text: str) -> date:
    found = option_date(name, text)
    if found is None:
        raise InvalidInput(f"--{name} is required", hint="write YYYY-MM-DD.")
    return found
