"""The API's contract: one error body for every failure, the ledger's append/reverse by role, idempotency."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from ramstein.adapters.db.access_repository import SqlAccessRepository
from ramstein.interfaces.api.deps import STALE_CLAIM
from ramstein.services.guard import Caller
from ramstein.services.ledger import local_actor
from tests.e2e.api.conftest import Api

PLEDGE = {"kind": "pledge", "donor": "DNK", "amount": "1.5bn", "currency": "EUR", "date": "2024-07-10"}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert {"code", "message", "hint"} <= set(body["error"])
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_every_kind_of_failure_has_the_one_error_body(api: Api) -> None:
    c = api.client
    assert_error(c.get("/api/v1/nothing-here"), 404, "not-found")
    assert_error(c.delete("/api/v1/nations"), 405, "method-not-allowed")
    assert_error(c.get("/api/v1/nations/XXX"), 404, "not-found")
    assert_error(c.get("/api/v1/ledger?limit=0"), 422, "invalid-input")
    assert_error(c.post("/api/v1/ledger", json=PLEDGE), 401, "unauthenticated")
    assert_error(c.get("/api/v1/nations", headers={"Authorization": "Bearer nope"}), 401, "unauthenticated")
    bad = c.post("/api/v1/ledger", json={**PLEDGE, "amount": "lots"}, headers=api.headers("dnk"))
    assert assert_error(bad, 422, "rejected-import")["issues"][0]["column"] == "amount"
    assert_error(
        c.post("/api/v1/ledger", json={**PLEDGE, "donor": "FRA"}, headers=api.headers("dnk")), 403, "forbidden"
    )
    huge = c.post("/api/v1/ledger", content=b"x" * 2_000_000, headers=api.headers("dnk"))
    assert_error(huge, 413, "payload-too-large")


def test_a_nation_records_and_reverses_its_own_entries_only(api: Api) -> None:
    c = api.client
    made = c.post("/api/v1/ledger", json=PLEDGE, headers=api.headers("dnk"))
    assert made.status_code == 201, made.text
    seq = made.json()["seq"]
    assert made.json()["recorded_by"] == "dnk"
    refused = c.post(f"/api/v1/ledger/{seq}/reversal", json={"reason": "not yours"}, headers=api.headers("fra"))
    assert (
        "a representative of FRA may not reverse ledger for DNK" in assert_error(refused, 403, "forbidden")["message"]
    )
    reversed_ = c.post(f"/api/v1/ledger/{seq}/reversal", json={"reason": "typo"}, headers=api.headers("dnk"))
    assert reversed_.status_code == 201 and reversed_.json()["reverses"] == seq
    trail = api.app.uow
    with trail() as uow:
        records = uow.audit.records()
    assert [(r.actor, r.action, r.allowed) for r in records[:3]] == [
        ("dnk", "ledger.reverse", True), ("fra", "ledger.reverse", False), ("dnk", "ledger.record", True)
    ]  # fmt: skip
    assert records[1].origin == "testclient" and "FRA" in records[1].reason


def test_a_retried_post_with_an_idempotency_key_records_once(api: Api) -> None:
    headers = {**api.headers("dnk"), "Idempotency-Key": "k-1"}
    first = api.client.post("/api/v1/ledger", json=PLEDGE, headers=headers)
    again = api.client.post("/api/v1/ledger", json=PLEDGE, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    other = api.client.post("/api/v1/ledger", json={**PLEDGE, "amount": "2bn"}, headers=headers)
    assert_error(other, 409, "conflict")
    assert api.client.get("/api/v1/ledger", headers=api.headers("coord")).json()["total"] == 1


def test_the_public_sees_only_public_entries_and_nations(api: Api) -> None:
    seq = api.client.post("/api/v1/ledger", json=PLEDGE, headers=api.headers("dnk")).json()["seq"]
    assert api.client.get("/api/v1/ledger").json()["total"] == 0
    assert_error(api.client.get(f"/api/v1/ledger/{seq}"), 403, "forbidden")
    assert api.client.get("/api/v1/nations?member_of=NATO").json()["total"] >= 30
    marked = api.client.post(f"/api/v1/ledger/{seq}/marking", json={"marking": "public"}, headers=api.headers("dnk"))
    assert marked.status_code == 201, marked.text
    assert [e["seq"] for e in api.client.get("/api/v1/ledger").json()["items"]] == [seq]


def test_a_revoked_token_is_refused(api: Api) -> None:
    from ramstein.services import accounts

    assert api.client.get("/api/v1/ledger", headers=api.headers("analyst")).status_code == 200
    with api.app.uow() as uow:
        (token,) = uow.access.tokens("analyst")
    accounts.revoke_token(api.app.uow, Caller(local_actor("setup")), api.app.clock, token_id=token.id)
    assert_error(api.client.get("/api/v1/ledger", headers=api.headers("analyst")), 401, "unauthenticated")


def test_concurrent_retries_with_one_idempotency_key_record_once(api: Api) -> None:
    headers = {**api.headers("dnk"), "Idempotency-Key": "same-key"}
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: api.client.post("/api/v1/ledger", json=PLEDGE, headers=headers), range(6)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses.count(201) >= 1 and set(statuses) <= {201, 409}, [a.text for a in answers]
    assert {a.json()["seq"] for a in answers if a.status_code == 201} == {1}
    assert api.client.get("/api/v1/ledger", headers=api.headers("coord")).json()["total"] == 1


def test_a_read_only_token_reads_but_never_writes(api: Api) -> None:
    made = api.client.post("/api/v1/tokens", json={"scope": "read"}, headers=api.headers("dnk"))
    assert made.status_code == 201 and made.json()["secret"].startswith("rst_")
    reader = {"Authorization": f"Bearer {made.json()['secret']}"}
    assert api.client.get("/api/v1/me", headers=reader).json() == {
        "name": "dnk", "role": "nation", "nation": "DNK", "read_only": True
    }  # fmt: skip
    refused = api.client.post("/api/v1/ledger", json=PLEDGE, headers=reader)
    assert "read-only token" in assert_error(refused, 403, "forbidden")["message"]


def test_a_key_whose_answer_was_lost_after_the_commit_is_resolved_not_stuck(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server stops between committing the write (with its key) and storing the answer: a retry soon
    after is told to wait; once the claim is stale, every retry gets one stored answer and nothing is doubled."""
    headers = {**api.headers("dnk"), "Idempotency-Key": "lost-1"}

    def stop(*_: object) -> None:
        raise RuntimeError("the server stopped")

    monkeypatch.setattr(SqlAccessRepository, "store_response", stop)
    with pytest.raises(RuntimeError, match="the server stopped"):
        api.client.post("/api/v1/ledger", json=PLEDGE, headers=headers)
    monkeypatch.undo()
    assert api.client.get("/api/v1/ledger", headers=api.headers("coord")).json()["total"] == 1  # it committed
    assert_error(api.client.post("/api/v1/ledger", json=PLEDGE, headers=headers), 409, "conflict")

    started = api.app.clock()
    api.app.clock = lambda: started + STALE_CLAIM  # type: ignore[method-assign]
    resolved = api.client.post("/api/v1/ledger", json=PLEDGE, headers=headers)
    assert resolved.status_code == 200 and resolved.headers["Idempotent-Replayed"] == "true"
    assert resolved.json()["recorded"] is True and "lost" in resolved.json()["message"]
    again = api.client.post("/api/v1/ledger", json=PLEDGE, headers=headers)
    assert (again.status_code, again.json()) == (200, resolved.json())
    other = api.client.post("/api/v1/ledger", json={**PLEDGE, "amount": "2bn"}, headers=headers)
    assert_error(other, 409, "conflict")  # the key still belongs to its first request
    assert api.client.get("/api/v1/ledger", headers=api.headers("coord")).json()["total"] == 1


def test_the_liaison_proposes_complete_packages_of_a_platform(api: Api):
    liaison = api.headers("liaison")
    body = {"item": "patriot", "quantity": "2", "priority": "5", "needed_by": "2030-01-01"}
    done = api.client.post("/api/v1/requirements/packages", json=body, headers=liaison)
    assert done.status_code == 201, done.text
    platform, *parts = done.json()
    assert (platform["item"], platform["quantity"], platform["status"]) == ("patriot", 2, "proposed")
    assert parts and {line["package"] for line in parts} == {platform["package"]}
    crews = [line for line in parts if line["crew_for"]]
    assert crews and {line["crew_for"] for line in crews} == {platform["id"]}  # trained before it arrives
    listed = api.client.get("/api/v1/requirements", headers=liaison).json()["items"]
    assert [line["id"] for line in listed if line["package"] == platform["package"]] == [
        line["id"] for line in done.json()]  # fmt: skip
    before = len(listed)
    single = api.client.post("/api/v1/requirements/packages", json={**body, "item": "155mm-he-round"}, headers=liaison)
    message = assert_error(single, 404, "not-found")["message"]
    assert message == "no package is defined for '155mm-he-round'"
    assert api.client.get("/api/v1/requirements", headers=liaison).json()["total"] == before  # nothing written
