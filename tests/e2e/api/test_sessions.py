"""Sessions over HTTP: CSRF, no session fixation, throttled sign-in, sign-out, the cookie's flags, locales.

The pages' own sign-in form belongs to `interfaces.web`; these tests mount a few routes of their own that call
the same helpers of `interfaces.auth`, so what is tested is the helpers' behaviour, not a page's markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.testclient import TestClient

from ramstein.interfaces import auth
from ramstein.interfaces.server import create_app
from tests.e2e.api.conftest import PASSWORD, Api, add_users, make_app

router = APIRouter()


@router.get("/t/csrf")
def csrf(request: Request) -> dict[str, str]:
    return {"csrf": auth.csrf_token(request), "locale": auth.user_locale(request)}


@router.post("/t/login", dependencies=[Depends(auth.check_csrf)])
def login(
    request: Request, response: Response, username: Annotated[str, Form()], password: Annotated[str, Form()]
) -> dict[str, str]:
    return {"name": auth.log_in(request, response, username, password).name}


@router.post("/t/logout", dependencies=[Depends(auth.check_csrf)])
def logout(request: Request, response: Response) -> dict[str, str]:
    auth.log_out(request, response)
    return {}


@router.post("/t/write", dependencies=[Depends(auth.check_csrf)])
def write(request: Request) -> dict[str, str]:
    return {"name": auth.require_user(request).name}


@router.get("/t/page")
def page(request: Request) -> dict[str, str]:
    return {"name": auth.require_user(request).name}


@router.post("/t/locale", dependencies=[Depends(auth.check_csrf)])
def locale(request: Request, response: Response, value: Annotated[str, Form()]) -> dict[str, str]:
    auth.set_user_locale(request, response, value)
    return {}


@pytest.fixture
def site(database_url: str, tmp_path: Path) -> Iterator[Api]:
    app = make_app(database_url, tmp_path)
    tokens = add_users(app)
    web = create_app(app)
    web.include_router(router)
    with TestClient(web, base_url="https://testserver") as client:
        yield Api(app, client, tokens)
    app.close()


def sign_in(site: Api, name: str = "dnk", password: str = PASSWORD) -> Response:
    token = site.client.get("/t/csrf").json()["csrf"]
    return site.client.post("/t/login", data={"username": name, "password": password, "csrf_token": token})


def test_sign_in_needs_the_csrf_token_and_sets_a_strict_cookie(site: Api) -> None:
    refused = site.client.post("/t/login", data={"username": "dnk", "password": PASSWORD})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    done = sign_in(site)
    assert done.status_code == 200 and done.json() == {"name": "dnk"}
    cookie = next(h for h in done.headers.get_list("set-cookie") if h.startswith("ramstein_session="))
    assert {"Secure", "HttpOnly", "SameSite=lax"} <= {part.strip() for part in cookie.split(";")}
    assert site.client.get("/api/v1/me").json()["name"] == "dnk"


def test_unsafe_requests_of_a_session_need_its_csrf_token(site: Api) -> None:
    anonymous_token = site.client.get("/t/csrf").json()["csrf"]
    sign_in(site)
    session_token = site.client.get("/t/csrf").json()["csrf"]
    assert session_token != anonymous_token
    assert site.client.post("/t/write").status_code == 403
    assert site.client.post("/t/write", headers={"X-CSRF-Token": anonymous_token}).status_code == 403
    assert site.client.post("/t/write", headers={"X-CSRF-Token": session_token}).json() == {"name": "dnk"}
    assert site.client.post("/t/write", data={"csrf_token": session_token}).json() == {"name": "dnk"}
    pledge = {"kind": "pledge", "donor": "DNK", "amount": "1m", "currency": "EUR", "date": "2024-07-10"}
    assert site.client.post("/api/v1/ledger", json=pledge).status_code == 403  # the API with the cookie too
    assert site.client.post("/api/v1/ledger", json=pledge, headers={"X-CSRF-Token": session_token}).status_code == 201


def session_key(response: Response) -> str:
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("ramstein_session="))
    return cookie.split(";")[0].partition("=")[2]


def use_only(site: Api, key: str) -> None:
    site.client.cookies.clear()
    site.client.cookies.set("ramstein_session", key)


def test_a_session_key_planted_before_sign_in_is_worth_nothing(site: Api) -> None:
    use_only(site, "planted-by-an-attacker")
    first = session_key(sign_in(site))
    assert first != "planted-by-an-attacker"
    use_only(site, first)
    second = session_key(sign_in(site, "fra"))  # signing in again (as anyone) replaces the session...
    assert second != first
    use_only(site, first)  # ...and ends the one the browser had
    assert site.client.get("/api/v1/me").json()["role"] == "public"
    use_only(site, second)
    assert site.client.get("/api/v1/me").json()["name"] == "fra"


def test_sign_out_ends_the_session(site: Api) -> None:
    key = session_key(sign_in(site))
    use_only(site, key)
    token = site.client.get("/t/csrf").json()["csrf"]
    assert site.client.post("/t/logout", headers={"X-CSRF-Token": token}).status_code == 200
    use_only(site, key)
    assert site.client.get("/api/v1/me").json()["role"] == "public"


def test_sign_in_is_throttled(site: Api) -> None:
    for _ in range(5):
        assert sign_in(site, "dnk", "wrong password, again").status_code == 401
    throttled = sign_in(site, "dnk", PASSWORD)
    assert throttled.status_code == 429 and throttled.json()["error"]["code"] == "throttled"
    assert sign_in(site, "fra").status_code == 200  # another user is not locked out
    with site.app.uow() as uow:
        refusals = [r for r in uow.audit.records() if r.action == "account.sign-in" and not r.allowed]
    assert len(refusals) == 6 and refusals[0].reason == "too many failed sign-ins"


def test_pages_redirect_to_sign_in_and_the_api_answers_401(site: Api) -> None:
    page = site.client.get("/t/page?x=1", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/t/page%3Fx%3D1"
    assert site.client.post("/api/v1/tokens", json={}).status_code == 401


def test_the_language_is_the_users_choice_then_accept_language(site: Api) -> None:
    assert site.client.get("/t/csrf", headers={"Accept-Language": "nb-NO,en;q=0.5"}).json()["locale"] == "nb"
    assert site.client.get("/t/csrf", headers={"Accept-Language": "fr, de;q=0.9"}).json()["locale"] == "en"
    sign_in(site)
    token = site.client.get("/t/csrf").json()["csrf"]
    assert site.client.post("/t/locale", data={"value": "da", "csrf_token": token}).status_code == 200
    site.client.cookies.delete("ramstein_locale")
    assert site.client.get("/t/csrf", headers={"Accept-Language": "nb"}).json()["locale"] == "da"
    bad = site.client.post("/t/locale", data={"value": "xx", "csrf_token": token})
    assert bad.status_code == 422
