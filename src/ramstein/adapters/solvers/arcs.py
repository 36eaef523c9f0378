"""The arcs of the offers x needs graph, built with NumPy, and its independent parts.

An arc exists only for a compatible pair (the same item or a catalogued substitute, no restriction against
the need's intended use) of positive value (less than LATE_HORIZON_DAYS late): an arc of value 0 can never
raise the objective, so leaving it out loses nothing. Pairs are made item by item (the cross product of the
needs of one item with the offers of the items that serve it), never needs x offers whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ramstein.adapters.solvers.prepare import Prepared, Small
from ramstein.domain.allocation import LATE_HORIZON_DAYS


@dataclass(frozen=True, slots=True)
class Arcs:
    need: Small
    offer: Small
    late: Small  # days late, 0..LATE_HORIZON_DAYS-1
    weight: Small  # the unit value in 1/LATE_HORIZON_DAYS: priority x (LATE_HORIZON_DAYS - late), >= 1

    def __len__(self) -> int:
        return len(self.need)

    def take(self, mask: npt.NDArray[np.bool_] | npt.NDArray[np.intp]) -> Arcs:
        return Arcs(self.need[mask], self.offer[mask], self.late[mask], self.weight[mask])


def build_arcs(p: Prepared) -> Arcs:
    """Every arc of positive value, in order of independent part (so a part is a slice, with no sorting)."""
    open_needs = np.flatnonzero(p.need_qty > 0)
    open_offers = np.flatnonzero(p.offer_qty > 0)
    needs_by_item = _by_item(open_needs, p.need_item[open_needs])
    offers_by_item = _by_item(open_offers, p.offer_item[open_offers])
    parts: list[tuple[Small, Small, Small]] = []
    need_part, _ = components(p)
    root = {item: int(need_part[needs[0]]) for item, needs in needs_by_item.items()}
    for item, needs in sorted(needs_by_item.items(), key=lambda kv: root[kv[0]]):  # each part's arcs contiguous
        served = [offers_by_item[i] for i in p.accepts[item] if i in offers_by_item]
        if served:
            parts.append(_pairs(p, needs, np.concatenate(served)))
    if not parts:
        empty = np.zeros(0, np.int32)
        return Arcs(empty, empty, empty, empty)
    need = np.concatenate([a for a, _, _ in parts])
    offer = np.concatenate([b for _, b, _ in parts])
    late = np.concatenate([c for _, _, c in parts])
    weight = p.need_priority[need] * (LATE_HORIZON_DAYS - late)
    return Arcs(need, offer, late, weight.astype(np.int32))


def _by_item(indices: npt.NDArray[np.intp], items: Small) -> dict[int, Small]:
    order = np.argsort(items, kind="stable")
    sorted_items = items[order]
    cuts = np.flatnonzero(np.diff(sorted_items)) + 1
    groups = np.split(indices[order].astype(np.int32), cuts)
    return {int(sorted_items[g]): grp for g, grp in zip(np.r_[0, cuts], groups, strict=True) if len(grp)}


def _pairs(p: Prepared, needs: Small, offers: Small) -> tuple[Small, Small, Small]:
    """The pairs of `needs` x `offers` less than the horizon late and not forbidden, in blocks to bound memory."""
    block = max(1, 4_000_000 // max(len(offers), 1))
    out: list[tuple[Small, Small, Small]] = []
    offer_day = p.offer_day[offers]
    restricted = p.forbidden[offers].any(axis=1) if p.forbidden.size else np.zeros(len(offers), np.bool_)
    for start in range(0, len(needs), block):
        chunk = needs[start : start + block]
        late = offer_day[None, :] - p.need_day[chunk][:, None]
        keep = late < LATE_HORIZON_DAYS
        uses = p.need_use[chunk]
        if restricted.any() and (uses >= 0).any():
            rows = np.flatnonzero(uses >= 0)
            cols = np.flatnonzero(restricted)
            keep[np.ix_(rows, cols)] &= ~p.forbidden[offers[cols]][:, uses[rows]].T
        r, c = np.nonzero(keep)
        out.append((chunk[r], offers[c], np.maximum(late[r, c], 0).astype(np.int32)))
    return (
        np.concatenate([a for a, _, _ in out]),
        np.concatenate([b for _, b, _ in out]),
        np.concatenate([c for _, _, c in out]),
    )


def components(p: Prepared) -> tuple[Small, Small]:
    """A part number for every need and every offer: lines of different parts never share an arc."""
    roots = item_roots(p)
    return roots[p.need_item], roots[p.offer_item]


def item_roots(p: Prepared) -> Small:
    """The part of every item: items are joined when a need item accepts an offer item (union-find over the
    few items, not the many arcs), so a part is a set of items that can substitute for one another, joined
    with the items of any package one of its needs belongs to.
    `Need.group` is not trusted for this: two groups that share an item do compete, and the item graph is
    exact whatever the caller says."""
    parent = list(range(len(p.items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for item, accepted in enumerate(p.accepts):
        for other in accepted:
            parent[find(other)] = find(item)
    first_item: dict[int, int] = {}  # the lines of one package are served together: one part
    for package, item in zip(p.need_package.tolist(), p.need_item.tolist(), strict=True):
        if package >= 0:
            parent[find(item)] = find(first_item.setdefault(package, item))
    return np.array([find(i) for i in range(len(p.items))], dtype=np.int32)
