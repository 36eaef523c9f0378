"""Every route of the app, tried by every role, against a table of rules.

The table `RULES` names, for each (method, path) of the app, the roles whose request must succeed; every other
role must be refused (401/403, or a redirect to the sign-in page for pages). A route missing from the table
fails `test_every_route_has_a_rule`: whoever adds a route adds its row here (pages and ops add theirs).

Each request is prepared afresh (`Rule.prepare` records what the route needs, e.g. an entry of DNK), so a
success by one role cannot turn into a conflict for the next. API routes are called with each role's bearer
token; page routes with a signed-in session and its CSRF token.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest

from ramstein.bootstrap import App
from ramstein.domain.reference import DatasetKind
from ramstein.services import accounts, reference
from tests.builders import a_dataset, a_rate_table
from tests.e2e.api.conftest import PASSWORD, USERS, Api, app_routes, with_reports_data
from tests.e2e.api.page_data import a_round, report_data

ROLES = ("public", *USERS)  # public, coord, dnk, fra, liaison, analyst
EVERYONE = frozenset(ROLES)
SIGNED_IN = frozenset(USERS)
COORDINATOR = frozenset({"coord"})
READERS = frozenset({"coord", "analyst"})
DENMARK = frozenset({"coord", "dnk"})  # who may record Denmark's entries
PLEDGE = {"kind": "pledge", "donor": "DNK", "amount": "1m", "currency": "EUR", "date": "2024-07-10"}


def dnk_entry(api: Api) -> dict[str, Any]:
    made = api.client.post("/api/v1/ledger", json=PLEDGE, headers=api.headers("dnk"))
    assert made.status_code == 201, made.text
    return {"seq": made.json()["seq"]}


def nothing(api: Api) -> dict[str, Any]:
    return {}


NEED = {"item": "155mm-he-round", "quantity": "1000", "needed_by": "2030-01-01"}
OFFER = {"donor": "DNK", "item": "155mm-he-round", "quantity": "500", "available_on": "2026-01-01",
         "unit_value": "4000"}  # fmt: skip
COURSE = {"host": "DNK", "course_type": "course-patriot-crew", "seats": 4, "starts": "2026-01-05",
          "ends": "2026-03-01"}  # fmt: skip
RESTRICTION = {"donor": "DNK", "use": "strikes-deep-inside-russia", "action": "imposed", "on": "2025-01-01"}


def post(api: Api, user: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    done = api.client.post(path, json=body or {}, headers=api.headers(user))
    assert done.status_code == 201, done.text
    result: dict[str, Any] = done.json()
    return result


def a_line(api: Api) -> dict[str, Any]:
    return {"line": post(api, "liaison", "/api/v1/requirements", NEED)["id"]}


def a_round_to_accept(api: Api) -> dict[str, Any]:
    line = a_line(api)["line"]
    post(api, "coord", f"/api/v1/requirements/{line}/approval")
    offer = post(api, "dnk", "/api/v1/offers", OFFER)["id"]
    number = post(api, "coord", "/api/v1/rounds", {"as_of": "2026-01-01"})["number"]
    return {"number": number, "line": line, "offer": offer}


def an_accepted_round(api: Api) -> dict[str, Any]:
    """An accepted round and its first assignment (earlier rounds may have left lines open for it to fill)."""
    number = a_round_to_accept(api)["number"]
    post(api, "coord", f"/api/v1/rounds/{number}/acceptance")
    first = api.client.get(f"/api/v1/rounds/{number}", headers=api.headers("coord")).json()["assignments"][0]
    return {"line": first["need"], "offer": first["offer"]}


TEXTS = itertools.count(1)


def with_rates(app: App) -> None:
    """A small ECB table around the source texts' date: a document's date must have rates."""
    days = [date(2024, 3, 1) + timedelta(days=n) for n in range(60)]
    rates = a_rate_table({c: dict.fromkeys(days, "7.46") for c in ("USD", "DKK", "NOK")})
    reference.install_rates(app.uow, a_dataset(DatasetKind.FX), rates, [])


def a_text(api: Api) -> dict[str, Any]:
    """A text never stored before (the same text is stored once), with one amount: a pledge of Denmark's."""
    return {"text": f"Danmark giver {next(TEXTS)} mia. kr. til Ukraine.", "title": "t", "language": "da",
            "date": "2024-04-02"}  # fmt: skip


def a_source(api: Api) -> dict[str, Any]:
    stored = post(api, "coord", "/api/v1/sources", a_text(api))
    return {"document": stored["id"], "draft": stored["draft_list"][0]["id"]}


def a_dnk_offer(api: Api) -> dict[str, Any]:
    return {"supply": post(api, "dnk", "/api/v1/offers", OFFER)["id"]}


def page_offer(made: dict[str, Any]) -> dict[str, Any]:
    return {**OFFER, "quantity": "500", "origin": "stock", "currency": "EUR"}


def a_token(api: Api) -> dict[str, Any]:
    """A new token of dnk's (its own, so dnk may revoke it; the one it calls with stays usable)."""
    return {"token_id": post(api, "dnk", "/api/v1/tokens", {"scope": "read"})["id"]}


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    prepare: Callable[[Api], dict[str, Any]] = nothing  # path parameters, made afresh for each role
    body: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]] | None = None  # or made from them
    query: dict[str, Any] = field(default_factory=dict)
    setup: Callable[[App], None] | None = None  # once per test, before any role


RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/api/v1/openapi.json"): Rule(EVERYONE),
    ("GET", "/api/v1/docs"): Rule(EVERYONE),
    ("GET", "/api/v1/docs/oauth2-redirect"): Rule(EVERYONE),
    ("GET", "/api/v1/me"): Rule(EVERYONE),
    ("GET", "/api/v1/nations"): Rule(EVERYONE),
    ("GET", "/api/v1/nations/{code}"): Rule(EVERYONE, lambda api: {"code": "DNK"}),
    ("GET", "/api/v1/ledger"): Rule(EVERYONE),  # a list: filtered by marking, never refused
    ("GET", "/api/v1/ledger/{seq}"): Rule(SIGNED_IN, dnk_entry),  # a coalition entry of DNK
    ("POST", "/api/v1/ledger"): Rule(frozenset({"coord", "dnk"}), body=PLEDGE),
    ("POST", "/api/v1/ledger/{seq}/reversal"): Rule(frozenset({"coord", "dnk"}), dnk_entry, {"reason": "test"}),
    ("POST", "/api/v1/ledger/{seq}/marking"): Rule(frozenset({"coord", "dnk"}), dnk_entry, {"marking": "public"}),
    # The pages (docs/web.md, "Pages"). Reports are released to the public when enough nations contribute to
    # the public records (report_data makes three); the coordination registers are coalition material; an
    # unsafe request without the CSRF token a page carries is refused (the public's requests here have none).
    ("GET", "/"): Rule(EVERYONE, report_data),
    ("GET", "/nations"): Rule(EVERYONE, report_data),
    ("GET", "/nations/{code}"): Rule(EVERYONE, lambda api: {**report_data(api), "code": "DNK"}),
    ("GET", "/ledger"): Rule(EVERYONE),  # a list: filtered, never refused
    ("GET", "/ledger/explain"): Rule(EVERYONE, report_data, query={"nation": "DNK"}),
    ("GET", "/ledger/{seq}"): Rule(SIGNED_IN, dnk_entry),  # a coalition entry of DNK
    ("GET", "/ledger/new"): Rule(frozenset({"coord", "dnk", "fra"})),
    ("POST", "/ledger/new"): Rule(frozenset({"coord", "dnk"}), body=PLEDGE),
    ("POST", "/ledger/{seq}/reverse"): Rule(frozenset({"coord", "dnk"}), dnk_entry, {"reason": "test"}),
    ("GET", "/needs"): Rule(SIGNED_IN),
    # The write forms: drawn for who may use them (else 403 with the reason), and the same use cases decide
    # again when they are sent. A nation writes for its own nation only: fra is refused DNK's offer.
    ("GET", "/needs/new"): Rule(frozenset({"coord", "liaison"})),
    ("POST", "/needs/new"): Rule(frozenset({"coord", "liaison"}), body={**NEED, "priority": "3"}),
    ("POST", "/needs/{line}/approval"): Rule(COORDINATOR, a_line, {}),
    ("POST", "/needs/{line}/withdrawal"): Rule(frozenset({"coord", "liaison"}), a_line, {}),
    ("GET", "/deliveries/new"): Rule(frozenset({"coord", "liaison"})),
    ("POST", "/deliveries/new"): Rule(
        frozenset({"coord", "liaison"}),
        an_accepted_round,
        lambda made: {"pair": f"{made['offer']}:{made['line']}", "quantity": "10", "on": "2026-01-02"},
    ),
    ("GET", "/offers/new"): Rule(frozenset({"coord", "dnk", "fra"})),
    ("POST", "/offers/new"): Rule(frozenset({"coord", "dnk"}), body=page_offer),
    ("GET", "/courses/new"): Rule(frozenset({"coord", "dnk", "fra"})),
    ("POST", "/courses/new"): Rule(frozenset({"coord", "dnk"}), body={**COURSE, "seats": "4"}),
    ("GET", "/restrictions/new"): Rule(frozenset({"coord", "dnk", "fra"})),
    ("POST", "/restrictions/new"): Rule(frozenset({"coord", "dnk"}), body=RESTRICTION),
    ("GET", "/offers/{supply}"): Rule(SIGNED_IN, a_dnk_offer),
    ("POST", "/offers/{supply}/withdrawal"): Rule(frozenset({"coord", "dnk"}), a_dnk_offer, {"reason": "needed"}),
    ("POST", "/rounds"): Rule(COORDINATOR, body={"as_of": "2026-01-01"}),
    ("POST", "/rounds/{number}/lock"): Rule(
        COORDINATOR,
        a_round_to_accept,
        lambda made: {"offer": made["offer"], "need": made["line"], "quantity": "100"},
    ),
    ("POST", "/rounds/{number}/acceptance"): Rule(COORDINATOR, a_round_to_accept),
    ("POST", "/ledger/{seq}/marking"): Rule(frozenset({"coord", "dnk"}), dnk_entry, {"marking": "public"}),
    ("GET", "/offers"): Rule(SIGNED_IN),
    ("GET", "/rounds"): Rule(SIGNED_IN),
    ("GET", "/rounds/{number}"): Rule(SIGNED_IN, a_round),
    # The industrial outlook (docs/industry.md): coalition material, the public sees none of it; a nation's
    # representative sees its own stocks only (a filter on the list, not a refusal). The empty registers
    # forecast nothing, and the floor needs the ledger and GDP (report_data).
    ("GET", "/industry/stocks"): Rule(SIGNED_IN),
    ("GET", "/industry/production"): Rule(SIGNED_IN),
    ("GET", "/industry/forecast"): Rule(SIGNED_IN, report_data),
    ("GET", "/industry/scenarios"): Rule(SIGNED_IN),
    ("GET", "/industry/scenarios/{name}"): Rule(
        SIGNED_IN, lambda api: {**report_data(api), "name": "floor-50bn"}, query={"runs": 100}
    ),
    ("GET", "/reports"): Rule(EVERYONE),
    ("GET", "/reports/burden.{fmt}"): Rule(EVERYONE, lambda api: {**report_data(api), "fmt": "csv"}),
    ("GET", "/login"): Rule(EVERYONE),
    ("POST", "/login"): Rule(SIGNED_IN, body={"username": "dnk", "password": PASSWORD}),
    ("POST", "/logout"): Rule(SIGNED_IN),
    ("GET", "/language"): Rule(EVERYONE),
    ("POST", "/language"): Rule(SIGNED_IN, body={"lang": "da"}),
    ("GET", "/api/v1/rules"): Rule(EVERYONE),
    ("GET", "/api/v1/rules/{name}"): Rule(EVERYONE, lambda api: {"name": "washington-2024"}),
    ("GET", "/api/v1/reports/burden"): Rule(SIGNED_IN, query={"period": "2024"}, setup=with_reports_data),
    ("GET", "/api/v1/public/totals"): Rule(EVERYONE, setup=with_reports_data),
    ("GET", "/api/v1/requirements"): Rule(SIGNED_IN),
    ("POST", "/api/v1/requirements"): Rule(frozenset({"coord", "liaison"}), body=NEED),
    ("POST", "/api/v1/requirements/packages"): Rule(frozenset({"coord", "liaison"}), body={**NEED, "item": "patriot"}),
    ("POST", "/api/v1/requirements/{line}/approval"): Rule(COORDINATOR, a_line, {}),
    ("POST", "/api/v1/requirements/{line}/withdrawal"): Rule(frozenset({"coord", "liaison"}), a_line, {}),
    ("GET", "/api/v1/offers"): Rule(SIGNED_IN),
    ("POST", "/api/v1/offers"): Rule(frozenset({"coord", "dnk"}), body=OFFER),
    ("GET", "/api/v1/courses"): Rule(SIGNED_IN),
    ("POST", "/api/v1/courses"): Rule(frozenset({"coord", "dnk"}), body=COURSE),
    ("GET", "/api/v1/restrictions"): Rule(SIGNED_IN),
    ("POST", "/api/v1/restrictions"): Rule(frozenset({"coord", "dnk"}), body=RESTRICTION),
    ("GET", "/api/v1/rounds"): Rule(SIGNED_IN),
    ("GET", "/api/v1/rounds/{number}"): Rule(SIGNED_IN, a_round),
    ("POST", "/api/v1/rounds"): Rule(COORDINATOR, body={}),
    ("POST", "/api/v1/rounds/{number}/acceptance"): Rule(COORDINATOR, a_round_to_accept),
    ("POST", "/api/v1/deliveries"): Rule(
        frozenset({"coord", "liaison"}),
        an_accepted_round,
        lambda made: {"requirement": made["line"], "offer": made["offer"], "quantity": 10, "on": "2026-01-02"},
    ),
    ("GET", "/api/v1/tokens"): Rule(SIGNED_IN),
    ("POST", "/api/v1/tokens"): Rule(SIGNED_IN, body={"scope": "read"}),
    ("DELETE", "/api/v1/tokens/{token_id}"): Rule(frozenset({"coord", "dnk"}), a_token),  # dnk's own token
    ("GET", "/api/v1/audit"): Rule(COORDINATOR),
    # The intake of texts (docs/extraction.md, "Who may do what"): analysts and coordinators add, correct and
    # reject; confirming is recording the donor's pledge (a_source's draft is Denmark's).
    ("GET", "/sources"): Rule(SIGNED_IN),
    ("GET", "/sources/new"): Rule(READERS),
    ("POST", "/sources/new"): Rule(READERS, a_text, lambda made: made, setup=with_rates),
    ("GET", "/sources/{document}"): Rule(SIGNED_IN, a_source, setup=with_rates),
    ("POST", "/sources/drafts/{draft}/confirm"): Rule(DENMARK, a_source, {}, setup=with_rates),
    ("POST", "/sources/drafts/{draft}/edit"): Rule(READERS, a_source, {"amount": "7bn"}, setup=with_rates),
    ("POST", "/sources/drafts/{draft}/reject"): Rule(READERS, a_source, {"reason": "test"}, setup=with_rates),
    ("GET", "/api/v1/sources"): Rule(SIGNED_IN),
    ("POST", "/api/v1/sources"): Rule(READERS, a_text, lambda made: made, setup=with_rates),
    ("GET", "/api/v1/sources/{document}"): Rule(SIGNED_IN, a_source, setup=with_rates),
    ("GET", "/api/v1/drafts"): Rule(SIGNED_IN),
    ("GET", "/api/v1/drafts/{draft}"): Rule(SIGNED_IN, a_source, setup=with_rates),
    ("POST", "/api/v1/drafts/{draft}/confirmation"): Rule(DENMARK, a_source, {}, setup=with_rates),
    ("POST", "/api/v1/drafts/{draft}/revision"): Rule(READERS, a_source, {"amount": "7bn"}, setup=with_rates),
    ("POST", "/api/v1/drafts/{draft}/rejection"): Rule(READERS, a_source, {"reason": "test"}, setup=with_rates),
}


def test_every_route_has_a_rule(api: Api) -> None:
    routes = app_routes(api.client.app)
    assert routes - RULES.keys() == set(), "routes without a rule in RULES: add a row for each"
    assert RULES.keys() - routes == set(), "rules for routes that no longer exist"


def request_as(api: Api, role: str, method: str, path: str, rule: Rule) -> Any:
    made = rule.prepare(api)
    url = path.format(**made)
    body = rule.body(made) if callable(rule.body) else rule.body
    if path.startswith("/api/"):
        headers = api.headers(role) if role != "public" else {}
        return api.client.request(method, url, json=body, params=rule.query, headers=headers)
    cookies, headers = {}, {}
    if role != "public":
        _, key, session = accounts.sign_in(api.app.uow, api.app.hasher(), api.app.access_policy(), api.app.clock,
                                           name=role, password=PASSWORD, origin="test")  # fmt: skip
        cookies, headers = {"ramstein_session": key}, {"X-CSRF-Token": session.csrf}
    api.client.cookies.clear()
    api.client.cookies.update(cookies)
    response = api.client.request(method, url, data=body, params=rule.query, headers=headers,
                                  follow_redirects=False)  # fmt: skip
    api.client.cookies.clear()
    return response


def refused(response: Any) -> bool:
    redirect_to_login = response.status_code in (302, 303) and "/login" in response.headers.get("location", "")
    return response.status_code in (401, 403) or redirect_to_login


@pytest.mark.parametrize(("method", "path"), sorted(RULES))
def test_route_by_role(api: Api, method: str, path: str) -> None:
    rule = RULES[(method, path)]
    if rule.setup is not None:
        rule.setup(api.app)
    wrong = []
    for role in ROLES:
        response = request_as(api, role, method, path, rule)
        ok = response.status_code < 400 and not refused(response)
        if (role in rule.allowed) != ok:
            wrong.append(f"{role}: {response.status_code} {response.text[:200]}")
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
