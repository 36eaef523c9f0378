"""Bands from the runs' supply: percentiles per area and month, the closing month's distribution, coverage.

Percentiles follow the inverted-CDF rule: P is the ceil(P/100 × n)-th smallest of n values, a value some run
produced. They are picked by one partition of the runs per area and month, not by sorting them all.
"""

from __future__ import annotations

import math

import numpy as np

from ramstein.adapters.simulation.engine import Array
from ramstein.domain.industry.model import FloorPace, ForecastModel, grid
from ramstein.domain.industry.uncertainty import PERCENTILES, AreaBands, Bands, FloorBands, Simulation


def ranks(runs: int) -> list[int]:
    """0-based ranks of P10, P50, P90 among `runs` values."""
    return [max(1, math.ceil(p * runs / 100)) - 1 for p in PERCENTILES]


def ranked(values: Array) -> dict[int, Array]:
    """rank -> the value of that rank in every column (runs along axis 0), for each rank of `ranks` and its
    mirror from the top (the gap falls as supply rises: its P10 is supply's rank n-1-i)."""
    n = values.shape[0]
    wanted = sorted({*ranks(n), *(n - 1 - i for i in ranks(n))})
    flat = np.ascontiguousarray(values.reshape(n, -1).T)
    flat.partition(wanted, axis=1)
    return {i: flat[:, i].reshape(values.shape[1:]) for i in wanted}


def _bands(rows: list[Array]) -> Bands:
    p10, p50, p90 = (tuple(float(v) for v in np.ravel(row)) for row in rows)
    return Bands(p10, p50, p90)


def closing(required: Array, supply: Array) -> Array:
    """Per run and area, the first month from which supply covers the requirement to the end (M: never)."""
    ok = supply >= required[None]
    to_end = np.flip(np.logical_and.accumulate(np.flip(ok, axis=2), axis=2), axis=2)
    months = supply.shape[2]
    found: Array = np.where(to_end.any(axis=2), np.argmax(to_end, axis=2), months)
    return found


def coverage(required: Array, supply: Array) -> Array:
    """Per run and month, the mean over areas of supply / requirement, at most 1 (1 where nothing is required)."""
    inverse = np.divide(1.0, required, out=np.zeros_like(required), where=required > 0)
    cover = np.minimum(supply * inverse[None], 1.0)
    cover[:, required <= 0] = 1.0
    mean: Array = cover.mean(axis=1)
    return mean


def joined(model: ForecastModel, parts: list[tuple[Array, Array]]) -> tuple[Array, Array]:
    """The chunks' supply and credit, in chunk order, as one R×A×M and one R×N array."""
    allies = len(model.floor.nations) if model.floor else 0
    if not parts:
        return np.zeros((0, len(model.areas), model.months)), np.zeros((0, allies))
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def floor_bands(floor: FloorPace, credit: Array) -> FloorBands:
    """Each ally's expected credit and the coalition's total over the runs, by the same percentile rule."""
    n = credit.shape[0]
    at = ranked(credit)
    total = np.sort(credit.sum(axis=1))[ranks(n)]
    meets = float(np.mean(credit.sum(axis=1) >= floor.floor))
    picks = (float(total[0]), float(total[1]), float(total[2]))
    return FloorBands(floor.nations, _bands([at[r] for r in ranks(n)]), picks, floor.floor, meets)


def summarise(
    model: ForecastModel, supply: Array, credit: Array, *, seed: int, chunk_runs: int, workers: int
) -> Simulation:
    required = np.array(model.required, dtype=np.float64).reshape(len(model.areas), model.months)
    n, months = supply.shape[0], grid(model)
    closes = closing(required, supply)
    at = ranked(supply)
    areas = []
    for i, area in enumerate(model.areas):
        supplied = _bands([at[r][i] for r in ranks(n)])
        gap = _bands([required[i] - at[n - 1 - r][i] for r in ranks(n)])
        picks = np.sort(closes[:, i])[ranks(n)]
        when = tuple(months[int(p)] if p < model.months else None for p in picks)
        within = float(np.mean(closes[:, i] < model.months))
        areas.append(AreaBands(area, supplied, gap, (when[0], when[1], when[2]), within))
    cover = ranked(coverage(required, supply)) if model.areas else {}
    bands = _bands([cover[r] for r in ranks(n)]) if model.areas else Bands((), (), ())
    floor = floor_bands(model.floor, credit) if model.floor is not None and n else None
    return Simulation(n, seed, chunk_runs, workers, months, bands, tuple(areas), floor)
