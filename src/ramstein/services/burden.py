"""The burden-sharing report use case: reference data and ledger sums in, a `BurdenReport` out.

Replay: a report is fixed by its rule set (name and version), its period and its `as_of` moment. The
ledger is read as it was recorded by then (`CreditFilter.as_of`), and each reference dataset is the latest
one *loaded* by then, named by id in the report's sources, so running it again later gives the same figures.

An entry whose currency has no ECB rate on its date stops the report (`RateUnavailable`, listing the
entries) rather than appearing as an issue: a fair-share table that silently leaves a donor's support out
would be wrong in the one figure it exists for. Other remarks (a GDP year taken from the fallback) are
listed in the report's issues.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ramstein.domain.errors import InvalidInput, NotFound, RateUnavailable
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import LedgerEntry
from ramstein.domain.periods import Period
from ramstein.domain.reference import DatasetInfo, DatasetKind
from ramstein.domain.rules import GdpSource, RuleSet, Valuation
from ramstein.reports.burden import BurdenReport
from ramstein.reports.burden_builder import BurdenInputs, Provenance, build, periods_needed
from ramstein.services.ports import Clock, LedgerAnalytics, LedgerDrillDown, UnitOfWork, UnitOfWorkFactory

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
) -> BurdenReport:
    rules, period = request.rules, request.period
    _check_valuation(rules)
    as_of = request.as_of or clock()
    with uow_factory() as uow:
        nations_info = dataset_as_of(uow, DatasetKind.NATIONS, as_of)
        gdp_info = dataset_as_of(uow, GDP_KIND[rules.gdp_source], as_of)
        fx_info = dataset_as_of(uow, DatasetKind.FX, as_of)
        nations = uow.reference.nations(nations_info.id)
        gdp = uow.reference.gdp(gdp_info.id, gdp_info.kind)
        rates = uow.reference.rates(fx_info.id)
    credit = rules.credit_filter(as_of)
    sums, issues = analytics.stage_sums(periods_needed(rules, period), credit, rates)
    if issues:
        raise unconvertible(issues)
    provenance = Provenance(
        gdp_label=gdp_info.label,
        gdp_dataset=gdp_info.id,
        fx_label=fx_info.label,
        fx_dataset=fx_info.id,
        ledger=tuple(drill_down.sources(period, credit)),
    )
    inputs = BurdenInputs(rules, period, as_of, nations, gdp, rates, sums, provenance, request.gdp_fallback)
    return build(inputs)


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


def _check_valuation(rules: RuleSet) -> None:
    if rules.valuation is Valuation.PRICE_LIST:
        raise InvalidInput(
            f"rule set {rules.label} values items by the price list {rules.price_list!r}, "
            "but no price list is loaded in ramstein yet",
            hint="use valuation: as-recorded in the rule set.",
        )
