"""Built fair-share reports and donor overviews kept in memory for the life of one `bootstrap.App` (one web
server process): pages answer from memory while the ledger is unchanged (docs/web.md, "Report cache").

A value is kept under everything it is built from: the ledger's head (seq and hash: the ledger only grows and
each hash chains every entry before it, so the head names the whole content), the identity of every reference
dataset (id, kind, SHA-256, rows, time loaded, label: a newer file is a new dataset), the request (rule set,
period, as_of, GDP fallback), the reader's visibility class (the whole ledger, or a role and nation that read
through the policy's filter), and for such a filtered reader the latest marking of every entry (markings
change releasability without appending to the ledger). The overview is also keyed by today's date, which it
counts to. A recorded entry, reversal, marking or dataset changes the key, so the next page builds afresh.

The key is read before the value is built, so a value is never older than its key (an entry landing in
between makes it newer, and the next page's key differs anyway). A report valued by a price list is not kept:
the list is a file read at each report. Reports live at most `CAPACITY` at a time; each is a few hundred rows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from ramstein.domain.access import Actor
from ramstein.domain.rules import Valuation
from ramstein.services.burden import BurdenRequest
from ramstein.services.ledger_access import KIND as MARKED  # whose markings filter a public reader
from ramstein.services.memo import Memo
from ramstein.services.ports import UnitOfWorkFactory

T = TypeVar("T")
CAPACITY = 64  # a few rule sets x periods x visibility classes


class ReportCache:
    """Reports and overviews by (what was asked, the state of everything they read)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._memo = Memo(capacity)

    def report(
        self,
        uow_factory: UnitOfWorkFactory,
        actor: Actor | None,
        what: tuple[str, BurdenRequest],
        make: Callable[[], T],
    ) -> T:
        """`make()`'s report(s) for `what` (a view's name and its request) as read by `actor` (None: a reader
        of the whole ledger)."""
        view, request = what
        if request.rules.valuation is Valuation.PRICE_LIST:
            return make()
        # repr: a rule set holds dicts, so it is not hashable; its repr spells out every field (and so does the
        # request's: rule set, period, as_of, GDP fallback).
        return self._memo.get((view, repr(request), state(uow_factory, actor)), make)

    def get(self, uow_factory: UnitOfWorkFactory, actor: Actor | None, what: Hashable, make: Callable[[], T]) -> T:
        """`make()`'s value for `what` (which must name all else it depends on, e.g. the date)."""
        return self._memo.get((what, state(uow_factory, actor)), make)

    def clear(self) -> None:
        self._memo.clear()


def state(uow_factory: UnitOfWorkFactory, actor: Actor | None) -> Hashable:
    """The ledger head, the datasets and, for a filtered reader, its class and the markings (module doc)."""
    with uow_factory() as uow:
        head = uow.ledger.head()
        datasets = tuple(uow.reference.datasets())
        if actor is None:
            return head.seq, head.hash, datasets, None
        markings = tuple(sorted(uow.audit.markings(MARKED).items()))
    return head.seq, head.hash, datasets, (actor.role, actor.nation, actor.read_only), markings
