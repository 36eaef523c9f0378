"""The burden overview: what each donor has recorded in the ledger, in EUR, beside the size of its economy.

Method (also in docs/ledger.md): entries in force only (reversed entries and reversals are left out);
amounts in other currencies are converted to EUR at the ECB rate of the entry's date; GDP is the World
Bank's current-US$ figure for `gdp_year`, converted to EUR at that year's average ECB rate. "% of GDP" is
cumulative support over one year's GDP, as the Kiel tracker reports it. The fair share of the annual floor
is computed by the rule sets of the burden-sharing reports, not here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from ramstein.domain.errors import RateUnavailable
from ramstein.domain.fx import RateTable, convert, convert_average
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, EntryKind, LedgerEntry
from ramstein.domain.nations import Body, GdpValue, NationRegistry

EUR = "EUR"
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class DonorRow:
    rank: int
    code: str
    name: str
    nato: bool
    military: Decimal  # committed military aid, EUR
    total: Decimal  # committed aid of every type, EUR
    pledged: Decimal  # pledged military aid, EUR
    delivered: Decimal  # delivered military aid, EUR
    gdp: Decimal | None  # EUR, for gdp_year
    military_pct_gdp: Decimal | None
    nato_gdp_share_pct: Decimal | None  # share of the allies' combined GDP (allies only)
    entries: int


@dataclass(frozen=True, slots=True)
class Overview:
    as_of: date
    gdp_year: int
    rows: tuple[DonorRow, ...]
    military_by_year: dict[int, Decimal]  # committed military aid of all donors per calendar year
    allies_military_by_year: dict[int, Decimal]  # from the nations that were allies at the end of each year
    totals: dict[str, Decimal]  # "military", "total", "pledged", "delivered"
    sources: dict[str, int]  # source -> number of entries in force
    gdp_source: str
    fx_source: str
    issues: tuple[DataIssue, ...] = field(default=())


@dataclass
class _Sums:
    by_stage: dict[tuple[EntryKind, AidType], Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    entries: int = 0


def build(
    live: Iterable[LedgerEntry],
    nations: NationRegistry,
    gdp: Sequence[GdpValue],
    rates: RateTable,
    *,
    as_of: date,
    gdp_year: int,
) -> Overview:
    sums: dict[str, _Sums] = defaultdict(_Sums)
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    allies_by_year: dict[int, Decimal] = defaultdict(Decimal)
    sources: Counter[str] = Counter()
    issues: list[DataIssue] = []
    allies = {n.code for n in nations.members(Body.NATO, as_of)}
    for record in live:
        entry = record.entry
        try:
            eur = convert(entry.amount, EUR, on=entry.on, rates=rates).result.amount
        except RateUnavailable as exc:
            issues.append(DataIssue("ledger", record.seq, "amount", f"left out: {exc}"))
            continue
        donor = sums[entry.donor]
        donor.by_stage[(entry.kind, entry.aid_type)] += eur
        donor.entries += 1
        sources[entry.source or "(no source)"] += 1
        if entry.kind is EntryKind.COMMITMENT and entry.aid_type is AidType.MILITARY:
            by_year[entry.on.year] += eur
            if _ally_at_year_end(nations, entry.donor, entry.on.year):
                allies_by_year[entry.on.year] += eur
    gdp_eur = _gdp_in_euro(gdp, gdp_year, rates, issues)
    rows = _rows(sums, nations, allies, gdp_eur)
    return Overview(
        as_of=as_of,
        gdp_year=gdp_year,
        rows=rows,
        military_by_year=dict(sorted(by_year.items())),
        allies_military_by_year=dict(sorted(allies_by_year.items())),
        totals=_totals(rows),
        sources=dict(sources.most_common()),
        gdp_source=next((v.source for v in gdp if v.year == gdp_year), "no GDP loaded"),
        fx_source=rates.source,
        issues=tuple(issues),
    )


def _ally_at_year_end(nations: NationRegistry, code: str, year: int) -> bool:
    """As the fair-share rule sets count participants: an ally on the last day of the year."""
    return code in nations and nations.get(code).member_of(Body.NATO, date(year, 12, 31))


def _rows(
    sums: dict[str, _Sums], nations: NationRegistry, allies: set[str], gdp_eur: dict[str, Decimal]
) -> tuple[DonorRow, ...]:
    allied_gdp = sum((gdp_eur[c] for c in allies if c in gdp_eur), Decimal(0))
    unranked = []
    for code, donor in sums.items():
        stage = donor.by_stage
        military = stage[(EntryKind.COMMITMENT, AidType.MILITARY)]
        gdp = gdp_eur.get(code)
        unranked.append(
            DonorRow(
                rank=0,
                code=code,
                name=nations.get(code).name if code in nations else code,
                nato=code in allies,
                military=military,
                total=sum((v for (k, _), v in stage.items() if k is EntryKind.COMMITMENT), Decimal(0)),
                pledged=stage[(EntryKind.PLEDGE, AidType.MILITARY)],
                delivered=stage[(EntryKind.DELIVERY, AidType.MILITARY)],
                gdp=gdp,
                military_pct_gdp=military / gdp * HUNDRED if gdp else None,
                nato_gdp_share_pct=gdp / allied_gdp * HUNDRED if gdp and code in allies and allied_gdp else None,
                entries=donor.entries,
            )
        )
    ordered = sorted(unranked, key=lambda r: (-r.military, -r.total, r.code))
    return tuple(replace(row, rank=rank) for rank, row in enumerate(ordered, start=1))


def _totals(rows: Sequence[DonorRow]) -> dict[str, Decimal]:
    return {
        name: sum((getattr(r, name) for r in rows), Decimal(0))
        for name in ("military", "total", "pledged", "delivered")
    }


def _gdp_in_euro(gdp: Sequence[GdpValue], year: int, rates: RateTable, issues: list[DataIssue]) -> dict[str, Decimal]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    converted: dict[str, Decimal] = {}
    for value in gdp:
        if value.year != year:
            continue
        try:
            converted[value.nation] = convert_average(value.value, EUR, start=start, end=end, rates=rates).result.amount
        except RateUnavailable as exc:
            issues.append(DataIssue("gdp", 0, value.nation, str(exc)))
    return converted
