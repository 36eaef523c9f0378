"""Import a Kiel Ukraine Support Tracker release into the ledger (see `domain.tracker` for the method)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ramstein.domain.access import Actor
from ramstein.domain.errors import RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, LedgerEntry, reversal_of
from ramstein.domain.tracker import EXTERNAL_PREFIX, Release, plan_import
from ramstein.services.ledger import append
from ramstein.services.ports import Clock, LedgerQuery, Progress, UnitOfWorkFactory, no_progress


@dataclass(frozen=True, slots=True)
class TrackerImport:
    release: int
    added: int
    reversed: int
    unchanged: int
    in_force: dict[AidType, Decimal] = field(default_factory=dict)  # EUR, tracker entries after the import

    @property
    def changed_nothing(self) -> bool:
        return not self.added and not self.reversed


def import_release(
    uow_factory: UnitOfWorkFactory,
    release: Release | None,
    issues: Sequence[DataIssue],
    *,
    actor: Actor,
    clock: Clock,
    progress: Progress = no_progress,
) -> TrackerImport:
    """Supersede the tracker entries in force with `release`, cell by cell, in one transaction."""
    if release is None or issues:
        raise RejectedImport(
            f"the tracker release was rejected: {len(issues)} problem(s) found, nothing was imported",
            list(issues),
            hint="check that the folder holds an unchanged Kiel release (data_explorer.csv, release_info.csv, ...).",
        )
    with uow_factory() as uow:
        uow.lock_ledger()
        current = uow.ledger.find(LedgerQuery(external_prefix=EXTERNAL_PREFIX, live_only=True))
        plan = plan_import(release, current)
        reason = f"superseded by Kiel tracker release {release.number}"
        reversals = [
            reversal_of(old, on=max(release.published, old.entry.on), reason=reason, source=release.source)
            for old in plan.reverse
        ]
        recorded = append(uow, [*reversals, *plan.add], actor, clock, progress)
        uow.commit()
    dropped = {r.seq for r in plan.reverse}
    in_force = [r for r in current if r.seq not in dropped] + recorded[len(reversals) :]
    return TrackerImport(release.number, len(plan.add), len(plan.reverse), plan.unchanged, _totals(in_force))


def _totals(records: Sequence[LedgerEntry]) -> dict[AidType, Decimal]:
    totals: dict[AidType, Decimal] = defaultdict(Decimal)
    for record in records:
        totals[record.entry.aid_type] += record.entry.amount.amount
    return dict(totals)
