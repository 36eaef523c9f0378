"""`ramstein nations`, `fx convert` and `overview`: reading what is loaded."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.errors import InvalidInput
from ramstein.domain.fx import convert, convert_average
from ramstein.domain.money import money
from ramstein.domain.nations import Body
from ramstein.interfaces.cli.output import billions, number, option_date, print_json, stdout
from ramstein.interfaces.jsonable import to_jsonable
from ramstein.reports.overview import Overview
from ramstein.services import overview, reference

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
fx_app = typer.Typer(help="Exchange rates: ECB euro reference rates, with the date of every rate used.")


def register(app: typer.Typer) -> None:
    app.command()(nations)
    app.add_typer(fx_app, name="fx")
    app.command("overview")(show_overview)


def nations(
    body: Annotated[Body | None, typer.Option(help="Only members of NATO, EU or UDCG (the contact group).")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Membership as of this date (default: today).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List nations and organisations with their codes, currency and memberships (NATO with accession date)."""
    app = bootstrap.build()
    as_of = option_date("on", on) or app.clock().date()
    registry = reference.nations(app.uow)
    shown = registry.members(body, as_of) if body else list(registry)
    if as_json:
        print_json(shown)
        return
    table = Table("code", "name", "currency", "NATO since", "EU", "UDCG", title=f"{len(shown)} nations")
    for nation in shown:
        nato, eu, udcg = (nation.membership(b) for b in Body)
        table.add_row(
            nation.code, nation.name, nation.currency or "",
            str(nato.since) if nato and nato.held_on(as_of) else "",
            "yes" if eu and eu.held_on(as_of) else "",
            "approx." if udcg and udcg.approximate else "yes" if udcg else "",
        )  # fmt: skip
    stdout.print(table)
    if body is Body.UDCG:
        stdout.print("The contact group publishes no roster: this list is hand-curated and approximate.")


@fx_app.command("convert")
def fx_convert(
    amount: Annotated[str, typer.Argument(help="Digits with a decimal point, optionally scaled: 100bn, 2.5m.")],
    source: Annotated[str, typer.Argument(metavar="FROM", help="Currency of the amount (ISO 4217).")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Currency to convert to.")],
    on: Annotated[str | None, typer.Option("--on", help="Use the ECB rate of this date (YYYY-MM-DD).")] = None,
    year: Annotated[int | None, typer.Option(help="Use the average of the year's daily rates instead.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Convert an amount at the ECB reference rate of a date (or the last one published before it), through
    EUR, and print the rate used and its date. Example: `ramstein fx convert 100bn USD DKK --on 2024-04-02`."""
    if (on is None) == (year is None):
        raise InvalidInput(
            "give --on DATE or --year YEAR", hint="e.g. --on 2024-04-02, or --year 2023 for an annual average."
        )
    app = bootstrap.build()
    value = money(amount, source)
    rates = reference.rates(app.uow, [source, target])
    if year is not None:
        result = convert_average(value, target, start=date(year, 1, 1), end=date(year, 12, 31), rates=rates)
    else:
        result = convert(value, target, on=option_date("on", on) or date.min, rates=rates)
    if as_json:
        print_json({**to_jsonable(result), "explanation": result.explain()})
        return
    locale = app.settings.locale
    stdout.print(f"{source} {number(value.amount, locale)} = [bold]{target} {number(result.result.amount, locale)}[/]")
    stdout.print(f"  rate {number(result.rate, locale, 6)} {target} per {source}: {result.explain()}")
    for quote in result.quotes:
        stdout.print(f"  1 EUR = {quote.rate} {quote.currency} ({quote.source})")


def show_overview(
    gdp_year: Annotated[
        int | None, typer.Option(help="GDP year for the % of GDP column (default: latest loaded).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The burden overview so far: each donor's support recorded in the ledger, in EUR, against its GDP.

    Sums the entries in force; other currencies are converted at the ECB rate of each entry's date.
    Method and sources: docs/ledger.md.
    """
    app = bootstrap.build()
    report = overview.burden_overview(app.uow, app.clock, gdp_year)
    if as_json:
        print_json(report)
        return
    _print_overview(report, app.settings.locale)


def _print_overview(report: Overview, locale: str) -> None:
    table = Table(
        "#", "donor", "NATO", "military", "all aid", "military % GDP", "share of allied GDP %",
        title=f"Support to Ukraine in the ledger, EUR bn (as of {report.as_of}; GDP {report.gdp_year})",
    )  # fmt: skip
    for row in report.rows:
        table.add_row(
            str(row.rank), f"{row.name} ({row.code})", "yes" if row.nato else "",
            billions(row.military, locale), billions(row.total, locale),
            number(row.military_pct_gdp, locale, 3), number(row.nato_gdp_share_pct, locale, 2),
        )  # fmt: skip
    t = report.totals
    table.add_row("", "[bold]all donors[/]", "", billions(t["military"], locale), billions(t["total"], locale), "", "")
    stdout.print(table)
    stdout.print("Committed military aid per year, EUR bn (the 2024 Washington floor is EUR 40 bn a year):")
    for year, value in report.military_by_year.items():
        allies = report.allies_military_by_year.get(year)
        stdout.print(f"  {year}: all donors {billions(value, locale)}, NATO allies {billions(allies, locale)}")
    stdout.print("Sources: " + "; ".join(f"{s} ({n:,} entries)" for s, n in report.sources.items()))
    stdout.print(f"GDP: {report.gdp_source}. FX: {report.fx_source}.")
    for issue in report.issues[:5]:
        stdout.print(f"  note: {issue}")
