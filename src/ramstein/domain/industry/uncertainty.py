"""Uncertainty of the forecast, and the bands the Monte Carlo engine returns.

Each run draws, independently:

- for every offer, a delay in whole months ~ Poisson(mean): `stock_delay` for stock offers,
  `production_delay` for production offers;
- for every production line, a delay of its whole output ~ Poisson(`line_delay`), and a ramp factor
  ~ Triangular(`ramp_low`, `ramp_mode`, `ramp_high`) that multiplies the length of each of its ramps.
- for every ally of the floor forecast, a delay in whole months ~ Poisson(`credit_delay`) by which its further
  credit (its pace) starts late: of the months left in the year it is credited for max(0, left - delay).

The defaults are INVENTED planning assumptions, stated so they can be argued with; a scenario may set its own.
Bands are percentiles over runs by the inverted-CDF rule: P10 is the smallest value at least 10 % of runs
are at or below (always a value some run produced).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ramstein.domain.errors import InvalidInput
from ramstein.domain.industry.model import Area

PERCENTILES = (10, 50, 90)


@dataclass(frozen=True, slots=True)
class Uncertainty:
    stock_delay: float = 0.25  # mean months
    production_delay: float = 1.5
    line_delay: float = 1.0
    ramp_low: float = 0.8
    ramp_mode: float = 1.0
    ramp_high: float = 1.6
    credit_delay: float = 1.0  # mean months an ally's further credit for the year starts late

    def __post_init__(self) -> None:
        for name in ("stock_delay", "production_delay", "line_delay", "credit_delay"):
            if getattr(self, name) < 0:
                raise InvalidInput(f"a mean delay cannot be negative: {name} = {getattr(self, name)}")
        if not 0 < self.ramp_low <= self.ramp_mode <= self.ramp_high:
            raise InvalidInput(
                f"ramp factors must satisfy 0 < low <= mode <= high, not "
                f"{self.ramp_low}, {self.ramp_mode}, {self.ramp_high}"
            )


NONE = Uncertainty(0, 0, 0, 1, 1, 1, 0)  # every run is the plan


@dataclass(frozen=True, slots=True)
class Bands:
    p10: tuple[float, ...]
    p50: tuple[float, ...]
    p90: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class AreaBands:
    area: Area
    supplied: Bands  # cumulative, per month
    gap: Bands  # required - supplied, per month
    closes: tuple[date | None, date | None, date | None]  # P10, P50, P90 of the closing month; None: not by then
    closes_within: float  # share of runs in which the gap closes within the horizon


@dataclass(frozen=True, slots=True)
class FloorBands:
    """The floor forecast over the runs: each ally's expected credit for the year (P10/P50/P90, in the order of
    `nations`), the coalition's expected total, and the share of runs in which the total reaches the floor."""

    nations: tuple[str, ...]
    expected: Bands  # per ally, EUR
    total: tuple[float, float, float]  # the coalition's expected total: P10, P50, P90, EUR
    floor: float
    meets_floor: float  # share of runs with total >= floor


@dataclass(frozen=True, slots=True)
class Simulation:
    runs: int
    seed: int
    chunk_runs: int
    workers: int  # 0: one process, vectorised; n: a Dask cluster of n workers
    months: tuple[date, ...]
    coverage: Bands  # mean coverage over areas, per month
    areas: tuple[AreaBands, ...]
    floor: FloorBands | None = None  # when the outlook forecast the floor
