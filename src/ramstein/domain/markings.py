"""Releasability of ledger entries: the marking a record has before anyone marks it, and public aggregates.

Why markings are not in the ledger's hash (docs/web.md): releasability is a decision *about* a record that may
change (a bilateral delivery is made public a year later), while the entry is a fact that never changes. The
decisions are kept in an append-only table of their own, each audited; the hash chain stays exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ramstein.domain.access import Marking
from ramstein.domain.ledger import LedgerEntry

PUBLISHED_SOURCE = "Kiel Institute for the World Economy"  # entries taken from a published tracker release


def default_marking(record: LedgerEntry) -> Marking:
    """Figures copied from a published source are public; everything a nation records is coalition until
    someone with the right marks it otherwise."""
    return Marking.PUBLIC if record.entry.source.startswith(PUBLISHED_SOURCE) else Marking.COALITION


def marking_of(record: LedgerEntry, marked: Mapping[str, Marking]) -> Marking:
    return marked.get(str(record.seq), default_marking(record))


@dataclass(frozen=True, slots=True)
class Aggregate:
    """A released total, or a withheld one (`total` None) when too few nations contribute to it."""

    key: str
    total: Decimal | None
    nations: int
    withheld: bool


def release(groups: Mapping[str, Mapping[str, Decimal]], min_nations: int) -> list[Aggregate]:
    """Totals per group (`{group: {nation: value}}`), withholding those with fewer than `min_nations` nations."""
    return [_aggregate(key, by_nation, min_nations) for key, by_nation in sorted(groups.items())]


def _aggregate(key: str, by_nation: Mapping[str, Decimal], min_nations: int) -> Aggregate:
    contributors = sum(1 for value in by_nation.values() if value)
    if contributors < min_nations:
        return Aggregate(key, None, contributors, True)
    return Aggregate(key, sum(by_nation.values(), Decimal(0)), contributors, False)


def nation_sums(items: Iterable[tuple[str, str, Decimal]]) -> dict[str, dict[str, Decimal]]:
    """(group, nation, value) triples -> {group: {nation: sum}}."""
    groups: dict[str, dict[str, Decimal]] = {}
    for group, nation, value in items:
        by_nation = groups.setdefault(group, {})
        by_nation[nation] = by_nation.get(nation, Decimal(0)) + value
    return groups
