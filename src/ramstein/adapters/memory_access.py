"""In-memory fakes of the access ports (accounts, audit trail, markings), for service tests.

Changes wait in the unit of work and are applied on commit, re-checked as a database's constraints would;
reads see what is committed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import datetime

from ramstein.domain.access import Marking
from ramstein.domain.accounts import ApiToken, AuditRecord, MarkingChange, Session, User
from ramstein.domain.errors import Conflict, NotFound
from ramstein.services.access_ports import IdempotencyClaim, StoredResponse


@dataclass
class AccessStore:
    users: dict[str, User] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    tokens: dict[str, ApiToken] = field(default_factory=dict)
    failures: list[tuple[str, str, datetime]] = field(default_factory=list)
    claims: dict[tuple[str, str], tuple[IdempotencyClaim, StoredResponse | None]] = field(default_factory=dict)
    audit: list[AuditRecord] = field(default_factory=list)
    markings: list[MarkingChange] = field(default_factory=list)


class MemoryAccessRepository:
    def __init__(self, store: AccessStore) -> None:
        self._store = store
        self.pending: list[Callable[[], None]] = []

    def publish(self) -> None:
        for change in self.pending:
            change()
        self.pending.clear()

    def add_user(self, user: User) -> None:
        def add() -> None:
            if user.name in self._store.users:
                raise Conflict(f"user {user.name} exists")
            self._store.users[user.name] = user

        if user.name in self._store.users:
            raise Conflict(f"user {user.name} exists", hint="`ramstein users role` changes a user's role.")
        self.pending.append(add)

    def replace_user(self, user: User) -> None:
        if user.name not in self._store.users:
            raise NotFound(f"no user {user.name}")
        self.pending.append(lambda: self._store.users.__setitem__(user.name, user))

    def user(self, name: str) -> User | None:
        return self._store.users.get(name)

    def users(self) -> list[User]:
        return sorted(self._store.users.values(), key=lambda u: u.name)

    def add_session(self, session: Session) -> None:
        self.pending.append(lambda: self._store.sessions.__setitem__(session.key_hash, session))

    def session(self, key_hash: str) -> Session | None:
        return self._store.sessions.get(key_hash)

    def end_session(self, key_hash: str) -> None:
        def end() -> None:
            self._store.sessions.pop(key_hash, None)

        self.pending.append(end)

    def end_sessions_of(self, user: str) -> None:
        def end() -> None:
            for key in [k for k, s in self._store.sessions.items() if s.user == user]:
                del self._store.sessions[key]

        self.pending.append(end)

    def add_token(self, token: ApiToken) -> None:
        self.pending.append(lambda: self._store.tokens.__setitem__(token.id, token))

    def token(self, key_hash: str) -> ApiToken | None:
        return next((t for t in self._store.tokens.values() if t.key_hash == key_hash), None)

    def token_by_id(self, id_: str) -> ApiToken | None:
        return self._store.tokens.get(id_)

    def tokens(self, user: str | None = None) -> list[ApiToken]:
        return [t for t in self._store.tokens.values() if user is None or t.user == user]

    def revoke_token(self, id_: str, at: datetime) -> None:
        def revoke() -> None:
            token = self._store.tokens[id_]
            if token.revoked_at is None:
                self._store.tokens[id_] = replace(token, revoked_at=at)

        self.pending.append(revoke)

    def add_login_failure(self, user: str, origin: str, at: datetime) -> None:
        self.pending.append(lambda: self._store.failures.append((user, origin, at)))

    def login_failures(self, user: str, origin: str, since: datetime) -> tuple[int, int]:
        recent = [(u, o) for u, o, at in self._store.failures if at >= since]
        return sum(u == user for u, _ in recent), sum(o == origin for _, o in recent)

    def purge(self, now: datetime, failures_before: datetime) -> tuple[int, int]:
        expired = [k for k, s in self._store.sessions.items() if s.expires_at <= now]
        old = sum(at < failures_before for _, _, at in self._store.failures)

        def purge() -> None:
            for key in expired:
                self._store.sessions.pop(key, None)
            self._store.failures[:] = [f for f in self._store.failures if f[2] >= failures_before]

        self.pending.append(purge)
        return len(expired), old

    def claim(self, claim: IdempotencyClaim) -> None:
        def add() -> None:
            if (claim.actor, claim.key) in self._store.claims:
                raise Conflict(f"the Idempotency-Key {claim.key!r} was used already")
            self._store.claims[(claim.actor, claim.key)] = (claim, None)

        if (claim.actor, claim.key) in self._store.claims:
            raise Conflict(f"the Idempotency-Key {claim.key!r} was used already")
        self.pending.append(add)

    def claimed(self, actor: str, key: str) -> tuple[IdempotencyClaim, StoredResponse | None] | None:
        return self._store.claims.get((actor, key))

    def store_response(self, actor: str, key: str, response: StoredResponse) -> None:
        claim, _ = self._store.claims[(actor, key)]
        self.pending.append(lambda: self._store.claims.__setitem__((actor, key), (claim, response)))


class MemoryAuditRepository:
    def __init__(self, store: AccessStore) -> None:
        self._store = store
        self.pending: list[AuditRecord | MarkingChange] = []

    def publish(self) -> None:
        for item in self.pending:
            if isinstance(item, AuditRecord):
                self._store.audit.append(replace(item, seq=len(self._store.audit) + 1))
            else:
                self._store.markings.append(item)
        self.pending.clear()

    def add(self, record: AuditRecord) -> None:
        self.pending.append(record)

    def records(self, *, actor: str | None = None, limit: int = 100, offset: int = 0) -> list[AuditRecord]:
        found = [r for r in reversed(self._store.audit) if actor is None or r.actor == actor]
        return found[offset : offset + limit]

    def count(self, *, actor: str | None = None) -> int:
        return sum(actor is None or r.actor == actor for r in self._store.audit)

    def add_marking(self, change: MarkingChange) -> None:
        self.pending.append(change)

    def markings(self, kind: str, records: Collection[str] | None = None) -> dict[str, Marking]:
        wanted = None if records is None else set(records)
        return {
            m.record: m.marking
            for m in self._store.markings
            if m.kind == kind and (wanted is None or m.record in wanted)
        }
