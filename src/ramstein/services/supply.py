"""Use cases of the supply side: donors' offers (one, or a whole file), host nations' courses, and the
register of end-use restrictions. Every donor must be a known nation and every item catalogued."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ramstein.domain.coordination.catalogue import Catalogue, ItemKind
from ramstein.domain.coordination.offers import Course, DonorOffer
from ramstein.domain.coordination.requirements import next_id
from ramstein.domain.coordination.restrictions import EVERY_ITEM, RestrictionChange
from ramstein.domain.errors import InvalidInput, NotFound, RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.domain.nations import NationRegistry
from ramstein.services.coordination_forms import parse_offer
from ramstein.services.ledger_import import Row
from ramstein.services.ports import UnitOfWork, UnitOfWorkFactory


def add_offers(uow_factory: UnitOfWorkFactory, catalogue: Catalogue, offers: Sequence[DonorOffer]) -> list[DonorOffer]:
    """Record offers (an unsolicited one simply joins the pool); all or none."""
    with uow_factory() as uow:
        uow.lock_ledger()
        nations = uow.reference.nations()
        for offer in offers:
            _known(nations, offer.donor)
            catalogue.get(offer.item)
        recorded = _record_offers(uow, offers)
        uow.commit()
    return recorded


def import_offers(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, source: str, rows: Sequence[Row],
    issues: Sequence[DataIssue],
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
        recorded = _record_offers(uow, [p for p in parsed if isinstance(p, DonorOffer)])
        uow.commit()
    return recorded


def add_course(uow_factory: UnitOfWorkFactory, catalogue: Catalogue, course: Course) -> Course:
    item = catalogue.get(course.course_type)
    if item.kind is not ItemKind.TRAINING:
        raise InvalidInput(f"{course.course_type} is a {item.kind}, not a course type", hint="use a training item.")
    with uow_factory() as uow:
        uow.lock_ledger()
        _known(uow.reference.nations(), course.host)
        registers = uow.coordination.registers()
        new = course if course.id else replace(course, id=next_id("C", (c.id for c in registers.courses)))
        uow.coordination.add_course(new)
        uow.commit()
    return new


def add_restriction(
    uow_factory: UnitOfWorkFactory, catalogue: Catalogue, change: RestrictionChange
) -> RestrictionChange:
    """Record a dated change: a restriction imposed, or lifted (for every item, a family, or one item)."""
    scopes = {EVERY_ITEM} | {i.code for i in catalogue} | {i.family for i in catalogue}
    if change.scope not in scopes:
        raise InvalidInput(
            f"scope {change.scope!r} is neither an item, a family nor *", hint="`ramstein needs catalogue` lists them."
        )
    with uow_factory() as uow:
        uow.lock_ledger()
        _known(uow.reference.nations(), change.donor)
        stored = uow.coordination.add_restriction(change)
        uow.commit()
    return stored


def _record_offers(uow: UnitOfWork, offers: Sequence[DonorOffer]) -> list[DonorOffer]:
    known = {o.id for o in uow.coordination.registers().offers}
    recorded = []
    for offer in offers:
        new = offer if offer.id else replace(offer, id=next_id("O", known))
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
