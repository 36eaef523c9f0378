"""`ramstein forecast` and `ramstein scenario list | run | compare`: the industrial outlook and what-ifs.

Reading only: no forecast or scenario writes anything (services/forecast.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ramstein import bootstrap
from ramstein.domain.errors import InvalidInput, NotFound
from ramstein.domain.industry.months import label
from ramstein.domain.industry.scenarios import Scenario
from ramstein.interfaces.cli.output import billions, option_date, print_json, progress, stdout
from ramstein.reports.industry_outlook import Outlook
from ramstein.services import forecast
from ramstein.services.forecast import FloorInputs

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
Start = Annotated[str | None, typer.Option("--from", help="First month of the forecast (default: this month).")]
Months = Annotated[int, typer.Option(help="Months to forecast.")]
Rules = Annotated[str, typer.Option(help="Rule set of the floor forecast.")]
Year = Annotated[int | None, typer.Option(help="Year of the floor forecast (default: this year).")]
ScenarioFile = Annotated[
    Path | None, typer.Option("--file", help="A YAML file of scenarios instead of the shipped ones.")
]
Output = Annotated[Path | None, typer.Option(help="Write an HTML or PDF report with the charts to this file.")]
scenario_app = typer.Typer(help="What-if scenarios over the real data, never changing it; Monte Carlo bands.",
                           no_args_is_help=True)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("forecast")(forecast_command)
    app.add_typer(scenario_app, name="scenario")


def _floor(app: bootstrap.App, rules: str, year: int | None) -> FloorInputs:
    chosen = app.rule_sets().load(rules)
    return FloorInputs(app.analytics(), app.drill_down(), chosen, year or app.clock().year, app.clock)


def _start(text: str | None) -> date:
    return option_date("from", text) or date.today()


def forecast_command(start: Start = None, months: Months = 24, rules: Rules = "washington-2024", year: Year = None,
                     as_json: JsonFlag = False) -> None:  # fmt: skip
    """Requirements against expected supply per capability area for 24 months, the gap and when it closes;
    and the annual floor: expected credit per ally against its fair share."""
    app = bootstrap.build()
    found = forecast.outlook(app.uow, app.catalogue(), _start(start), months=months, floor=_floor(app, rules, year))
    if as_json:
        print_json(_jsonable(found))
        return
    _print_areas(found)
    _print_floor(found, app.settings.locale)


def _jsonable(found: Outlook) -> dict[str, object]:
    areas = [{"area": a.area, "months": a.months, "required": a.required, "stock": a.stock,
              "production": a.production, "contracts": a.contracts, "gap": a.gap, "closes": a.closes}
             for a in found.areas]  # fmt: skip
    return {"scenario": found.scenario, "areas": areas, "blocked_offers": found.model.blocked, "floor": found.floor,
            "simulation": found.simulation}  # fmt: skip


def _print_areas(found: Outlook) -> None:
    last = len(found.model.required[0]) - 1 if found.model.required else 0
    title = f"{found.scenario.title}: {found.model.months} months from {label(found.model.start)}"
    columns = ("area", "capability", "required", "stock", "production", "contracts", "gap at end", "closes")
    table = Table(*columns, title=title)
    for a in found.areas:
        closes = label(a.closes) if a.closes else "not by the horizon"
        table.add_row(a.area.family, a.area.capability, f"{a.required[last]:,}", f"{a.stock[last]:,}",
                      f"{a.production[last]:,}", f"{a.contracts[last]:,}", f"{a.gap[last]:,}", closes)  # fmt: skip
    stdout.print(table)


def _print_floor(found: Outlook, locale: str) -> None:
    floor = found.floor
    if floor is None:
        return
    title = f"Floor {floor.period} ({floor.rule_set}), EUR bn; pace from the data until {floor.data_until}"
    table = Table("ally", "fair share", "recorded", "pace /month", "expected", "gap", title=title)
    for r in floor.rows:
        amounts = (r.fair_share_eur, r.recorded_eur, r.pace_eur, r.expected_eur, r.gap_eur)
        table.add_row(r.name, *(billions(x, locale) for x in amounts))
    stdout.print(table)
    stdout.print(f"expected EUR {billions(floor.expected_eur, locale)} bn against a floor of "
                 f"EUR {billions(floor.floor_eur, locale)} bn")  # fmt: skip


@scenario_app.command("list")
def scenario_list(file: ScenarioFile = None, as_json: JsonFlag = False) -> None:
    """The scenarios and their changes."""
    found = bootstrap.build().scenarios(file)
    if as_json:
        print_json(found)
        return
    table = Table("name", "title", "changes")
    for s in found:
        table.add_row(s.name, s.title, "; ".join(type(c).__name__ for c in s.changes) or "uncertainty only")
    stdout.print(table)


def _pick(app: bootstrap.App, names: list[str], file: Path | None) -> list[Scenario]:
    known = {s.name: s for s in app.scenarios(file)}
    missing = [n for n in names if n not in known]
    if missing:
        raise NotFound(f"no scenario {missing[0]!r}", hint=f"choose one of: {', '.join(known)}.")
    return [known[n] for n in names]


@scenario_app.command("run")
def scenario_run(
    name: Annotated[str, typer.Argument(help="The scenario (`ramstein scenario list`).")],
    runs: Annotated[int, typer.Option(help="Monte Carlo runs.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same bands.")] = 1,
    workers: Annotated[int, typer.Option(help="Dask workers of a LocalCluster; 0: NumPy in this process.")] = 0,
    cluster: Annotated[str | None, typer.Option(help="A running Dask scheduler, tcp://HOST:PORT.")] = None,
    start: Start = None, months: Months = 24, rules: Rules = "washington-2024", year: Year = None,
    file: ScenarioFile = None, output: Output = None, as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """Forecast one scenario with Monte Carlo bands (P10/P50/P90) of supply, of the month each gap closes, and of
    each ally's expected credit for the year and the coalition's total against the floor."""
    if runs < 1:
        raise InvalidInput(f"--runs must be at least 1, not {runs}")
    app = bootstrap.build()
    chosen = _pick(app, [name], file)[0]
    base = forecast.outlook(app.uow, app.catalogue(), _start(start), months=months, scenario=chosen,
                            floor=_floor(app, rules, year))  # fmt: skip
    with progress(f"Monte Carlo, {runs:,} runs") as update:
        found = forecast.simulate(base, app.simulator(workers, cluster), runs=runs, seed=seed, progress=update)
    if output is not None:
        _write(output, [found])
    if as_json:
        print_json(_jsonable(found))
        return
    _print_bands(found)
    _print_floor_bands(found, app.settings.locale)


def _print_floor_bands(found: Outlook, locale: str) -> None:
    sim, floor = found.simulation, found.floor
    if sim is None or sim.floor is None or floor is None:
        return
    bands = sim.floor
    table = Table(
        "ally", "fair share", "expected P10", "P50", "P90", title=f"Floor {floor.period}, EUR bn, over the runs"
    )
    for i, row in enumerate(floor.rows):
        spread = (bands.expected.p10[i], bands.expected.p50[i], bands.expected.p90[i])
        table.add_row(
            row.name, billions(row.fair_share_eur, locale), *(billions(Decimal(repr(v)), locale) for v in spread)
        )
    stdout.print(table)
    total = ", ".join(
        f"P{p} {billions(Decimal(repr(v)), locale)}" for p, v in zip((10, 50, 90), bands.total, strict=True)
    )
    stdout.print(f"coalition expected EUR bn {total} against a floor of EUR {billions(floor.floor_eur, locale)} bn; "
                 f"reached in {bands.meets_floor:.0%} of runs")  # fmt: skip


def _print_bands(found: Outlook) -> None:
    sim = found.simulation
    assert sim is not None
    where = f"{sim.workers} Dask workers" if sim.workers else "NumPy, one process"
    table = Table("area", "required", "supplied P10", "P50", "P90", "closes P10", "P50", "P90", "closes by horizon",
                  title=f"{found.scenario.title}: {sim.runs:,} runs, seed {sim.seed} ({where})")  # fmt: skip
    for bands, a in zip(sim.areas, found.areas, strict=True):
        s = bands.supplied
        when = [label(d) if d else "later" for d in bands.closes]
        table.add_row(a.area.family, f"{a.required[-1]:,}", f"{s.p10[-1]:,.0f}", f"{s.p50[-1]:,.0f}",
                      f"{s.p90[-1]:,.0f}", *when, f"{bands.closes_within:.0%}")  # fmt: skip
    stdout.print(table)


@scenario_app.command("compare")
def scenario_compare(
    names: Annotated[list[str], typer.Argument(help="One or more scenarios, compared with the baseline.")],
    start: Start = None, months: Months = 24, rules: Rules = "washington-2024", year: Year = None,
    file: ScenarioFile = None, output: Output = None, as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """The baseline and each scenario side by side: coverage per area, the floor, every ally's fair-share gap."""
    app = bootstrap.build()
    chosen = _pick(app, names, file)
    found = forecast.outlooks(app.uow, app.catalogue(), _start(start), chosen, months=months,
                              floor=_floor(app, rules, year))  # fmt: skip
    if output is not None:
        _write(output, found)
    if as_json:
        print_json([_jsonable(o) for o in found])
        return
    _print_comparison(found, app.settings.locale)


def _print_comparison(found: list[Outlook], locale: str) -> None:
    names = [o.scenario.name for o in found]
    cover = Table("area", *(f"{n} coverage / closes" for n in names), title="Coverage at the horizon")
    for i, a in enumerate(found[0].areas):
        cells = [f"{o.areas[i].coverage():.0%} / {label(c) if (c := o.areas[i].closes) else 'open'}" for o in found]
        cover.add_row(a.area.family, *cells)
    stdout.print(cover)
    floors = [o.floor for o in found if o.floor is not None]
    if len(floors) != len(found):
        return
    head = Table("", *names, title="The floor, EUR bn")
    head.add_row("floor", *(billions(f.floor_eur, locale) for f in floors))
    head.add_row("expected", *(billions(f.expected_eur, locale) for f in floors))
    head.add_row("margin", *(billions(f.margin_eur, locale) for f in floors))
    stdout.print(head)
    gaps = Table("ally", *(f"{n} gap" for n in names), title="Fair-share gap per ally, EUR bn (positive: short)")
    for r in floors[0].rows:
        gaps.add_row(r.name, *(billions(g.gap_eur, locale) if (g := f.row(r.nation)) else "-" for f in floors))
    stdout.print(gaps)


def _write(path: Path, found: list[Outlook]) -> None:
    from ramstein.reports.render.industry import render_industry  # Altair and Typst only when a file is asked for

    fmt = path.suffix.lstrip(".").lower()
    if fmt not in ("html", "pdf"):
        raise InvalidInput(f"--output {path} must end in .html or .pdf")
    path.write_bytes(render_industry(found, fmt))
    stdout.print(f"wrote {path}")
