"""The forecast model: requirements and every dated source of supply on one grid of months, per capability area.

A capability area is a family of the catalogue (items that serve each other's needs: any 155 mm NATO round),
so quantities within an area add up. Three kinds of supply:

- **stock** and **production offers**: the coordination engine's offers, each on the month it is available,
  less what was delivered from it already. An offer its donor's end-use restrictions bar from every open line
  of its area (each names a use the donor forbids on the offer's date) counts for nothing; a withdrawn offer
  counts only with what was committed from it before;
- **contracts**: what the production lines deliver to Ukraine under contracts, scheduled first come, first served
  on each line's ramping capacity (domain/industry/production.py). Offers made from a contract are not
  counted twice.

Requirements: every approved line's quantity not yet delivered, due in the month it is needed by (an overdue
line in the first month). The model is plain data; `forecast.py` evaluates it once, the Monte Carlo engine
evaluates it over many runs with random delays and ramp speeds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ramstein.domain.coordination.catalogue import Catalogue, ItemKind
from ramstein.domain.coordination.offers import DonorOffer, Origin
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import LineProgress, LineStatus
from ramstein.domain.coordination.restrictions import forbidden_uses
from ramstein.domain.industry.months import add_months, first_of, months_between
from ramstein.domain.industry.production import Purpose, queue
from ramstein.domain.industry.registers import CONTRACT_OFFER, IndustryRegisters

HORIZON = 24
COUNTED = {LineStatus.APPROVED, LineStatus.PARTLY_MET, LineStatus.COMMITTED}


class SupplyKind(StrEnum):
    STOCK = "stock"
    PRODUCTION = "production"
    CONTRACT = "contract"


@dataclass(frozen=True, slots=True)
class Area:
    family: str
    capability: str


@dataclass(frozen=True, slots=True)
class Source:
    """An offer: `quantity` of area `area` from `donor`, arriving in month `month` (0 = the first)."""

    ref: str
    kind: SupplyKind
    donor: str
    area: int
    month: int
    quantity: int


@dataclass(frozen=True, slots=True)
class ContractSlot:
    ref: str
    buyer: str
    ukraine: bool
    area: int  # -1 when the item is in no area (it still takes the line's capacity)
    quantity: int
    stop: int  # deliveries arriving in this month or later are cut (a donor stops); the horizon when none


@dataclass(frozen=True, slots=True)
class LineSlot:
    ref: str
    nation: str
    peacetime: int
    since: int  # month index of the first month of production (may be negative)
    ramps: tuple[tuple[int, int, int], ...]  # (start month index, months, surge rate), in order
    speed: float  # ramp length factor of a scenario: 0.5 = twice as fast
    contracts: tuple[ContractSlot, ...]  # in the order they are served


@dataclass(frozen=True, slots=True)
class FloorPace:
    """What the Monte Carlo needs of the annual floor forecast (reports/industry_floor.py), per ally in the
    same order: the credit recorded in the year, the pace per month it extends with and the months it is
    extended by. Floats of euros: bands are drawn as charts and read as estimates; the exact forecast is
    the report's."""

    nations: tuple[str, ...]
    recorded: tuple[float, ...]
    pace: tuple[float, ...]
    months_left: tuple[int, ...]
    floor: float


@dataclass(frozen=True, slots=True)
class ForecastModel:
    start: date
    months: int
    areas: tuple[Area, ...]
    required: tuple[tuple[int, ...], ...]  # per area, cumulative requirement by the end of each month
    sources: tuple[Source, ...]
    lines: tuple[LineSlot, ...]
    blocked: tuple[str, ...] = ()  # offers left out because restrictions bar them from every open line
    floor: FloorPace | None = None  # the floor forecast's paces, when the floor is forecast too

    @property
    def donors(self) -> tuple[str, ...]:
        found = {s.donor for s in self.sources} | {c.buyer for line in self.lines for c in line.contracts}
        return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class Options:
    """Overlays a scenario puts on the model."""

    stops: Mapping[str, date] = field(default_factory=dict)  # donor -> from when its new support stops
    speed: Mapping[str, float] = field(default_factory=dict)  # line id or "*" -> ramp length factor


def build_model(
    industry: IndustryRegisters, coordination: Registers, catalogue: Catalogue, start: date,
    months: int = HORIZON, options: Options | None = None,
) -> ForecastModel:  # fmt: skip
    options = options or Options()
    start = first_of(start)
    open_lines = [
        p for p in coordination.progress()
        if p.status in COUNTED and _left(p) and catalogue.get(p.requirement.item).kind is not ItemKind.TRAINING
    ]  # fmt: skip
    families = {line.requirement.item: catalogue.get(line.requirement.item).family for line in open_lines}
    keys = sorted(set(families.values()) | {_family(catalogue, line.item) for line in industry.lines} - {""})
    index = {family: i for i, family in enumerate(keys)}
    areas = tuple(Area(f, _capability(catalogue, f)) for f in keys)
    required = [[0] * months for _ in areas]
    for line in open_lines:
        month = max(0, months_between(start, line.requirement.needed_by))
        for k in range(month, months):
            required[index[families[line.requirement.item]]][k] += _left(line)
    sources, blocked = _sources(industry, coordination, catalogue, start, months, index, options)
    lines = tuple(_line(industry, catalogue, line.id, start, months, index, options) for line in industry.lines)
    return ForecastModel(start, months, areas, tuple(map(tuple, required)), sources, lines, blocked)


def _left(progress: LineProgress) -> int:
    return max(0, progress.requirement.quantity - progress.delivered)


def _family(catalogue: Catalogue, item: str) -> str:
    return catalogue.get(item).family if item in catalogue else ""


def _capability(catalogue: Catalogue, family: str) -> str:
    return next(str(i.capability) for i in catalogue if i.family == family)


def _sources(
    industry: IndustryRegisters, coordination: Registers, catalogue: Catalogue, start: date, months: int,
    index: Mapping[str, int], options: Options,
) -> tuple[tuple[Source, ...], tuple[str, ...]]:  # fmt: skip
    contracts = {c.id for c in industry.contracts}
    delivered: dict[str, int] = {}
    for d in coordination.deliveries:
        delivered[d.offer] = delivered.get(d.offer, 0) + d.quantity
    found, blocked = [], []
    withdrawn, committed = coordination.withdrawn(), coordination.committed_by_offer()
    for offer in coordination.offers:
        family = _family(catalogue, offer.item)
        kept = committed[offer.id] if offer.id in withdrawn else offer.quantity  # a withdrawal keeps what is committed
        quantity = kept - delivered.get(offer.id, 0)
        stop = options.stops.get(offer.donor)
        if (
            _from_contract(offer, contracts)
            or family not in index
            or quantity <= 0
            or (stop is not None and offer.available_on >= stop)
        ):
            continue  # fmt: skip
        if _barred(offer, family, coordination, catalogue):
            blocked.append(offer.id)
            continue
        month = max(0, months_between(start, offer.available_on))
        kind = SupplyKind.STOCK if offer.origin is Origin.STOCK else SupplyKind.PRODUCTION
        if month < months:
            found.append(Source(offer.id, kind, offer.donor, index[family], month, quantity))
    return tuple(found), tuple(blocked)


def _from_contract(offer: DonorOffer, contracts: set[str]) -> bool:
    return offer.note.startswith(CONTRACT_OFFER) and offer.note[len(CONTRACT_OFFER) :].split(" ")[0] in contracts


def _barred(offer: DonorOffer, family: str, coordination: Registers, catalogue: Catalogue) -> bool:
    """True when every open line of the offer's family names a use its donor forbids on the offer's date."""
    uses = [
        p.requirement.intended_use for p in coordination.progress()
        if p.status in COUNTED and _family(catalogue, p.requirement.item) == family
    ]  # fmt: skip
    forbidden = forbidden_uses(coordination.restrictions, donor=offer.donor, item=offer.item, family=family,
                               on=offer.available_on) | offer.restrictions  # fmt: skip
    return bool(uses) and all(use is not None and use in forbidden for use in uses)


def _line(
    industry: IndustryRegisters, catalogue: Catalogue, id_: str, start: date, months: int,
    index: Mapping[str, int], options: Options,
) -> LineSlot:  # fmt: skip
    line = industry.line(id_)
    ramps = tuple((months_between(start, r.starts), r.months, r.surge_rate) for r in industry.ramps_of(line))
    area = index.get(_family(catalogue, line.item), -1)
    slots = []
    for c in queue(industry.contracts, line.id):
        stop = options.stops.get(c.buyer)
        cut = months if stop is None else min(months, max(0, months_between(start, stop)))
        slots.append(ContractSlot(c.id, c.buyer, c.purpose is Purpose.UKRAINE, area, c.quantity, cut))
    speed = options.speed.get(line.id, options.speed.get("*", 1.0))
    return LineSlot(line.id, line.nation, line.peacetime_rate, months_between(start, line.since), ramps, speed,
                    tuple(slots))  # fmt: skip


def grid(model: ForecastModel) -> tuple[date, ...]:
    return tuple(add_months(model.start, k) for k in range(model.months))
