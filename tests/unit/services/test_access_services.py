"""Accounts, the guard and the audit trail over the in-memory store: decisions, refusals, throttling, tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ramstein.adapters.memory import MemoryStore
from ramstein.adapters.passwords import fast_hasher
from ramstein.domain.access import Actor, Resource, Role
from ramstein.domain.accounts import Scope
from ramstein.domain.errors import Conflict, Forbidden, InvalidInput, Throttled, Unauthenticated
from ramstein.services import accounts
from ramstein.services.guard import Caller, authorize
from ramstein.services.ledger import local_actor

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
ADMIN = Caller(local_actor("admin"))
PASSWORD = "a long enough passphrase"


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def clock() -> datetime:
    return NOW


def add(store: MemoryStore, name: str, role: Role = Role.NATION, nation: str | None = "DNK") -> None:
    accounts.add_user(store.unit_of_work, fast_hasher(), ADMIN, clock, name=name, password=PASSWORD, role=role,
                      nation=nation)  # fmt: skip


def sign_in(store: MemoryStore, name: str, password: str = PASSWORD, policy: accounts.Policy | None = None):
    return accounts.sign_in(store.unit_of_work, fast_hasher(), policy or accounts.Policy(), clock, name=name,
                            password=password, origin="10.0.0.1")  # fmt: skip


def test_a_refusal_raises_forbidden_with_the_reason_and_is_audited(store: MemoryStore) -> None:
    caller = Caller(Actor("anna", Role.NATION, "DNK"), "10.0.0.9")
    with pytest.raises(Forbidden, match="a representative of DNK may not record ledger for FRA"):
        authorize(store.unit_of_work, caller, "ledger.record", Resource("ledger", nation="FRA"), clock)
    (record,) = store.access.audit
    assert (record.actor, record.action, record.allowed, record.origin) == ("anna", "ledger.record", False, "10.0.0.9")
    assert "FRA" in record.reason and record.resource == "ledger:FRA"


def test_an_allowed_write_is_audited_with_it_and_only_if_it_commits(store: MemoryStore) -> None:
    factory = authorize(store.unit_of_work, ADMIN, "users.manage", Resource("user", id="x"), clock, "detail")
    with factory() as uow:
        uow.access.add_user(accounts.User("x", Role.ANALYST, None, "h", NOW))  # not committed: no audit either
    assert store.access.audit == []
    with factory() as uow:
        uow.access.add_user(accounts.User("x", Role.ANALYST, None, "h", NOW))
        uow.commit()
    assert [(r.action, r.allowed, r.detail) for r in store.access.audit] == [("users.manage", True, "detail")]


def test_users_are_checked_and_only_coordinators_manage_them(store: MemoryStore) -> None:
    add(store, "anna")
    with pytest.raises(Conflict):
        add(store, "anna")
    with pytest.raises(InvalidInput, match="alpha-3"):
        add(store, "bob", Role.NATION, None)
    with pytest.raises(InvalidInput, match="too short"):
        accounts.add_user(store.unit_of_work, fast_hasher(), ADMIN, clock, name="c", password="short",
                          role=Role.ANALYST)  # fmt: skip
    anna = Caller(Actor("anna", Role.NATION, "DNK"))
    with pytest.raises(Forbidden):
        accounts.set_role(store.unit_of_work, anna, clock, name="anna", role=Role.COORDINATOR)
    assert store.access.users["anna"].role is Role.NATION


def test_sign_in_checks_the_password_and_each_sign_in_gets_a_new_session(store: MemoryStore) -> None:
    add(store, "anna")
    with pytest.raises(Unauthenticated):
        sign_in(store, "anna", "wrong password!")
    with pytest.raises(Unauthenticated):
        sign_in(store, "nobody")
    _, first, _ = sign_in(store, "anna")
    _, second, _ = sign_in(store, "anna")
    assert first != second
    found = accounts.session_user(store.unit_of_work, second, clock)
    assert found is not None and found[0].name == "anna"
    accounts.sign_out(store.unit_of_work, second)
    assert accounts.session_user(store.unit_of_work, second, clock) is None
    assert [r.allowed for r in store.access.audit if r.action == "account.sign-in"] == [False, False, True, True]


def test_sign_in_is_throttled_after_repeated_failures(store: MemoryStore) -> None:
    add(store, "anna")
    policy = accounts.Policy(max_failures=3)
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            sign_in(store, "anna", "wrong password!", policy)
    with pytest.raises(Throttled):
        sign_in(store, "anna", PASSWORD, policy)  # even the right password, until the window passes
    later = [(u, o, at - timedelta(minutes=16)) for u, o, at in store.access.failures]
    store.access.failures[:] = later
    assert sign_in(store, "anna", PASSWORD, policy)[0].name == "anna"


def test_a_role_change_ends_the_users_sessions(store: MemoryStore) -> None:
    add(store, "anna")
    _, key, _ = sign_in(store, "anna")
    accounts.set_role(store.unit_of_work, ADMIN, clock, name="anna", role=Role.ANALYST)
    assert accounts.session_user(store.unit_of_work, key, clock) is None


def test_tokens_are_hashed_scoped_and_revocable(store: MemoryStore) -> None:
    add(store, "anna")
    token, secret = accounts.issue_token(store.unit_of_work, ADMIN, clock, user="anna", scope=Scope.READ)
    assert secret not in token.key_hash and token.key_hash == accounts.digest(secret)
    actor = accounts.token_actor(store.unit_of_work, secret, clock)
    assert actor == Actor("anna", Role.NATION, "DNK", read_only=True)
    anna = Caller(Actor("anna", Role.NATION, "DNK"))
    with pytest.raises(Forbidden):  # another user's tokens are not anna's to issue
        accounts.issue_token(store.unit_of_work, anna, clock, user="admin", scope=Scope.WRITE)
    accounts.revoke_token(store.unit_of_work, anna, clock, token_id=token.id)
    assert accounts.token_actor(store.unit_of_work, secret, clock) is None
    assert accounts.token_actor(store.unit_of_work, "rst_made_up", clock) is None


def test_a_use_case_that_commits_several_times_is_audited_once(store: MemoryStore) -> None:
    factory = authorize(store.unit_of_work, ADMIN, "reference.install", Resource("reference"), clock)
    for name in ("x", "y"):
        with factory() as uow:
            uow.access.add_user(accounts.User(name, Role.ANALYST, None, "h", NOW))
            uow.commit()
    assert [r.action for r in store.access.audit] == ["reference.install"]
