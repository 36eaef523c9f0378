"""What the public may see of the ledger: sums of the entries in force that are marked public, in EUR, each
withheld when fewer than the configured number of nations contribute to it (`domain.markings.release`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ramstein.domain.access import Marking, Resource
from ramstein.domain.errors import InvalidInput, RateUnavailable
from ramstein.domain.fx import convert
from ramstein.domain.ledger import Entry
from ramstein.domain.markings import Aggregate, marking_of, nation_sums, release
from ramstein.services.guard import Caller, permit
from ramstein.services.ports import Clock, LedgerQuery, UnitOfWorkFactory

GROUPS: dict[str, Callable[[Entry], str]] = {
    "year": lambda e: str(e.on.year),
    "kind": lambda e: e.kind.value,
    "aid_type": lambda e: e.aid_type.value,
    "instrument": lambda e: e.instrument.value if e.instrument else "unspecified",
    "capability": lambda e: e.capability.value if e.capability else "unspecified",
    "channel": lambda e: e.channel.value,
}


@dataclass(frozen=True, slots=True)
class PublicTotals:
    by: str
    currency: str
    min_nations: int
    aggregates: list[Aggregate]
    entries: int  # public entries in force that were summed
    unconverted: int  # public entries left out: no ECB rate for their currency and date


def totals(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, *, by: str, min_nations: int) -> PublicTotals:
    if by not in GROUPS:
        raise InvalidInput(f"cannot group by {by!r}", hint=f"choose one of: {', '.join(GROUPS)}.")
    permit(uow_factory, caller, "public.read", Resource("aggregate", marking=Marking.PUBLIC, id=by), clock)
    with uow_factory() as uow:
        live = uow.ledger.find(LedgerQuery(live_only=True))
        marked = uow.audit.markings("ledger")
        rates = uow.reference.rates()
    public = [r.entry for r in live if marking_of(r, marked) is Marking.PUBLIC]
    key, triples, unconverted = GROUPS[by], [], 0
    for entry in public:
        try:
            value = convert(entry.amount, "EUR", on=entry.on, rates=rates).result.amount
        except RateUnavailable:
            unconverted += 1
            continue
        triples.append((key(entry), entry.donor, value))
    aggregates = release(nation_sums(triples), min_nations)
    return PublicTotals(by, "EUR", min_nations, aggregates, len(public) - unconverted, unconverted)
