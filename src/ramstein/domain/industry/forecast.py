"""The deterministic forecast: the model evaluated once, as planned (no delays, ramps at their stated speed).

Per area and month, all cumulative: required, supplied (stock offers, production offers, contracts), the gap
(required - supplied; positive means short) and coverage (supplied / required, at most 1). The gap *closes*
in the first month from which supply covers the requirement in every later month of the horizon; None when
it is still open at the horizon's end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ramstein.domain.industry.model import Area, ForecastModel, LineSlot, SupplyKind, grid
from ramstein.domain.industry.production import ramp_rate


@dataclass(frozen=True, slots=True)
class AreaForecast:
    area: Area
    months: tuple[date, ...]
    required: tuple[int, ...]
    stock: tuple[int, ...]
    production: tuple[int, ...]
    contracts: tuple[int, ...]

    @property
    def supplied(self) -> tuple[int, ...]:
        return tuple(a + b + c for a, b, c in zip(self.stock, self.production, self.contracts, strict=True))

    @property
    def gap(self) -> tuple[int, ...]:
        return tuple(r - s for r, s in zip(self.required, self.supplied, strict=True))

    @property
    def closes(self) -> date | None:
        month = closing_month(self.required, self.supplied)
        return self.months[month] if month < len(self.months) else None

    def coverage(self, month: int = -1) -> float:
        return coverage(self.required[month], self.supplied[month])


def coverage(required: float, supplied: float) -> float:
    return 1.0 if required <= 0 else min(1.0, supplied / required)


def closing_month(required: Sequence[int], supplied: Sequence[int]) -> int:
    """The first month index from which supply covers the requirement to the end; len() when never."""
    month = len(required)
    for k in range(len(required) - 1, -1, -1):
        if supplied[k] < required[k]:
            break
        month = k
    return month


def line_output(line: LineSlot, months: int, speed: float = 1.0, delay: int = 0) -> list[int]:
    """Cumulative capacity of a line by the end of each month, `delay` months late."""
    made, out = 0, []
    for m in range(months):
        made += ramp_rate(line.peacetime, line.since, line.ramps, m, line.speed * speed)
        out.append(made)
    return [out[m - delay] if m >= delay else 0 for m in range(months)]


def contract_received(cumulative: Sequence[int], before: int, quantity: int, stop: int) -> list[int]:
    """Cumulative deliveries of a contract queued behind `before` units, cut from month `stop` on."""
    got = [min(max(c - before, 0), quantity) for c in cumulative]
    return [got[min(m, stop - 1)] if stop > 0 else 0 for m in range(len(cumulative))]


def forecast(model: ForecastModel) -> list[AreaForecast]:
    months = model.months
    parts = {kind: [[0] * months for _ in model.areas] for kind in SupplyKind}
    for source in model.sources:
        row = parts[source.kind][source.area]
        for k in range(source.month, months):
            row[k] += source.quantity
    for line in model.lines:
        cumulative, before = line_output(line, months), 0
        for slot in line.contracts:
            if slot.ukraine and slot.area >= 0:
                got = contract_received(cumulative, before, slot.quantity, slot.stop)
                row = parts[SupplyKind.CONTRACT][slot.area]
                for k in range(months):
                    row[k] += got[k]
            before += slot.quantity
    dates = grid(model)
    return [
        AreaForecast(area, dates, model.required[i], *(tuple(parts[kind][i]) for kind in SupplyKind))
        for i, area in enumerate(model.areas)
    ]
