"""Kept answers (interfaces/answer_cache.py): given again while nothing they were made from changed, never
after a write by any process, never to another reader; the CSRF token of each reader; 304 on a known ETag."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from ramstein import bootstrap
from ramstein.config import Settings
from ramstein.domain.access import Marking
from ramstein.interfaces.api import ledger as ledger_api
from ramstein.interfaces.auth import CSRF_COOKIE
from ramstein.services import accounts, ledger_access
from ramstein.services.guard import Caller
from ramstein.services.ledger import local_actor
from tests.e2e.api.conftest import PASSWORD, Api, with_reports_data

PLEDGE = {"kind": "pledge", "donor": "DNK", "amount": "1.5bn", "currency": "EUR", "date": "2024-07-10"}
LIST = "/api/v1/ledger?donor=DNK"
CSRF_IN_PAGE = re.compile(r'"X-CSRF-Token": "([^"]+)"')


@pytest.fixture
def built(api: Api, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how often the ledger list is built: a kept answer is given without building it."""
    calls: list[int] = []
    find = ledger_access.find

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return find(*args, **kwargs)

    monkeypatch.setattr(ledger_api.ledger_access, "find", counted)
    return calls


@pytest.fixture
def other_process(api: Api, database_url: str, tmp_path: Path) -> Iterator[bootstrap.App]:
    """A second composition root on the same database: another worker, or the CLI."""
    other = bootstrap.build(Settings(database_url=database_url, analytics_path=str(tmp_path / "other.duckdb")))
    yield other
    other.close()


def seqs(api: Api, user: str | None, url: str = LIST) -> list[int]:
    answer = api.client.get(url, headers=api.headers(user))
    assert answer.status_code == 200, answer.text
    return [e["seq"] for e in answer.json()["items"]]


def record(api: Api, user: str = "dnk") -> int:
    made = api.client.post("/api/v1/ledger", json=PLEDGE, headers=api.headers(user))
    assert made.status_code == 201, made.text
    return int(made.json()["seq"])


def test_an_answer_is_kept_until_a_write_through_the_api(api: Api, built: list[int]) -> None:
    first = record(api)
    assert seqs(api, "analyst") == [first]
    assert seqs(api, "analyst") == [first]
    assert len(built) == 1  # the second answer was the kept one
    second = record(api)
    assert seqs(api, "analyst") == [first, second]
    assert len(built) == 2


def test_a_write_by_another_process_is_seen_at_once(api: Api, other_process: bootstrap.App) -> None:
    first = record(api)
    assert seqs(api, "analyst") == [first]
    who = Caller(local_actor("cli"))
    reversal = ledger_access.reverse(other_process.uow, who, first, reason="typo", clock=other_process.clock)
    assert seqs(api, "analyst") == [first, reversal.seq]


def test_a_marking_by_another_process_changes_what_the_public_is_given(
    api: Api, other_process: bootstrap.App
) -> None:  # fmt: skip
    seq = record(api)
    assert seqs(api, None) == []  # coalition: not the public's
    who = Caller(local_actor("cli"))
    ledger_access.mark(other_process.uow, who, seq, Marking.PUBLIC, reason="released", clock=other_process.clock)
    assert seqs(api, None) == [seq]
    ledger_access.mark(other_process.uow, who, seq, Marking.COALITION, reason="withdrawn", clock=other_process.clock)
    assert seqs(api, None) == []  # the kept answer that showed it is not given again


def test_no_reader_is_given_another_readers_answer(api: Api) -> None:
    seq = record(api)
    marked = api.client.post(f"/api/v1/ledger/{seq}/marking", json={"marking": "bilateral"}, headers=api.headers("dnk"))
    assert marked.status_code == 201, marked.text
    assert seqs(api, "dnk") == [seq]  # its own bilateral entry, now kept for dnk
    assert seqs(api, "fra") == []  # another nation's representative, same URL
    assert seqs(api, None) == []  # the public
    assert seqs(api, "dnk") == [seq]
    assert seqs(api, "coord") == [seq]


def test_a_revoked_token_is_refused_though_its_answer_is_kept(api: Api) -> None:
    record(api)
    assert api.client.get(LIST, headers=api.headers("analyst")).status_code == 200
    assert api.client.get(LIST, headers=api.headers("analyst")).status_code == 200
    with api.app.uow() as uow:
        (token,) = uow.access.tokens("analyst")
    accounts.revoke_token(api.app.uow, Caller(local_actor("setup")), api.app.clock, token_id=token.id)
    assert api.client.get(LIST, headers=api.headers("analyst")).status_code == 401


def test_a_known_etag_gets_304_and_a_write_a_new_etag(api: Api) -> None:
    record(api)
    first = api.client.get(LIST, headers=api.headers("analyst"))
    etag = first.headers["etag"]
    again = api.client.get(LIST, headers={**api.headers("analyst"), "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    record(api)
    changed = api.client.get(LIST, headers={**api.headers("analyst"), "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag and len(changed.json()["items"]) == 2


def test_a_kept_page_carries_each_readers_own_csrf_token(api: Api) -> None:
    with_reports_data(api.app)
    c = api.client
    first = c.get("/nations")
    assert first.status_code == 200, first.text
    cookie = first.cookies[CSRF_COOKIE]
    assert CSRF_IN_PAGE.findall(first.text) == [cookie]
    again = c.get("/nations")  # the kept page, with the cookie the first one set
    assert CSRF_IN_PAGE.findall(again.text) == [cookie] and CSRF_COOKIE not in again.cookies
    c.cookies.clear()
    stranger = c.get("/nations")  # another visitor: a token of its own, set once as a cookie
    token = stranger.cookies[CSRF_COOKIE]
    assert token != cookie and CSRF_IN_PAGE.findall(stranger.text) == [token]
    assert stranger.text.replace(token, cookie) == first.text
    assert stranger.headers["etag"] != first.headers["etag"]


def test_two_sessions_of_one_user_each_get_their_own_csrf_token_in_a_kept_page(api: Api) -> None:
    with_reports_data(api.app)
    pages = []
    for _ in range(2):
        client = TestClient(api.client.app, base_url="https://testserver")
        token = CSRF_IN_PAGE.findall(client.get("/login").text)[0]
        signed_in = client.post("/login", data={"username": "dnk", "password": PASSWORD, "csrf_token": token,
                                                "next": "/"}, follow_redirects=False)  # fmt: skip
        assert signed_in.status_code == 303, signed_in.text
        pages.append(client.get("/nations"))
    (first,), (second,) = (CSRF_IN_PAGE.findall(page.text) for page in pages)
    assert first != second  # each its session's token (a kept page shared it otherwise)
    assert pages[1].text.replace(second, first) == pages[0].text
    assert pages[0].headers["etag"].split("-")[0] == pages[1].headers["etag"].split("-")[0]  # the same kept page


def test_the_csrf_cookie_is_set_once_on_a_page_that_is_not_kept(api: Api) -> None:
    first = api.client.get("/login")
    assert first.status_code == 200 and "etag" not in first.headers
    cookie = first.cookies[CSRF_COOKIE]
    assert f'value="{cookie}"' in first.text
    again = api.client.get("/login")
    assert CSRF_COOKIE not in again.cookies and f'value="{cookie}"' in again.text


def test_readers_asking_at_once_wait_for_one_handler_to_make_the_answer(api: Api, built: list[int]) -> None:
    record(api)

    async def ask_at_once() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=api.client.app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
            return await asyncio.gather(*(client.get(LIST, headers=api.headers("analyst")) for _ in range(5)))

    answers = asyncio.run(ask_at_once())
    assert {a.status_code for a in answers} == {200} and len({a.content for a in answers}) == 1
    assert len(built) == 1


def test_the_reader_and_the_stamp_in_one_statement_answer_as_they_do_apart(api: Api) -> None:
    reads = api.app.request_reads()
    before = reads.stamp()
    for secret in api.tokens.values():
        found, stamp = reads.stamped_token(accounts.digest(secret))
        assert found is not None and found == reads.token(accounts.digest(secret)) and stamp == before
    assert reads.stamped_token(accounts.digest("rst_unknown")) == (None, before)
    assert reads.stamped_session(accounts.digest("no-such-session")) == (None, before)
    record(api)
    assert reads.stamp() != before and reads.stamped_token(accounts.digest(api.tokens["dnk"]))[1] == reads.stamp()
