"""Reads of the coordination registers for an actor: Ukraine's requirement list, the offers and courses, and
the allocation rounds are coalition material (the public may not read them); the policy decides, and a
refusal is audited (services/guard.py)."""

from __future__ import annotations

from ramstein.domain.access import Resource
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import LineProgress
from ramstein.services import needs, rounds
from ramstein.services.guard import Caller, permit
from ramstein.services.ports import Clock, UnitOfWorkFactory


def requirements(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> list[LineProgress]:
    permit(uow_factory, caller, "requirements.read", Resource("requirements"), clock)
    return needs.progress(uow_factory)


def offers(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> Registers:
    permit(uow_factory, caller, "offers.read", Resource("offers"), clock)
    permit(uow_factory, caller, "courses.read", Resource("courses"), clock)
    return needs.registers(uow_factory)


def round_list(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> Registers:
    permit(uow_factory, caller, "rounds.read", Resource("rounds"), clock)
    return needs.registers(uow_factory)


def round_view(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, number: int) -> rounds.RoundView:
    permit(uow_factory, caller, "rounds.read", Resource("round", id=str(number)), clock)
    return rounds.show(uow_factory, number)
