"""The arrays of the time-expanded network (chains.py explains it), and its flows split back into
(offer, need, units) assignments."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ramstein.adapters.solvers.arrays import distinct, distinct_inverse
from ramstein.adapters.solvers.chains import (
    BCHAIN,
    BYPASS,
    FCHAIN,
    LATE,
    ONTIME,
    PRIORITIES,
    SINK,
    SPREAD,
    SPREAD_STEPS,
    SUPPLY,
    TOB,
    Chains,
    Network,
    pair_reach,
)
from ramstein.adapters.solvers.prepare import Ints, Prepared
from ramstein.domain.allocation import LATE_HORIZON_DAYS as H

DELIVERY_MAX = 24  # the earlier-delivery tie-break: months after the round's earliest offer, at most this


@dataclass(frozen=True, slots=True)
class Pairs:
    """Assignments as arrays: `qty` units of offer `offer` to need `need`, `late` days late."""

    need: Ints
    offer: Ints
    qty: Ints
    late: Ints


class _Arcs:
    """Arc arrays collected kind by kind."""

    def __init__(self) -> None:
        self.cols: list[tuple[Ints, ...]] = []

    def add(self, kind: int, tail: Ints, head: Ints, cap: Ints, value: Ints | int = 0, tie: Ints | int = 0,
            ref_a: Ints | int = -1, ref_b: Ints | int = -1) -> None:  # fmt: skip
        n = len(tail)
        full = [np.broadcast_to(np.asarray(x, np.int64), (n,)) for x in (value, tie, ref_a, ref_b)]
        self.cols.append((tail, head, np.asarray(cap, np.int64), *full, np.full(n, kind, np.int64)))

    def columns(self) -> list[Ints]:
        return [np.concatenate([c[k] for c in self.cols]).astype(np.int64) for k in range(8)]


def build_network(p: Prepared, ch: Chains) -> Network:
    """Every part's network, nodes and arcs numbered part by part."""
    on, late = pair_reach(ch, p)
    keep = (on >= 0) | (late >= 0)
    g = _Graph(p, ch, ch.pair_need[keep], ch.pair_chain[keep], on[keep], late[keep])
    arcs = _Arcs()
    g.donor_arcs(arcs)
    g.chain_arcs(arcs)
    g.need_arcs(arcs)
    tail, head, cap, value, tie, ref_a, ref_b, kind = arcs.columns()
    order = np.argsort(g.node_part[tail], kind="stable")
    arc_start = np.searchsorted(g.node_part[tail][order], np.arange(g.n_parts + 1))
    return Network(
        tail=tail[order],
        head=head[order],
        cap=cap[order],
        value=value[order],
        tie=tie[order],
        kind=kind[order].astype(np.int8),
        ref_a=ref_a[order],
        ref_b=ref_b[order],
        node_start=g.node_start,
        arc_start=arc_start,
        supply=g.supply,
        flow_cap=np.minimum(g.supply, g.demand),
        part_root=g.part_root,
    )


class _Graph:
    """The nodes of all parts; the arc makers read them."""

    def __init__(self, p: Prepared, ch: Chains, pn: Ints, pc: Ints, on: Ints, late: Ints) -> None:
        self.p, self.ch = p, ch
        used = np.zeros(len(ch.chain_part), np.bool_)
        used[pc] = True
        parts, chain_rank = distinct_inverse(ch.chain_part[used])
        rank = np.full(len(used), -1, np.int64)
        rank[used] = chain_rank
        self.n_parts, self.part_root = len(parts), parts
        o_ok = used[ch.offer_chain]
        self.offers, self.o_chain = ch.offers[o_ok], ch.offer_chain[o_ok]
        f_ok = used[ch.f_key // ch.span]
        remap = np.cumsum(f_ok) - 1
        self.f_key = ch.f_key[f_ok]
        self.f_chain = self.f_key // ch.span
        self.f_day = self.f_key % ch.span
        self.on = np.where(on >= 0, remap[np.maximum(on, 0)], -1)
        self.late_f = np.where(late >= 0, remap[np.maximum(late, 0)], -1)
        self.pn, self.pc, self.rank = pn, pc, rank
        self.needs = distinct(pn)
        need_part = np.zeros(len(p.need_qty), np.int64)
        need_part[pn] = rank[pc]
        self._b_nodes()
        n_donors = int(p.offer_donor.max()) + 1
        donor_keys, self.o_donor = distinct_inverse(rank[self.o_chain] * n_donors + p.offer_donor[self.offers])
        self.d_part = donor_keys // n_donors
        self._number(rank[self.f_chain], rank[self.combo_chain[self.b_combo]], need_part[self.needs])
        qty = p.offer_qty[self.offers]
        self.supply = np.bincount(rank[self.o_chain], weights=qty, minlength=self.n_parts).astype(np.int64)
        nq = p.need_qty[self.needs]
        self.demand = np.bincount(need_part[self.needs], weights=nq, minlength=self.n_parts).astype(np.int64)

    def _b_nodes(self) -> None:
        """B nodes per (chain, priority): one per needed-by day of the needs of that priority that could take
        a late unit from the chain (chains.py); a need leaves its B chain at its own day."""
        lm = self.late_f >= 0
        prio = self.p.need_priority[self.pn[lm]].astype(np.int64)
        d = self.p.need_day[self.pn[lm]].astype(np.int64) - self.ch.day0
        span = self.ch.span
        combo_of_pair = self.pc[lm] * PRIORITIES + prio
        self.b_key = distinct(combo_of_pair * span + d)
        combos, self.b_combo = distinct_inverse(self.b_key // span)
        self.combo_chain, self.combo_prio = combos // PRIORITIES, combos % PRIORITIES
        self.b_day = self.b_key % span
        self.late_b = np.full(len(self.pn), -1, np.int64)
        self.late_b[lm] = np.searchsorted(self.b_key, combo_of_pair * span + d)

    def entries(self) -> tuple[Ints, Ints]:
        """(F node, B node) pairs: a unit on F[k] enters each B chain of its chain at the last day on or
        before its own, if that day is less than 90 days before it."""
        first = np.searchsorted(self.f_chain, self.combo_chain, side="left")
        count = np.searchsorted(self.f_chain, self.combo_chain, side="right") - first
        combo = np.repeat(np.arange(len(first)), count)
        k = first[combo] + np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        combo_key = (self.combo_chain * PRIORITIES + self.combo_prio)[combo]
        j = np.searchsorted(self.b_key, combo_key * self.ch.span + self.f_day[k], side="right") - 1
        ok = j >= 0
        ok[ok] = self.b_key[j[ok]] // self.ch.span == combo_key[ok]
        ok[ok] = self.f_day[k[ok]] - self.b_day[j[ok]] < H
        return k[ok], j[ok]

    def _number(self, f_part: Ints, b_part: Ints, n_part: Ints) -> None:
        """Global node ids, part by part: source, sink, donors, F nodes, B nodes, needs."""
        parts = np.arange(self.n_parts)
        blocks = [parts, parts, self.d_part, f_part, b_part, n_part]
        every = np.concatenate(blocks)
        order = np.argsort(every, kind="stable")
        node = np.empty(len(every), np.int64)
        node[order] = np.arange(len(every))
        self.node_part = every[order]
        self.node_start = np.searchsorted(self.node_part, np.arange(self.n_parts + 1))
        starts = np.cumsum([0, *map(len, blocks)])
        self.source, self.sink, self.donor, self.fnode, self.bnode, needs = (
            node[starts[k] : starts[k + 1]] for k in range(6)
        )
        self.need_node = np.full(len(self.p.need_qty), -1, np.int64)
        self.need_node[self.needs] = needs

    def donor_arcs(self, arcs: _Arcs) -> None:
        """source -> donor in tenths of rising cost (spreading), donor -> the offer's F node (delivery)."""
        qty = self.p.offer_qty[self.offers]
        per_donor = np.bincount(self.o_donor, weights=qty, minlength=len(self.d_part)).astype(np.int64)
        bounds = (per_donor[:, None] * np.arange(SPREAD_STEPS + 1)[None, :]) // SPREAD_STEPS
        steps = np.tile(np.arange(SPREAD_STEPS), len(per_donor))
        donors = np.repeat(np.arange(len(per_donor)), SPREAD_STEPS)
        arcs.add(SPREAD, self.source[self.d_part[donors]], self.donor[donors], np.diff(bounds, axis=1).ravel(),
                 tie=steps)  # fmt: skip
        first = int(self.p.offer_day.min())
        months = np.minimum((self.p.offer_day[self.offers] - first) // 30, DELIVERY_MAX)
        f = np.searchsorted(self.f_key, self.o_chain * self.ch.span + self.p.offer_day[self.offers] - self.ch.day0)
        arcs.add(SUPPLY, self.donor[self.o_donor], self.fnode[f], qty, tie=months, ref_a=self.offers, ref_b=f)
        arcs.add(BYPASS, self.sink, self.source, self.supply)  # a circulation: no supplies

    def chain_arcs(self, arcs: _Arcs) -> None:
        big = self.supply[self.rank[self.f_chain]]
        a, b = _skips(self.f_chain)
        arcs.add(FCHAIN, self.fnode[a], self.fnode[b], big[a])
        k, j = self.entries()
        prio = self.combo_prio[self.b_combo]
        arcs.add(TOB, self.fnode[k], self.bnode[j], big[k], value=prio[j] * (self.f_day[k] - self.b_day[j]),
                 ref_a=k, ref_b=j)  # fmt: skip
        a, b = _skips(self.b_combo)
        short = self.b_day[b] - self.b_day[a] < H  # a unit moved back 90 days or more is worth nothing
        a, b = a[short], b[short]
        bbig = self.supply[self.rank[self.combo_chain[self.b_combo]]]
        arcs.add(BCHAIN, self.bnode[b], self.bnode[a], bbig[a], value=prio[a] * (self.b_day[b] - self.b_day[a]))

    def need_arcs(self, arcs: _Arcs) -> None:
        prio = self.p.need_priority.astype(np.int64)
        m = np.flatnonzero(self.on >= 0)
        need = self.pn[m]
        arcs.add(ONTIME, self.fnode[self.on[m]], self.need_node[need], self.p.need_qty[need], value=-H * prio[need],
                 ref_a=need, ref_b=self.on[m])  # fmt: skip
        m = np.flatnonzero(self.late_b >= 0)
        need = self.pn[m]
        arcs.add(LATE, self.bnode[self.late_b[m]], self.need_node[need], self.p.need_qty[need], value=-H * prio[need],
                 ref_a=need, ref_b=self.late_b[m])  # fmt: skip
        part = self.node_part[self.need_node[self.needs]]
        arcs.add(SINK, self.need_node[self.needs], self.sink[part], self.p.need_qty[self.needs], ref_a=self.needs)


def _skips(group: Ints) -> tuple[Ints, Ints]:
    """Arcs k -> k + 2^s along each run of equal `group` (sorted), for every k divisible by 2^s: a chain
    with shortcuts. A shortcut costs what the steps it skips cost together, so no path changes its cost,
    but a unit crosses n dates in O(log n) arcs, which is what the cost-scaling solver needs (pushing flow
    node by node along a plain chain of hundreds of dates is what made it slow)."""
    start = np.searchsorted(group, group, side="left")
    end = np.searchsorted(group, group, side="right")
    local = np.arange(len(group)) - start
    tails, heads = [], []
    step = 1
    while step < max(len(group), 1):
        k = np.flatnonzero((local % step == 0) & (np.arange(len(group)) + step < end))
        tails.append(k)
        heads.append(k + step)
        step *= 2
    if not tails:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(tails), np.concatenate(heads)


def decompose(net: Network, flows: Ints, p: Prepared) -> Pairs:
    """The flow as assignments. Offers reach needs through F nodes (on time) or F then B nodes (late);
    units are matched first come, first served along each chain: supplies and takers of a chain's F nodes
    in date order, then the late units and the late takers of each B chain in reverse date order. The flow
    on a chain arc is what entered before minus what left before, never negative, so every unit is matched
    to a taker at or after (F) or at or before (B) the node it entered at: a path the network has."""
    used = flows > 0

    def sel(kind: int) -> tuple[Ints, Ints, Ints]:
        m = np.flatnonzero(used & (net.kind == kind))
        return net.ref_a[m], net.ref_b[m], flows[m]

    s_offer, s_f, s_q = sel(SUPPLY)
    o_need, o_f, o_q = sel(ONTIME)
    t_f, t_b, t_q = sel(TOB)
    l_need, l_b, l_q = sel(LATE)
    so = np.lexsort((s_offer, s_f))
    co = np.argsort(np.concatenate([o_f, t_f]), kind="stable")
    si, ci, q = _match(s_q[so], np.concatenate([o_q, t_q])[co])
    offer, taker = s_offer[so][si], co[ci]
    direct = taker < len(o_f)
    to_b = taker[~direct] - len(o_f)
    b_offer, b_node, b_q = offer[~direct], t_b[to_b], q[~direct]
    so2 = np.lexsort((b_offer, -b_node))
    lo = np.argsort(-l_b, kind="stable")
    si2, ci2, q2 = _match(b_q[so2], l_q[lo])
    need = np.concatenate([o_need[taker[direct]], l_need[lo][ci2]])
    offer = np.concatenate([offer[direct], b_offer[so2][si2]])
    return _pairs(p, need, offer, np.concatenate([q[direct], q2]))


def _match(supply: Ints, demand: Ints) -> tuple[Ints, Ints, Ints]:
    """Units of two equal totals matched in order: (supply index, demand index, units) per piece."""
    if not len(supply):
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    sa, sb = np.cumsum(supply), np.cumsum(demand)
    assert sa[-1] == sb[-1], "flow conservation: a chain gives out what it takes in"
    ends = np.union1d(sa, sb)
    starts = np.concatenate([[0], ends[:-1]])
    return np.searchsorted(sa, starts, "right"), np.searchsorted(sb, starts, "right"), ends - starts


def _pairs(p: Prepared, need: Ints, offer: Ints, qty: Ints) -> Pairs:
    """Pieces of one (need, offer) summed; a piece 90 or more days late is worth nothing and dropped."""
    late = np.maximum(p.offer_day[offer] - p.need_day[need], 0).astype(np.int64)
    keep = late < H
    key = need[keep] * len(p.offer_qty) + offer[keep]
    keys, inv = distinct_inverse(key)
    units = np.bincount(inv, weights=qty[keep], minlength=len(keys)).astype(np.int64)
    n, o = keys // len(p.offer_qty), keys % len(p.offer_qty)
    return Pairs(n, o, units, np.maximum(p.offer_day[o] - p.need_day[n], 0).astype(np.int64))
