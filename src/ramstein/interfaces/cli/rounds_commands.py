"""`ramstein rounds run | show | list`, `ramstein accept ROUND` and `ramstein deliveries confirm`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.allocation import Lock
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.rounds import Round
from ramstein.domain.errors import InvalidInput
from ramstein.interfaces.cli.output import option_date, print_json, stdout
from ramstein.services import coordination_access as coordination
from ramstein.services import needs, rounds
from ramstein.services.guard import Caller

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
rounds_app = typer.Typer(help="Allocation rounds: match approved needs to offers and courses.", no_args_is_help=True)
deliveries_app = typer.Typer(help="Deliveries confirmed by Ukraine's liaison.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(rounds_app, name="rounds")
    app.command()(accept)
    app.add_typer(deliveries_app, name="deliveries")


@rounds_app.command("run")
def rounds_run(
    as_of: Annotated[str | None, typer.Option(help="Match the registers as of this date (default: today).")] = None,
    lock: Annotated[
        list[str] | None, typer.Option(help="OFFER:NEED:QUANTITY fixed by the coordinator; repeat for several.")
    ] = None,
    note: Annotated[str, typer.Option(help="Kept with the round.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Build the problem from the registers, solve it exactly, and store the round as a proposal.

    Locks are kept as they are and the rest is re-optimised around them; a lock beyond a quantity is refused."""
    app = bootstrap.build()
    day = option_date("as-of", as_of) or app.clock().date()
    done = coordination.run_round(app.uow, Caller(app.actor), app.optimiser(), app.catalogue(), app.clock, as_of=day,
                                  locks=[_lock(text) for text in lock or []], note=note)  # fmt: skip
    _print_round(rounds.show(app.uow, done.number), as_json)


@rounds_app.command("show")
def rounds_show(number: Annotated[int, typer.Argument(help="The round's number.")], as_json: JsonFlag = False) -> None:
    """A round: its status and objective, every assignment (who gives what to which need) and why each
    shortfall is left open."""
    _print_round(rounds.show(bootstrap.build().uow, number), as_json)


@rounds_app.command("list")
def rounds_list(as_json: JsonFlag = False) -> None:
    """Every round, newest last, and whether it was accepted."""
    registers = needs.registers(bootstrap.build().uow)
    accepted = {a.round for a in registers.acceptances}
    if as_json:
        print_json([{"number": r.number, "as_of": r.as_of, "status": r.result.status, "objective": r.result.objective,
                     "accepted": r.number in accepted, "note": r.note} for r in registers.rounds])  # fmt: skip
        return
    table = Table("round", "as of", "status", "objective", "assignments", "shortfalls", "accepted", "note")
    for r in registers.rounds:
        table.add_row(str(r.number), r.as_of.isoformat(), r.result.status, f"{r.result.objective:,.1f}",
                      str(len(r.result.assignments)), str(len(r.result.shortfalls)),
                      "yes" if r.number in accepted else "no", r.note)  # fmt: skip
    stdout.print(table)


def accept(
    round_number: Annotated[int, typer.Argument(metavar="ROUND", help="The round to accept.")],
    as_json: JsonFlag = False,
) -> None:
    """Accept a round: one commitment entry per valued assignment goes to the ledger (source "allocation
    round N"), so fair-share credit follows. A round run before another was accepted is stale: run a new one."""
    app = bootstrap.build()
    done = coordination.accept_round(app.uow, Caller(app.actor), round_number, app.clock)
    if as_json:
        print_json(done)
        return
    first, last = (done.entries[0], done.entries[-1]) if done.entries else (0, 0)
    stdout.print(f"Accepted round {done.round}: {len(done.entries)} commitment entries" +
                 (f" (#{first} to #{last})" if done.entries else ""))  # fmt: skip


@deliveries_app.command("confirm")
def deliveries_confirm(
    requirement: Annotated[str, typer.Option(help="The requirement line, e.g. R1.")],
    offer: Annotated[str, typer.Option(help="The offer or course that delivered, e.g. O3.")],
    quantity: Annotated[int, typer.Option(help="How many arrived; partial deliveries are fine.")],
    on: Annotated[str | None, typer.Option("--on", help="Arrival date, YYYY-MM-DD (default: today).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Confirm what arrived (Ukraine's liaison): a delivery entry goes to the ledger; the line is met when
    all of it has arrived."""
    app = bootstrap.build()
    day = option_date("on", on) or app.clock().date()
    done = coordination.confirm_delivery(app.uow, Caller(app.actor), app.clock, requirement=requirement, offer=offer,
                                         quantity=quantity, on=day)  # fmt: skip
    line = {p.requirement.id: p for p in needs.progress(app.uow)}[requirement]
    if as_json:
        print_json({"delivery": done, "status": line.status, "delivered": line.delivered})
        return
    entry = f"ledger entry #{done.ledger_seq}" if done.ledger_seq else "no ledger entry (unvalued seats)"
    total = f"{line.delivered:,} of {line.requirement.quantity:,} delivered"
    stdout.print(
        f"Confirmed {quantity:,} from {offer} for {requirement} on {day}: {entry}; the line is {line.status} ({total})"
    )


def _lock(text: str) -> Lock:
    offer, _, rest = text.partition(":")
    need, _, quantity = rest.partition(":")
    if not (offer and need and quantity.lstrip("-").isdigit()):
        raise InvalidInput(f"--lock {text!r} is not OFFER:NEED:QUANTITY", hint="e.g. --lock O3:R1:500.")
    return Lock(offer, need, int(quantity))


def _print_round(view: rounds.RoundView, as_json: bool) -> None:
    r, registers = view.round, view.registers
    if as_json:
        print_json({"round": r, "accepted": view.acceptance})
        return
    state = f"accepted by {view.acceptance.by}" if view.acceptance else "proposed (not accepted: nothing in the ledger)"
    stdout.print(f"[bold]Allocation round {r.number}[/] as of {r.as_of}: {r.result.status}, {state}")
    if "INVENTED" in r.note:
        stdout.print(f"[bold yellow]{r.note}[/]")
    stdout.print(f"objective {r.result.objective:,.2f} (bound {r.result.bound:,.2f}) {r.result.message}")
    table = Table("offer", "donor", "item", "need", "for", "qty", "days late", "locked", title="Assignments")
    for a in r.result.assignments:
        supply, line = registers.supply(a.offer), registers.requirement(a.need)
        donor, item = (supply.donor, supply.item) if supply else ("?", "?")
        table.add_row(a.offer, donor, item, a.need, line.item if line else "?", f"{a.quantity:,}", str(a.days_late),
                      "yes" if a.locked else "")  # fmt: skip
    stdout.print(table)
    _print_shortfalls(r, registers)


def _print_shortfalls(r: Round, registers: Registers) -> None:
    table = Table("need", "item", "open", "reason", "why", title="Unmet needs")
    for s in r.result.shortfalls:
        line = registers.requirement(s.need)
        table.add_row(s.need, line.item if line else "?", f"{s.quantity:,}", s.reason, s.detail)
    stdout.print(table)
