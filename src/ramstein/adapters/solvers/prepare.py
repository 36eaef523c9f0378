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
    items, uses = _Index(), _Index()
    needs, offers = problem.needs, problem.offers
    need_item = items.codes([n.item for n in needs])
    offer_item = items.codes([o.item for o in offers])
    need_use = uses.codes([n.intended_use for n in needs])
    accepts = tuple(_accepted(name, problem, items) for name in list(items.names))
    packages = _Index()
    need_package = packages.codes([n.package for n in needs])
    return Prepared(
        need_qty=_quantities(needs, taken_need),
        need_priority=np.array([n.priority for n in needs], np.int32),
        need_day=_days([n.needed_by for n in needs]),
        need_item=need_item,
        need_use=need_use,
        offer_qty=_quantities(offers, taken_offer),
        offer_day=_days([o.available_on for o in offers]),
        offer_item=offer_item,
        offer_donor=_Index().codes([o.donor for o in offers]),
        forbidden=_forbidden(offers, uses),
        items=tuple(items.names),
        accepts=accepts,
        locks=problem.locks,
        need_package=need_package,
        packages=tuple(packages.names),
    )


def _quantities(lines: Sequence[Need] | Sequence[Offer], taken: dict[str, int]) -> Ints:
    quantity = np.array([line.quantity for line in lines], np.int64)
    if taken:
        quantity -= np.array([taken.get(line.id, 0) for line in lines], np.int64)
    return quantity


def _accepted(name: str, problem: Problem, items: _Index) -> tuple[int, ...]:
    """Offer items serving need item `name`; only items that occur among the offers matter."""
    subs = sorted(problem.substitutes.get(name, frozenset()) - {name})
    return (items.of(name), *(items.known[s] for s in subs if s in items.known))


def _days(dates: list[date]) -> Small:
    """Days since 1970-01-01: one ordinal per distinct date (lists repeat few dates many times)."""
    ordinal = {d: d.toordinal() - EPOCH.toordinal() for d in set(dates)}
    return np.array([ordinal[d] for d in dates], np.int32)


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

    def codes(self, names: list[str | None]) -> Small:
        """The index of every name (-1 for None), new names added in order of first sight."""
        known = self.known
        for name in dict.fromkeys(names):
            if name is not None and name not in known:
                known[name] = len(self.names)
                self.names.append(name)
        return np.array([-1 if name is None else known[name] for name in names], np.int32)

    def of(self, name: str) -> int:
        found = self.known.get(name)
        if found is None:
            found = self.known[name] = len(self.names)
            self.names.append(name)
        return found
