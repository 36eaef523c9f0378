"""What each donor has pledged, committed and delivered in each period, in EUR: the input of fair-share reports.

This is the reference implementation: pure, entry by entry. The analytic store (DuckDB) computes the same
sums over millions of entries and is tested against this function; both follow these rules:

- the ledger **as of** a moment: only entries recorded at or before it, and a reversal cancels its entry
  only if the reversal, too, was recorded by then (so an old report replays exactly);
- only entries in force (not reversals, not reversed) whose aid type, instrument and channel the filter admits;
- each amount converted to EUR at the ECB rate of the entry's own date (the last published within a week);
  an entry with no such rate is left out and reported as an issue, never guessed;
- a pledge with a period (`starts`..`ends`) is spread evenly over its days when `phase_pledges` is set: a
  report period gets the share of the days it covers. Every other entry counts whole in the period that
  holds its date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ramstein.domain.errors import RateUnavailable
from ramstein.domain.fx import RateTable, convert
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, Channel, EntryKind, Instrument, LedgerEntry
from ramstein.domain.periods import Period

EUR = "EUR"


@dataclass(frozen=True, slots=True)
class CreditFilter:
    aid_types: frozenset[AidType] = frozenset({AidType.MILITARY})
    instruments: frozenset[Instrument] | None = None  # None: any, including entries that name none
    channels: frozenset[Channel] | None = None  # None: any
    phase_pledges: bool = True
    as_of: datetime | None = None  # None: the whole ledger

    def admits(self, record: LedgerEntry) -> bool:
        entry = record.entry
        return (
            entry.aid_type in self.aid_types
            and (self.instruments is None or entry.instrument in self.instruments)
            and (self.channels is None or entry.channel in self.channels)
        )


@dataclass(frozen=True, slots=True)
class StageSums:
    """EUR sums of one donor in one period, and how many entries contributed to them."""

    pledged: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    delivered: Decimal = Decimal(0)
    entries: int = 0

    def of(self, kind: EntryKind) -> Decimal:
        return {EntryKind.PLEDGE: self.pledged, EntryKind.COMMITMENT: self.committed}.get(kind, self.delivered)

    def plus(self, kind: EntryKind, amount: Decimal) -> StageSums:
        return StageSums(
            self.pledged + (amount if kind is EntryKind.PLEDGE else 0),
            self.committed + (amount if kind is EntryKind.COMMITMENT else 0),
            self.delivered + (amount if kind is EntryKind.DELIVERY else 0),
            self.entries + 1,
        )


SumsByDonor = dict[tuple[str, str], StageSums]  # (donor, period label) -> sums


def in_force(records: Iterable[LedgerEntry], as_of: datetime | None) -> list[LedgerEntry]:
    known = [r for r in records if as_of is None or r.recorded_at <= as_of]
    cancelled = {r.entry.reverses for r in known if r.entry.reverses is not None}
    return [r for r in known if r.entry.kind is not EntryKind.REVERSAL and r.seq not in cancelled]


def stage_sums(
    records: Iterable[LedgerEntry], periods: Sequence[Period], credit: CreditFilter, rates: RateTable
) -> tuple[SumsByDonor, list[DataIssue]]:
    sums: SumsByDonor = defaultdict(StageSums)
    issues: list[DataIssue] = []
    for record in in_force(records, credit.as_of):
        if not credit.admits(record):
            continue
        shares = _shares(record, periods, credit.phase_pledges)
        if not shares:
            continue
        try:
            eur = convert(record.entry.amount, EUR, on=record.entry.on, rates=rates).result.amount
        except RateUnavailable as exc:
            issues.append(DataIssue("ledger", record.seq, "amount", f"entry #{record.seq} left out: {exc}"))
            continue
        for period, share in shares:
            key = (record.entry.donor, period.label)
            sums[key] = sums[key].plus(record.entry.kind, eur * share)
    return dict(sums), issues


def _shares(record: LedgerEntry, periods: Sequence[Period], phase: bool) -> list[tuple[Period, Decimal]]:
    entry = record.entry
    if phase and entry.kind is EntryKind.PLEDGE and entry.starts and entry.ends:
        days = (entry.ends - entry.starts).days + 1
        return [
            (p, Decimal(p.overlap_days(entry.starts, entry.ends)) / days)
            for p in periods
            if p.overlap_days(entry.starts, entry.ends)
        ]
    return [(p, Decimal(1)) for p in periods if entry.on in p]


def period_shares(record: LedgerEntry, periods: Sequence[Period], phase: bool) -> list[tuple[Period, Decimal]]:
    """The fraction of an entry each period gets, by the rules above: for drill-down (`--explain`), which must
    list exactly the entries, and the parts of them, that the sums add up."""
    return _shares(record, periods, phase)
