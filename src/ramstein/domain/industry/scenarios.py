"""What-if scenarios: named overlays applied to copies of the registers, never to the records themselves.

A scenario is a list of changes. Each is applied to the data as loaded (the registers are frozen values, so
applying one returns new values and cannot touch what is stored):

- `DonorStops`: a donor's new support stops from a date: its offers available from then on, its contracts'
  deliveries arriving from then on, and its expected credit for the rest of the year are left out;
- `FloorChange`: the annual floor is another sum; every fair share scales with it;
- `RampSpeed`: production ramps take `factor` times as long (0.5: twice as fast), on one line or on all;
- `RestrictionLifted`: a donor lifts an end-use restriction from a date: its offers barred before may count;
- `PriceRise`: an item (or family, or everything) costs `percent` more: contracts of a fixed budget buy
  quantity × 100 / (100 + percent), rounded down.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.restrictions import EVERY_ITEM, Action, RestrictionChange
from ramstein.domain.errors import InvalidInput, NotFound
from ramstein.domain.industry.model import Options
from ramstein.domain.industry.months import add_months
from ramstein.domain.industry.production import Contract
from ramstein.domain.industry.registers import IndustryRegisters
from ramstein.domain.industry.uncertainty import Uncertainty
from ramstein.domain.money import Money


@dataclass(frozen=True, slots=True)
class When:
    """A date, or a number of months after the forecast's first month (so shipped examples never go stale)."""

    on: date | None = None
    after_months: int | None = None

    def resolve(self, start: date) -> date:
        if self.on is not None:
            return self.on
        return add_months(start, self.after_months or 0)


@dataclass(frozen=True, slots=True)
class DonorStops:
    donor: str
    when: When


@dataclass(frozen=True, slots=True)
class FloorChange:
    floor_eur: Decimal


@dataclass(frozen=True, slots=True)
class RampSpeed:
    factor: float
    line: str = "*"


@dataclass(frozen=True, slots=True)
class RestrictionLifted:
    donor: str
    use: str
    when: When
    scope: str = EVERY_ITEM


@dataclass(frozen=True, slots=True)
class PriceRise:
    percent: Decimal
    scope: str = EVERY_ITEM  # an item, a family, or *


Change = DonorStops | FloorChange | RampSpeed | RestrictionLifted | PriceRise


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    title: str
    changes: tuple[Change, ...] = ()
    uncertainty: Uncertainty | None = None  # None: the default spreads (domain/industry/uncertainty.py)


BASELINE = Scenario("baseline", "The recorded data, as planned")


@dataclass(frozen=True, slots=True)
class Applied:
    industry: IndustryRegisters
    coordination: Registers
    options: Options
    floor_eur: Decimal | None  # None: the rule set's floor
    stops: dict[str, date]


def check(scenario: Scenario, nations: Collection[str], lines: Collection[str], catalogue: Catalogue) -> None:
    """Refuse a scenario that names an unknown donor, line or item, or an impossible change."""
    where = f"scenario {scenario.name!r}"
    for change in scenario.changes:
        if isinstance(change, DonorStops | RestrictionLifted) and change.donor not in nations:
            raise NotFound(
                f"{where} names an unknown donor {change.donor!r}",
                hint="use an ISO 3166-1 alpha-3 code such as USA or DEU; `ramstein nations` lists them.",
            )
        if isinstance(change, RampSpeed):
            if change.line != "*" and change.line not in lines:
                raise NotFound(f"{where} names an unknown production line {change.line!r}",
                               hint="`ramstein production list` shows the lines.")  # fmt: skip
            if not change.factor > 0:
                raise InvalidInput(f"{where}: a ramp speed factor must be positive, not {change.factor}")
        if isinstance(change, PriceRise) and change.percent <= -100:
            raise InvalidInput(f"{where}: a price cannot fall by {-change.percent} % or more")
        if isinstance(change, FloorChange) and change.floor_eur < 0:
            raise InvalidInput(f"{where}: the floor cannot be negative")
        scope = getattr(change, "scope", EVERY_ITEM)
        if scope != EVERY_ITEM and scope not in catalogue and scope not in {i.family for i in catalogue}:
            raise NotFound(f"{where} names {scope!r}, which is neither an item nor a family of the catalogue")


def apply(scenario: Scenario, industry: IndustryRegisters, coordination: Registers, catalogue: Catalogue,
          start: date) -> Applied:  # fmt: skip
    """The registers and model options as the scenario would have them. The inputs are left as they are."""
    stops: dict[str, date] = {}
    speed: dict[str, float] = {}
    floor: Decimal | None = None
    for change in scenario.changes:
        if isinstance(change, DonorStops):
            stops[change.donor] = min(change.when.resolve(start), stops.get(change.donor, date.max))
        elif isinstance(change, FloorChange):
            floor = change.floor_eur
        elif isinstance(change, RampSpeed):
            speed[change.line] = speed.get(change.line, 1.0) * change.factor
        elif isinstance(change, RestrictionLifted):
            lifted = RestrictionChange(change.donor, change.use, Action.LIFTED, change.when.resolve(start),
                                       change.scope, f"scenario {scenario.name}")  # fmt: skip
            coordination = replace(coordination, restrictions=(*coordination.restrictions, lifted))
        else:
            industry = replace(industry, contracts=tuple(_priced(industry, change, catalogue)))
    return Applied(industry, coordination, Options(stops, speed), floor, stops)


def _priced(industry: IndustryRegisters, rise: PriceRise, catalogue: Catalogue) -> Sequence[Contract]:
    out: list[Contract] = []
    for contract in industry.contracts:
        item = industry.line(contract.line).item
        family = catalogue.get(item).family if item in catalogue else ""
        if rise.scope not in (EVERY_ITEM, item, family):
            out.append(contract)
            continue
        quantity = int(contract.quantity * 100 // (100 + rise.percent))
        price = Money(contract.unit_price.amount * (100 + rise.percent) / 100, contract.unit_price.currency)
        if quantity > 0:
            out.append(replace(contract, quantity=quantity, unit_price=price))
    return out
