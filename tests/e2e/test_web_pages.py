"""The pages, through HTTP on the shipped data: every page in every language, the drill-down from a figure to
its entries, the filters, recording and reversing from a form, downloads, and what bad input gets."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.e2e.web import COORDINATOR, DANE, client_as, pages_app

PAGES = ["/", "/?period=2024&half=H2", "/nations", "/nations/DNK?period=2024", "/ledger", "/ledger?donor=DNK",
         "/ledger/1", "/ledger/explain?nation=DNK&period=2024", "/needs", "/offers", "/rounds", "/rounds/1",
         "/reports", "/login", "/language"]  # fmt: skip


@pytest.fixture
def app(database: Path) -> FastAPI:
    return pages_app()


@pytest.fixture
def public(app: FastAPI) -> TestClient:
    return client_as(app, None)


@pytest.mark.parametrize("lang", ["en", "da", "nb"])
def test_every_page_is_drawn_in_the_readers_language_with_nothing_fetched_from_elsewhere(app, lang):
    client = client_as(app, None, lang)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        html = response.text
        assert f'<html lang="{lang}">' in html
        assert '<a class="skip" href="#main">' in html and '<main id="main"' in html
        assert not re.search(r'(src|href)="(https?:)?//', html), path  # no CDN, no external style or script


def test_the_overview_shows_the_floor_the_charts_and_a_drill_down_for_every_ally(public):
    html = public.get("/?period=2024").text
    assert "€40.0B" in html and "Floor met" in html
    assert html.count("<svg") == 2 and html.count('<div class="chart" role="img" aria-label="Bar chart') == 2
    assert html.count("/ledger/explain?nation=") >= 32 * 4


def test_a_figure_leads_to_exactly_the_entries_it_sums(public):
    overview = public.get("/?period=2024").text
    denmark = re.search(r'<a href="(/ledger/explain\?nation=DNK&amp;stage=commitment[^"]*)">([^<]+)</a>', overview)
    assert denmark is not None
    entries = public.get(denmark[1].replace("&amp;", "&")).text
    shown = re.findall(r'<th scope="row" class="num"><a href="/ledger/(\d+)">', entries)
    assert shown and re.search(rf"{len(shown)} entries", entries)
    assert "Only the commitment stage." in entries


def test_the_ledger_filters_by_donor_and_kind_and_pages(public):
    html = public.get("/ledger?donor=DNK&kind=commitment").text
    donors = set(re.findall(r'<td><a href="/nations/(\w+)">', html))
    assert donors == {"DNK"}
    first = public.get("/ledger").text
    assert 'rel="next"' in first and "page 1 of" in first


def test_bad_filters_get_a_page_that_says_what_to_write(public):
    response = public.get("/ledger?since=yesterday")
    assert response.status_code == 400
    assert "is not a date" in response.text and "YYYY-MM-DD" in response.text
    missing = public.get("/nations/XXX")
    assert missing.status_code == 404 and "XXX" in missing.text


def test_numbers_and_dates_follow_the_language(app):
    danish = client_as(app, None, "da").get("/?period=2024").text
    assert "40,0\xa0mia.\xa0€" in danish and ">Oversigt</a>" in danish
    norwegian = client_as(app, None, "nb").get("/ledger/1").text
    assert "Post nr. 1" in norwegian and re.search(r"<dd>\d{1,2}\.\s\w+\.?\s\d{4}</dd>", norwegian)


def _stage_gap(html: str, stage: str) -> Decimal:
    """The exact gap (data-eur) of one stage in a nation page's table of stages."""
    found = re.search(rf'<tr id="stage-{stage}">.*?data-eur="([^"]+)"', html, re.S)
    assert found is not None
    return Decimal(found[1])


def test_a_nation_records_a_pledge_and_its_gap_at_the_pledge_stage_falls(app):
    dane = client_as(app, DANE)
    before = _stage_gap(dane.get("/nations/DNK").text, "pledge")
    form = dane.get("/ledger/new").text
    assert 'value="DNK" readonly' in form
    today = app.state.container.clock().date().isoformat()  # in the year the nation page shows by default
    fields = {"kind": "pledge", "donor": "DNK", "amount": "2.5bn", "currency": "EUR", "date": today,
              "aid_type": "military", "channel": "bilateral", "source": "test press release"}  # fmt: skip
    done = dane.post("/ledger/new", data=fields)
    assert done.status_code == 303
    entry = dane.get(done.headers["location"]).text
    assert "Recorded as entry" in entry and "€2,500,000,000.00" in entry
    after = _stage_gap(dane.get("/nations/DNK").text, "pledge")
    assert after == before - Decimal("2.5e9")


def test_a_bad_form_is_drawn_again_with_every_problem_and_nothing_is_recorded(app):
    coordinator = client_as(app, COORDINATOR)
    total = re.search(r"([\d,]+) entries;", coordinator.get("/ledger").text)
    bad = coordinator.post("/ledger/new", data={"kind": "pledge", "donor": "DNK", "amount": "5",
                                                "currency": "EURO", "date": "2026-13-01"})  # fmt: skip
    assert bad.status_code == 400
    for field in ("currency", "date"):
        assert f'id="err-{field}"' in bad.text and f'aria-describedby="err-{field}"' in bad.text
    negative = coordinator.post("/ledger/new", data={"kind": "pledge", "donor": "DNK", "amount": "-5",
                                                     "currency": "EUR", "date": "2026-01-01"})  # fmt: skip
    assert negative.status_code == 400 and 'id="err-amount"' in negative.text and "reverse" in negative.text
    assert re.search(r"([\d,]+) entries;", coordinator.get("/ledger").text)[1] == total[1]


def test_an_entry_is_reversed_with_a_reason_never_edited(app):
    coordinator = client_as(app, COORDINATOR)
    assert coordinator.post("/ledger/1/reverse", data={"reason": " "}).status_code == 400
    done = coordinator.post("/ledger/1/reverse", data={"reason": "duplicate"})
    assert done.status_code == 303
    assert "reversed by entry" in coordinator.get("/ledger/1").text


@pytest.mark.parametrize(("fmt", "magic"), [("csv", b"Rank"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("json", b"{")])
def test_reports_download_in_every_format(public, fmt, magic):
    response = public.get(f"/reports/burden.{fmt}?period=2024")
    assert response.status_code == 200
    assert response.content.startswith(magic) or magic in response.content[:200]
    assert "attachment" in response.headers["content-disposition"]


def test_a_round_gives_the_reason_for_every_assignment(public):
    html = public.get("/rounds/1").text
    rows = re.findall(r'<table id="assignments">.*?</table>', html, re.S)[0]
    assert rows.count("<tr>") - 1 == rows.count("per unit.") + rows.count("a lock")
    assert "INVENTED" in html


def test_the_requirement_list_shows_coverage(public):
    html = public.get("/needs").text
    assert "<meter" in html and "Committed share" in html


def test_the_language_page_stores_the_choice(public):
    done = public.post("/language", data={"lang": "da", "next": "/ledger"})
    assert done.status_code == 303 and done.headers["location"] == "/ledger"
    assert "Regnskab" in public.get("/ledger").text
    assert public.post("/language", data={"lang": "sv"}).status_code == 400
