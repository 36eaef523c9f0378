"""Housekeeping of accounts on every store (memory, SQLite, PostgreSQL): expired sessions and sign-in failures
older than the throttling window are deleted; live sessions, recent failures and the audit trail stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ramstein.adapters.passwords import fast_hasher
from ramstein.domain.access import Role
from ramstein.domain.errors import Unauthenticated
from ramstein.services import accounts
from ramstein.services.guard import Caller
from ramstein.services.ledger import local_actor
from ramstein.services.ports import UnitOfWorkFactory

START = datetime(2026, 11, 22, 8, tzinfo=UTC)
PASSWORD = "a long enough passphrase"
POLICY = accounts.Policy(session_lifetime=timedelta(hours=1), max_failures=100)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def test_a_sign_in_purges_expired_sessions_and_old_failures_and_the_command_does_too(
    uow_factory: UnitOfWorkFactory,
) -> None:
    clock = Clock()
    accounts.add_user(uow_factory, fast_hasher(), Caller(local_actor("admin")), clock, name="anna", password=PASSWORD,
                      role=Role.ANALYST)  # fmt: skip

    def sign_in(password: str = PASSWORD) -> str | None:
        try:
            return accounts.sign_in(uow_factory, fast_hasher(), POLICY, clock, name="anna", password=password,
                                    origin="10.0.0.1")[1]  # fmt: skip
        except Unauthenticated:
            return None

    old_key = sign_in()
    assert old_key is not None and sign_in("wrong password!") is None
    clock.now = START + timedelta(minutes=30)
    assert sign_in("wrong password!") is None  # 30 min later: the first failure is past the window, purged
    with uow_factory() as uow:
        assert uow.access.login_failures("anna", "10.0.0.1", START - timedelta(days=1)) == (1, 1)
        assert uow.access.session(accounts.digest(old_key)) is not None  # an hour's session: still live

    clock.now = START + timedelta(hours=2)
    new_key = sign_in()
    assert new_key is not None
    with uow_factory() as uow:
        assert uow.access.session(accounts.digest(old_key)) is None  # expired: deleted by this sign-in
        assert uow.access.session(accounts.digest(new_key)) is not None
        assert uow.access.login_failures("anna", "10.0.0.1", START - timedelta(days=1)) == (0, 0)
        sign_ins = [r for r in uow.audit.records(limit=100) if r.action == "account.sign-in"]
    assert [r.allowed for r in reversed(sign_ins)] == [True, False, False, True]  # the trail keeps them all

    clock.now = START + timedelta(hours=4)
    done = accounts.purge(uow_factory, Caller(local_actor("operator")), clock, POLICY)
    assert (done.sessions, done.failures) == (1, 0)
    with uow_factory() as uow:
        assert uow.access.session(accounts.digest(new_key)) is None
        (last,) = uow.audit.records(limit=1)
    assert (last.actor, last.action, last.allowed) == ("operator", "users.manage", True)
    again = accounts.purge(uow_factory, Caller(local_actor("operator")), clock, POLICY)
    assert (again.sessions, again.failures) == (0, 0)
