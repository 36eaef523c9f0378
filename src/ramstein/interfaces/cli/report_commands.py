"""`ramstein report burden` and `ramstein rules list | show`: fair shares of the floor, and the rule sets."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.errors import InvalidInput
from ramstein.domain.ledger import LedgerEntry
from ramstein.domain.periods import Period
from ramstein.domain.rules import RuleSet, report_period
from ramstein.interfaces.cli.output import billions, number, option_date, print_json, stdout
from ramstein.reports import render as renderers
from ramstein.reports.burden import BurdenReport
from ramstein.services import burden

report_app = typer.Typer(help="Reports: burden sharing against the floor, by a named rule set.", no_args_is_help=True)
rules_app = typer.Typer(help="Fair-share rule sets: the shipped ones, and your own YAML files.", no_args_is_help=True)
HUNDRED = Decimal(100)


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    HTML = "html"
    PDF = "pdf"


class Lang(StrEnum):
    EN = "en"
    DA = "da"
    NB = "nb"


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
    app.add_typer(rules_app, name="rules")


@report_app.command("burden")
def report_burden(
    rules: Annotated[str, typer.Option(help="A shipped rule set (`ramstein rules list`) or a YAML file.")] = (
        "washington-2024"
    ),
    period: Annotated[
        str | None, typer.Option(help="2024, 2024/25 (a pledge year) or 2022-2026 (whole calendar years).")
    ] = None,
    half: Annotated[str | None, typer.Option(help="H1 or H2: the first or second half of a one-year period.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="Instead of --period: the first day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Instead of --period: the last day, YYYY-MM-DD.")] = None,
    as_of: Annotated[
        str | None, typer.Option(help="Replay: the ledger and datasets as of this moment (ISO date or time, UTC).")
    ] = None,
    gdp_fallback: Annotated[
        bool, typer.Option(help="A nation without GDP for the key's year uses its latest earlier year.")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", help="How to print the report.")] = Format.TABLE,
    lang: Annotated[Lang | None, typer.Option(help="Language and number format (default: RAMSTEIN_LOCALE).")] = None,
    output: Annotated[Path | None, typer.Option(help="Write the report to this file instead of stdout.")] = None,
    explain: Annotated[
        str | None, typer.Option(metavar="ISO3", help="List the ledger entries one nation's row sums.")
    ] = None,
) -> None:
    """Each participant's fair share of the floor (by GDP) against what it pledged, committed and delivered.

    Example: `ramstein report burden --rules washington-2024 --period 2024 --half H2 --format json`.
    Method: docs/methodology.md; every report prints its own method and sources.
    """
    app = bootstrap.build()
    rule_set = app.rule_sets().load(rules)
    request = burden.BurdenRequest(rule_set, _period(rule_set, period, half, start, end), _moment(as_of), gdp_fallback)
    locale = (lang or app.settings.locale).replace("-", "_")
    if explain:
        found = burden.explain(app.uow, app.drill_down(), request, explain, app.clock)
        _print_explained(found, explain.upper(), request, locale, as_json=fmt is Format.JSON)
        return
    report = burden.burden_report(app.uow, app.analytics(), app.drill_down(), request, app.clock, app.price_lists())
    if output is None and fmt in (Format.XLSX, Format.PDF) and sys.stdout.isatty():
        raise InvalidInput(f"a {fmt} report is a binary file", hint=f"pass --output report.{fmt}.")
    data = render(report, fmt, locale, to_terminal=output is None)
    if output is not None:
        output.write_bytes(data)
        stdout.print(f"Wrote {output} ({fmt}, {len(data):,} bytes).")
    elif data:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def render(report: BurdenReport, fmt: Format, locale: str, *, to_terminal: bool = False) -> bytes:
    """The one place a burden report becomes a format: the table is drawn here, every file format comes
    from `ramstein.reports.render`. With `to_terminal`, the table is printed in colour and nothing returned."""
    if fmt is not Format.TABLE:
        return renderers.render(report, fmt.value, _language(locale))
    if to_terminal:
        print_report(report, locale, stdout)
        return b""
    buffer = io.StringIO()
    print_report(report, locale, Console(file=buffer, width=200, color_system=None, highlight=False))
    return buffer.getvalue().encode()


def _language(locale: str) -> str:
    """The report language of a locale: da_DK -> da. Numbers follow the language's CLDR conventions."""
    language = locale.split("_")[0].lower()
    if language not in renderers.LANGUAGES:
        raise InvalidInput(
            f"reports are written in {', '.join(renderers.LANGUAGES)}, not {locale!r}",
            hint="pass --lang en, da or nb.",
        )
    return language


def print_report(report: BurdenReport, locale: str, console: Console) -> None:
    console.print(f"[bold]{report.rule_set_title}[/] ({report.rule_set} v{report.rule_set_version})")
    verdict = "met" if report.floor_met else "missed"
    console.print(
        f"Period {report.period_label} ({report.period_start} to {report.period_end}), ledger as of "
        f"{report.as_of:%Y-%m-%d %H:%M} UTC. Floor EUR {billions(report.floor_eur, locale)} bn: credit EUR "
        f"{billions(report.credit_eur, locale)} bn, {verdict} by EUR {billions(abs(report.margin_eur), locale)} bn."
    )
    console.print(_rows_table(report, locale))
    _print_history(report, locale, console)
    console.print("[bold]Method[/]")
    for line in report.method:
        console.print(f"  {line}", soft_wrap=True)
    s = report.sources
    console.print(f"[bold]Sources[/]\n  GDP: {s.gdp} (dataset #{s.gdp_dataset}), year {s.gdp_year}", soft_wrap=True)
    console.print(f"  FX: {s.fx} (dataset #{s.fx_dataset}); {s.fx_method}", soft_wrap=True)
    if s.prices:
        console.print(f"  Prices: {s.prices}", soft_wrap=True, markup=False)
    for source, count in s.ledger:
        console.print(f"  Ledger: {source} ({count:,} entries)", soft_wrap=True, markup=False)
    for issue in report.issues:
        console.print(f"  note: {issue.message}", soft_wrap=True, markup=False)


def _rows_table(report: BurdenReport, locale: str) -> Table:
    table = Table(
        "#", "nation", "GDP share %", "fair share", "credit", "gap", "% of fair share", "% of GDP",
        "pledged", "committed", "delivered", title="EUR bn",
    )  # fmt: skip
    for r in report.rows:
        table.add_row(
            str(r.rank), f"{r.name} ({r.nation})" + (" exempt" if r.exempt else ""),
            number(r.gdp_share * HUNDRED, locale, 2), billions(r.fair_share_eur, locale),
            billions(r.credit_eur, locale), billions(r.gap_eur, locale),
            number(r.credit_pct_fair_share, locale, 1), number(r.credit_pct_gdp, locale, 3),
            billions(r.pledged_eur, locale), billions(r.committed_eur, locale), billions(r.delivered_eur, locale),
        )  # fmt: skip
    return table


def _print_history(report: BurdenReport, locale: str, console: Console) -> None:
    console.print("[bold]Per calendar year[/] (participants' credit; every donor's; floor), EUR bn:")
    for t in report.history:
        every = f", every donor {billions(t.all_donors_eur, locale)}" if t.all_donors_eur is not None else ""
        mark = "met" if t.met else "short"
        console.print(
            f"  {t.label}: {billions(t.credit_eur, locale)}{every}; floor {billions(t.floor_eur, locale)} ({mark})"
        )
    if report.fund:
        console.print(f"[bold]Fund[/] EUR {billions(report.fund.target_eur, locale)} bn, cumulative vs target:")
        for y in report.fund.years:
            console.print(
                f"  {y.label}: {billions(y.cumulative_eur, locale)} of {billions(y.target_cumulative_eur, locale)}"
            )


def _print_explained(
    found: list[tuple[LedgerEntry, Decimal]], nation: str, request: burden.BurdenRequest, locale: str, *, as_json: bool
) -> None:
    if as_json:
        print_json([{"entry": record, "share": share} for record, share in found])
        return
    table = Table(
        "#", "date", "kind", "amount", "share", "aid", "channel", "source", title=f"{nation}: {request.period.label}"
    )
    for record, share in found:
        entry = record.entry
        table.add_row(
            str(record.seq), str(entry.on), entry.kind.value,
            f"{entry.amount.currency} {number(entry.amount.amount, locale)}", number(share * HUNDRED, locale, 1) + " %",
            entry.aid_type.value, entry.channel.value, entry.source,
        )  # fmt: skip
    stdout.print(table)
    stdout.print(f"{len(found)} entries counted under {request.rules.label}.")


def _period(rules: RuleSet, spec: str | None, half: str | None, start: str | None, end: str | None) -> Period:
    if spec is not None and (start or end):
        raise InvalidInput("give --period or --from/--to, not both")
    if spec is not None:
        return report_period(rules, spec, half)
    first, last = option_date("from", start), option_date("to", end)
    if first is None or last is None:
        raise InvalidInput(
            "give the period", hint="e.g. --period 2024, --period 2024/25, or --from 2022-01-01 --to 2026-04-30."
        )
    if half:
        raise InvalidInput("--half applies to --period, not to --from/--to")
    return Period(first, last, f"{first} to {last}")


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"--as-of {text!r} is not a date or time", hint="write e.g. 2025-01-31 or 2025-01-31T12:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@rules_app.command("list")
def rules_list(as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False) -> None:
    """The shipped rule sets: name, version and title."""
    found = bootstrap.build().rule_sets().all()
    if as_json:
        print_json([{"name": r.name, "version": r.version, "title": r.title} for r in found])
        return
    table = Table("name", "version", "title")
    for r in found:
        table.add_row(r.name, str(r.version), r.title)
    stdout.print(table)
    stdout.print("Use one with `ramstein report burden --rules NAME`, or pass the path of your own YAML file.")


@rules_app.command("show")
def rules_show(
    name: Annotated[str, typer.Argument(help="A shipped rule set's name, or the path of a YAML file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the parsed rule set as JSON.")] = False,
) -> None:
    """Print a rule set file (checked first): a starting point for your own variant."""
    sets = bootstrap.build().rule_sets()
    parsed = sets.load(name)
    if as_json:
        print_json(parsed)
        return
    print(sets.text(name), end="")
