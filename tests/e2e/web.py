"""The pages in the one app (`create_app`) for tests: the shipped data (a copy of the initialised database),
a user per role, and clients that sign in through the sign-in form as a browser does (over HTTPS: the
session cookie is Secure). Forms are posted with the session's CSRF token, read off a page."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from ramstein import bootstrap
from ramstein.adapters.passwords import fast_hasher
from ramstein.domain.access import Role
from ramstein.interfaces.server import create_app
from ramstein.services import accounts
from ramstein.services.guard import Caller
from ramstein.services.ledger import local_actor

PASSWORD = "correct horse battery staple"
USERS = {"dk-rep": (Role.NATION, "DNK"), "secretariat": (Role.COORDINATOR, None), "analyst": (Role.ANALYST, None),
         "ua-liaison": (Role.LIAISON, None)}  # fmt: skip
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def pages_app() -> FastAPI:
    container = bootstrap.build()
    container.hasher = fast_hasher  # type: ignore[method-assign]  # argon2 at test strength
    setup = Caller(local_actor("setup"))
    for name, (role, nation) in USERS.items():
        accounts.add_user(container.uow, container.hasher(), setup, container.clock, name=name, password=PASSWORD,
                          role=role, nation=nation)  # fmt: skip
    return create_app(container)


def client_as(app: FastAPI, user: str | None, lang: str = "en") -> TestClient:
    client = TestClient(app, base_url="https://testserver", headers={"Accept-Language": lang}, follow_redirects=False)
    if user is not None:
        done = post_form(client, "/login", {"username": user, "password": PASSWORD, "next": "/"})
        assert done.status_code == 303, done.text
    return client


def post_form(client: TestClient, url: str, data: dict[str, str]) -> Any:
    """POST a form as the page would: with the CSRF token the reader's pages carry."""
    token = CSRF.search(client.get("/login").text)
    assert token is not None
    return client.post(url, data={**data, "csrf_token": token[1]})
