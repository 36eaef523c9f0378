"""The annual floor forecast: each ally's expected credit for the year against its fair share, built from two
fair-share reports (reports/burden_builder.py) rather than computed again.

- **recorded**: the ally's credit in the year so far, from the burden report of the year (its rule set's stage,
  instruments, channels, FX and phasing);
- **pace**: its credit over the 12 months to the last recorded entry, from a burden report of that span, / 12;
- **expected** = recorded + pace × the months of the year left after the last recorded entry (for a donor a
  scenario stops, only the months before its stop);
- **fair share**: the report's, scaled by floor / the rule set's floor when a scenario changes the floor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ramstein.domain.industry.model import FloorPace
from ramstein.domain.industry.months import add_months, first_of, months_between
from ramstein.domain.periods import Period
from ramstein.reports.burden import BurdenReport

MONTHS = Decimal(12)


@dataclass(frozen=True, slots=True)
class AllyFloor:
    nation: str
    name: str
    fair_share_eur: Decimal
    recorded_eur: Decimal
    pace_eur: Decimal  # per month
    months_left: int
    expected_eur: Decimal
    gap_eur: Decimal  # fair share - expected: positive means short


@dataclass(frozen=True, slots=True)
class FloorForecast:
    rule_set: str
    period: str
    data_until: date  # the last recorded entry the forecast extends from
    floor_eur: Decimal
    expected_eur: Decimal
    rows: tuple[AllyFloor, ...]

    @property
    def margin_eur(self) -> Decimal:
        return self.expected_eur - self.floor_eur

    def row(self, nation: str) -> AllyFloor | None:
        return next((r for r in self.rows if r.nation == nation), None)


def pace_period(data_until: date) -> Period:
    start = add_months(first_of(data_until), -11)
    return Period(start, data_until, f"12 months to {data_until}")


def months_left(year: Period, data_until: date, stop: date | None) -> int:
    """Months of `year` after the month of `data_until` and before the month of `stop` (support stops in it)."""
    first, last = first_of(year.start), first_of(year.end)
    months = [add_months(first, k) for k in range(months_between(first, last) + 1)]
    return sum(1 for m in months if m > first_of(data_until) and (stop is None or m < first_of(stop)))


def floor_forecast(
    year: BurdenReport, pace: BurdenReport, data_until: date, *, floor_eur: Decimal | None = None,
    stops: Mapping[str, date] | None = None,
) -> FloorForecast:  # fmt: skip
    stops = stops or {}
    period = Period(year.period_start, year.period_end, year.period_label)
    scale = (floor_eur / year.floor_eur) if floor_eur is not None and year.floor_eur else Decimal(1)
    paces = {r.nation: r.credit_eur / MONTHS for r in pace.rows}
    rows = []
    for r in year.rows:
        left = months_left(period, data_until, stops.get(r.nation))
        per_month = paces.get(r.nation, Decimal(0))
        expected = r.credit_eur + per_month * left
        fair = r.fair_share_eur * scale
        rows.append(AllyFloor(r.nation, r.name, fair, r.credit_eur, per_month, left, expected, fair - expected))
    floor = floor_eur if floor_eur is not None else year.floor_eur
    total = sum((r.expected_eur for r in rows), Decimal(0))
    return FloorForecast(year.rule_set, year.period_label, data_until, floor, total, tuple(rows))


def floor_pace(found: FloorForecast) -> FloorPace:
    """The forecast's paces, for the Monte Carlo's bands of expected credit (adapters/simulation)."""
    rows = found.rows
    return FloorPace(
        tuple(r.nation for r in rows), tuple(float(r.recorded_eur) for r in rows),
        tuple(float(r.pace_eur) for r in rows), tuple(r.months_left for r in rows), float(found.floor_eur),
    )  # fmt: skip
