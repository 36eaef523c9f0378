"""`ramstein stock | production`: donor stocks and their replenishment, production lines, ramps and contracts."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.industry.months import first_of, label
from ramstein.domain.industry.production import Contract, ProductionLine, Purpose, Ramp
from ramstein.domain.industry.registers import schedule
from ramstein.domain.industry.stocks import Donation, Replenishment, StockCount, backfills, readiness
from ramstein.domain.money import money
from ramstein.interfaces.cli.output import option_date, print_json, stderr, stdout
from ramstein.services import industry, industry_access
from ramstein.services.guard import Caller

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
Donor = Annotated[str, typer.Option(help="The donor nation (ISO 3166-1 alpha-3).")]
Item = Annotated[str, typer.Option(help="A catalogue item code (`ramstein needs catalogue`).")]
Quantity = Annotated[int, typer.Option(help="How many (a whole number).")]
Months = Annotated[int, typer.Option(help="How many months to show.")]
stock_app = typer.Typer(help="Donor stocks: counts with minimum levels, donations, replenishment plans.",
                        no_args_is_help=True)  # fmt: skip
production_app = typer.Typer(help="Production lines, their ramps to surge rate, and contracts on them.",
                             no_args_is_help=True)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(stock_app, name="stock")
    app.add_typer(production_app, name="production")


def _day(name: str, text: str | None) -> date:
    return option_date(name, text) or date.today()


@stock_app.command("list")
def stock_list(months: Months = 24, as_json: JsonFlag = False) -> None:
    """Each stock's level against its minimum month by month (readiness risk), and which donations are backfilled."""
    book = industry.stock_book(bootstrap.build().uow)
    found = readiness(book, first_of(date.today()), months)
    if as_json:
        print_json({"stocks": found, "donations": [{"donation": d, "backfilled_by": r} for d, r in backfills(book)]})
        return
    table = Table("donor", "item", "level now", "minimum", f"in {months} months", "below minimum")
    for r in found:
        risk = f"{label(r.below[0])} to {label(r.below[-1])} ({len(r.below)} months)" if r.at_risk else "never"
        table.add_row(r.donor, r.item, f"{r.levels[0]:,}", f"{r.minimum:,}", f"{r.levels[-1]:,}", risk)
    stdout.print(table)
    gifts = Table("donation", "donor", "item", "quantity", "on", "backfilled by")
    for d, plans in backfills(book):
        by = ", ".join(f"{p.id} ({p.quantity:,} by {p.expected_on})" for p in plans) or "not backfilled"
        gifts.add_row(d.id, d.donor, d.item, f"{d.quantity:,}", str(d.on), by)
    stdout.print(gifts)


@stock_app.command("count")
def stock_count(
    donor: Donor, item: Item, quantity: Quantity,
    minimum: Annotated[int, typer.Option(help="The level kept for the donor's own defence.")] = 0,
    on: Annotated[str | None, typer.Option(help="Date of the count, YYYY-MM-DD (default: today).")] = None,
    source: Annotated[str, typer.Option(help="Where the figure comes from.")] = "",
) -> None:  # fmt: skip
    """Record a stock count; it supersedes earlier counts of that stock from its date."""
    app = bootstrap.build()
    count = StockCount(donor, item, quantity, minimum, _day("on", on), source)
    industry_access.count_stock(app.uow, Caller(app.actor), app.catalogue(), count, app.clock)
    stdout.print(f"counted {donor}'s {item}: {quantity:,} (minimum {minimum:,})")


@stock_app.command("donate")
def stock_donate(
    donor: Donor, item: Item, quantity: Quantity,
    on: Annotated[str | None, typer.Option(help="Date it leaves the stock (default: today).")] = None,
    note: Annotated[str, typer.Option(help="A note.")] = "",
) -> None:  # fmt: skip
    """Take a donation out of a stock; refused when the level would fall below zero."""
    app = bootstrap.build()
    donation = Donation("", donor, item, quantity, _day("on", on), note)
    done = industry_access.donate(app.uow, Caller(app.actor), donation, app.clock)
    stdout.print(f"recorded donation {done.id}: {quantity:,} {item} from {donor}'s stock on {done.on}")


@stock_app.command("replenish")
def stock_replenish(
    donor: Donor, item: Item, quantity: Quantity,
    expected: Annotated[str, typer.Option(help="When it is expected, YYYY-MM-DD.")],
    producer: Annotated[str, typer.Option(help="Who makes it.")],
    contract: Annotated[str | None, typer.Option(help="The production contract paying for it (K1, ...).")] = None,
    backfills_: Annotated[str | None, typer.Option("--backfills", help="The donation it replaces (D1, ...).")] = None,
) -> None:  # fmt: skip
    """Plan a replenishment, linked to the donation it backfills."""
    app = bootstrap.build()
    plan = Replenishment("", donor, item, quantity, _day("expected", expected), producer, contract, backfills_)
    done = industry_access.plan_replenishment(app.uow, Caller(app.actor), app.catalogue(), plan, app.clock)
    stdout.print(f"planned replenishment {done.id}" + (f", backfilling {done.backfills}" if done.backfills else ""))


@production_app.command("list")
def production_list(as_json: JsonFlag = False) -> None:
    """The lines with their capacity now, in 12 months and at surge, and the contracts booked on each."""
    found = industry.registers(bootstrap.build().uow)
    plans = [schedule(found, line, date.today(), 24) for line in found.lines]
    if as_json:
        print_json({"lines": found.lines, "ramps": found.ramps, "contracts": found.contracts,
                    "late": [c.id for p in plans for c in p.late]})  # fmt: skip
        return
    table = Table("line", "producer", "nation", "item", "now /month", "in 12 months", "ramps", "contracts (late*)")
    for p in plans:
        ramps = "; ".join(f"{label(r.starts)}+{r.months}m to {r.surge_rate:,}" for r in found.ramps_of(p.line))
        booked = ", ".join(f"{c.id}{'*' if c in p.late else ''}" for c, _ in p.contracts)
        table.add_row(p.line.id, p.line.producer, p.line.nation, p.line.item, f"{p.capacity[0]:,}",
                      f"{p.capacity[12]:,}", ramps or "none", booked or "none")  # fmt: skip
    stdout.print(table)


@production_app.command("schedule")
def production_schedule(line: Annotated[str, typer.Argument(help="The line, e.g. L1.")], months: Months = 24,
                        as_json: JsonFlag = False) -> None:  # fmt: skip
    """A line's capacity month by month and what each contract receives (first come, first served)."""
    found = industry.registers(bootstrap.build().uow)
    plan = schedule(found, found.line(line), date.today(), months)
    if as_json:
        print_json(plan)
        return
    table = Table("month", "capacity", *(c.id for c, _ in plan.contracts), "free")
    for k, month in enumerate(plan.months):
        table.add_row(label(month), f"{plan.capacity[k]:,}", *(f"{d[k]:,}" for _, d in plan.contracts),
                      f"{plan.free[k]:,}")  # fmt: skip
    stdout.print(table)
    for c in plan.late:
        stderr.print(f"[yellow]late:[/] {c.id} ({c.quantity:,} due by {c.due_by}) is not complete by then")


@production_app.command("line")
def production_line(
    producer: Annotated[str, typer.Option(help="The producer.")],
    nation: Annotated[str, typer.Option(help="Where the line is (ISO 3166-1 alpha-3).")],
    item: Item, rate: Annotated[int, typer.Option(help="Peacetime rate per month.")],
    since: Annotated[str | None, typer.Option(help="First month of production (default: today).")] = None,
) -> None:  # fmt: skip
    """Add a production line."""
    app = bootstrap.build()
    new = ProductionLine("", producer, nation, item, rate, _day("since", since))
    line = industry_access.add_line(app.uow, Caller(app.actor), app.catalogue(), new, app.clock)
    stdout.print(f"added line {line.id}: {producer}, {item}, {rate:,} a month")


@production_app.command("ramp")
def production_ramp(
    line: Annotated[str, typer.Argument(help="The line, e.g. L1.")],
    starts: Annotated[str, typer.Option(help="First month of the ramp, YYYY-MM-01.")],
    months: Annotated[int, typer.Option(help="Months until the surge rate is reached.")],
    surge: Annotated[int, typer.Option(help="The surge rate per month.")],
    investment: Annotated[str | None, typer.Option(help="What pays for it, e.g. 500m.")] = None,
    currency: Annotated[str, typer.Option(help="Currency of the investment.")] = "EUR",
) -> None:  # fmt: skip
    """Ramp a line from its rate to a surge rate over N months; ramps of one line may not overlap."""
    paid = money(investment, currency) if investment else None
    app = bootstrap.build()
    ramp = industry_access.add_ramp(app.uow, Caller(app.actor), Ramp(line, _day("starts", starts), months, surge, paid),
                                    app.clock)  # fmt: skip
    stdout.print(f"line {line} reaches {surge:,} a month in {label(ramp.last_month)}")


@production_app.command("contract")
def production_contract(
    line: Annotated[str, typer.Argument(help="The line, e.g. L1.")],
    buyer: Annotated[str, typer.Option(help="The nation that pays.")], quantity: Quantity,
    due: Annotated[str, typer.Option(help="Due by, YYYY-MM-DD.")],
    price: Annotated[str, typer.Option(help="Unit price, e.g. 4000.")],
    currency: Annotated[str, typer.Option(help="Currency of the price.")] = "EUR",
    purpose: Annotated[Purpose, typer.Option(help="ukraine, replenishment or other.")] = Purpose.UKRAINE,
    signed: Annotated[str | None, typer.Option(help="Signing date (default: today).")] = None,
    allow_overbooking: Annotated[bool, typer.Option(help="Record it even if the line cannot make it in time.")] = False,
) -> None:  # fmt: skip
    """Book a contract on a line. For Ukraine, its monthly deliveries become dated production offers."""
    app = bootstrap.build()
    contract = Contract("", line, buyer, purpose, quantity, _day("signed", signed), _day("due", due),
                        money(price, currency))  # fmt: skip
    done, offers = industry_access.add_contract(
        app.uow, Caller(app.actor), app.catalogue(), contract, app.clock, allow_overbooking=allow_overbooking
    )
    if done.overbooking_accepted:
        stderr.print(f"[yellow]warning:[/] {done.id} over-books line {line}: it will be late (`production schedule`)")
    stdout.print(f"booked contract {done.id} on line {line}; {len(offers)} production offers added")
