"""Accounts and the audit trail: users, sessions, API tokens, audit records, marking changes (pure values).

Secrets never appear here in the clear: a session key and a token are stored as their SHA-256 (`key_hash`),
a password as an argon2 hash made by an adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ramstein.domain.access import Actor, Marking, Role
from ramstein.domain.errors import InvalidInput

LOCALES = ("en", "da", "nb")


class Scope(StrEnum):
    READ = "read"
    WRITE = "write"


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: Role
    nation: str | None
    password_hash: str
    created_at: datetime
    locale: str | None = None

    def __post_init__(self) -> None:
        check_grant(self.role, self.nation)

    def actor(self, read_only: bool = False) -> Actor:
        return Actor(self.name, self.role, self.nation, read_only)


def check_grant(role: Role, nation: str | None) -> None:
    """A nation representative names its nation; the liaison is Ukraine's; other roles have none."""
    if role is Role.PUBLIC:
        raise InvalidInput("public is the anonymous reader, not a role for an account", hint="use analyst to read.")
    if role is Role.NATION and not (nation and len(nation) == 3 and nation.isalpha() and nation.isupper()):
        raise InvalidInput(
            f"a nation representative needs its nation's ISO 3166-1 alpha-3 code, not {nation!r}",
            hint="pass --nation DEU (for example).",
        )
    if role is Role.LIAISON and nation not in (None, "UKR"):
        raise InvalidInput(f"the Ukraine liaison acts for UKR, not {nation}", hint="leave out --nation.")
    if role in (Role.COORDINATOR, Role.ANALYST) and nation:
        raise InvalidInput(f"a {role} acts for the coalition, not for one nation", hint="leave out --nation.")


def check_user_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 64 or not all(c.isalnum() or c in "._-@" for c in cleaned):
        raise InvalidInput(
            f"user name {name!r} is not usable",
            hint="use 1 to 64 letters, digits or . _ - @ (e.g. anna.berg).",
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class Session:
    key_hash: str
    user: str
    csrf: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class ApiToken:
    id: str  # shown to the owner for revocation; the secret is not derivable from it
    key_hash: str
    user: str
    scope: Scope
    label: str
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One write or one refusal: who, what, when, from where, and the decision's reason."""

    at: datetime
    actor: str
    role: Role
    nation: str | None
    action: str
    resource: str
    origin: str
    allowed: bool
    reason: str
    detail: str = ""
    seq: int | None = None  # numbered by the store


@dataclass(frozen=True, slots=True)
class MarkingChange:
    """A record's releasability, set at a moment by someone; the latest change for a record wins."""

    kind: str  # "ledger"
    record: str  # the record's id (a ledger entry's seq)
    marking: Marking
    at: datetime
    by: str
    reason: str = ""
