"""Accounts, the audit trail and markings in SQL: rows in, domain objects out, through explicit functions."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError as DbIntegrityError

from ramstein.adapters.db.access_tables import (
    api_tokens,
    audit_records,
    idempotency_keys,
    login_failures,
    markings,
    sessions,
    users,
)
from ramstein.adapters.db.engine import BUSY_TIMEOUT_MS
from ramstein.domain.access import Marking, Role
from ramstein.domain.accounts import ApiToken, AuditRecord, MarkingChange, Scope, Session, User
from ramstein.domain.errors import Conflict, NotFound
from ramstein.services.access_ports import IdempotencyClaim, StoredResponse

MARKINGS_LOCK_KEY = 0x72616D6D61726B  # "rammark" in ASCII: a PostgreSQL advisory lock key used nowhere else
Row = Mapping[Any, Any]  # a result row read by column name (SQLAlchemy RowMapping)


class SqlAccessRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add_user(self, user: User) -> None:
        if self.user(user.name) is not None:
            raise Conflict(f"user {user.name} exists", hint="`ramstein users role` changes a user's role.")
        self._conn.execute(insert(users).values(**_user_values(user), created_at=user.created_at))

    def replace_user(self, user: User) -> None:
        done = self._conn.execute(update(users).where(users.c.name == user.name).values(**_user_values(user)))
        if done.rowcount == 0:
            raise NotFound(f"no user {user.name}", hint="`ramstein users list` shows the users.")

    def user(self, name: str) -> User | None:
        row = self._conn.execute(select(users).where(users.c.name == name)).mappings().first()
        return _user(row) if row else None

    def users(self) -> list[User]:
        return [_user(r) for r in self._conn.execute(select(users).order_by(users.c.name)).mappings()]

    def add_session(self, session: Session) -> None:
        s = session
        self._conn.execute(
            insert(sessions).values(
                key_hash=s.key_hash, user_name=s.user, csrf=s.csrf, created_at=s.created_at, expires_at=s.expires_at
            )
        )

    def session(self, key_hash: str) -> Session | None:
        row = self._conn.execute(select(sessions).where(sessions.c.key_hash == key_hash)).mappings().first()
        if row is None:
            return None
        return Session(row["key_hash"], row["user_name"], row["csrf"], row["created_at"], row["expires_at"])

    def end_session(self, key_hash: str) -> None:
        self._conn.execute(delete(sessions).where(sessions.c.key_hash == key_hash))

    def end_sessions_of(self, user: str) -> None:
        self._conn.execute(delete(sessions).where(sessions.c.user_name == user))

    def add_token(self, token: ApiToken) -> None:
        t = token
        self._conn.execute(
            insert(api_tokens).values(
                id=t.id, key_hash=t.key_hash, user_name=t.user, scope=t.scope.value, label=t.label,
                created_at=t.created_at, expires_at=t.expires_at, revoked_at=t.revoked_at,
            )
        )  # fmt: skip

    def token(self, key_hash: str) -> ApiToken | None:
        row = self._conn.execute(select(api_tokens).where(api_tokens.c.key_hash == key_hash)).mappings().first()
        return _token(row) if row else None

    def token_by_id(self, id_: str) -> ApiToken | None:
        row = self._conn.execute(select(api_tokens).where(api_tokens.c.id == id_)).mappings().first()
        return _token(row) if row else None

    def tokens(self, user: str | None = None) -> list[ApiToken]:
        query = select(api_tokens).order_by(api_tokens.c.created_at, api_tokens.c.id)
        if user is not None:
            query = query.where(api_tokens.c.user_name == user)
        return [_token(r) for r in self._conn.execute(query).mappings()]

    def revoke_token(self, id_: str, at: datetime) -> None:
        self._conn.execute(
            update(api_tokens).where(api_tokens.c.id == id_, api_tokens.c.revoked_at.is_(None)).values(revoked_at=at)
        )

    def add_login_failure(self, user: str, origin: str, at: datetime) -> None:
        self._conn.execute(insert(login_failures).values(user_name=user[:64], origin=origin[:64], at=at))

    def login_failures(self, user: str, origin: str, since: datetime) -> tuple[int, int]:
        recent = login_failures.c.at >= since
        count = select(func.count()).select_from(login_failures).where(recent)
        by_user = self._conn.execute(count.where(login_failures.c.user_name == user[:64])).scalar_one()
        by_origin = self._conn.execute(count.where(login_failures.c.origin == origin[:64])).scalar_one()
        return int(by_user), int(by_origin)

    def purge(self, now: datetime, failures_before: datetime) -> tuple[int, int]:
        ended = self._conn.execute(delete(sessions).where(sessions.c.expires_at <= now)).rowcount
        old = self._conn.execute(delete(login_failures).where(login_failures.c.at < failures_before)).rowcount
        return int(ended or 0), int(old or 0)

    def claim(self, claim: IdempotencyClaim) -> None:
        c = claim
        try:
            with self._conn.begin_nested():
                self._conn.execute(
                    insert(idempotency_keys).values(actor=c.actor, key=c.key, fingerprint=c.fingerprint, at=c.at)
                )
        except DbIntegrityError:
            raise _key_used(c.key) from None

    def claimed(self, actor: str, key: str) -> tuple[IdempotencyClaim, StoredResponse | None] | None:
        where = (idempotency_keys.c.actor == actor) & (idempotency_keys.c.key == key)
        row = self._conn.execute(select(idempotency_keys).where(where)).mappings().first()
        if row is None:
            return None
        stored = StoredResponse(row["status"], row["body"]) if row["status"] is not None else None
        return IdempotencyClaim(row["actor"], row["key"], row["fingerprint"], row["at"]), stored

    def store_response(self, actor: str, key: str, response: StoredResponse) -> None:
        where = (idempotency_keys.c.actor == actor) & (idempotency_keys.c.key == key)
        self._conn.execute(update(idempotency_keys).where(where).values(status=response.status, body=response.body))


class SqlAuditRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, record: AuditRecord) -> None:
        r = record
        self._conn.execute(
            insert(audit_records).values(
                at=r.at, actor=r.actor[:64], role=r.role.value, nation=r.nation, action=r.action,
                resource=r.resource, origin=r.origin[:64], allowed=r.allowed, reason=r.reason, detail=r.detail,
            )
        )  # fmt: skip

    def records(self, *, actor: str | None = None, limit: int = 100, offset: int = 0) -> list[AuditRecord]:
        query = select(audit_records).order_by(audit_records.c.seq.desc()).limit(limit).offset(offset)
        if actor is not None:
            query = query.where(audit_records.c.actor == actor)
        return [_audit(r) for r in self._conn.execute(query).mappings()]

    def count(self, *, actor: str | None = None) -> int:
        query = select(func.count()).select_from(audit_records)
        if actor is not None:
            query = query.where(audit_records.c.actor == actor)
        return int(self._conn.execute(query).scalar_one())

    def add_marking(self, change: MarkingChange) -> None:
        c = change
        if self._conn.dialect.name == "postgresql":
            # PostgreSQL numbers a row before it commits, so two concurrent markings could become visible out of
            # order; one marking writer at a time (until its commit) makes the newest number name every marking
            # before it, which the kept answers' data stamp relies on (request_reads.py). SQLite has one writer.
            self._conn.execute(text(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}"))
            self._conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MARKINGS_LOCK_KEY})
            self._conn.execute(text("SET LOCAL lock_timeout = DEFAULT"))
        self._conn.execute(
            insert(markings).values(
                kind=c.kind, record=c.record, marking=c.marking.value, at=c.at, by_actor=c.by, reason=c.reason
            )
        )

    def markings(self, kind: str, records: Collection[str] | None = None) -> dict[str, Marking]:
        query = select(markings.c.record, markings.c.marking).where(markings.c.kind == kind).order_by(markings.c.seq)
        if records is not None:
            if not records:
                return {}
            query = query.where(markings.c.record.in_(list(records)))
        return {row.record: Marking(row.marking) for row in self._conn.execute(query)}  # the latest wins


def _user_values(user: User) -> dict[str, Any]:
    return {
        "name": user.name, "role": user.role.value, "nation": user.nation, "password_hash": user.password_hash,
        "locale": user.locale,
    }  # fmt: skip


def _user(row: Row) -> User:
    return User(row["name"], Role(row["role"]), row["nation"], row["password_hash"], row["created_at"], row["locale"])


def _token(row: Row) -> ApiToken:
    return ApiToken(
        row["id"], row["key_hash"], row["user_name"], Scope(row["scope"]), row["label"], row["created_at"],
        row["expires_at"], row["revoked_at"],
    )  # fmt: skip


def _audit(row: Row) -> AuditRecord:
    return AuditRecord(
        row["at"], row["actor"], Role(row["role"]), row["nation"], row["action"], row["resource"], row["origin"],
        bool(row["allowed"]), row["reason"], row["detail"], row["seq"],
    )  # fmt: skip


def _key_used(key: str) -> Conflict:
    return Conflict(
        f"the Idempotency-Key {key!r} was used already",
        hint="repeat the exact same request to get its response again, or use a new key for a new request.",
    )
