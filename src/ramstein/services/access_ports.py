"""Ports of access control: accounts (users, sessions, tokens, sign-in failures, idempotency claims), the
append-only audit trail with the records' markings, and password hashing.

Accounts are operational state (a role changes, a token is revoked, a session ends): their rows may change,
and every change is an audit record. The audit trail and the markings only grow, like the ledger.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ramstein.domain.access import Marking
from ramstein.domain.accounts import ApiToken, AuditRecord, MarkingChange, Session, User


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """The response a POST with an Idempotency-Key gave, to replay when the same request comes again."""

    status: int
    body: str


@dataclass(frozen=True, slots=True)
class IdempotencyClaim:
    """Written in the same transaction as the write it guards: a second request with the key cannot commit."""

    actor: str
    key: str
    fingerprint: str  # hash of method, path and body: the same key with another request is a conflict
    at: datetime


class AccessRepository(Protocol):
    def add_user(self, user: User) -> None:
        """Raises Conflict when the name is taken."""

    def replace_user(self, user: User) -> None:
        """Store a user's new role, nation, password hash or locale; raises NotFound for an unknown name."""

    def user(self, name: str) -> User | None: ...

    def users(self) -> list[User]: ...

    def add_session(self, session: Session) -> None: ...

    def session(self, key_hash: str) -> Session | None: ...

    def end_session(self, key_hash: str) -> None: ...

    def end_sessions_of(self, user: str) -> None: ...

    def add_token(self, token: ApiToken) -> None: ...

    def token(self, key_hash: str) -> ApiToken | None: ...

    def token_by_id(self, id_: str) -> ApiToken | None: ...

    def tokens(self, user: str | None = None) -> list[ApiToken]: ...

    def revoke_token(self, id_: str, at: datetime) -> None: ...

    def add_login_failure(self, user: str, origin: str, at: datetime) -> None: ...

    def login_failures(self, user: str, origin: str, since: datetime) -> tuple[int, int]:
        """(failures for this user name, failures from this origin) since a moment."""

    def purge(self, now: datetime, failures_before: datetime) -> tuple[int, int]:
        """Delete the sessions expired by `now` and the sign-in failures before `failures_before` (older than
        the throttling window: they can no longer count); (sessions, failures) deleted."""

    def claim(self, claim: IdempotencyClaim) -> None:
        """Raises Conflict when the actor has used the key already (also at commit, for a concurrent claim)."""

    def claimed(self, actor: str, key: str) -> tuple[IdempotencyClaim, StoredResponse | None] | None: ...

    def store_response(self, actor: str, key: str, response: StoredResponse) -> None: ...


class AuditRepository(Protocol):
    def add(self, record: AuditRecord) -> None: ...

    def records(self, *, actor: str | None = None, limit: int = 100, offset: int = 0) -> list[AuditRecord]:
        """Newest first."""

    def count(self, *, actor: str | None = None) -> int: ...

    def add_marking(self, change: MarkingChange) -> None: ...

    def markings(self, kind: str, records: Collection[str] | None = None) -> dict[str, Marking]:
        """The latest marking of each record of `kind` that has one (all of them when `records` is None)."""


class RequestReads(Protocol):
    """What a web request reads before its handler: each one statement, outside any unit of work."""

    def token(self, key_hash: str) -> tuple[ApiToken, User] | None:
        """The API token with this hash and its user (whether it is usable is the caller's question)."""

    def session(self, key_hash: str) -> tuple[Session, User] | None:
        """The session with this key hash and its user (whether it is live is the caller's question)."""

    def stamp(self) -> Hashable:
        """A value that changes whenever the ledger, a marking or the reference datasets change: what kept
        answers were built from (interfaces/answer_cache.py)."""

    def stamped_token(self, key_hash: str) -> tuple[tuple[ApiToken, User] | None, Hashable]:
        """`token` and `stamp` in one statement (one round trip to a database server)."""

    def stamped_session(self, key_hash: str) -> tuple[tuple[Session, User] | None, Hashable]:
        """`session` and `stamp` in one statement."""


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...
