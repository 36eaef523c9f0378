"""Use cases of the supply side: donors' offers (one, or a whole file), host nations' courses, their
withdrawal, and the register of end-use restrictions. Every donor must be a known nation and every item
catalogued; every record is stamped with who entered it and when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ramstein.domain.access import Actor
from ramstein.domain.coordination.catalogue import Catalogue, ItemKind
from ramstein.domain.coordination.offers import Course, DonorOffer, Withdrawal
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import next_id
from ramstein.domain.coordination.restrictions import RestrictionChange, scopes
from ramstein.domain.errors import Conflict, InvalidInput, NotFound, RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.domain.nations import NationRegistry
from ramstein.services.coordination_forms import parse_offer
from ramstein.services.ledger_import import Row
from ramstein.services.ports import Clock, UnitOfWork, UnitOfWorkFactory


def add_offers(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, offers: Sequence[DonorOffer], *, actor: Actor, clock: Clock
) -> list[DonorOffer]:
    """Record offers (an unsolicited one simply joins the pool); all or none."""
    with uow_factory() as uow:
        uow.lock_ledger()
        nations = uow.reference.nations()
        for offer in offers:
            _known(nations, offer.donor)
            catalogue.get(offer.item)
        recorded = _record_offers(uow, offers, actor, clock)
        uow.commit()
    return recorded


def import_offers(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, source: str, rows: Sequence[Row],
    issues: Sequence[DataIssue], *, actor: Actor, clock: Clock,
) -> list[DonorOffer]:  # fmt: skip
    """A whole offer list, all rows or none: any bad row rejects the file with every problem listed."""
    with uow_factory() as uow:
        uow.lock_ledger()
        nations = uow.reference.nations()
        parsed = [parse_offer(r.fields, catalogue, nations, source=source, row=r.number) for r in rows]
        problems = [*issues, *(i for p in parsed if isinstance(p, list) for i in p)]
        if problems:
            raise RejectedImport(
                f"{source} was rejected: {len(problems)} problem(s); nothing was recorded",
                problems,
                hint="fix the rows listed and import the file again.",
            )
        recorded = _record_offers(uow, [p for p in parsed if isinstance(p, DonorOffer)], actor, clock)
        uow.commit()
    return recorded


def add_course(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, course: Course, *, actor: Actor, clock: Clock
) -> Course:
    item = catalogue.get(course.course_type)
    if item.kind is not ItemKind.TRAINING:
        raise InvalidInput(f"{course.course_type} is a {item.kind}, not a course type", hint="use a training item.")
    with uow_factory() as uow:
        uow.lock_ledger()
        _known(uow.reference.nations(), course.host)
        registers = uow.coordination.registers()
        new = replace(course, id=course.id or next_id("C", (c.id for c in registers.courses)),
                      recorded_by=actor.name, recorded_at=clock())  # fmt: skip
        uow.coordination.add_course(new)
        uow.commit()
    return new


def add_restriction(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, change: RestrictionChange, *, actor: Actor, clock: Clock
) -> RestrictionChange:
    """Record a dated change: a restriction imposed, or lifted (for every item, a family, or one item)."""
    if change.scope not in scopes(catalogue):
        raise InvalidInput(
            f"scope {change.scope!r} is neither an item, a family nor *", hint="`ramstein catalogue list` shows them."
        )
    with uow_factory() as uow:
        uow.lock_ledger()
        _known(uow.reference.nations(), change.donor)
        stored = uow.coordination.add_restriction(replace(change, recorded_by=actor.name, recorded_at=clock()))
        uow.commit()
    return stored


def withdraw(
    uow_factory: UnitOfWorkFactory, ids: Sequence[str], *, reason: str, actor: Actor, clock: Clock
) -> list[Withdrawal]:
    """Take offers or courses back, all or none: what accepted rounds committed stays committed, the rest
    leaves the pool, and a round run before the withdrawal that uses them can no longer be accepted."""
    if not reason.strip():
        raise InvalidInput("a withdrawal needs a reason", hint="say why with --reason; it is kept with the record.")
    with uow_factory() as uow:
        uow.lock_ledger()
        registers = uow.coordination.registers()
        at, done = clock(), []
        for id_ in dict.fromkeys(ids):
            _check_withdrawable(registers, id_)
            done.append(Withdrawal(id_, reason.strip(), actor.name, at))
            uow.coordination.add_withdrawal(done[-1])
        uow.commit()
    return done


def _check_withdrawable(registers: Registers, id_: str) -> None:
    supply = registers.supply(id_)
    if supply is None:
        raise NotFound(
            f"no offer or course {id_}", hint="`ramstein offers list` and `ramstein courses list` show them."
        )
    if id_ in registers.withdrawn():
        raise Conflict(f"{id_} was withdrawn already")
    offer = next((o for o in registers.offers if o.id == id_), None)
    size = offer.quantity if offer else next(c.seats for c in registers.courses if c.id == id_)
    if registers.committed_by_offer()[id_] >= size:
        raise Conflict(
            f"all of {id_} is committed by accepted rounds: nothing is left to withdraw",
            hint="a commitment is reversed in the ledger (`ramstein ledger reverse`), not by withdrawing the offer.",
        )


def _record_offers(uow: UnitOfWork, offers: Sequence[DonorOffer], actor: Actor, clock: Clock) -> list[DonorOffer]:
    known = {o.id for o in uow.coordination.registers().offers}
    recorded, at = [], clock()
    for offer in offers:
        new = replace(offer, id=offer.id or next_id("O", known), recorded_by=actor.name, recorded_at=at)
        uow.coordination.add_offer(new)
        known.add(new.id)
        recorded.append(new)
    return recorded


def _known(nations: NationRegistry, code: str) -> None:
    if code not in nations:
        raise NotFound(
            f"unknown nation {code!r}: no offer, course or restriction can come from it",
            hint="use an ISO 3166-1 alpha-3 code such as DEU or USA; `ramstein nations` lists them.",
        )
