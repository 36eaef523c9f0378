"""The ledger's sums computed in process, entry by entry: the reference `LedgerAnalytics`.

It reads the whole ledger through a unit of work and calls `domain.credit.stage_sums`, so it is right by
construction and slow on millions of entries (the DuckDB engine is the fast one; bootstrap chooses). It also
serves drill-down (`LedgerDrillDown`): which entries a figure sums, and their sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ramstein.domain.credit import CreditFilter, SumsByDonor
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import LedgerEntry
from ramstein.domain.periods import Period
from ramstein.services.ports import UnitOfWorkFactory
from ramstein.services.report_access import RecordsAnalytics


class PythonLedgerAnalytics:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def stage_sums(
        self, periods: Sequence[Period], credit: CreditFilter, rates: RateTable
    ) -> tuple[SumsByDonor, list[DataIssue]]:
        return self._all().stage_sums(periods, credit, rates)

    def entries(self, period: Period, credit: CreditFilter, donor: str) -> list[tuple[LedgerEntry, Decimal]]:
        return self._all().entries(period, credit, donor)

    def sources(self, period: Period, credit: CreditFilter) -> list[tuple[str, int]]:
        return self._all().sources(period, credit)

    def _all(self) -> RecordsAnalytics:
        with self._uow_factory() as uow:
            return RecordsAnalytics(list(uow.ledger.scan()))
