"""All the registers at once, as loaded for one decision, and the sums every decision needs from them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date

from ramstein.domain.allocation import Assignment, Status
from ramstein.domain.coordination.offers import Course, DonorOffer, Withdrawal
from ramstein.domain.coordination.requirements import (
    LineProgress,
    LineStatus,
    Requirement,
    RequirementEvent,
    decision,
    line_status,
)
from ramstein.domain.coordination.restrictions import RestrictionChange
from ramstein.domain.coordination.rounds import Acceptance, Delivery, Round, Supply, supply_of


@dataclass(frozen=True, slots=True)
class Registers:
    requirements: tuple[Requirement, ...] = ()
    events: tuple[RequirementEvent, ...] = ()
    offers: tuple[DonorOffer, ...] = ()
    courses: tuple[Course, ...] = ()
    restrictions: tuple[RestrictionChange, ...] = ()
    rounds: tuple[Round, ...] = ()
    acceptances: tuple[Acceptance, ...] = ()
    deliveries: tuple[Delivery, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()  # of offers and courses

    def requirement(self, id_: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == id_), None)

    def supply(self, id_: str) -> Supply | None:
        offer = next((o for o in self.offers if o.id == id_), None)
        if offer is not None:
            return supply_of(offer)
        course = next((c for c in self.courses if c.id == id_), None)
        return supply_of(course) if course is not None else None

    def withdrawn(self) -> frozenset[str]:
        """The offers and courses taken back: their uncommitted rest is no longer in the pool."""
        return frozenset(w.supply for w in self.withdrawals)

    def last_accepted(self) -> int:
        return max((a.round for a in self.acceptances), default=0)

    def commitments(self) -> list[tuple[int, Assignment]]:
        """(round, assignment) of every accepted round, in round order."""
        accepted = {a.round for a in self.acceptances}
        return [(r.number, a) for r in sorted(self.rounds, key=lambda r: r.number) if r.number in accepted
                for a in r.result.assignments]  # fmt: skip

    def committed_by_need(self) -> Counter[str]:
        totals: Counter[str] = Counter()
        for _, a in self.commitments():
            totals[a.need] += a.quantity
        return totals

    def committed_by_offer(self) -> Counter[str]:
        totals: Counter[str] = Counter()
        for _, a in self.commitments():
            totals[a.offer] += a.quantity
        return totals

    def committed_pair(self, offer: str, need: str) -> int:
        return sum(a.quantity for _, a in self.commitments() if a.offer == offer and a.need == need)

    def delivered_pair(self, offer: str, need: str) -> int:
        return sum(d.quantity for d in self.deliveries if d.offer == offer and d.requirement == need)

    def delivered_by_need(self) -> Counter[str]:
        totals: Counter[str] = Counter()
        for d in self.deliveries:
            totals[d.requirement] += d.quantity
        return totals

    def delivery_dates(self) -> dict[str, date]:
        """The date each requirement's equipment is expected: the latest arrival among its commitments."""
        available = {s.id: s.available_on for s in self.offers}
        expected: dict[str, date] = {}
        for _, a in self.commitments():
            if a.offer in available:
                expected[a.need] = max(expected.get(a.need, available[a.offer]), available[a.offer])
        return expected

    def progress(self) -> list[LineProgress]:
        committed, delivered = self.committed_by_need(), self.delivered_by_need()
        donors: dict[str, Counter[str]] = defaultdict(Counter)
        for _, a in self.commitments():
            supply = self.supply(a.offer)
            donors[a.need][supply.donor if supply else "?"] += a.quantity
        newest = self._newest_rounds()
        found = []
        for r in self.requirements:
            status = line_status(decision(self.events, r.id), r.quantity, committed[r.id], delivered[r.id])
            line = LineProgress(r, status, committed[r.id], delivered[r.id], dict(donors[r.id]))
            found.append(replace(line, why_open=self._why_open(line, newest.get(r.id))))
        return found

    def _newest_rounds(self) -> dict[str, Round]:
        """need -> the newest round that matched it or left it short."""
        newest: dict[str, Round] = {}
        for round_ in sorted(self.rounds, key=lambda r: r.number):
            for need in {a.need for a in round_.result.assignments} | {s.need for s in round_.result.shortfalls}:
                newest[need] = round_
        return newest

    def _why_open(self, line: LineProgress, newest: Round | None) -> str:
        if line.open <= 0:
            return ""
        if line.status is LineStatus.PROPOSED:
            return "awaiting approval: only approved lines are matched"
        approved = max((e.at for e in self.events if e.requirement == line.requirement.id), default=None)
        last = max(self.rounds, key=lambda r: r.number, default=None)
        if last is None or approved is None or last.run_at < approved:
            return "not matched yet: no round has run since it was approved"
        if last is not newest and last.result.status is Status.EMPTY:
            return f"nothing to match: round {last.number} found no offers ({last.result.status})"
        if newest is None:
            return f"round {last.number} left it out ({last.result.status}: {last.result.message})"
        short = next((s for s in newest.result.shortfalls if s.need == line.requirement.id), None)
        proposed = sum(a.quantity for a in newest.result.assignments if a.need == line.requirement.id)
        parts = (
            [f"{short.reason.value}: {short.detail} (round {newest.number}: {short.quantity:,} short)"] if short else []
        )
        if proposed and newest.number not in {a.round for a in self.acceptances}:
            parts.append(f"round {newest.number} proposes {proposed:,}, not accepted yet")
        if parts:
            return "; ".join(parts)
        return f"round {newest.number} left it open"
