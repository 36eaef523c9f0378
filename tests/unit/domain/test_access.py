"""The access policy as a table: (role, action, resource) -> allowed, with a reason either way."""

from __future__ import annotations

import pytest

from ramstein.domain.access import ACTIONS, Actor, Marking, Resource, Role, decide

COORD = Actor("c", Role.COORDINATOR)
DNK = Actor("d", Role.NATION, "DNK")
LIAISON = Actor("l", Role.LIAISON, "UKR")
ANALYST = Actor("a", Role.ANALYST)
PUBLIC = Actor.public()
READ_ONLY_COORD = Actor("c", Role.COORDINATOR, read_only=True)

OWN = Resource("ledger", nation="DNK", partner="UKR")
OTHERS = Resource("ledger", nation="FRA", partner="UKR")
PUBLIC_REC = Resource("ledger", nation="FRA", partner="UKR", marking=Marking.PUBLIC)
BILATERAL_FRA_UKR = Resource("ledger", nation="FRA", partner="UKR", marking=Marking.BILATERAL)
SOURCE = Resource("sources", id="draft 3")

TABLE = [
    (COORD, "rounds.accept", OTHERS, True),
    (COORD, "users.manage", OTHERS, True),
    (DNK, "ledger.record", OWN, True),
    (DNK, "ledger.record", OTHERS, False),
    (DNK, "ledger.reverse", OTHERS, False),
    (DNK, "offers.add", OWN, True),
    (DNK, "markings.set", OTHERS, False),
    (DNK, "ledger.read", OTHERS, True),
    (DNK, "ledger.read", BILATERAL_FRA_UKR, False),
    (DNK, "rounds.accept", OWN, False),
    (DNK, "requirements.propose", OWN, False),
    (LIAISON, "requirements.propose", OTHERS, True),
    (LIAISON, "deliveries.confirm", OTHERS, True),
    (LIAISON, "requirements.approve", OTHERS, False),
    (LIAISON, "ledger.record", OWN, False),
    (LIAISON, "ledger.read", BILATERAL_FRA_UKR, True),
    (ANALYST, "ledger.read", BILATERAL_FRA_UKR, True),
    (ANALYST, "ledger.record", OWN, False),
    (ANALYST, "audit.read", OWN, False),
    (PUBLIC, "ledger.read", OTHERS, False),
    (PUBLIC, "ledger.read", PUBLIC_REC, True),
    (PUBLIC, "offers.read", PUBLIC_REC, False),
    (PUBLIC, "ledger.record", OWN, False),
    (READ_ONLY_COORD, "ledger.record", OWN, False),
    (READ_ONLY_COORD, "ledger.read", OWN, True),
    # The intake of texts: analysts and coordinators; a representative confirms its own nation's drafts only
    # (a `ledger.record` for the draft's donor), never rejects or re-attributes them.
    (ANALYST, "sources.add", SOURCE, True),
    (ANALYST, "sources.edit", SOURCE, True),
    (ANALYST, "sources.reject", SOURCE, True),
    (COORD, "sources.reject", SOURCE, True),
    (DNK, "sources.add", SOURCE, False),
    (DNK, "sources.edit", SOURCE, False),
    (DNK, "sources.reject", SOURCE, False),
    (LIAISON, "sources.add", SOURCE, False),
    (PUBLIC, "sources.add", SOURCE, False),
    (PUBLIC, "sources.read", SOURCE, False),
    (DNK, "sources.read", SOURCE, True),
    (Actor("a", Role.ANALYST, read_only=True), "sources.add", SOURCE, False),
    (DNK, "account.manage", Resource("account", id="d"), True),
    (DNK, "account.manage", Resource("account", id="someone-else"), False),
    (PUBLIC, "account.manage", Resource("account", id="public"), False),
    # The industrial base (docs/industry.md): stocks are their donor's to write and to read; lines, contracts
    # and forecasts are coalition material; the public sees none of it.
    (DNK, "stocks.record", Resource("stock", nation="DNK"), True),
    (DNK, "stocks.record", Resource("stock", nation="DEU"), False),
    (DNK, "stocks.read", Resource("stock", nation="DNK"), True),
    (DNK, "stocks.read", Resource("stock", nation="DEU"), False),
    (LIAISON, "stocks.read", Resource("stock", nation="DEU"), False),
    (ANALYST, "stocks.read", Resource("stock", nation="DEU"), True),
    (ANALYST, "stocks.record", Resource("stock", nation="DEU"), False),
    (DNK, "production.add", Resource("production-line", nation="DNK"), True),
    (DNK, "production.add", Resource("production-line", nation="DEU"), False),
    (DNK, "contracts.add", Resource("contract", nation="DNK"), True),
    (DNK, "contracts.add", Resource("contract", nation="USA"), False),
    (DNK, "industry.read", Resource("industry"), True),
    (LIAISON, "industry.read", Resource("industry"), True),
    (PUBLIC, "industry.read", Resource("industry", marking=Marking.PUBLIC), False),
    (PUBLIC, "stocks.read", Resource("stock", nation="DEU", marking=Marking.PUBLIC), False),
    (COORD, "contracts.add", Resource("contract", nation="USA"), True),
]


@pytest.mark.parametrize(("actor", "action", "resource", "allowed"), TABLE)
def test_the_policy(actor: Actor, action: str, resource: Resource, allowed: bool) -> None:
    decision = decide(actor, action, resource)
    assert decision.allowed is allowed
    assert decision.reason


@pytest.mark.parametrize("role", list(Role))
def test_an_unknown_action_is_denied_to_everyone(role: Role) -> None:
    decision = decide(Actor("x", role, "DNK" if role is Role.NATION else None), "ledger.delete", OWN)
    assert not decision.allowed and "unknown action" in decision.reason


def test_every_action_is_decided_for_every_role() -> None:
    for action in ACTIONS:
        for actor in (COORD, DNK, LIAISON, ANALYST, PUBLIC):
            assert decide(actor, action, OWN).reason


def test_a_nation_representative_without_a_nation_may_not_write() -> None:
    assert not decide(Actor("x", Role.NATION), "ledger.record", Resource("ledger")).allowed
