"""Price lists: in-kind items valued at a stated price instead of the value their donor recorded.

Donors value what they give from stock in different ways (replacement cost, book value, what they paid
decades ago), so two donors' identical tanks can count very differently. A rule set with `valuation:
price-list` values every item on a `PriceList` at the list's price instead. Lists are data (YAML files read
by `adapters.importers.prices`); this module holds their meaning and the revaluation, pure.

The report's sums come from the analytic store at the recorded values, for the whole ledger, fast. Only
the few entries with items can change under a price list, so the revaluation computes a *delta* per donor
and period (priced − recorded, by the same in-force, filter, conversion and phasing rules as
`domain.credit.stage_sums`), which is added to those sums. How one entry is priced (docs/methodology.md):

- the entry's amount is its items' recorded values (quantity × unit value, where recorded) plus a
  *remainder*: what the amount holds besides them (transport, a package price, items without a value);
- an item on the list is worth quantity × list price instead of its recorded value;
- an item not on the list keeps its recorded value and is reported as an issue;
- items recorded without a unit value are paid for by the remainder, which cannot be split between them:
  if every one of them is on the list, the remainder is replaced by their list values; if any is not, the
  remainder stays as recorded, and so do they (reported as issues).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ramstein.domain.credit import EUR, CreditFilter, StageSums, SumsByDonor, in_force, period_shares
from ramstein.domain.errors import RateUnavailable
from ramstein.domain.fx import RateTable, convert
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import EntryKind, Item, LedgerEntry
from ramstein.domain.money import Money
from ramstein.domain.periods import Period

ZERO = Decimal(0)


def item_key(name: str) -> str:
    """Names match exactly but for case and surrounding blanks: '155 MM round ' is '155 mm round'."""
    return name.strip().casefold()


@dataclass(frozen=True, slots=True)
class PriceList:
    name: str
    title: str
    priced_on: date  # the day the prices are of; conversion to EUR still uses each entry's own date
    prices: Mapping[str, Money]  # item_key(name) -> unit price
    illustrative: bool = False  # made-up prices for examples and tests: every report says so
    description: str = ""

    def price(self, item: str) -> Money | None:
        return self.prices.get(item_key(item))

    @property
    def currencies(self) -> list[str]:
        return sorted({p.currency for p in self.prices.values()})

    def describe(self) -> str:
        """How reports name the list: its name, title, the prices' date and currencies."""
        made_up = " ILLUSTRATIVE, not real prices;" if self.illustrative else ""
        count = len(self.prices)
        return (
            f"{self.name} ({self.title};{made_up} {count} item{'' if count == 1 else 's'}, "
            f"{'/'.join(self.currencies)} prices of {self.priced_on.isoformat()})"
        )


@dataclass(frozen=True, slots=True)
class Revaluation:
    """What a price list changes: EUR deltas per (donor, period label) and what it could not price."""

    delta: SumsByDonor = field(default_factory=dict)
    unpriced: tuple[DataIssue, ...] = ()  # items that kept their recorded value
    unconvertible: tuple[DataIssue, ...] = ()  # entries a price could not be converted for (stop the report)


def revalue(
    records: Iterable[LedgerEntry], periods: Sequence[Period], credit: CreditFilter, rates: RateTable, prices: PriceList
) -> Revaluation:
    """The change a price list makes to `stage_sums(records, ...)`. `records` need only hold the entries with
    items and the reversals of those entries: no other entry can change."""
    delta: dict[tuple[str, str], StageSums] = defaultdict(StageSums)
    unpriced: list[DataIssue] = []
    failed: list[DataIssue] = []
    for record in in_force(records, credit.as_of):
        if not record.entry.items or not credit.admits(record):
            continue
        shares = period_shares(record, periods, credit.phase_pledges)
        if not shares:
            continue
        try:
            change, kept = entry_delta(record, prices, rates)
        except RateUnavailable as exc:
            failed.append(DataIssue("ledger", record.seq, "items", f"entry #{record.seq} not priced: {exc}"))
            continue
        if kept:
            unpriced.append(_unpriced(record, kept, prices))
        for period, share in shares:
            key = (record.entry.donor, period.label)
            delta[key] = _shifted(delta[key], record.entry.kind, change * share)
    return Revaluation(dict(delta), tuple(unpriced), tuple(failed))


def entry_delta(record: LedgerEntry, prices: PriceList, rates: RateTable) -> tuple[Decimal, list[str]]:
    """Priced − recorded value of one entry in EUR at its date, and the names of the items that kept their
    recorded value (the module's rules)."""
    entry = record.entry

    def eur(value: Money) -> Decimal:
        return convert(value, EUR, on=entry.on, rates=rates).result.amount

    change, remainder = ZERO, eur(entry.amount)
    kept: list[str] = []
    unvalued: list[tuple[Item, Money | None]] = []
    for item in entry.items:
        listed = prices.price(item.name)
        if item.unit_value is None:
            unvalued.append((item, listed))
            continue
        recorded = eur(item.unit_value * item.quantity)
        remainder -= recorded
        if listed is None:
            kept.append(item.name)
        else:
            change += eur(listed * item.quantity) - recorded
    if unvalued and all(listed is not None for _, listed in unvalued):
        change += sum((eur(listed * item.quantity) for item, listed in unvalued if listed), ZERO) - remainder
    else:
        kept.extend(item.name for item, _ in unvalued)
    return change, kept


def with_delta(sums: SumsByDonor, delta: SumsByDonor) -> SumsByDonor:
    """The recorded sums with a revaluation added; the entry counts stay those of the recorded sums."""
    out = dict(sums)
    for key, change in delta.items():
        base = out.get(key, StageSums())
        out[key] = StageSums(
            base.pledged + change.pledged,
            base.committed + change.committed,
            base.delivered + change.delivered,
            base.entries,
        )
    return out


def _shifted(sums: StageSums, kind: EntryKind, amount: Decimal) -> StageSums:
    return StageSums(
        sums.pledged + (amount if kind is EntryKind.PLEDGE else 0),
        sums.committed + (amount if kind is EntryKind.COMMITMENT else 0),
        sums.delivered + (amount if kind is EntryKind.DELIVERY else 0),
        sums.entries,
    )


def _unpriced(record: LedgerEntry, kept: Sequence[str], prices: PriceList) -> DataIssue:
    entry = record.entry
    names = ", ".join(f"'{name}'" for name in kept)
    missing = [item.name for item in entry.items if item.unit_value is None and prices.price(item.name) is None]
    unsplit = any(item.unit_value is None and prices.price(item.name) is not None for item in entry.items)
    why = f"not on the price list {prices.name}"
    if missing and unsplit:  # some are listed, but the remainder they share cannot be split between them
        why += f"; {', '.join(repr(n) for n in missing)} without a unit value leaves the rest of the amount unsplit"
    where = f"entry #{record.seq} ({entry.donor}, {entry.on.isoformat()})"
    return DataIssue("ledger", record.seq, "items", f"{where}: {names} kept the recorded value ({why})")
