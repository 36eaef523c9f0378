"""The time-expanded network: offers join a chain of dates instead of one arc per (offer, need) pair.

A chain holds the open offers of one item and one restriction class (the same forbidden uses), within one
independent part. Its nodes:
  F[k]     one per distinct offer date of the chain; F[k] -> F[k'] (k < k') at cost 0: a unit available on
           a date is available on every later date. An offer enters its chain at F[its date].
  B_p[j]   for each priority p, one per needed-by day of the needs of priority p that could take a late unit
           from the chain; B_p[j'] -> B_p[j] (j < j') at cost p x (days between them): moving a unit back in
           time to a need that wanted it earlier costs what lateness costs a need of priority p. A unit
           enters from F[k] at the last B_p day on or before F[k]'s date, at cost p x (the days between),
           if that is less than 90 days.
A need of priority p, needed by day d, takes from every chain that serves it (its item or a substitute, a
restriction class that allows its intended use): on time from F[last offer date <= d], and late from
B_p[d] (when an offer of the chain comes less than 90 days after d), both at cost -90p.

The chain arcs are skip lists (k -> k + 2^s), not single steps: a shortcut costs what the steps it skips
cost together, so no path changes its cost, and a unit crosses a chain in O(log n) arcs.

Why this is the same problem (tests/unit/adapters/test_solver_chains.py checks it against the pairwise
formulation, HiGHS and brute force): a path from an offer dated t to a need due d goes forward along F,
maybe into B_p and back along it, so it costs -90p plus p for every day it moved back, at least
p x max(0, t - d): it is worth at most value(need, offer) = p x (90 - max(0, t - d)), and the cheapest
such path is worth exactly that. So each pairwise assignment is a flow of the same value, and each flow
splits into paths (`expanded.decompose`) that form a pairwise assignment of at least its value; a unit on a
path 90 or more days late is worth nothing and is dropped. The network grows with the offers, needs and
distinct dates, not with their product: 1.8 M arcs instead of ~15 M at 100k x 100k.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ramstein.adapters.solvers.arrays import distinct, distinct_inverse, distinct_rows
from ramstein.adapters.solvers.prepare import Ints, Prepared, Small
from ramstein.domain.allocation import LATE_HORIZON_DAYS as H

SPREAD, SUPPLY, FCHAIN, TOB, BCHAIN, ONTIME, LATE, SINK, BYPASS = range(9)
PRIORITIES = 8  # room for priorities 1..5 in a combined (chain, priority) key
SPREAD_STEPS = 10


@dataclass(frozen=True, slots=True)
class Chains:
    """Chains of the open offers and which need may draw from which chain."""

    offers: Ints  # open offers, each in `offer_chain[k]`
    offer_chain: Ints
    chain_part: Ints  # the independent part of each chain
    span: int  # days are relative to `day0`; a (chain, day) key is chain x span + day
    day0: int
    f_key: Ints  # the F nodes: sorted distinct chain x span + day of the open offers
    pair_need: Ints  # (need, chain) pairs allowed by item and use
    pair_chain: Ints


@dataclass(frozen=True, slots=True)
class Network:
    """All parts' networks in one set of arrays: a part's nodes and arcs are contiguous slices.

    `ref_a`/`ref_b` say what an arc stands for: SUPPLY (offer, F node), ONTIME (need, F node), TOB (F node,
    B node), LATE (need, B node); `b_key` orders the B nodes of one (chain, priority) by date."""

    tail: Ints
    head: Ints
    cap: Ints
    value: Ints  # per unit, in 1/90 of the documented value, negated (a cost): -weight on the need arcs
    tie: Ints  # the tie-breakers' cost per unit: delivery month on SUPPLY, spreading step on SPREAD
    kind: npt.NDArray[np.int8]
    ref_a: Ints
    ref_b: Ints
    node_start: Ints  # part r's nodes are node_start[r]..node_start[r+1]-1; its source is the first, sink second
    arc_start: Ints
    supply: Ints  # per part: the units offered, the capacity of the bypass sink -> source (a circulation)
    flow_cap: Ints  # per part: the most units that can reach needs (min of offered and needed)
    part_root: Ints  # per part: its item root (arcs.item_roots), to tell which lines it holds


def build_chains(p: Prepared, item_part: Small) -> Chains:
    """The chains of the open offers and the (need, chain) pairs allowed by item and intended use."""
    offers = np.flatnonzero(p.offer_qty > 0)
    needs = np.flatnonzero(p.need_qty > 0)
    days = np.concatenate([p.offer_day, p.need_day])
    day0 = int(days.min())
    span = int(days.max()) - day0 + 1 + H  # a day plus the horizon stays inside its chain's key range
    forbid, cls = distinct_rows(p.forbidden[offers])
    n_items, n_cls = len(p.items), max(len(forbid), 1)
    part = item_part[p.offer_item[offers]].astype(np.int64)
    key = (part * n_items + p.offer_item[offers]) * n_cls + cls
    chain_keys, offer_chain = distinct_inverse(key)
    chain_item = (chain_keys // n_cls) % n_items
    chain_cls = chain_keys % n_cls
    f_key = distinct(offer_chain * span + (p.offer_day[offers] - day0))
    pair_need, pair_chain = _pairs(p, needs, chain_item, forbid[chain_cls] if len(forbid) else None)
    return Chains(offers, offer_chain, chain_keys // n_cls // n_items, span, day0, f_key, pair_need, pair_chain)


def _pairs(p: Prepared, needs: Ints, chain_item: Ints, chain_forbid: npt.NDArray[np.bool_] | None) -> tuple[Ints, Ints]:
    order = np.argsort(chain_item, kind="stable")
    cuts = np.flatnonzero(np.diff(chain_item[order])) + 1
    by_item = {int(chain_item[g[0]]): g for g in np.split(order, cuts) if len(g)}
    need_order = np.argsort(p.need_item[needs], kind="stable")
    sorted_needs = needs[need_order]
    need_cuts = np.flatnonzero(np.diff(p.need_item[sorted_needs])) + 1
    out_n, out_c = [], []
    for group in np.split(sorted_needs, need_cuts):
        if not len(group):
            continue
        accepted = [by_item[j] for j in p.accepts[int(p.need_item[group[0]])] if j in by_item]
        if not accepted:
            continue
        cands = np.concatenate(accepted)
        n_rep, c_rep = np.repeat(group, len(cands)), np.tile(cands, len(group))
        use = p.need_use[n_rep]
        if chain_forbid is not None and (use >= 0).any():
            keep = (use < 0) | ~chain_forbid[c_rep, np.maximum(use, 0)]
            n_rep, c_rep = n_rep[keep], c_rep[keep]
        out_n.append(n_rep)
        out_c.append(c_rep)
    if not out_n:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(out_n).astype(np.int64), np.concatenate(out_c).astype(np.int64)


def pair_reach(ch: Chains, p: Prepared) -> tuple[Ints, Ints]:
    """For every (need, chain) pair: the F node it takes from on time and the first F node after its date
    (-1 when there is none in the chain, or when that node is 90 days late or more)."""
    d = p.need_day[ch.pair_need].astype(np.int64) - ch.day0
    base = ch.pair_chain * ch.span
    on = np.searchsorted(ch.f_key, base + d, side="right") - 1
    on_ok = on >= 0
    on_ok[on_ok] = ch.f_key[on[on_ok]] // ch.span == ch.pair_chain[on_ok]
    late = on + 1
    late_ok = late < len(ch.f_key)
    late_ok[late_ok] = (ch.f_key[late[late_ok]] // ch.span == ch.pair_chain[late_ok]) & (
        ch.f_key[late[late_ok]] % ch.span - d[late_ok] < H
    )
    return np.where(on_ok, on, -1), np.where(late_ok, late, -1)
