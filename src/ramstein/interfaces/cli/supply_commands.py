"""`ramstein offers | courses | restrictions`: the supply side of the coordination engine."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.adapters.importers.table_files import read_table, write_table
from ramstein.domain.coordination.offers import Course, DonorOffer
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.restrictions import EVERY_ITEM, Action, RestrictionChange
from ramstein.domain.money import money
from ramstein.interfaces.cli.coordination_options import FileArg, JsonFlag, parsed, recorded, required_date
from ramstein.interfaces.cli.output import print_json, stdout
from ramstein.services import coordination_access as coordination
from ramstein.services import needs
from ramstein.services.coordination_forms import (
    OFFER_COLUMNS,
    OFFER_REQUIRED,
    OFFER_STATE_COLUMNS,
    as_text,
    offer_fields,
    offer_state,
    parse_offer,
)
from ramstein.services.guard import Caller

offers_app = typer.Typer(
    help="Donors' offers: add, withdraw, list, import, export. Unsolicited offers join the pool.", no_args_is_help=True
)
courses_app = typer.Typer(help="Host nations' training courses: their seats are offers.", no_args_is_help=True)
restrictions_app = typer.Typer(help="End-use restrictions: dated changes, never edited.", no_args_is_help=True)
Reason = Annotated[str, typer.Option(help="Why it is withdrawn (required); kept with the record.")]


def register(app: typer.Typer) -> None:
    app.add_typer(offers_app, name="offers")
    app.add_typer(courses_app, name="courses")
    app.add_typer(restrictions_app, name="restrictions")


@offers_app.command("add")
def offers_add(
    donor: Annotated[str, typer.Option(help="ISO 3166-1 alpha-3 code of the donor nation.")],
    item: Annotated[str, typer.Option(help="A catalogue item code (`ramstein catalogue list`).")],
    quantity: Annotated[str, typer.Option(help="How many (positive whole number).")],
    available_on: Annotated[str, typer.Option(help="YYYY-MM-DD: when it can be delivered.")],
    unit_value: Annotated[str, typer.Option(help="Value of one unit, e.g. 4000 or 1.5m.")],
    currency: Annotated[str, typer.Option(help="ISO 4217 code of the unit value.")] = "EUR",
    origin: Annotated[str, typer.Option(help="stock or production.")] = "stock",
    restrictions: Annotated[str, typer.Option(help="Uses this offer forbids, separated by ';'.")] = "",
    note: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Add an offer to the pool (solicited or not); it records who entered it and when."""
    app = bootstrap.build()
    catalogue = app.catalogue()
    fields = {k: v for k, v in locals().items() if isinstance(v, str)}
    offer = parsed(parse_offer(fields, catalogue, app.known_codes()))
    _print_offers([coordination.add_offer(app.uow, Caller(app.actor), catalogue, offer, app.clock)], as_json)


@offers_app.command("withdraw")
def offers_withdraw(
    ids: Annotated[list[str], typer.Argument(help="Offer ids, e.g. O3 O4.")], reason: Reason, as_json: JsonFlag = False
) -> None:
    """Take offers back: what accepted rounds committed stays committed, the rest leaves the pool."""
    _withdraw(ids, reason, as_json)


@offers_app.command("list")
def offers_list(as_json: JsonFlag = False) -> None:
    """Every offer: committed by accepted rounds, still left, withdrawn or open, and who entered it."""
    registers = needs.registers(bootstrap.build().uow)
    rows = [{**offer_fields(o), **offer_state(o, registers)} for o in registers.offers]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "donor", "item", "qty", "available", "origin", "unit value", "committed", "left", "status",
                  "restrictions", "recorded")  # fmt: skip
    for o, row in zip(registers.offers, rows, strict=True):
        table.add_row(o.id, o.donor, o.item, f"{o.quantity:,}", o.available_on.isoformat(), o.origin,
                      str(o.unit_value), f"{row['committed']:,}", f"{row['left']:,}", row["status"],
                      ", ".join(sorted(o.restrictions)), recorded(o.recorded_by, o.recorded_at))  # fmt: skip
    stdout.print(table)


@offers_app.command("import")
def offers_import(file: FileArg, as_json: JsonFlag = False) -> None:
    """Add a whole offer list, all rows or none; a bad row rejects the file with every problem listed.

    Columns: donor, item, quantity, available_on, unit_value, currency; optional id, origin, restrictions, note
    (an export's committed, left, status and recorded columns are read over: they are derived)."""
    app = bootstrap.build()
    rows, issues = read_table(file, (*OFFER_COLUMNS, *OFFER_STATE_COLUMNS), OFFER_REQUIRED)
    done = coordination.import_offers(app.uow, Caller(app.actor), app.catalogue(), file.name, rows, issues, app.clock)
    _print_offers(done, as_json)


@offers_app.command("export")
def offers_export(file: FileArg) -> None:
    """Write the offers as CSV or XLSX, in the import's columns plus what is committed, left and withdrawn."""
    registers = needs.registers(bootstrap.build().uow)
    rows = [as_text({**offer_fields(o), **offer_state(o, registers)}) for o in registers.offers]
    write_table(file, (*OFFER_COLUMNS, *OFFER_STATE_COLUMNS), rows)
    stdout.print(f"Wrote {len(rows)} offer(s) to {file}")


def _print_offers(found: list[DonorOffer], as_json: bool) -> None:
    if as_json:
        print_json([offer_fields(o) for o in found])
        return
    for o in found:
        stdout.print(
            f"Added {o.id}: {o.donor} offers {o.quantity:,} x {o.item} on {o.available_on} ({o.unit_value} each)"
        )


def _withdraw(ids: list[str], reason: str, as_json: bool) -> None:
    app = bootstrap.build()
    found = coordination.withdraw_supply(app.uow, Caller(app.actor), ids, reason, app.clock)
    if as_json:
        print_json(found)
        return
    for w in found:
        stdout.print(f"Withdrew {w.supply} ({w.reason}); what accepted rounds committed stays committed")


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
    course = Course("", host.upper(), course_type, seats, required_date("starts", starts),
                    required_date("ends", ends), language, prerequisites,
                    money(seat_value, currency) if seat_value else None)  # fmt: skip
    done = coordination.add_course(app.uow, Caller(app.actor), app.catalogue(), course, app.clock)
    if as_json:
        print_json(done)
        return
    stdout.print(
        f"Added {done.id}: {done.host} trains {done.seats} on {done.course_type}, {done.starts} to {done.ends}"
    )


@courses_app.command("withdraw")
def courses_withdraw(
    ids: Annotated[list[str], typer.Argument(help="Course ids, e.g. C2.")], reason: Reason, as_json: JsonFlag = False
) -> None:
    """Take courses back: seats taken by accepted rounds stay taken, the rest leave the pool."""
    _withdraw(ids, reason, as_json)


@courses_app.command("list")
def courses_list(as_json: JsonFlag = False) -> None:
    """Every course with its seats taken by accepted rounds, whether it was withdrawn, and who entered it."""
    registers = needs.registers(bootstrap.build().uow)
    taken, withdrawn = registers.committed_by_offer(), registers.withdrawn()
    if as_json:
        print_json([{"course": c, "taken": taken[c.id], "withdrawn": c.id in withdrawn} for c in registers.courses])
        return
    table = Table("id", "host", "course type", "seats", "taken", "status", "starts", "ends", "language",
                  "prerequisites", "recorded")  # fmt: skip
    for c in registers.courses:
        table.add_row(c.id, c.host, c.course_type, str(c.seats), str(taken[c.id]), _status(c.id, registers),
                      c.starts.isoformat(), c.ends.isoformat(), c.language, c.prerequisites,
                      recorded(c.recorded_by, c.recorded_at))  # fmt: skip
    stdout.print(table)


def _status(id_: str, registers: Registers) -> str:
    return "withdrawn" if id_ in registers.withdrawn() else "open"


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
    change = RestrictionChange(donor.upper(), use, action, required_date("on", on), scope, source)
    done = coordination.add_restriction(app.uow, Caller(app.actor), app.catalogue(), change, app.clock)
    if as_json:
        print_json(done)
        return
    stdout.print(f"Recorded #{done.id}: {done.donor} {done.action} '{done.use}' for {done.scope} on {done.on}")


@restrictions_app.command("list")
def restrictions_list(as_json: JsonFlag = False) -> None:
    """The register of restriction changes, in the order recorded, with who recorded each."""
    found = needs.registers(bootstrap.build().uow).restrictions
    if as_json:
        print_json(found)
        return
    table = Table("#", "donor", "use", "action", "on", "scope", "source", "recorded")
    for c in found:
        table.add_row(str(c.id), c.donor, c.use, c.action, c.on.isoformat(), c.scope, c.source,
                      recorded(c.recorded_by, c.recorded_at))  # fmt: skip
    stdout.print(table)
