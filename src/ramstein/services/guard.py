"""Access in the service layer: ask `decide`, refuse with `Forbidden`, and audit every write and refusal.

    uow_factory = authorize(app.uow, caller, "ledger.record", Resource("ledger", nation="DEU"), clock)
    ledger.record(uow_factory, entries, caller.actor, clock)

`authorize` returns a unit-of-work factory whose first commit also appends the audit record (and, for an
API request with an Idempotency-Key, the key's claim), so a write and its audit record are committed together
or not at all. A refusal is audited in a transaction of its own, then raised.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Self, TypeVar

from ramstein.domain.access import Actor, Decision, Resource, Role, decide, forbidden
from ramstein.domain.accounts import AuditRecord
from ramstein.services.access_ports import AccessRepository, AuditRepository, IdempotencyClaim
from ramstein.services.ports import (
    Clock,
    CoordinationRepository,
    IndustryRepository,
    LedgerRepository,
    ReferenceRepository,
    SourcesRepository,
    UnitOfWork,
    UnitOfWorkFactory,
)

T = TypeVar("T")
CLI_ORIGIN = "cli"


@dataclass(frozen=True, slots=True)
class Caller:
    """Who asks and from where (an address for HTTP, "cli" for the command line); an API POST may carry an
    idempotency claim to commit with its write."""

    actor: Actor
    origin: str = CLI_ORIGIN
    claim: IdempotencyClaim | None = None


def authorize(
    uow_factory: UnitOfWorkFactory, caller: Caller, action: str, resource: Resource, clock: Clock, detail: str = ""
) -> UnitOfWorkFactory:
    """A factory for the write's units of work, or Forbidden (audited) with the decision's reason."""
    decision = decide(caller.actor, action, resource)
    record = _record(caller, action, resource, decision, clock, detail)
    if not decision.allowed:
        _refuse(uow_factory, record, decision)
    once = _Once()
    return lambda: AuditedUnitOfWork(uow_factory(), record, caller.claim, once)


def permit(uow_factory: UnitOfWorkFactory, caller: Caller, action: str, resource: Resource, clock: Clock) -> None:
    """For a read: nothing when allowed, Forbidden (audited) when not."""
    decision = decide(caller.actor, action, resource)
    if not decision.allowed:
        _refuse(uow_factory, _record(caller, action, resource, decision, clock, ""), decision)


def visible(actor: Actor, action: str, items: Iterable[tuple[T, Resource]]) -> list[T]:
    """The items the actor may read (a filter on a list is not a refusal, so it is not audited)."""
    return [item for item, resource in items if decide(actor, action, resource).allowed]


def audit_write(
    uow: UnitOfWork, caller: Caller, action: str, resource: Resource, clock: Clock, reason: str, *,
    refused: bool = False,
) -> None:  # fmt: skip
    """Audit what a service decided itself (a sign-in and its failure) inside the service's unit of work."""
    uow.audit.add(_record(caller, action, resource, Decision(not refused, reason), clock, ""))


def audit_refusal(uow_factory: UnitOfWorkFactory, caller: Caller, action: str, resource: Resource, clock: Clock,
                  reason: str) -> None:  # fmt: skip
    with uow_factory() as uow:
        uow.audit.add(_record(caller, action, resource, Decision(False, reason), clock, ""))
        uow.commit()


def _record(
    caller: Caller, action: str, resource: Resource, decision: Decision, clock: Clock, detail: str
) -> AuditRecord:
    a = caller.actor
    return AuditRecord(
        clock(), a.name, a.role, a.nation, action, str(resource), caller.origin, decision.allowed, decision.reason,
        detail,
    )  # fmt: skip


def _refuse(uow_factory: UnitOfWorkFactory, record: AuditRecord, decision: Decision) -> None:
    with uow_factory() as uow:
        uow.audit.add(record)
        uow.commit()
    hint = "sign in first." if record.role is Role.PUBLIC else "ask a coordinator if you need this."
    raise forbidden(decision, f"{record.actor} may not {record.action} on {record.resource}: {record.reason}", hint)


class _Once:
    """Shared by the units of work of one authorised use case: the audit record is written by the first that
    commits, however many units of work the use case opens (an import commits in several)."""

    done = False


class AuditedUnitOfWork:
    """A unit of work whose first commit also appends the audit record (and the idempotency claim)."""

    ledger: LedgerRepository
    reference: ReferenceRepository
    coordination: CoordinationRepository
    industry: IndustryRepository
    access: AccessRepository
    audit: AuditRepository
    sources: SourcesRepository

    def __init__(self, inner: UnitOfWork, record: AuditRecord, claim: IdempotencyClaim | None, once: _Once) -> None:
        self._inner, self._record, self._claim, self._once = inner, record, claim, once
        self._pending = False

    def __enter__(self) -> Self:
        inner = self._inner.__enter__()
        self.ledger, self.reference, self.coordination = inner.ledger, inner.reference, inner.coordination
        self.access, self.audit = inner.access, inner.audit
        self.sources = inner.sources
        self.industry = inner.industry
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._inner.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        if not self._once.done and not self._pending:
            self._inner.audit.add(self._record)
            if self._claim is not None:
                self._inner.access.claim(self._claim)
            self._pending = True  # a commit that fails leaves the transaction to roll back with the record
        self._inner.commit()
        self._once.done = True

    def lock_ledger(self) -> None:
        self._inner.lock_ledger()
