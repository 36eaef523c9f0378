"""Use cases of Ukraine's requirement list: propose (one line, a package, or a whole file), approve,
withdraw, and each line's progress. Writes are serialised by the store's writer lock, so ids never clash."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ramstein.domain.access import Actor
from ramstein.domain.coordination.catalogue import Catalogue, ItemKind
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import (
    Decision,
    LineProgress,
    Requirement,
    RequirementEvent,
    check_transition,
    decision,
    next_id,
)
from ramstein.domain.errors import InvalidInput, NotFound, RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.services.coordination_forms import parse_requirement
from ramstein.services.ledger_import import Row
from ramstein.services.ports import Clock, UnitOfWork, UnitOfWorkFactory


def propose(
    uow_factory: UnitOfWorkFactory, lines: Sequence[Requirement], *, actor: Actor, clock: Clock
) -> list[Requirement]:
    """Record lines (already parsed and checked against the catalogue) as proposed; all or none."""
    with uow_factory() as uow:
        uow.lock_ledger()
        recorded = _record(uow, lines, actor, clock)
        uow.commit()
    return recorded


def propose_package(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, template: Requirement, count: int, *,
    actor: Actor, clock: Clock,
) -> list[Requirement]:  # fmt: skip
    """`count` complete packages of the platform `template.item`: one line per part, sharing a package tag;
    the training seats are tied to the platform line, so crews are trained before it arrives."""
    expanded = catalogue.expand(template.item, count)
    with uow_factory() as uow:
        uow.lock_ledger()
        tag = next_id("P", {r.package or "" for r in uow.coordination.registers().requirements})
        lines = [replace(template, id="", item=item.code, quantity=quantity, capability=item.capability, package=tag)
                 for item, quantity in expanded]  # fmt: skip
        (platform,) = _record(uow, lines[:1], actor, clock)
        parts = [replace(line, crew_for=platform.id if item.kind is ItemKind.TRAINING else None)
                 for line, (item, _) in zip(lines[1:], expanded[1:], strict=True)]  # fmt: skip
        recorded = [platform, *_record(uow, parts, actor, clock)]
        uow.commit()
    return recorded


def import_rows(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, source: str, rows: Sequence[Row],
    issues: Sequence[DataIssue], *, actor: Actor, clock: Clock,
) -> list[Requirement]:  # fmt: skip
    """A whole requirement list, all rows or none: any bad row rejects the file with every problem listed."""
    today = clock().date()
    parsed = [parse_requirement(row.fields, catalogue, today=today, source=source, row=row.number) for row in rows]
    problems = [*issues, *(i for p in parsed if isinstance(p, list) for i in p)]
    if problems:
        raise RejectedImport(
            f"{source} was rejected: {len(problems)} problem(s); nothing was recorded",
            problems,
            hint="fix the rows listed and import the file again.",
        )
    return propose(uow_factory, [p for p in parsed if isinstance(p, Requirement)], actor=actor, clock=clock)


def decide(
    uow_factory: UnitOfWorkFactory, ids: Sequence[str], wanted: Decision, *, actor: Actor, clock: Clock, note: str = ""
) -> list[Requirement]:
    """Approve (the coordinator) or withdraw lines; all or none."""
    with uow_factory() as uow:
        uow.lock_ledger()
        registers = uow.coordination.registers()
        found = [_get(registers, i) for i in ids]
        for line in found:
            check_transition(decision(registers.events, line.id), wanted, line.id)
        at = clock()
        for line in found:
            uow.coordination.add_event(RequirementEvent(line.id, wanted, at, actor.name, note))
        uow.commit()
    return found


def progress(uow_factory: UnitOfWorkFactory) -> list[LineProgress]:
    with uow_factory() as uow:
        return uow.coordination.registers().progress()


@dataclass(frozen=True, slots=True)
class Commitment:
    """What accepted rounds committed to a line from one offer or course, and how much of it arrived."""

    offer: str
    donor: str
    item: str
    rounds: tuple[int, ...]
    quantity: int
    delivered: int


@dataclass(frozen=True, slots=True)
class LineView:
    progress: LineProgress
    events: tuple[RequirementEvent, ...]
    commitments: tuple[Commitment, ...]


def line(uow_factory: UnitOfWorkFactory, id_: str) -> LineView:
    """One line in full: its progress, its decisions, and its commitments per offer."""
    with uow_factory() as uow:
        found = uow.coordination.registers()
    requirement = _get(found, id_)
    progress = next(p for p in found.progress() if p.requirement.id == requirement.id)
    rounds: dict[str, list[int]] = {}
    for number, a in found.commitments():
        if a.need == id_ and number not in rounds.setdefault(a.offer, []):
            rounds[a.offer].append(number)
    commitments = []
    for offer, numbers in rounds.items():
        supply = found.supply(offer)
        donor, item = (supply.donor, supply.item) if supply else ("?", "?")
        commitments.append(Commitment(offer, donor, item, tuple(numbers), found.committed_pair(offer, id_),
                                      found.delivered_pair(offer, id_)))  # fmt: skip
    events = tuple(e for e in found.events if e.requirement == id_)
    return LineView(progress, events, tuple(commitments))


def registers(uow_factory: UnitOfWorkFactory) -> Registers:
    with uow_factory() as uow:
        return uow.coordination.registers()


def _record(uow: UnitOfWork, lines: Sequence[Requirement], actor: Actor, clock: Clock) -> list[Requirement]:
    existing = uow.coordination.registers().requirements
    known = {r.id for r in existing}
    at, recorded = clock(), []
    for line in lines:
        new = line if line.id else replace(line, id=next_id("R", known))
        if new.crew_for is not None and new.crew_for not in known:
            raise InvalidInput(f"crews are requested for {new.crew_for}, which is not a requirement")
        uow.coordination.add_requirement(new)
        uow.coordination.add_event(RequirementEvent(new.id, Decision.PROPOSED, at, actor.name))
        known.add(new.id)
        recorded.append(new)
    return recorded


def _get(registers: Registers, id_: str) -> Requirement:
    found = registers.requirement(id_)
    if found is None:
        raise NotFound(f"no requirement {id_}", hint="`ramstein needs list` shows the lines and their ids.")
    return found
