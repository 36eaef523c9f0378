"""Reference datasets (nations, GDP, exchange rates) are versioned like the ledger: never overwritten.

Loading a newer file adds a new dataset beside the old one; figures name the dataset they used, so an old
report can be replayed exactly. The diff functions say what a newer file changes before it is trusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ramstein.domain.fx import RateTable
from ramstein.domain.nations import GdpValue, Nation


class DatasetKind(StrEnum):
    NATIONS = "nations"
    GDP = "gdp"  # World Bank GDP, current US$
    GDP_KIEL = "gdp-kiel"  # the Kiel tracker's own GDP figures (2021, EUR), a second GDP source
    FX = "fx"


GDP_KINDS = (DatasetKind.GDP, DatasetKind.GDP_KIEL)


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """Provenance of one loaded dataset. `id` is given by the repository when it is stored."""

    kind: DatasetKind
    label: str  # e.g. "ECB euro reference rates to 2026-04-13"
    source: str  # origin and licence in one line
    sha256: str  # of the file it was read from
    loaded_at: datetime
    rows: int
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class DatasetDiff:
    """What a newer dataset adds, changes and drops compared with the one in use."""

    kind: DatasetKind
    added: int = 0
    changed: int = 0
    removed: int = 0
    summary: tuple[str, ...] = ()
    examples: tuple[Change, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def diff_rates(old: RateTable | None, new: RateTable, *, examples: int = 5) -> DatasetDiff:
    old_points = _rate_points(old) if old else {}
    new_points = _rate_points(new)
    added = new_points.keys() - old_points.keys()
    removed = old_points.keys() - new_points.keys()
    changed = sorted(k for k in new_points.keys() & old_points.keys() if old_points[k] != new_points[k])
    summary = []
    if added:
        days = sorted({d for _, d in added})
        summary.append(f"{len(added)} new rates on {len(days)} days, {days[0]} to {days[-1]}")
    new_currencies = sorted(set(new.currencies) - set(old.currencies if old else []))
    if new_currencies and old:
        summary.append("new currencies: " + ", ".join(new_currencies))
    if changed:
        summary.append(f"{len(changed)} published rates differ from the loaded ones")
    if removed:
        summary.append(f"{len(removed)} loaded rates are missing from the new file")
    shown = tuple(Change(f"{c} {d}", str(old_points[(c, d)]), str(new_points[(c, d)])) for c, d in changed[:examples])
    return DatasetDiff(DatasetKind.FX, len(added), len(changed), len(removed), tuple(summary), shown)


def diff_gdp(old: Sequence[GdpValue], new: Sequence[GdpValue], *, examples: int = 5) -> DatasetDiff:
    before = {(v.nation, v.year): v.value for v in old}
    after = {(v.nation, v.year): v.value for v in new}
    added = after.keys() - before.keys()
    removed = before.keys() - after.keys()
    changed = sorted(k for k in after.keys() & before.keys() if before[k] != after[k])
    summary = []
    if added:
        years = sorted({y for _, y in added})
        summary.append(f"{len(added)} new values for {years[0]} to {years[-1]}")
    if changed:
        summary.append(f"{len(changed)} values revised")
    if removed:
        summary.append(f"{len(removed)} loaded values are missing from the new file")
    shown = tuple(
        Change(f"{n} {y}", str(before[(n, y)].amount), str(after[(n, y)].amount)) for n, y in changed[:examples]
    )
    return DatasetDiff(DatasetKind.GDP, len(added), len(changed), len(removed), tuple(summary), shown)


def _rate_points(table: RateTable) -> dict[tuple[str, date], object]:
    points: dict[tuple[str, date], object] = {}
    for series in table.all_series():
        points.update(((series.currency, d), r) for d, r in zip(series.dates, series.rates, strict=True))
    return points


def diff_nations(old: Sequence[Nation], new: Sequence[Nation]) -> DatasetDiff:
    before = {n.code: n for n in old}
    after = {n.code: n for n in new}
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed = sorted(c for c in after.keys() & before.keys() if before[c] != after[c])
    summary = tuple(
        f"{label}: {', '.join(codes[:10])}{' ...' if len(codes) > 10 else ''}"
        for label, codes in (("added", added), ("changed", changed), ("removed", removed))
        if codes
    )
    return DatasetDiff(DatasetKind.NATIONS, len(added), len(changed), len(removed), summary)
