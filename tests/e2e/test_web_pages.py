"""The pages, through HTTP on the shipped data: every page in every language, the drill-down from a figure to
its entries, the filters, recording and reversing from a form, downloads, and what bad input gets."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.e2e.web import client_as, pages_app, post_form

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
    client = client_as(app, "analyst", lang)
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
    assert response.status_code == 422
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
    dane = client_as(app, "dk-rep")
    before = _stage_gap(dane.get("/nations/DNK").text, "pledge")
    form = dane.get("/ledger/new").text
    assert 'value="DNK" readonly' in form
    today = app.state.container.clock().date().isoformat()  # in the year the nation page shows by default
    fields = {"kind": "pledge", "donor": "DNK", "amount": "2.5bn", "currency": "EUR", "date": today,
              "aid_type": "military", "channel": "bilateral", "source": "test press release"}  # fmt: skip
    done = post_form(dane, "/ledger/new", fields)
    assert done.status_code == 303
    entry = dane.get(done.headers["location"]).text
    assert "Recorded as entry" in entry and "€2,500,000,000.00" in entry
    after = _stage_gap(dane.get("/nations/DNK").text, "pledge")
    assert after == before - Decimal("2.5e9")


def test_a_bad_form_is_drawn_again_with_every_problem_and_nothing_is_recorded(app):
    coordinator = client_as(app, "secretariat")
    total = re.search(r"([\d,]+) entries;", coordinator.get("/ledger").text)
    bad = post_form(coordinator, "/ledger/new", {"kind": "pledge", "donor": "DNK", "amount": "5",
                                                "currency": "EURO", "date": "2026-13-01"})  # fmt: skip
    assert bad.status_code == 422
    for field in ("currency", "date"):
        assert f'id="err-{field}"' in bad.text and f'aria-describedby="err-{field}"' in bad.text
    negative = post_form(coordinator, "/ledger/new", {"kind": "pledge", "donor": "DNK", "amount": "-5",
                                                     "currency": "EUR", "date": "2026-01-01"})  # fmt: skip
    assert negative.status_code == 422 and 'id="err-amount"' in negative.text and "reverse" in negative.text
    assert re.search(r"([\d,]+) entries;", coordinator.get("/ledger").text)[1] == total[1]


def test_an_entry_is_reversed_with_a_reason_never_edited(app):
    coordinator = client_as(app, "secretariat")
    assert post_form(coordinator, "/ledger/1/reverse", {"reason": " "}).status_code == 422
    done = post_form(coordinator, "/ledger/1/reverse", {"reason": "duplicate"})
    assert done.status_code == 303
    assert "reversed by entry" in coordinator.get("/ledger/1").text


@pytest.mark.parametrize(("fmt", "magic"), [("csv", b"Rank"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("json", b"{")])
def test_reports_download_in_every_format(public, fmt, magic):
    response = public.get(f"/reports/burden.{fmt}?period=2024")
    assert response.status_code == 200
    assert response.content.startswith(magic) or magic in response.content[:200]
    assert "attachment" in response.headers["content-disposition"]


def test_a_round_gives_the_reason_for_every_assignment(app):
    html = client_as(app, "analyst").get("/rounds/1").text
    rows = re.findall(r'<table id="assignments">.*?</table>', html, re.S)[0]
    assert rows.count("<tr>") - 1 == rows.count("per unit.") + rows.count("a lock")
    assert "INVENTED" in html


def test_the_requirement_list_shows_coverage(app):
    html = client_as(app, "dk-rep").get("/needs").text
    assert "<meter" in html and "Committed share" in html


def test_the_public_reads_released_figures_only(app, public):
    dane = client_as(app, "dk-rep")
    today = app.state.container.clock().date().isoformat()
    pledge = {"kind": "pledge", "donor": "DNK", "amount": "1bn", "currency": "EUR", "date": today}
    seq = post_form(dane, "/ledger/new", pledge).headers["location"].split("/")[-1].split("?")[0]
    dane_gap = _stage_gap(dane.get("/nations/DNK").text, "pledge")
    public_gap = _stage_gap(public.get("/nations/DNK").text, "pledge")
    assert public_gap == dane_gap + Decimal("1e9")  # the new pledge is coalition material: not in public figures
    refused = public.get(f"/ledger/{seq}")
    assert refused.status_code == 403 and "marked public" in refused.text
    for path in ("/needs", "/offers", "/rounds", "/rounds/1"):
        response = public.get(path)
        assert response.status_code == 403 and "sign in" in response.text.lower(), path
    assert 'href="/needs"' not in public.get("/").text


def test_a_page_that_needs_a_user_leads_to_the_sign_in_form_and_back(public):
    response = public.get("/ledger/new")
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/ledger/new"
    assert 'name="next" value="/ledger/new"' in public.get(response.headers["location"]).text


def test_a_form_without_its_csrf_token_is_refused(app):
    dane = client_as(app, "dk-rep")
    response = dane.post("/ledger/new", data={"kind": "pledge", "donor": "DNK", "amount": "1", "currency": "EUR"})
    assert response.status_code == 403 and "CSRF" in response.text


def test_refusals_and_sign_in_problems_are_said_in_the_readers_language(app):
    norwegian = client_as(app, None, "nb")
    wrong = post_form(norwegian, "/login", {"username": "dk-rep", "password": "not it", "next": "/"})
    assert wrong.status_code == 401 and "feil brukernavn eller passord" in wrong.text
    forged = client_as(app, "dk-rep", "da").post("/ledger/new", data={"kind": "pledge", "donor": "DNK"})
    assert forged.status_code == 403 and "formularens sikkerhedsnøgle (CSRF) mangler" in forged.text
    norwegian_dane = client_as(app, "dk-rep", "nb")
    usa = re.search(r'<a href="/ledger/(\d+)">#', norwegian_dane.get("/ledger?donor=USA").text)[1]
    page = norwegian_dane.get(f"/ledger/{usa}").text
    assert "en representant for DNK kan ikke tilbakeføre poster for USA" in page  # why no reversal form


def test_a_nation_may_not_reverse_another_nations_entry(app):
    dane = client_as(app, "dk-rep")
    usa = re.search(r'<a href="/ledger/(\d+)">#', dane.get("/ledger?donor=USA").text)[1]
    page = dane.get(f"/ledger/{usa}").text
    assert 'id="reverse-refused"' in page and 'action="/ledger/' not in page
    refused = post_form(dane, f"/ledger/{usa}/reverse", {"reason": "not ours"})
    assert refused.status_code == 403 and "may not" in refused.text


def test_the_language_page_stores_the_choice(public):
    done = post_form(public, "/language", {"lang": "da", "next": "/ledger"})
    assert done.status_code == 303 and done.headers["location"] == "/ledger"
    assert "Regnskab" in public.get("/ledger").text
    assert post_form(public, "/language", {"lang": "sv"}).status_code == 422


def test_every_field_of_every_form_has_a_label(app):
    for user, path in (
        (None, "/login"),
        (None, "/language"),
        ("dk-rep", "/ledger/new"),
        (None, "/ledger"),
        (None, "/"),
    ):
        html = client_as(app, user).get(path).text
        labelled = set(re.findall(r'<label for="([^"]+)"', html))
        fields = re.findall(r"<(?:input|select|textarea)\b([^>]*)>", html)
        for attributes in fields:
            if 'type="hidden"' in attributes or 'type="radio"' in attributes or 'type="checkbox"' in attributes:
                continue  # hidden; radios and checkboxes sit inside their label
            found = re.search(r'id="([^"]+)"', attributes)
            assert found is not None and found[1] in labelled, (path, attributes)
