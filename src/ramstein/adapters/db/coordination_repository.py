"""The coordination registers in SQL: rows in, domain objects out, through explicit functions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, Table, exists, insert, select

from ramstein.adapters.db.tables import (
    catalogue_items,
    courses,
    deliveries,
    offers,
    requirement_events,
    requirements,
    restriction_changes,
    round_acceptances,
    round_assignments,
    round_locks,
    round_shortfalls,
    rounds,
    supply_withdrawals,
)
from ramstein.domain.allocation import Assignment, Lock, Result, Shortfall, Status, Unmet
from ramstein.domain.coordination.catalogue import CatalogueItem, ItemKind
from ramstein.domain.coordination.offers import Course, DonorOffer, Origin, Withdrawal
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import Decision, Requirement, RequirementEvent
from ramstein.domain.coordination.restrictions import Action, RestrictionChange
from ramstein.domain.coordination.rounds import Acceptance, Delivery, Round
from ramstein.domain.errors import Conflict
from ramstein.domain.ledger import Capability
from ramstein.domain.money import Money

Row = Mapping[str, Any]


class SqlCoordinationRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add_requirement(self, requirement: Requirement) -> None:
        self._unique(requirement.id, requirements, what="requirement")
        r = requirement
        self._conn.execute(
            insert(requirements).values(
                id=r.id, capability=r.capability.value, item=r.item, quantity=r.quantity, priority=r.priority,
                needed_by=r.needed_by, intended_use=r.intended_use, package=r.package, crew_for=r.crew_for,
                note=r.note,
            )
        )  # fmt: skip

    def add_event(self, event: RequirementEvent) -> None:
        self._conn.execute(
            insert(requirement_events).values(
                requirement=event.requirement, decision=event.decision.value, at=event.at, by_actor=event.by,
                note=event.note,
            )
        )  # fmt: skip

    def add_offer(self, offer: DonorOffer) -> None:
        self._unique(offer.id, offers, courses, what="offer")
        o = offer
        self._conn.execute(
            insert(offers).values(
                id=o.id, donor=o.donor, item=o.item, quantity=o.quantity, available_on=o.available_on,
                origin=o.origin.value, unit_value=o.unit_value.amount, currency=o.unit_value.currency,
                restrictions=";".join(sorted(o.restrictions)), note=o.note, **_stamp(o),
            )
        )  # fmt: skip

    def add_course(self, course: Course) -> None:
        self._unique(course.id, offers, courses, what="course")
        c, value = course, course.seat_value
        self._conn.execute(
            insert(courses).values(
                id=c.id, host=c.host, course_type=c.course_type, seats=c.seats, starts=c.starts, ends=c.ends,
                language=c.language, prerequisites=c.prerequisites, seat_value=value.amount if value else None,
                currency=value.currency if value else None, **_stamp(c),
            )
        )  # fmt: skip

    def add_restriction(self, change: RestrictionChange) -> RestrictionChange:
        c = change
        new_id = self._conn.scalar(
            insert(restriction_changes)
            .values(donor=c.donor, use=c.use, action=c.action.value, on_date=c.on, scope=c.scope, source=c.source,
                    **_stamp(c))
            .returning(restriction_changes.c.id)
        )  # fmt: skip
        return replace(c, id=new_id)

    def add_round(self, round_: Round) -> None:
        if self._conn.scalar(select(exists().where(rounds.c.number == round_.number))):
            raise Conflict(f"round {round_.number} exists already", hint="run the round again: it takes a new number.")
        r, result = round_, round_.result
        self._conn.execute(
            insert(rounds).values(
                number=r.number, as_of=r.as_of, basis=r.basis, status=result.status.value,
                objective=result.objective, bound=result.bound, message=result.message, run_by=r.run_by,
                run_at=r.run_at, note=r.note,
            )
        )  # fmt: skip
        parts: list[tuple[Table, list[dict[str, Any]]]] = [
            (round_assignments, [_assignment_row(a) for a in result.assignments]),
            (round_shortfalls, [_shortfall_row(s) for s in result.shortfalls]),
            (round_locks, [{"offer": k.offer, "need": k.need, "quantity": k.quantity} for k in r.locks]),
        ]
        for table, rows in parts:
            if rows:
                numbered = [{"round": r.number, "position": i, **row} for i, row in enumerate(rows)]
                self._conn.execute(insert(table), numbered)

    def add_acceptance(self, acceptance: Acceptance) -> None:
        if self._conn.scalar(select(exists().where(round_acceptances.c.round == acceptance.round))):
            raise Conflict(f"round {acceptance.round} was accepted already")
        a = acceptance
        entries = ",".join(str(seq) for seq in a.entries)
        self._conn.execute(insert(round_acceptances).values(round=a.round, by_actor=a.by, at=a.at, entries=entries))

    def add_delivery(self, delivery: Delivery) -> Delivery:
        d = delivery
        new_id = self._conn.scalar(
            insert(deliveries)
            .values(
                requirement=d.requirement, offer=d.offer, quantity=d.quantity, on_date=d.on, by_actor=d.by,
                at=d.at, ledger_seq=d.ledger_seq,
            )
            .returning(deliveries.c.id)
        )  # fmt: skip
        return Delivery(d.requirement, d.offer, d.quantity, d.on, d.by, d.at, d.ledger_seq, new_id)

    def add_withdrawal(self, withdrawal: Withdrawal) -> None:
        w = withdrawal
        if self._conn.scalar(select(exists().where(supply_withdrawals.c.supply == w.supply))):
            raise Conflict(f"{w.supply} was withdrawn already")
        self._conn.execute(insert(supply_withdrawals).values(supply=w.supply, reason=w.reason, **_stamp(w)))

    def add_catalogue_item(self, item: CatalogueItem) -> None:
        i = item
        if self._conn.scalar(select(exists().where(catalogue_items.c.code == i.code))):
            raise Conflict(f"item {i.code!r} was added to the catalogue already")
        self._conn.execute(
            insert(catalogue_items).values(
                code=i.code, name=i.name, family=i.family, capability=i.capability.value, kind=i.kind.value,
                fires_from=";".join(i.fires_from), **_stamp(i),
            )
        )  # fmt: skip

    def catalogue_items(self) -> list[CatalogueItem]:
        return [_catalogue_item(row) for row in self._all(catalogue_items, catalogue_items.c.seq)]

    def registers(self) -> Registers:
        return Registers(
            requirements=tuple(_requirement(row) for row in self._all(requirements, requirements.c.seq)),
            events=tuple(_event(row) for row in self._all(requirement_events, requirement_events.c.seq)),
            offers=tuple(_offer(row) for row in self._all(offers, offers.c.seq)),
            courses=tuple(_course(row) for row in self._all(courses, courses.c.seq)),
            restrictions=tuple(_restriction(row) for row in self._all(restriction_changes, restriction_changes.c.id)),
            rounds=self._rounds(),
            acceptances=tuple(_acceptance(row) for row in self._all(round_acceptances, round_acceptances.c.round)),
            deliveries=tuple(_delivery(row) for row in self._all(deliveries, deliveries.c.id)),
            withdrawals=tuple(_withdrawal(row) for row in self._all(supply_withdrawals, supply_withdrawals.c.seq)),
        )

    def _rounds(self) -> tuple[Round, ...]:
        parts: dict[str, dict[int, list[Row]]] = {}
        for table in (round_assignments, round_shortfalls, round_locks):
            by_round: dict[int, list[Row]] = {}
            for row in self._all(table, table.c.round, table.c.position):
                by_round.setdefault(row["round"], []).append(row)
            parts[table.name] = by_round
        return tuple(
            _round(
                row, *(parts[t.name].get(row["number"], []) for t in (round_assignments, round_shortfalls, round_locks))
            )
            for row in self._all(rounds, rounds.c.number)
        )

    def _all(self, table: Table, *order: Any) -> list[Row]:
        return [dict(row) for row in self._conn.execute(select(table).order_by(*order)).mappings()]

    def _unique(self, id_: str, *tables: Table, what: str) -> None:
        if any(self._conn.scalar(select(exists().where(t.c.id == id_))) for t in tables):
            raise Conflict(f"{what} id {id_!r} is taken", hint="leave the id out and one is given.")


def _stamp(record: Any) -> dict[str, Any]:
    """Who recorded it and when; an unstamped record (from before 0005) is stored as NULL."""
    return {"recorded_by": record.recorded_by or None, "recorded_at": record.recorded_at}


def _stamped(row: Row) -> dict[str, Any]:
    return {"recorded_by": row["recorded_by"] or "", "recorded_at": row["recorded_at"]}


def _assignment_row(a: Assignment) -> dict[str, Any]:
    return {"offer": a.offer, "need": a.need, "quantity": a.quantity, "days_late": a.days_late, "locked": a.locked}


def _shortfall_row(s: Shortfall) -> dict[str, Any]:
    return {"need": s.need, "quantity": s.quantity, "reason": s.reason.value, "detail": s.detail}


def _money(amount: Any, currency: str | None) -> Money | None:
    return Money(amount, currency) if amount is not None and currency is not None else None


def _requirement(row: Row) -> Requirement:
    return Requirement(
        row["id"], Capability(row["capability"]), row["item"], row["quantity"], row["priority"], row["needed_by"],
        row["intended_use"], row["package"], row["crew_for"], row["note"],
    )  # fmt: skip


def _event(row: Row) -> RequirementEvent:
    return RequirementEvent(row["requirement"], Decision(row["decision"]), row["at"], row["by_actor"], row["note"])


def _offer(row: Row) -> DonorOffer:
    uses = frozenset(u for u in row["restrictions"].split(";") if u)
    value = Money(row["unit_value"], row["currency"])
    return DonorOffer(
        row["id"], row["donor"], row["item"], row["quantity"], row["available_on"], Origin(row["origin"]), value,
        uses, row["note"], **_stamped(row),
    )  # fmt: skip


def _course(row: Row) -> Course:
    return Course(
        row["id"], row["host"], row["course_type"], row["seats"], row["starts"], row["ends"], row["language"],
        row["prerequisites"], _money(row["seat_value"], row["currency"]), **_stamped(row),
    )  # fmt: skip


def _restriction(row: Row) -> RestrictionChange:
    return RestrictionChange(
        row["donor"], row["use"], Action(row["action"]), row["on_date"], row["scope"], row["source"], row["id"],
        **_stamped(row),
    )  # fmt: skip


def _withdrawal(row: Row) -> Withdrawal:
    return Withdrawal(row["supply"], row["reason"], row["recorded_by"], row["recorded_at"])


def _catalogue_item(row: Row) -> CatalogueItem:
    fires = tuple(p for p in row["fires_from"].split(";") if p)
    return CatalogueItem(
        row["code"], row["name"], row["family"], Capability(row["capability"]), ItemKind(row["kind"]), fires,
        **_stamped(row),
    )  # fmt: skip


def _round(row: Row, assigned: list[Row], short: list[Row], locked: list[Row]) -> Round:
    result = Result(
        Status(row["status"]), row["objective"], row["bound"],
        tuple(Assignment(a["offer"], a["need"], a["quantity"], a["days_late"], a["locked"]) for a in assigned),
        tuple(Shortfall(s["need"], s["quantity"], Unmet(s["reason"]), s["detail"]) for s in short),
        row["message"],
    )  # fmt: skip
    locks = tuple(Lock(k["offer"], k["need"], k["quantity"]) for k in locked)
    return Round(row["number"], row["as_of"], row["basis"], result, locks, row["run_by"], row["run_at"], row["note"])


def _acceptance(row: Row) -> Acceptance:
    entries = tuple(int(seq) for seq in row["entries"].split(",") if seq)
    return Acceptance(row["round"], row["by_actor"], row["at"], entries)


def _delivery(row: Row) -> Delivery:
    return Delivery(
        row["requirement"], row["offer"], row["quantity"], row["on_date"], row["by_actor"], row["at"],
        row["ledger_seq"], row["id"],
    )  # fmt: skip
