"""/api/v1/sources and /api/v1/drafts: the same use cases as `ramstein sources` and the review pages, with the
API's one error shape and idempotent POSTs; on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.e2e.api.conftest import Api
from tests.e2e.api.test_route_roles import with_rates

TEXT = ("Regeringen giver Ukraine en ny donationspakke på 6,4 milliarder kroner. "
        "Norge bidrager desuden med knap 2,5 mia. kr. til en femårig fond.")  # fmt: skip
SOURCE = {"title": "FMN", "text": TEXT, "language": "da", "date": "2024-04-02"}


def test_an_analyst_adds_corrects_and_rejects_and_denmark_confirms_its_own(api: Api):
    with_rates(api.app)
    analyst, dnk = api.headers("analyst"), api.headers("dnk")
    once = {**analyst, "Idempotency-Key": "add-fmn-1"}
    added = api.client.post("/api/v1/sources", json=SOURCE, headers=once)
    assert added.status_code == 201, added.text
    replay = api.client.post("/api/v1/sources", json=SOURCE, headers=once)
    assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == added.json()
    body = added.json()
    assert (body["id"], body["language"], body["drafts"], body["waiting"]) == (1, "da", 2, 2)
    package, fund = body["draft_list"]
    assert (package["amount"], package["currency"], package["donor"], package["status"]) == (
        "6400000000", "DKK", "DNK", "waiting")  # fmt: skip
    assert TEXT[package["start"] : package["end"]] == package["text"] == "6,4 milliarder kroner"

    revised = api.client.post(f"/api/v1/drafts/{fund['id']}/revision", headers=analyst,
                              json={"currency": "NOK", "amount": "2.4bn", "note": "the ministry says 2,4"})  # fmt: skip
    assert revised.status_code == 201, revised.text
    assert revised.json()["status"] == "revised"
    assert revised.json()["corrections"] == {"amount": "2400000000", "currency": "NOK"}
    refused = api.client.post(f"/api/v1/drafts/{fund['id']}/confirmation", json={}, headers=analyst)
    assert refused.status_code == 403 and "an analyst may not record ledger" in refused.json()["error"]["message"]
    other = api.client.post(f"/api/v1/drafts/{fund['id']}/confirmation", json={}, headers=dnk)
    assert other.status_code == 403  # Norway's pledge (read as Danish kroner "of the language"), not Denmark's
    confirmed = api.client.post(f"/api/v1/drafts/{package['id']}/confirmation", json={}, headers=dnk)
    assert confirmed.status_code == 201, confirmed.text
    seq = confirmed.json()["ledger_seq"]
    entry = api.client.get(f"/api/v1/ledger/{seq}", headers=dnk).json()
    assert (entry["donor"], entry["amount"], entry["external_id"]) == (
        "DNK",
        "6400000000",
        f"source-draft:{package['id']}",
    )
    rejected = api.client.post(f"/api/v1/drafts/{fund['id']}/rejection", json={"reason": "Norway's"}, headers=analyst)
    assert rejected.json()["events"][-1]["decision"] == "rejected"

    waiting = api.client.get("/api/v1/drafts", params={"status": "waiting"}, headers=dnk).json()
    assert waiting["total"] == 0
    listed = api.client.get("/api/v1/sources", headers=dnk).json()["items"]
    assert [(d["waiting"], d["confirmed"], d["rejected"]) for d in listed] == [(0, 1, 1)]
    with api.app.uow() as uow:
        actions = [(r.actor, r.action, r.allowed) for r in reversed(uow.audit.records())]
    assert ("analyst", "sources.add", True) in actions and ("analyst", "ledger.record", False) in actions


def test_bad_input_gets_the_one_error_shape_and_writes_nothing(api: Api):
    with_rates(api.app)
    coord = api.headers("coord")
    cases = [
        ({**SOURCE, "text": " "}, 422, "the text is empty"),
        ({**SOURCE, "text": "Danmark har sendt 19 F-16-fly til Ukraine."}, 422, "no amounts of money found"),
        ({**SOURCE, "language": "fr"}, 422, "language 'fr' is not supported"),
        ({**SOURCE, "text": "Norge giver 1,2,3 mia. kr."}, 422, "is not a number"),
        ({**SOURCE, "date": "2026-11-22"}, 422, "outside the exchange-rate data"),
        ({**SOURCE, "date": "22/11/2026"}, 422, ""),
        ({**SOURCE, "text": "Danmark giver 2 mia. kr.\x00"}, 422, "NUL"),
    ]
    for body, status, message in cases:
        answer = api.client.post("/api/v1/sources", json=body, headers=coord)
        assert answer.status_code == status, (body, answer.text)
        assert set(answer.json()) == {"error"} and message in answer.json()["error"]["message"]
    assert api.client.get("/api/v1/sources", headers=coord).json()["total"] == 0
    draft = api.client.post("/api/v1/sources", json=SOURCE, headers=coord).json()["draft_list"][0]["id"]
    bad = api.client.post(f"/api/v1/drafts/{draft}/revision", json={"amount": "lots", "donor": "D1"}, headers=coord)
    assert bad.status_code == 422
    assert "amount: malformed amount 'lots'" in bad.json()["error"]["message"]
    assert api.client.get(f"/api/v1/drafts/{draft}", headers=coord).json()["events"] == []
    missing = api.client.get("/api/v1/drafts/999", headers=coord)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not-found"
    assert api.client.post("/api/v1/sources", json=SOURCE, headers=coord).status_code == 409
