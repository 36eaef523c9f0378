"""The burden-sharing report use case: reference data and ledger sums in, a `BurdenReport` out.

Replay: a report is fixed by its rule set (name and version), its period and its `as_of` moment. The
ledger is read as it was recorded by then (`CreditFilter.as_of`), and each reference dataset is the latest
one *loaded* by then, named by id in the report's sources, so running it again later gives the same figures.

An entry whose currency has no ECB rate on its date stops the report (`RateUnavailable`, listing the
entries) rather than appearing as an issue: a fair-share table that silently leaves a donor's support out
would be wrong in the one figure it exists for. Other remarks (a GDP year taken from the fallback, an item
missing from the price list) are listed in the report's issues.

Price-list valuation (`domain.prices`): the analytic store sums the whole ledger at recorded values, as for
any report; only the entries that list items can be valued differently, so just those (and their reversals)
are read, revalued, and the difference added to the sums. The DuckDB copy needs no items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from ramstein.domain.credit import SumsByDonor
from ramstein.domain.errors import InvalidInput, NotFound, RateUnavailable
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import EntryKind, LedgerEntry
from ramstein.domain.periods import Period
from ramstein.domain.prices import PriceList, revalue, with_delta
from ramstein.domain.reference import DatasetInfo, DatasetKind
from ramstein.domain.rules import GdpSource, RuleSet, Valuation
from ramstein.reports.burden import BurdenReport
from ramstein.reports.burden_builder import BurdenInputs, Provenance, build, history_periods, periods_needed
from ramstein.services.ports import (
    Clock,
    LedgerAnalytics,
    LedgerDrillDown,
    LedgerQuery,
    PriceLists,
    UnitOfWork,
    UnitOfWorkFactory,
)

GDP_KIND = {GdpSource.WORLD_BANK: DatasetKind.GDP, GdpSource.KIEL: DatasetKind.GDP_KIEL}
LISTED = 10


@dataclass(frozen=True, slots=True)
class BurdenRequest:
    rules: RuleSet
    period: Period
    as_of: datetime | None = None  # None: now
    gdp_fallback: bool = False  # allow each nation's latest earlier GDP year, whatever the rule set says


def burden_report(
    uow_factory: UnitOfWorkFactory,
    analytics: LedgerAnalytics,
    drill_down: LedgerDrillDown,
    request: BurdenRequest,
    clock: Clock,
    price_lists: PriceLists | None = None,  # needed only by rule sets with valuation: price-list
) -> BurdenReport:
    return build(_inputs(uow_factory, analytics, drill_down, request, clock, price_lists))


def yearly_reports(
    uow_factory: UnitOfWorkFactory,
    analytics: LedgerAnalytics,
    drill_down: LedgerDrillDown,
    request: BurdenRequest,
    clock: Clock,
    price_lists: PriceLists | None = None,
) -> list[BurdenReport]:
    """The report of each calendar year of the history chart (a nation's history), from the one set of
    ledger sums the report of `request.period` reads anyway; newest first. Each year's sources list the
    ledger sources of `request.period`, not of that year."""
    inputs = _inputs(uow_factory, analytics, drill_down, request, clock, price_lists)
    years = history_periods(request.rules, request.period)
    return [build(replace(inputs, period=year)) for year in reversed(years)]


def _inputs(
    uow_factory: UnitOfWorkFactory,
    analytics: LedgerAnalytics,
    drill_down: LedgerDrillDown,
    request: BurdenRequest,
    clock: Clock,
    price_lists: PriceLists | None,
) -> BurdenInputs:
    rules, period = request.rules, request.period
    prices = _price_list(rules, price_lists)
    as_of = request.as_of or clock()
    itemised: list[LedgerEntry] = []
    with uow_factory() as uow:
        nations_info = dataset_as_of(uow, DatasetKind.NATIONS, as_of)
        gdp_info = dataset_as_of(uow, GDP_KIND[rules.gdp_source], as_of)
        fx_info = dataset_as_of(uow, DatasetKind.FX, as_of)
        nations = uow.reference.nations(nations_info.id)
        gdp = uow.reference.gdp(gdp_info.id, gdp_info.kind)
        rates = uow.reference.rates(fx_info.id)
        if prices is not None:
            itemised = entries_with_items(uow)
    credit = rules.credit_filter(as_of)
    periods = periods_needed(rules, period)
    sums, issues = analytics.stage_sums(periods, credit, rates)
    if issues:
        raise unconvertible(issues)
    noted: tuple[DataIssue, ...] = ()
    if prices is not None:
        sums, noted = _priced(sums, itemised, periods, request, as_of, rates, prices)
    provenance = Provenance(
        gdp_label=gdp_info.label,
        gdp_dataset=gdp_info.id,
        fx_label=fx_info.label,
        fx_dataset=fx_info.id,
        ledger=tuple(drill_down.sources(period, credit)),
        prices=prices.describe() if prices is not None else "",
    )
    return BurdenInputs(rules, period, as_of, nations, gdp, rates, sums, provenance, request.gdp_fallback, noted)


def entries_with_items(uow: UnitOfWork) -> list[LedgerEntry]:
    """The entries that list items, and the reversal of each that has one: all a price list can change.
    A reversal usually repeats its entry's items, but one recorded without them must still cancel it."""
    found = uow.ledger.find(LedgerQuery(with_items=True))
    seen = {record.seq for record in found}
    for record in list(found):
        if record.entry.kind is not EntryKind.REVERSAL:
            reversal = uow.ledger.reversal_of(record.seq)
            if reversal is not None and reversal.seq not in seen:
                found.append(reversal)
    return found


def _priced(
    sums: SumsByDonor,
    itemised: Sequence[LedgerEntry],
    periods: Sequence[Period],
    request: BurdenRequest,
    as_of: datetime,
    rates: RateTable,
    prices: PriceList,
) -> tuple[SumsByDonor, tuple[DataIssue, ...]]:
    found = revalue(itemised, periods, request.rules.credit_filter(as_of), rates, prices)
    if found.unconvertible:
        raise unconvertible(found.unconvertible)
    return with_delta(sums, found.delta), found.unpriced


def explain(
    uow_factory: UnitOfWorkFactory, drill_down: LedgerDrillDown, request: BurdenRequest, nation: str, clock: Clock
) -> list[tuple[LedgerEntry, Decimal]]:
    """The ledger entries a report row sums, each with the fraction of it the period gets."""
    with uow_factory() as uow:
        code = uow.reference.nations().get(nation).code
    as_of = request.as_of or clock()
    return drill_down.entries(request.period, request.rules.credit_filter(as_of), code)


def dataset_as_of(uow: UnitOfWork, kind: DatasetKind, as_of: datetime) -> DatasetInfo:
    """The latest dataset of `kind` loaded at or before `as_of`: what a report made then would have used."""
    loaded = [d for d in uow.reference.datasets(kind) if d.loaded_at <= as_of]
    if not loaded:
        raise NotFound(
            f"no {kind} dataset was loaded by {as_of.isoformat(timespec='seconds')}",
            hint="run `ramstein init` to load the shipped data, or give a later --as-of.",
        )
    return loaded[-1]


def unconvertible(issues: Sequence[DataIssue]) -> RateUnavailable:
    listed = "; ".join(issue.message for issue in issues[:LISTED])
    more = f"; and {len(issues) - LISTED} more" if len(issues) > LISTED else ""
    return RateUnavailable(
        f"{len(issues)} ledger entries cannot be converted to EUR, so the report would leave them out: {listed}{more}",
        hint="reverse those entries and record them again in EUR, or load newer ECB rates "
        "(`ramstein data update --fx FILE`).",
    )


def _price_list(rules: RuleSet, price_lists: PriceLists | None) -> PriceList | None:
    if rules.valuation is not Valuation.PRICE_LIST or rules.price_list is None:
        return None
    if price_lists is None:  # a wiring mistake of the caller, not of the user
        raise InvalidInput(
            f"rule set {rules.label} values items by the price list {rules.price_list!r}, "
            "but this report was asked for without access to price lists",
            hint="use valuation: as-recorded in the rule set, or run the report from the command line.",
        )
    return price_lists.load(rules.price_list)
