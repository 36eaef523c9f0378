"""Use cases of accounts: users and their roles, sign-in with throttling, sessions, API tokens, the language.

Secrets are random (the `secrets` module), handed out once and stored only as their SHA-256; passwords go
through the `PasswordHasher` port (argon2). Every change is audited through `guard`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Hashable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ramstein.domain.access import Actor, Resource, Role
from ramstein.domain.accounts import LOCALES, ApiToken, Scope, Session, User, check_grant, check_user_name
from ramstein.domain.errors import InvalidInput, NotFound, Throttled, Unauthenticated
from ramstein.services.access_ports import PasswordHasher, RequestReads
from ramstein.services.guard import Caller, audit_refusal, audit_write, authorize, permit
from ramstein.services.ports import Clock, UnitOfWorkFactory

MIN_PASSWORD = 12
# A hash of a random password, verified when the user name is unknown so that both answers take as long.
_UNKNOWN_USER = "unknown"


@dataclass(frozen=True, slots=True)
class Policy:
    """How long a session lasts and when sign-in is throttled (settings: docs/cli.md)."""

    session_lifetime: timedelta = timedelta(hours=12)
    max_failures: int = 5  # per user name within `window`
    max_failures_per_origin: int = 50  # per address within `window`
    window: timedelta = timedelta(minutes=15)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def add_user(
    uow_factory: UnitOfWorkFactory, hasher: PasswordHasher, caller: Caller, clock: Clock, *,
    name: str, password: str, role: Role, nation: str | None = None,
) -> User:  # fmt: skip
    name = check_user_name(name)
    nation = _nation(role, nation)
    check_grant(role, nation)
    _check_password(password)
    factory = authorize(uow_factory, caller, "users.manage", Resource("user", id=name), clock, f"add {role}")
    user = User(name, role, nation, hasher.hash(password), clock())
    with factory() as uow:
        uow.access.add_user(user)
        uow.commit()
    return user


def set_role(
    uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, *, name: str, role: Role, nation: str | None = None
) -> User:
    """Give a user another role; its sessions end, so the new role applies from its next sign-in."""
    nation = _nation(role, nation)
    check_grant(role, nation)
    detail = f"role {role}{' ' + nation if nation else ''}"
    factory = authorize(uow_factory, caller, "users.manage", Resource("user", id=name), clock, detail)
    with factory() as uow:
        user = replace(_user(uow.access.user(name), name), role=role, nation=nation)
        uow.access.replace_user(user)
        uow.access.end_sessions_of(name)
        uow.commit()
    return user


def users(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> list[User]:
    permit(uow_factory, caller, "users.manage", Resource("user"), clock)
    with uow_factory() as uow:
        return uow.access.users()


def sign_in(
    uow_factory: UnitOfWorkFactory, hasher: PasswordHasher, policy: Policy, clock: Clock, *,
    name: str, password: str, origin: str,
) -> tuple[User, str, Session]:  # fmt: skip
    """Check the password (throttled) and start a new session: (user, session key to send once, session)."""
    now = clock()
    anonymous = Caller(Actor.public(), origin)
    resource = Resource("account", id=name[:64])
    with uow_factory() as uow:
        by_user, by_origin = uow.access.login_failures(name, origin, now - policy.window)
        user = uow.access.user(name)
    if by_user >= policy.max_failures or by_origin >= policy.max_failures_per_origin:
        audit_refusal(uow_factory, anonymous, "account.sign-in", resource, clock, "too many failed sign-ins")
        minutes = int(policy.window.total_seconds() // 60)
        raise Throttled(
            "too many failed sign-ins",
            hint=f"wait {minutes} minutes and try again.",
            key="signin.throttled",
            params={"minutes": minutes},
        )
    good = hasher.verify(user.password_hash if user else hasher.hash(_UNKNOWN_USER), password)
    if user is None or not good:
        with uow_factory() as uow:
            uow.access.purge(now, now - policy.window)
            uow.access.add_login_failure(name, origin, now)
            audit_write(uow, anonymous, "account.sign-in", resource, clock, "wrong user name or password", refused=True)
            uow.commit()
        raise Unauthenticated("wrong user name or password", hint="check both and try again.", key="signin.wrong")
    key, session = _new_session(user.name, now, policy)
    with uow_factory() as uow:
        uow.access.purge(now, now - policy.window)  # housekeeping at sign-in: no cron needed
        uow.access.add_session(session)
        audit_write(uow, Caller(user.actor(), origin), "account.sign-in", resource, clock, "password verified")
        uow.commit()
    return user, key, session


@dataclass(frozen=True, slots=True)
class Purged:
    sessions: int  # expired sessions deleted
    failures: int  # sign-in failures older than the throttling window deleted


def purge(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, policy: Policy) -> Purged:
    """Delete expired sessions and sign-in failures too old to count for throttling (`ramstein users purge`;
    every sign-in does the same on its way). The audit trail keeps every sign-in and failure regardless."""
    detail = f"sessions expired and sign-in failures older than {int(policy.window.total_seconds() // 60)} min"
    factory = authorize(uow_factory, caller, "users.manage", Resource("accounts"), clock, detail)
    now = clock()
    with factory() as uow:
        sessions, failures = uow.access.purge(now, now - policy.window)
        uow.commit()
    return Purged(sessions, failures)


def sign_out(uow_factory: UnitOfWorkFactory, key: str) -> None:
    with uow_factory() as uow:
        uow.access.end_session(digest(key))
        uow.commit()


def session_user(uow_factory: UnitOfWorkFactory, key: str, clock: Clock) -> tuple[User, Session] | None:
    """The user of a live session, or None for an unknown, ended or expired session key."""
    with uow_factory() as uow:
        session = uow.access.session(digest(key))
        user = uow.access.user(session.user) if session else None
    return _live_session(session, user, clock)


def token_actor(uow_factory: UnitOfWorkFactory, secret: str, clock: Clock) -> Actor | None:
    """The actor of a usable API token (read-only for a read-scoped token), or None."""
    with uow_factory() as uow:
        token = uow.access.token(digest(secret))
        user = uow.access.user(token.user) if token else None
    return _token_actor(token, user, clock)


def request_session_user(
    reads: RequestReads, key: str, clock: Clock, *, stamped: bool = False
) -> tuple[tuple[User, Session] | None, Hashable | None]:
    """`session_user` in the one statement a web request affords (the same rule, the same answer), with the data
    stamp of the kept answers when `stamped` (else None)."""
    found, stamp = reads.stamped_session(digest(key)) if stamped else (reads.session(digest(key)), None)
    return (_live_session(*found, clock) if found else None), stamp


def request_token_actor(
    reads: RequestReads, secret: str, clock: Clock, *, stamped: bool = False
) -> tuple[Actor | None, Hashable | None]:
    """`token_actor` in the one statement a web request affords (the same rule, the same answer), with the data
    stamp of the kept answers when `stamped` (else None)."""
    found, stamp = reads.stamped_token(digest(secret)) if stamped else (reads.token(digest(secret)), None)
    return (_token_actor(*found, clock) if found else None), stamp


def _live_session(session: Session | None, user: User | None, clock: Clock) -> tuple[User, Session] | None:
    if session is None or user is None or session.expires_at <= clock():
        return None
    return user, session


def _token_actor(token: ApiToken | None, user: User | None, clock: Clock) -> Actor | None:
    if token is None or user is None or not token.usable(clock()):
        return None
    return user.actor(read_only=token.scope is Scope.READ)


def issue_token(
    uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, *,
    user: str, scope: Scope, label: str = "", expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:  # fmt: skip
    """A new token for `user` and its secret, shown once: a coordinator for anyone, a user for itself."""
    action = "account.manage" if user == caller.actor.name else "users.manage"
    factory = authorize(uow_factory, caller, action, Resource("account", id=user), clock, f"issue {scope} token")
    id_ = secrets.token_hex(6)
    secret = f"rst_{id_}_{secrets.token_urlsafe(32)}"
    token = ApiToken(id_, digest(secret), user, scope, label, clock(), expires_at)
    with factory() as uow:
        _user(uow.access.user(user), user)
        uow.access.add_token(token)
        uow.commit()
    return token, secret


def revoke_token(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, *, token_id: str) -> ApiToken:
    with uow_factory() as uow:
        token = uow.access.token_by_id(token_id)
    if token is None:
        raise NotFound(f"no API token {token_id}", hint="`ramstein users token list` shows the tokens.")
    action = "account.manage" if token.user == caller.actor.name else "users.manage"
    factory = authorize(uow_factory, caller, action, Resource("account", id=token.user), clock, f"revoke {token_id}")
    with factory() as uow:
        uow.access.revoke_token(token_id, clock())
        uow.commit()
    return replace(token, revoked_at=token.revoked_at or clock())


def tokens(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, user: str | None = None) -> list[ApiToken]:
    """A user's own tokens, or (for a coordinator) anyone's; never their secrets."""
    if user != caller.actor.name:
        permit(uow_factory, caller, "users.manage", Resource("account", id=user), clock)
    with uow_factory() as uow:
        return uow.access.tokens(user)


def set_locale(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, locale: str) -> None:
    if locale not in LOCALES:
        raise InvalidInput(f"unknown language {locale!r}", hint=f"choose one of {', '.join(LOCALES)}.")
    name = caller.actor.name
    factory = authorize(uow_factory, caller, "account.manage", Resource("account", id=name), clock, locale)
    with factory() as uow:
        uow.access.replace_user(replace(_user(uow.access.user(name), name), locale=locale))
        uow.commit()


def _new_session(user: str, now: datetime, policy: Policy) -> tuple[str, Session]:
    key = secrets.token_urlsafe(32)
    return key, Session(digest(key), user, secrets.token_urlsafe(32), now, now + policy.session_lifetime)


def _user(user: User | None, name: str) -> User:
    if user is None:
        raise NotFound(f"no user {name}", hint="`ramstein users list` shows the users.")
    return user


def _nation(role: Role, nation: str | None) -> str | None:
    if role is Role.LIAISON:
        return "UKR"
    return nation.strip().upper() if nation else None


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"the password is too short ({len(password)} characters)",
            hint=f"use at least {MIN_PASSWORD} characters; a passphrase of several words is easiest.",
        )
