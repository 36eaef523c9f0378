"""The write forms of the coordination pages and markings, through HTTP on the shipped data (round 1 of the
INVENTED data set is proposed): each role does its work in the browser through the same use cases as the
API and the CLI; bad input comes back beside its field in the reader's language with nothing written; a
refused write shows the decision's reason; buttons appear only for who may use them."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ramstein.domain.coordination.registers import Registers
from ramstein.services import audit, needs
from ramstein.services.guard import Caller
from ramstein.services.ledger import local_actor
from tests.e2e.web import client_as, pages_app, post_form


@pytest.fixture
def app(database: Path) -> FastAPI:
    return pages_app()


def _registers(app: FastAPI) -> Registers:
    return needs.registers(app.state.container.uow)


def _future(app: FastAPI, days: int = 200) -> str:
    return (app.state.container.clock().date() + timedelta(days=days)).isoformat()


def _audit_actions(app: FastAPI) -> list[tuple[str, str, bool]]:
    container = app.state.container
    found, _ = audit.records(container.uow, Caller(local_actor("test")), container.clock, limit=20)
    return [(r.actor, r.action, r.allowed) for r in found]


def test_the_liaison_proposes_a_line_and_the_coordinator_approves_it(app):
    liaison = client_as(app, "ua-liaison")
    page = liaison.get("/needs").text
    assert 'href="/needs/new"' in page and 'href="/deliveries/new"' in page and "/approval" not in page
    done = post_form(liaison, "/needs/new", {"item": "155mm-he-round", "quantity": "50.000", "priority": "5",
                                             "needed_by": _future(app)})  # fmt: skip
    assert done.status_code == 422  # Danish grouping, but this reader writes English: 50.000 is not whole
    done = post_form(liaison, "/needs/new", {"item": "155mm-he-round", "quantity": "50,000", "priority": "5",
                                             "needed_by": _future(app), "intended_use": "defence"})  # fmt: skip
    assert done.status_code == 303
    line = re.search(r"proposed=(R\d+)", done.headers["location"])[1]
    assert _registers(app).requirement(line).quantity == 50_000
    assert ("ua-liaison", "requirements.propose", True) in _audit_actions(app)
    assert f"Proposed as {line}" in liaison.get(done.headers["location"]).text

    coordinator = client_as(app, "secretariat")
    assert f'action="/needs/{line}/approval"' in coordinator.get("/needs").text
    approved = post_form(coordinator, f"/needs/{line}/approval", {})
    assert approved.status_code == 303
    row = re.search(rf'<tr id="{line}">.*?</tr>', coordinator.get("/needs").text, re.S)[0]
    assert ">approved<" in row and "/approval" not in row
    again = post_form(coordinator, f"/needs/{line}/approval", {})
    assert again.status_code == 409 and "cannot be approved" in again.text


def test_a_bad_line_is_drawn_again_in_danish_with_every_problem_beside_its_field_and_nothing_is_written(app):
    liaison = client_as(app, "ua-liaison", "da")
    before = len(_registers(app).requirements)
    bad = post_form(liaison, "/needs/new", {"item": "no-such-gun", "quantity": "-3", "priority": "5",
                                            "needed_by": "2001-01-01"})  # fmt: skip
    assert bad.status_code == 422
    for field in ("item", "quantity", "needed_by"):
        assert f'id="err-{field}"' in bad.text and re.search(f'aria-describedby="[^"]*err-{field}"', bad.text)
    assert "Skriv et helt tal over 0." in bad.text and 'role="alert"' in bad.text
    assert 'lang="en">(' in bad.text  # the parser's own words, marked as English
    assert len(_registers(app).requirements) == before
    good = post_form(liaison, "/needs/new", {"item": "155mm-he-round", "quantity": "12.500", "priority": "4",
                                             "needed_by": _future(app)})  # fmt: skip
    assert good.status_code == 303  # Danish grouping: 12.500 is twelve thousand five hundred
    assert _registers(app).requirements[-1].quantity == 12_500


def test_a_nation_adds_its_own_offer_and_is_refused_with_the_reason_for_another(app):
    dane = client_as(app, "dk-rep", "da")
    form = dane.get("/offers/new").text
    assert 'name="donor" value="DNK" readonly' in form
    fields = {"donor": "DNK", "item": "155mm-he-dm121", "quantity": "2.000", "available_on": _future(app, 30),
              "origin": "stock", "unit_value": "4.000,50", "currency": "EUR"}  # fmt: skip
    done = post_form(dane, "/offers/new", fields)
    assert done.status_code == 303
    offer = _registers(app).offers[-1]
    assert (offer.donor, offer.quantity, offer.unit_value.amount) == ("DNK", 2000, Decimal("4000.50"))
    page = dane.get(done.headers["location"]).text
    assert f"Registreret som {offer.id}" in page and "4.000,50" in page

    before = len(_registers(app).offers)
    forged = post_form(dane, "/offers/new", {**fields, "donor": "FRA"})
    assert forged.status_code == 403
    assert '<span id="refusal">en repræsentant for DNK må ikke tilføje tilbud for FRA. Spørg' in forged.text  # Danish
    assert len(_registers(app).offers) == before
    assert ("dk-rep", "offers.add", False) in _audit_actions(app)


def test_a_nation_adds_a_course_and_a_bad_one_names_its_problem(app):
    dane = client_as(app, "dk-rep")
    fields = {"host": "DNK", "course_type": "course-f-16-pilot", "seats": "6", "starts": _future(app, 40),
              "ends": _future(app, 20), "language": "en"}  # fmt: skip
    bad = post_form(dane, "/courses/new", fields)
    assert bad.status_code == 422 and "ends" in bad.text and "before it starts" in bad.text
    bad_seats = post_form(dane, "/courses/new", {**fields, "seats": "many", "ends": _future(app, 90)})
    assert bad_seats.status_code == 422 and 'id="err-seats"' in bad_seats.text
    done = post_form(dane, "/courses/new", {**fields, "ends": _future(app, 90), "seat_value": "150000"})
    assert done.status_code == 303
    course = _registers(app).courses[-1]
    assert (course.host, course.seats, course.recorded_by) == ("DNK", 6, "dk-rep")


def test_the_liaison_proposes_complete_packages_of_a_platform(app):
    liaison = client_as(app, "ua-liaison")
    fields = {"item": "patriot", "quantity": "1", "priority": "5", "needed_by": _future(app), "package": "1"}
    done = post_form(liaison, "/needs/new", fields)
    assert done.status_code == 303
    package = re.search(r"package=(P\d+)", done.headers["location"])[1]
    lines = [r for r in _registers(app).requirements if r.package == package]
    assert lines[0].item == "patriot" and len(lines) > 1 and done.headers["location"].endswith(f"#{lines[0].id}")
    assert f"Proposed as package {package}" in liaison.get(done.headers["location"]).text
    before = len(_registers(app).requirements)
    single = post_form(liaison, "/needs/new", {**fields, "item": "155mm-he-round"})
    assert single.status_code == 422 and 'id="err-item"' in single.text  # beside the field, with the platforms
    assert "Choose a platform" in single.text and "packages exist for: caesar, iris-t-slm" in single.text
    assert 'name="package" value="1" checked' in single.text  # the form again, as it was sent
    assert len(_registers(app).requirements) == before


def test_a_nation_imposes_and_lifts_its_own_restriction_and_bad_input_writes_nothing(app):
    dane = client_as(app, "dk-rep", "da")
    assert 'href="/restrictions/new"' in dane.get("/offers").text
    form = dane.get("/restrictions/new").text
    assert 'name="donor" value="DNK" readonly' in form and '<option value="strikes-deep-inside-russia">' in form
    before = len(_registers(app).restrictions)
    fields = {"donor": "DNK", "use": "strikes-deep-inside-russia", "action": "imposed", "on": "2026-13-01",
              "scope": "155mm-he-dm121", "source": "the minister, 1 March"}  # fmt: skip
    bad = post_form(dane, "/restrictions/new", {**fields, "scope": "no-such-item"})
    assert bad.status_code == 422 and 'id="err-on"' in bad.text and 'id="err-scope"' in bad.text
    assert "Angiv den dato, ændringen gælder fra." in bad.text  # the form's own words for its date
    forged = post_form(dane, "/restrictions/new", {**fields, "on": "2026-03-01", "donor": "USA"})
    assert forged.status_code == 403
    assert "en repræsentant for DNK må ikke tilføje anvendelsesbegrænsninger for USA" in forged.text
    assert len(_registers(app).restrictions) == before  # nothing written

    done = post_form(dane, "/restrictions/new", {**fields, "on": "2026-03-01"})
    change = _registers(app).restrictions[-1]
    assert done.status_code == 303
    assert done.headers["location"] == f"/offers?restriction={change.id}#restriction-{change.id}"
    assert (change.donor, change.use, change.action, change.scope, change.recorded_by) == (
        "DNK", "strikes-deep-inside-russia", "imposed", "155mm-he-dm121", "dk-rep")  # fmt: skip
    page = dane.get(done.headers["location"]).text
    assert f"Registreret som ændring nr. {change.id}." in page and f'id="restriction-{change.id}"' in page
    lifted = post_form(dane, "/restrictions/new", {**fields, "on": "2026-06-01", "action": "lifted"})
    assert lifted.status_code == 303 and _registers(app).restrictions[-1].action == "lifted"
    assert ("dk-rep", "restrictions.add", True) in _audit_actions(app)
    assert ("dk-rep", "restrictions.add", False) in _audit_actions(app)
    assert 'href="/restrictions/new"' not in client_as(app, "analyst").get("/offers").text


def test_an_offer_is_withdrawn_by_its_own_nation_with_a_reason_only(app):
    dane = client_as(app, "dk-rep")
    fields = {"donor": "DNK", "item": "fpv-drone", "quantity": "100", "available_on": _future(app, 10),
              "unit_value": "400", "currency": "EUR"}  # fmt: skip
    offer = post_form(dane, "/offers/new", fields).headers["location"].split("/")[2].split("?")[0]
    assert post_form(dane, f"/offers/{offer}/withdrawal", {"reason": " "}).status_code == 422
    assert post_form(dane, f"/offers/{offer}/withdrawal", {"reason": "needed at home"}).status_code == 303
    page = dane.get(f"/offers/{offer}").text
    assert 'id="withdrawn"' in page and "needed at home" in page and f'action="/offers/{offer}/withdrawal"' not in page
    usa = next(o.id for o in _registers(app).offers if o.donor == "USA")
    assert 'id="withdraw-refused"' in dane.get(f"/offers/{usa}").text
    refused = post_form(dane, f"/offers/{usa}/withdrawal", {"reason": "not ours"})
    assert refused.status_code == 403 and "may not withdraw offers for USA" in refused.text
    assert usa not in _registers(app).withdrawn()


def test_the_coordinator_runs_locks_and_accepts_a_round_and_a_stale_one_is_refused(app):
    coordinator = client_as(app, "secretariat")
    rounds_before = len(_registers(app).rounds)
    bad = post_form(coordinator, "/rounds", {"as_of": "", "locks": "O1:R1"})
    assert bad.status_code == 422 and 'id="err-locks"' in bad.text
    beyond = post_form(coordinator, "/rounds", {"locks": "O1:R1:99999999"})
    assert beyond.status_code == 422 and 'id="refusal"' in beyond.text
    assert len(_registers(app).rounds) == rounds_before  # nothing stored

    ran = post_form(coordinator, "/rounds", {"note": "from the page"})
    assert ran.status_code == 303
    number = int(re.search(r"/rounds/(\d+)", ran.headers["location"])[1])
    page = coordinator.get(ran.headers["location"]).text
    assert f"Round {number} was run" in page and f'action="/rounds/{number}/acceptance"' in page
    offer, need, quantity = re.search(
        r'name="offer" value="([^"]+)"><input type="hidden" name="need" value="([^"]+)">'
        r'<input type="hidden" name="quantity" value="(\d+)">', page).groups()  # fmt: skip
    locked = post_form(coordinator, f"/rounds/{number}/lock", {"offer": offer, "need": need, "quantity": quantity})
    assert locked.status_code == 303
    relocked = int(re.search(r"/rounds/(\d+)", locked.headers["location"])[1])
    assert relocked == number + 1
    assert (offer, need, int(quantity)) in [(x.offer, x.need, x.quantity) for x in _registers(app).rounds[-1].locks]
    assert "Fixed by the coordinator" in coordinator.get(f"/rounds/{relocked}").text

    accepted = post_form(coordinator, f"/rounds/{relocked}/acceptance", {})
    assert accepted.status_code == 303
    assert "its commitments are in the ledger" in coordinator.get(accepted.headers["location"]).text
    stale = post_form(coordinator, f"/rounds/{number}/acceptance", {})
    assert stale.status_code == 409 and "is stale" in stale.text and 'role="alert"' in stale.text


def test_the_liaison_confirms_a_delivery_of_an_accepted_round(app):
    coordinator, liaison = client_as(app, "secretariat"), client_as(app, "ua-liaison")
    today = app.state.container.clock().date().isoformat()
    assert "nothing-outstanding" in liaison.get("/deliveries/new").text
    assert post_form(coordinator, "/rounds/1/acceptance", {}).status_code == 303
    form = liaison.get("/deliveries/new").text
    pair = re.search(r'<option value="([^"]+:[^"]+)"', form)[1]
    offer, need = pair.split(":")
    outstanding = _registers(app).committed_pair(offer, need)
    too_many = post_form(liaison, "/deliveries/new", {"pair": pair, "quantity": str(outstanding + 1), "on": today})
    assert too_many.status_code == 422 and "committed and not yet delivered" in too_many.text
    done = post_form(liaison, "/deliveries/new", {"pair": pair, "quantity": "1", "on": today})
    assert done.status_code == 303 and f"delivered={need}" in done.headers["location"]
    assert _registers(app).delivered_pair(offer, need) == 1
    refused = post_form(client_as(app, "dk-rep"), "/deliveries/new", {"pair": pair, "quantity": "1", "on": today})
    assert refused.status_code == 403 and "a nation may not confirm deliveries" in refused.text


def test_the_coordinator_releases_an_entry_to_the_public(app):
    public, coordinator = client_as(app, None), client_as(app, "secretariat")
    dane = client_as(app, "dk-rep")
    pledge = {"kind": "pledge", "donor": "DNK", "amount": "1m", "currency": "EUR",
              "date": app.state.container.clock().date().isoformat()}  # fmt: skip
    seq = post_form(dane, "/ledger/new", pledge).headers["location"].split("/")[2].split("?")[0]
    assert public.get(f"/ledger/{seq}").status_code == 403
    assert post_form(coordinator, f"/ledger/{seq}/marking", {"marking": "secret"}).status_code == 422
    done = post_form(coordinator, f"/ledger/{seq}/marking", {"marking": "public", "reason": "press release"})
    assert done.status_code == 303
    assert "releasable to everyone (public)" in coordinator.get(done.headers["location"]).text
    assert public.get(f"/ledger/{seq}").status_code == 200
    usa = re.search(r'<a href="/ledger/(\d+)">#', dane.get("/ledger?donor=USA").text)[1]
    assert 'action="/ledger/' + usa + '/marking"' not in dane.get(f"/ledger/{usa}").text
    refused = post_form(dane, f"/ledger/{usa}/marking", {"marking": "bilateral"})
    assert refused.status_code == 403 and "may not set markings for USA" in refused.text


@pytest.mark.parametrize(
    ("user", "path", "offered"),
    [
        ("analyst", "/needs", ()), ("analyst", "/offers", ()), ("analyst", "/rounds", ()), ("analyst", "/rounds/1", ()),
        ("ua-liaison", "/needs", ("/needs/new", "/deliveries/new", "/withdrawal")), ("ua-liaison", "/offers", ()),
        ("dk-rep", "/needs", ()), ("dk-rep", "/offers", ("/offers/new", "/courses/new", "/restrictions/new")),
        ("dk-rep", "/rounds/1", ()),
        ("secretariat", "/rounds", ('action="/rounds"',)),
        ("secretariat", "/rounds/1", ("/rounds/1/acceptance", "/rounds/1/lock")),
    ],
)  # fmt: skip
def test_buttons_and_links_appear_only_for_who_may_use_them(app, user, path, offered):
    html = client_as(app, user).get(path).text
    actions = ("/needs/new", "/deliveries/new", "/approval", "/withdrawal", "/offers/new", "/courses/new",
               "/restrictions/new", 'action="/rounds"', "/acceptance", "/lock")  # fmt: skip
    for action in actions:
        assert (action in html) == any(action in o for o in offered), (user, path, action)


@pytest.mark.parametrize(
    ("user", "path"),
    [("ua-liaison", "/needs/new"), ("ua-liaison", "/deliveries/new"), ("dk-rep", "/offers/new"),
     ("dk-rep", "/courses/new"), ("secretariat", "/rounds"), ("secretariat", "/rounds/1"), ("secretariat", "/ledger/1"),
     ("dk-rep", "/offers/C3"), ("dk-rep", "/restrictions/new")],
)  # fmt: skip
def test_every_field_of_every_write_form_has_a_label(app, user, path):
    html = client_as(app, user).get(path).text
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    for attributes in re.findall(r"<(?:input|select|textarea)\b([^>]*)>", html):
        if 'type="hidden"' in attributes or 'type="radio"' in attributes:
            continue  # hidden; radios sit inside their label
        found = re.search(r'id="([^"]+)"', attributes)
        assert found is not None and found[1] in labelled, (path, attributes)


@pytest.mark.parametrize("lang", ["en", "da", "nb"])
def test_every_form_is_drawn_in_the_readers_language(app, lang):
    client: TestClient = client_as(app, "secretariat", lang)
    for path in (
        "/needs/new",
        "/deliveries/new",
        "/offers/new",
        "/courses/new",
        "/restrictions/new",
        "/offers/O1",
        "/rounds",
    ):
        response = client.get(path)
        assert response.status_code == 200 and f'<html lang="{lang}">' in response.text, path
