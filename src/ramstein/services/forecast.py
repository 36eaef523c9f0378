"""Forecasts and scenarios: load the registers once, apply a scenario to copies of them, evaluate.

Nothing here writes: a forecast or a scenario opens units of work only to read, and never commits
(tests/unit/services/test_forecast_service.py proves the ledger and registers unchanged).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.errors import NotFound
from ramstein.domain.industry import scenarios
from ramstein.domain.industry.forecast import forecast
from ramstein.domain.industry.model import HORIZON, build_model
from ramstein.domain.industry.scenarios import BASELINE, Scenario
from ramstein.domain.industry.uncertainty import Uncertainty
from ramstein.domain.periods import Period, calendar_year
from ramstein.domain.rules import RuleSet
from ramstein.reports.burden import BurdenReport
from ramstein.reports.industry_floor import FloorForecast, floor_forecast, floor_pace, pace_period
from ramstein.reports.industry_outlook import Outlook
from ramstein.services.burden import BurdenRequest, burden_report
from ramstein.services.ports import (
    Clock,
    LedgerAnalytics,
    LedgerDrillDown,
    LedgerQuery,
    Progress,
    Simulator,
    UnitOfWorkFactory,
    no_progress,
)


@dataclass(frozen=True, slots=True)
class FloorInputs:
    """What the floor forecast needs beside the registers: the fair-share machinery and a rule set."""

    analytics: LedgerAnalytics
    drill_down: LedgerDrillDown
    rules: RuleSet
    year: int
    clock: Clock


def outlook(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, start: date, *, months: int = HORIZON,
    scenario: Scenario = BASELINE, floor: FloorInputs | None = None,
) -> Outlook:  # fmt: skip
    with uow_factory() as uow:
        industry = uow.industry.registers()
        coordination = uow.coordination.registers()
        nations = {n.code for n in uow.reference.nations()}
    scenarios.check(scenario, nations, {line.id for line in industry.lines}, catalogue)
    applied = scenarios.apply(scenario, industry, coordination, catalogue, start)
    model = build_model(applied.industry, applied.coordination, catalogue, start, months, applied.options)
    found = floor_outlook(uow_factory, floor, applied.floor_eur, applied.stops) if floor is not None else None
    return Outlook(scenario, model, tuple(forecast(model)), found)


def simulate(base: Outlook, simulator: Simulator, *, runs: int, seed: int, progress: Progress = no_progress) -> Outlook:
    """The outlook with Monte Carlo bands: `runs` runs drawn from `seed`, with the scenario's uncertainty; with
    bands of the floor forecast too when the outlook has one."""
    spread = base.scenario.uncertainty or Uncertainty()
    model = base.model if base.floor is None else replace(base.model, floor=floor_pace(base.floor))
    return replace(base, simulation=simulator.run(model, spread, runs, seed, progress))


def floor_outlook(
    uow_factory: UnitOfWorkFactory, inputs: FloorInputs, floor_eur: Decimal | None, stops: dict[str, date]
) -> FloorForecast:
    """Expected credit per ally for the year against its fair share (reports/industry_floor.py)."""
    year = calendar_year(inputs.year)
    until = _data_until(uow_factory, year, inputs.clock().date())

    def report(period: Period) -> BurdenReport:
        request = BurdenRequest(inputs.rules, period, gdp_fallback=True)  # a forecast year has no GDP yet
        return burden_report(uow_factory, inputs.analytics, inputs.drill_down, request, inputs.clock)

    year_report, pace_report = report(year), report(pace_period(until))
    return floor_forecast(year_report, pace_report, until, floor_eur=floor_eur, stops=stops)


def _data_until(uow_factory: UnitOfWorkFactory, year: Period, today: date) -> date:
    """The date of the last entry recorded up to the year's end (or today): where the pace takes over."""
    with uow_factory() as uow:
        found = uow.ledger.find(LedgerQuery(since=date(year.start.year - 1, 1, 1), until=min(today, year.end)))
    if not found:
        raise NotFound(
            f"the ledger has no entries from {year.start.year - 1} on to extend into {year.label}",
            hint="run `ramstein init` to load the Kiel tracker, or forecast an earlier --year.",
        )
    return max(record.entry.on for record in found)


def outlooks(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, start: date, chosen: Sequence[Scenario], *,
    months: int = HORIZON, floor: FloorInputs | None = None,
) -> list[Outlook]:  # fmt: skip
    """The baseline and each scenario, for a side-by-side comparison."""
    return [outlook(uow_factory, catalogue, start, months=months, scenario=s, floor=floor) for s in [BASELINE, *chosen]]
