"""From a `Problem` to flat NumPy arrays: locks applied first, ids and strings replaced by small integers.

Everything after this module works on arrays indexed by position (need k is `problem.needs[k]`), because
building and solving ~10 M arcs one Python object at a time would cost more than the solve itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from ramstein.domain.allocation import Lock, Need, Offer, Problem, compatible

Ints = npt.NDArray[np.int64]
Small = npt.NDArray[np.int32]
EPOCH = date(1970, 1, 1)


class LockError(ValueError):
    """A lock contradicts the problem; the solver turns it into Status.INFEASIBLE with this message."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """The open quantities (after locks) and the attributes the arcs and costs depend on, as integers."""

    need_qty: Ints
    need_priority: Small
    need_day: Small  # days since 1970-01-01
    need_item: Small  # index into `items`
    need_use: Small  # index into `uses`, -1 when the need states no intended use
    offer_qty: Ints
    offer_day: Small
    offer_item: Small
    offer_donor: Small  # index into `donors`
    forbidden: npt.NDArray[np.bool_]  # offers x uses: True where the offer's restrictions forbid the use
    items: tuple[str, ...]
    accepts: tuple[tuple[int, ...], ...]  # need item index -> offer item indices that serve it (itself first)
    locks: tuple[Lock, ...]
    need_package: Small  # index into `packages`, -1 for a need outside any package
    packages: tuple[str, ...]


def apply_locks(problem: Problem) -> tuple[dict[str, int], dict[str, int]]:
    """What each lock takes from its offer and need. Raises LockError naming every contradiction at once."""
    needs = {n.id: n for n in problem.needs}
    offers = {o.id: o for o in problem.offers}
    taken_offer: dict[str, int] = {}
    taken_need: dict[str, int] = {}
    problems: list[str] = []
    for lock in problem.locks:
        need, offer = needs.get(lock.need), offers.get(lock.offer)
        if need is None or offer is None:
            missing = f"need {lock.need!r}" if need is None else f"offer {lock.offer!r}"
            problems.append(f"lock {lock.offer}->{lock.need} names an unknown {missing}")
            continue
        if lock.quantity <= 0:
            problems.append(f"lock {lock.offer}->{lock.need} has quantity {lock.quantity}; it must be positive")
        elif not compatible(need, offer, problem.substitutes):
            problems.append(f"lock {lock.offer}->{lock.need}: {_why_incompatible(need, offer)}")
        taken_offer[offer.id] = taken_offer.get(offer.id, 0) + max(lock.quantity, 0)
        taken_need[need.id] = taken_need.get(need.id, 0) + max(lock.quantity, 0)
    problems += _over(taken_offer, offers, "offer")
    problems += _over(taken_need, needs, "need")
    if problems:
        raise LockError("; ".join(problems))
    return taken_offer, taken_need


def _why_incompatible(need: Need, offer: Offer) -> str:
    if need.intended_use is not None and need.intended_use in offer.forbidden_uses:
        return f"offer {offer.id}'s restrictions forbid the use {need.intended_use!r}"
    return f"offer item {offer.item!r} does not serve need item {need.item!r}"


def _over(taken: dict[str, int], lines: dict[str, Need] | dict[str, Offer], kind: str) -> list[str]:
    return [
        f"locks take {qty} from {kind} {key}, which has only {lines[key].quantity}"
        for key, qty in taken.items()
        if qty > lines[key].quantity
    ]


def prepare(problem: Problem) -> Prepared:
    """Arrays of the problem with the locked quantities removed (call `apply_locks` first to validate)."""
    taken_offer, taken_need = apply_locks(problem)
    items = _Index()
    uses = _Index()
    needs, offers = problem.needs, problem.offers
    need_item = np.fromiter((items.of(n.item) for n in needs), np.int32, len(needs))
    offer_item = np.fromiter((items.of(o.item) for o in offers), np.int32, len(offers))
    need_use = np.fromiter((-1 if n.intended_use is None else uses.of(n.intended_use) for n in needs), np.int32)
    accepts = tuple(_accepted(name, problem, items) for name in list(items.names))
    donors = _Index()
    packages = _Index()
    need_package = np.fromiter((-1 if n.package is None else packages.of(n.package) for n in needs), np.int32)
    return Prepared(
        need_qty=np.fromiter((n.quantity - taken_need.get(n.id, 0) for n in needs), np.int64, len(needs)),
        need_priority=np.fromiter((n.priority for n in needs), np.int32, len(needs)),
        need_day=_days(n.needed_by for n in needs),
        need_item=need_item,
        need_use=need_use,
        offer_qty=np.fromiter((o.quantity - taken_offer.get(o.id, 0) for o in offers), np.int64, len(offers)),
        offer_day=_days(o.available_on for o in offers),
        offer_item=offer_item,
        offer_donor=np.fromiter((donors.of(o.donor) for o in offers), np.int32, len(offers)),
        forbidden=_forbidden(offers, uses),
        items=tuple(items.names),
        accepts=accepts,
        locks=problem.locks,
        need_package=need_package,
        packages=tuple(packages.names),
    )


def _accepted(name: str, problem: Problem, items: _Index) -> tuple[int, ...]:
    """Offer items serving need item `name`; only items that occur among the offers matter."""
    subs = sorted(problem.substitutes.get(name, frozenset()) - {name})
    return (items.of(name), *(items.known[s] for s in subs if s in items.known))


def _days(dates: object) -> Small:
    return np.fromiter(((d - EPOCH).days for d in dates), np.int32)  # type: ignore[attr-defined]


def _forbidden(offers: Sequence[Offer], uses: _Index) -> npt.NDArray[np.bool_]:
    matrix = np.zeros((len(offers), max(len(uses.names), 1)), dtype=np.bool_)
    for k, offer in enumerate(offers):
        for use in offer.forbidden_uses:
            if use in uses.known:  # a use no need states cannot matter
                matrix[k, uses.known[use]] = True
    return matrix


class _Index:
    """Strings to dense integers, in order of first sight."""

    def __init__(self) -> None:
        self.known: dict[str, int] = {}
        self.names: list[str] = []

    def of(self, name: str) -> int:
        found = self.known.get(name)
        if found is None:
            found = self.known[name] = len(self.names)
            self.names.append(name)
        return found
