"""Reads of reference data and registers for an actor: ask the policy first (a refusal is audited).

Reference data (nations, GDP, rates, rule sets) is published material, so it is marked public.
"""

from __future__ import annotations

from ramstein.domain.access import Marking, Resource
from ramstein.domain.nations import Nation
from ramstein.services import reference
from ramstein.services.guard import Caller, permit
from ramstein.services.ports import Clock, UnitOfWorkFactory

PUBLISHED = Marking.PUBLIC


def nations(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> list[Nation]:
    permit(uow_factory, caller, "nations.read", Resource("nation", marking=PUBLISHED), clock)
    return list(reference.nations(uow_factory))


def nation(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, code: str) -> Nation:
    permit(uow_factory, caller, "nations.read", Resource("nation", marking=PUBLISHED, id=code), clock)
    return reference.nations(uow_factory).get(code)
