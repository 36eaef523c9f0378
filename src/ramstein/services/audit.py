"""Reading the audit trail: coordinators only (the reading itself needs no audit record; a refusal has one)."""

from __future__ import annotations

from ramstein.domain.access import Resource
from ramstein.domain.accounts import AuditRecord
from ramstein.services.guard import Caller, permit
from ramstein.services.ports import Clock, UnitOfWorkFactory


def records(
    uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, *, actor: str | None = None, limit: int = 100,
    offset: int = 0,
) -> tuple[list[AuditRecord], int]:  # fmt: skip
    permit(uow_factory, caller, "audit.read", Resource("audit"), clock)
    with uow_factory() as uow:
        return uow.audit.records(actor=actor, limit=limit, offset=offset), uow.audit.count(actor=actor)
