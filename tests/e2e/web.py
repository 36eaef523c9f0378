"""The pages on an app of their own for tests: the shipped data (a copy of the initialised database) and the
reader chosen per test by overriding `current_actor`. The clock is the real one: the shipped datasets were
loaded now, and a report as of an earlier moment would rightly find none."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

from ramstein import bootstrap
from ramstein.domain.access import Actor, Role
from ramstein.interfaces import web
from ramstein.interfaces.auth import current_actor

DANE = Actor("dk-rep", Role.NATION, "DNK")
COORDINATOR = Actor("secretariat", Role.COORDINATOR)


def pages_app() -> FastAPI:
    app = FastAPI()
    app.state.container = bootstrap.build()
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    return app


def client_as(app: FastAPI, actor: Actor | None, lang: str = "en") -> TestClient:
    if actor is None:
        app.dependency_overrides.pop(current_actor, None)
    else:
        app.dependency_overrides[current_actor] = lambda: actor
    return TestClient(app, headers={"Accept-Language": lang}, follow_redirects=False)
