"""The industrial outlook's pages: donors' stocks against their minimums, production lines with their ramps and
contracts, the 24-month forecast per capability area with the floor forecast, and the what-if scenarios with
Monte Carlo bands beside the baseline (docs/industry.md explains every figure, docs/web.md who sees what).

Reading only: the forecasts and scenarios are computed on copies of the registers and never written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from ramstein.domain.errors import InvalidInput, NotFound
from ramstein.domain.industry.months import first_of
from ramstein.domain.industry.registers import schedule
from ramstein.domain.industry.scenarios import BASELINE, Scenario
from ramstein.interfaces.auth import require_user
from ramstein.interfaces.web import charts
from ramstein.interfaces.web.burden_choice import DEFAULT_RULES
from ramstein.interfaces.web.page import Page, PageDep, PageRoute
from ramstein.reports.industry_outlook import Outlook
from ramstein.reports.render.as_html import CHART_FONT
from ramstein.reports.render.industry import ChartWords, area_chart, floor_allies_chart, floor_total_chart
from ramstein.services import forecast, industry_access
from ramstein.services.forecast import FloorInputs

# Coalition material: the public is led to the sign-in form and back; the services decide again (industry.read).
router = APIRouter(route_class=PageRoute, dependencies=[Depends(require_user)])
MONTHS = 24
Months = Annotated[int, Query(ge=1, le=60)]
Rules = Annotated[str, Query(max_length=60)]
Year = Annotated[int | None, Query(ge=2022, le=2100)]
Runs = Annotated[int, Query(ge=100, le=20000)]  # a page's request: at most a few seconds of one core
Seed = Annotated[int, Query(ge=0, le=2**31 - 1)]


def _today(p: Page) -> date:
    return first_of(p.app.clock().date())


@router.get("/industry/stocks", response_class=HTMLResponse, name="industry-stocks")
def stocks(p: PageDep, months: Months = MONTHS) -> HTMLResponse:
    view = industry_access.stocks(p.app.uow, p.caller, p.app.clock, _today(p), months)
    return p.render("industry_stocks.html.j2", view=view, months=months)


@router.get("/industry/production", response_class=HTMLResponse, name="industry-production")
def production(p: PageDep, months: Months = MONTHS) -> HTMLResponse:
    found = industry_access.registers(p.app.uow, p.caller, p.app.clock)
    plans = [schedule(found, line, _today(p), months) for line in found.lines]
    ramps = {line.id: found.ramps_of(line) for line in found.lines}
    return p.render("industry_production.html.j2", plans=plans, ramps=ramps, months=months)


@router.get("/industry/forecast", response_class=HTMLResponse, name="industry-forecast")
def forecast_page(p: PageDep, rules: Rules = DEFAULT_RULES, year: Year = None) -> HTMLResponse:
    industry_access.outlook_allowed(p.app.uow, p.caller, p.app.clock)
    floor = _floor(p, rules, year)
    found, no_floor = _outlook(p, BASELINE, floor)
    return p.render("industry_forecast.html.j2", found=found, area_svgs=_area_svgs(p, [found]),
                    floor_svg=_allies_svg(p, found), chosen={"rules": rules, "year": floor.year},
                    rule_sets=p.app.rule_sets().names(), years=_years(p), no_floor=no_floor)  # fmt: skip


@router.get("/industry/scenarios", response_class=HTMLResponse, name="industry-scenarios")
def scenario_list(p: PageDep) -> HTMLResponse:
    industry_access.outlook_allowed(p.app.uow, p.caller, p.app.clock)
    return p.render("industry_scenarios.html.j2", scenarios=[BASELINE, *p.app.scenarios()])


@router.get("/industry/scenarios/{name}", response_class=HTMLResponse, name="industry-scenario")
def scenario_page(
    p: PageDep, name: str, runs: Runs = 1000, seed: Seed = 1, rules: Rules = DEFAULT_RULES, year: Year = None
) -> HTMLResponse:
    """One scenario with Monte Carlo bands, side by side with the baseline under the same seed and runs."""
    industry_access.outlook_allowed(p.app.uow, p.caller, p.app.clock)
    chosen = _scenario(p, name)
    floor = _floor(p, rules, year)
    simulated = [
        _simulated(p, s, floor, runs, seed) for s in ([BASELINE] if chosen is BASELINE else [BASELINE, chosen])
    ]
    found, no_floor = [o for o, _ in simulated], simulated[0][1]
    return p.render(
        "industry_scenario.html.j2", found=found, scenario=chosen, runs=runs, seed=seed, no_floor=no_floor,
        area_svgs=_area_svgs(p, found), total_svg=_total_svg(p, found), ally_svgs=[_allies_svg(p, o) for o in found],
        chosen={"rules": rules, "year": floor.year}, rule_sets=p.app.rule_sets().names(), years=_years(p),
    )  # fmt: skip


def _simulated(p: Page, scenario: Scenario, floor: FloorInputs, runs: int, seed: int) -> tuple[Outlook, str | None]:
    base, no_floor = _outlook(p, scenario, floor)
    return forecast.simulate(base, p.app.simulator(), runs=runs, seed=seed), no_floor


def _outlook(p: Page, scenario: Scenario, floor: FloorInputs) -> tuple[Outlook, str | None]:
    """The outlook with its floor forecast, or, when the ledger has nothing to extend into the year (a new
    database, an early --year), the capability areas alone and why the floor is missing."""
    try:
        return forecast.outlook(p.app.uow, p.app.catalogue(), _today(p), scenario=scenario, floor=floor), None
    except NotFound as missing:
        found = forecast.outlook(p.app.uow, p.app.catalogue(), _today(p), scenario=scenario)
        return found, missing.message


def _scenario(p: Page, name: str) -> Scenario:
    known = {s.name: s for s in [BASELINE, *p.app.scenarios()]}
    if name not in known:
        raise NotFound(f"no scenario {name!r}", hint=f"choose one of: {', '.join(known)}.")
    return known[name]


def _floor(p: Page, rules: str, year: int | None) -> FloorInputs:
    sets = p.app.rule_sets()
    if rules not in sets.names():  # a shipped name only: the web reads no user's files
        raise InvalidInput(f"unknown rule set {rules!r}", hint=f"choose one of: {', '.join(sets.names())}.")
    return FloorInputs(p.app.analytics(), p.app.drill_down(), sets.load(rules), year or p.app.clock().year,
                       p.app.clock)  # fmt: skip


def _years(p: Page) -> list[int]:
    return list(range(p.app.clock().year + 1, 2021, -1))


def words(p: Page) -> ChartWords:
    t = p.t
    return ChartWords(
        required=t("industry.chart.required"), expected=t("industry.chart.expected"),
        fair_share=t("chart.legend.fair_share"), floor=t("chart.legend.floor"), bn_eur=t("chart.axis.bn_eur"),
        area=t("industry.chart.area"), allies=t("industry.chart.allies"), total=t("industry.chart.total"),
    )  # fmt: skip


def _kept(p: Page, key: tuple[object, ...], draw: Callable[[], str]) -> Markup:
    return charts.kept(("industry", p.lang, *key), draw)


def _area_svgs(p: Page, found: list[Outlook]) -> list[Markup]:
    w = words(p)

    def draw(i: int) -> Callable[[], str]:
        return lambda: area_chart(found, i, p.f, w, CHART_FONT)

    return [_kept(p, ("area", i, tuple(found)), draw(i)) for i in range(len(found[0].areas))]


def _allies_svg(p: Page, found: Outlook) -> Markup | None:
    if found.floor is None or not found.floor.rows:
        return None
    return _kept(p, ("allies", found), lambda: floor_allies_chart(found, p.f, words(p), CHART_FONT))


def _total_svg(p: Page, found: list[Outlook]) -> Markup | None:
    if not any(o.floor is not None for o in found):
        return None
    return _kept(p, ("total", tuple(found)), lambda: floor_total_chart(found, p.f, words(p), CHART_FONT))
