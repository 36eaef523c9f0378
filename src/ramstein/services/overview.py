"""The burden overview use case: read the ledger in force and the reference data, build the report."""

from __future__ import annotations

from collections.abc import Sequence

from ramstein.domain.ledger import LedgerEntry, live
from ramstein.domain.reference import DatasetKind
from ramstein.reports.overview import Overview, build
from ramstein.services.ports import Clock, LedgerQuery, UnitOfWorkFactory


def burden_overview(
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    gdp_year: int | None = None,
    records: Sequence[LedgerEntry] | None = None,  # only these entries (what a reader may read); None: all
) -> Overview:
    with uow_factory() as uow:
        in_force = uow.ledger.find(LedgerQuery(live_only=True)) if records is None else list(live(records))
        gdp = uow.reference.gdp()
        year = gdp_year or max((v.year for v in gdp), default=clock().year - 1)
        fx = uow.reference.latest(DatasetKind.FX)
        return build(
            in_force,
            uow.reference.nations(),
            gdp,
            uow.reference.rates(fx.id if fx else None),
            as_of=clock().date(),
            gdp_year=year,
        )
