"""The ledger's sums computed in process, entry by entry: the reference `LedgerAnalytics`.

It reads the whole ledger through a unit of work and calls `domain.credit.stage_sums`, so it is right by
construction and slow on millions of entries (the DuckDB engine is the fast one; bootstrap chooses). It also
serves drill-down (`LedgerDrillDown`): which entries a figure sums, and their sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal

from ramstein.domain.credit import CreditFilter, SumsByDonor, in_force, period_shares, stage_sums
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import LedgerEntry
from ramstein.domain.periods import Period
from ramstein.services.ports import UnitOfWorkFactory


class PythonLedgerAnalytics:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def stage_sums(
        self, periods: Sequence[Period], credit: CreditFilter, rates: RateTable
    ) -> tuple[SumsByDonor, list[DataIssue]]:
        return stage_sums(self._records(), periods, credit, rates)

    def entries(self, period: Period, credit: CreditFilter, donor: str) -> list[tuple[LedgerEntry, Decimal]]:
        return [(r, share) for r, share in self._counted(period, credit) if r.entry.donor == donor]

    def sources(self, period: Period, credit: CreditFilter) -> list[tuple[str, int]]:
        counts = Counter(r.entry.source or "(no source)" for r, _ in self._counted(period, credit))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def _counted(self, period: Period, credit: CreditFilter) -> Iterator[tuple[LedgerEntry, Decimal]]:
        for record in in_force(self._records(), credit.as_of):
            if credit.admits(record):
                for _, share in period_shares(record, [period], credit.phase_pledges):
                    yield record, share

    def _records(self) -> list[LedgerEntry]:
        with self._uow_factory() as uow:
            return list(uow.ledger.scan())
