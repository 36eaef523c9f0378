"""Fair-share reports and the donor overview for an actor (docs/web.md, "Releasability markings").

A reader the policy lets read reports (`reports.read`: every signed-in role) gets the report of the whole
ledger. The public (`public.read`) gets the same report computed over the entries it may read (those marked
public) and nothing else: the sums are made entry by entry from exactly those entries, so no coalition or
bilateral figure enters a public total, and a period's total is withheld when fewer than `min_nations`
nations contribute to it (`domain.markings.release`), so that no single nation's figure can be read off it;
so is each year of the report's history (and of the fund's cumulative series) below the threshold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ramstein.domain.access import Actor, Marking, Resource, decide
from ramstein.domain.credit import CreditFilter, SumsByDonor, in_force, period_shares, stage_sums
from ramstein.domain.errors import Forbidden
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import LedgerEntry
from ramstein.domain.markings import release
from ramstein.domain.periods import Period
from ramstein.reports.burden import BurdenReport
from ramstein.reports.overview import Overview
from ramstein.services import burden, ledger_access, overview
from ramstein.services.guard import Caller, permit
from ramstein.services.ports import Clock, LedgerAnalytics, LedgerDrillDown, LedgerQuery, PriceLists, UnitOfWorkFactory
from ramstein.services.report_cache import ReportCache

REPORT = Resource("report")
PUBLIC_REPORT = Resource("report", marking=Marking.PUBLIC)


@dataclass(frozen=True, slots=True)
class ReportSources:
    """What a report reads: the store, the fast sums, the drill-down, the clock, price lists, the threshold."""

    uow_factory: UnitOfWorkFactory
    analytics: LedgerAnalytics
    drill_down: LedgerDrillDown
    clock: Clock
    price_lists: PriceLists | None = None
    min_nations: int = 3
    cache: ReportCache | None = None  # built reports kept while the ledger is unchanged (services.report_cache)


def full_access(actor: Actor) -> bool:
    """Whether the actor reads reports of the whole ledger (else only what is released to the public)."""
    return decide(actor, "reports.read", REPORT).allowed


def burden_report(src: ReportSources, caller: Caller, request: burden.BurdenRequest) -> BurdenReport:
    full = _permitted(src, caller)

    def make() -> BurdenReport:
        uow_factory, analytics, drill_down = _sources(src, caller, full)
        made = burden.burden_report(uow_factory, analytics, drill_down, request, src.clock, src.price_lists)
        return made if full else release_years(made, src.min_nations)

    # The public's report is kept with its withheld years taken out, so the threshold is part of its key.
    key = ("report" if full else f"public-report-{src.min_nations}", request)
    report = make() if src.cache is None else src.cache.report(src.uow_factory, _reader(caller, full), key, make)
    if not full:
        _check_released(report, src.min_nations)
    return report


def yearly_reports(src: ReportSources, caller: Caller, request: burden.BurdenRequest) -> list[BurdenReport]:
    full = _permitted(src, caller)

    def make() -> tuple[BurdenReport, ...]:
        uow_factory, analytics, drill_down = _sources(src, caller, full)
        found = burden.yearly_reports(uow_factory, analytics, drill_down, request, src.clock, src.price_lists)
        return tuple(found)

    if src.cache is None:
        return list(make())
    return list(src.cache.report(src.uow_factory, _reader(caller, full), ("yearly", request), make))


def explain(
    src: ReportSources, caller: Caller, request: burden.BurdenRequest, nation: str
) -> list[tuple[LedgerEntry, Decimal]]:
    uow_factory, _, drill_down = _sources(src, caller, _permitted(src, caller))
    return burden.explain(uow_factory, drill_down, request, nation, src.clock)


def donor_overview(src: ReportSources, caller: Caller) -> Overview:
    full = _permitted(src, caller)

    def make() -> Overview:
        records = None if full else readable(src.uow_factory, caller.actor)
        return overview.burden_overview(src.uow_factory, src.clock, records=records)

    if src.cache is None:
        return make()
    return src.cache.get(src.uow_factory, _reader(caller, full), ("overview", src.clock().date()), make)


def readable(uow_factory: UnitOfWorkFactory, actor: Actor) -> list[LedgerEntry]:
    """Every entry the actor may read (the policy's filter of the ledger), in sequence order."""
    return [record for record, _ in ledger_access.find(uow_factory, actor, LedgerQuery())[0]]


def _permitted(src: ReportSources, caller: Caller) -> bool:
    """Whether the caller reads the whole ledger; else checks (and audits) that it may read public reports."""
    if full_access(caller.actor):
        return True
    permit(src.uow_factory, caller, "public.read", PUBLIC_REPORT, src.clock)
    return False


def _reader(caller: Caller, full: bool) -> Actor | None:
    """The reader's visibility class for the cache: None reads the whole ledger."""
    return None if full else caller.actor


def _sources(
    src: ReportSources, caller: Caller, full: bool
) -> tuple[UnitOfWorkFactory, LedgerAnalytics, LedgerDrillDown]:
    if full:
        return src.uow_factory, src.analytics, src.drill_down
    released = RecordsAnalytics(readable(src.uow_factory, caller.actor))
    return src.uow_factory, released, released


def _check_released(report: BurdenReport, min_nations: int) -> None:
    by_nation = {row.nation: row.credit_eur for row in report.rows}
    (total,) = release({report.period_label: by_nation}, min_nations)
    if total.withheld:
        raise Forbidden(
            f"the {report.period_label} total is withheld from the public: {total.nations} nation(s) contribute "
            f"to it in the released records, fewer than {min_nations}",
            hint="sign in to see the coalition's figures, or choose another period.",
            key="report.withheld",
            params={"period": report.period_label, "nations": total.nations, "min_nations": min_nations},
        )


def release_years(report: BurdenReport, min_nations: int) -> BurdenReport:
    """The public's report without the yearly totals fewer than `min_nations` nations contribute to: such a
    year leaves the history (chart and table) and, with every year after it, the fund's cumulative series
    (a later cumulative total minus an earlier one would give the withheld year back). Each withheld year is
    named among the report's issues, so the reader knows why it is missing."""
    counts = dict(report.contributors)
    withheld = sorted(label for label, nations in counts.items() if nations < min_nations)
    if not withheld:
        return report
    history = tuple(p for p in report.history if p.label not in withheld)
    fund = report.fund
    if fund is not None:
        first = next((i for i, y in enumerate(fund.years) if y.label in withheld), len(fund.years))
        fund = replace(fund, years=fund.years[:first])
    notes = tuple(
        DataIssue("public release", 0, "history", f"the {label} total is withheld from the public: "
                  f"{counts[label]} nation(s) contribute to it in the released records, fewer than {min_nations}")
        for label in withheld
    )  # fmt: skip
    return replace(report, history=history, fund=fund, issues=(*report.issues, *notes))


class RecordsAnalytics:
    """`LedgerAnalytics` and `LedgerDrillDown` over a given list of entries (those an actor may read), by the
    domain's reference rules, entry by entry."""

    def __init__(self, records: Sequence[LedgerEntry]) -> None:
        self._records = records

    def stage_sums(
        self, periods: Sequence[Period], credit: CreditFilter, rates: RateTable
    ) -> tuple[SumsByDonor, list[DataIssue]]:
        return stage_sums(self._records, periods, credit, rates)

    def entries(self, period: Period, credit: CreditFilter, donor: str) -> list[tuple[LedgerEntry, Decimal]]:
        return [(r, share) for r, share in self._counted(period, credit) if r.entry.donor == donor]

    def sources(self, period: Period, credit: CreditFilter) -> list[tuple[str, int]]:
        counts = Counter(r.entry.source or "(no source)" for r, _ in self._counted(period, credit))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def _counted(self, period: Period, credit: CreditFilter) -> Iterator[tuple[LedgerEntry, Decimal]]:
        for record in in_force(self._records, credit.as_of):
            if credit.admits(record):
                for _, share in period_shares(record, [period], credit.phase_pledges):
                    yield record, share
