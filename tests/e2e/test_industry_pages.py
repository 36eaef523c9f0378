"""The industrial outlook's pages through HTTP on the shipped data: every page in every language, the
forecast's charts and floor, a scenario beside the baseline with its bands, who sees which stocks, and what
bad input gets."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from fastapi import FastAPI

from tests.e2e.web import client_as, pages_app

PAGES = ["/industry/forecast", "/industry/stocks", "/industry/production", "/industry/scenarios",
         "/industry/scenarios/largest-donor-stops?runs=100"]  # fmt: skip
INDUSTRY_TABLES = ("stock_counts", "stock_donations", "replenishments", "production_lines", "production_ramps",
                   "production_contracts", "offers", "ledger_entries")  # fmt: skip


@pytest.fixture
def app(database: Path) -> FastAPI:
    return pages_app()


def counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in INDUSTRY_TABLES}


@pytest.mark.parametrize("lang", ["en", "da", "nb"])
def test_every_industry_page_is_drawn_in_the_readers_language_with_nothing_fetched(app, lang):
    client = client_as(app, "analyst", lang)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        html = response.text
        assert f'<html lang="{lang}">' in html and '<nav class="subnav"' in html
        assert '<a href="/industry/forecast" aria-current="page">' in html  # the site's navigation marks it
        assert not re.search(r'(src|href)="(https?:)?//', html), path
        labelled = set(re.findall(r'<label for="([^"]+)"', html))
        for attributes in re.findall(r"<(?:input|select|textarea)\b([^>]*)>", html):
            if 'type="hidden"' not in attributes:
                found = re.search(r'id="([^"]+)"', attributes)
                assert found is not None and found[1] in labelled, (path, attributes)


def test_the_forecast_charts_every_area_and_sets_every_ally_against_the_floor(app):
    html = client_as(app, "analyst").get("/industry/forecast?year=2026").text
    areas = re.findall(r'<th scope="row"><a href="#area-(\d+)">([^<]+)</a></th>', html)
    assert ("1", "155mm-nato") in areas
    assert html.count('<div class="chart" role="img"') == len(areas) + 1  # one per area and the allies' chart
    floor = html[html.index('id="h-floor"') :]
    assert len(re.findall(r'<th scope="row"><a href="/nations/[A-Z]{3}">', floor)) == 32
    assert "against a floor of €40.00B" in floor


def test_a_scenario_is_shown_beside_the_baseline_with_bands_the_same_for_the_same_seed(app, database):
    before = counts(database)
    client = client_as(app, "analyst")
    html = client.get("/industry/scenarios/largest-donor-stops?runs=200&seed=4").text
    assert "baseline: coverage" in html and "largest-donor-stops: coverage" in html
    assert "P10 / P50 / P90" in html and "200 Monte Carlo runs with seed 4" in html
    gaps = html[html.index('id="gaps"') :]
    assert len(re.findall(r'<th scope="row"><a href="/nations/[A-Z]{3}">', gaps)) == 32
    assert re.search(r"Runs reaching the floor</th><td class=\"num\">\d+%</td>", html)
    bands = re.findall(r'<td class="num">([^<]*/[^<]*/[^<]*)</td>', gaps)
    assert bands and bands == re.findall(
        r'<td class="num">([^<]*/[^<]*/[^<]*)</td>',
        (again := client.get("/industry/scenarios/largest-donor-stops?runs=200&seed=4").text)[
            again.index('id="gaps"') :
        ],
    )
    assert counts(database) == before  # a scenario never writes


def test_a_representative_sees_its_own_stocks_only_and_the_public_none(app):
    analyst = client_as(app, "analyst").get("/industry/stocks").text
    assert '<a href="/nations/DEU">DEU</a>' in analyst and "155mm-he-dm121" in analyst
    dane = client_as(app, "dk-rep").get("/industry/stocks").text
    assert "/nations/DEU" not in dane and "You see the stocks of DNK only" in dane
    assert "No stocks you may see." in dane
    public = client_as(app, None)
    refused = public.get("/industry/forecast")  # led to the sign-in form, and back
    assert refused.status_code in (302, 303) and refused.headers["location"].startswith("/login?next=")
    assert 'href="/industry/forecast"' not in public.get("/").text  # no link the reader may not follow


def test_production_shows_each_lines_ramp_contracts_and_schedule(app):
    html = client_as(app, "analyst").get("/industry/production").text
    assert html.count('<section aria-labelledby="line-L') == 7
    assert re.search(r"from \w{3} \d{4} over \d+ months to [\d,]+ a month \(reached \w{3} \d{4}\)", html)
    assert "Delivery schedule, 24 months" in html and "for Ukraine" in html


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/industry/scenarios/nobody-stops", 404, "no scenario &#39;nobody-stops&#39;"),
        ("/industry/forecast?rules=../../etc/passwd", 422, "unknown rule set"),
        ("/industry/scenarios/floor-50bn?runs=99999999", 422, "runs"),
        ("/industry/stocks?months=0", 422, "months"),
    ],
)
def test_bad_input_gets_a_page_that_says_what_to_write(app, path, status, says):
    response = client_as(app, "analyst").get(path)
    assert response.status_code == status and says in response.text


def test_with_no_ledger_entries_the_areas_are_still_forecast_and_the_page_says_why_the_floor_is_not(
    tmp_path, monkeypatch
):
    path = tmp_path / "no-ledger.db"
    monkeypatch.setenv("RAMSTEIN_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("RAMSTEIN_ACTOR", "tester")
    from ramstein import bootstrap
    from ramstein.services import setup

    monkeypatch.setattr(setup.tracker, "import_release", lambda *args, **kwargs: None)  # init without Kiel's entries
    app = bootstrap.build()
    app.migrate()
    setup.initialise(app.uow, app.shipped(), actor=app.actor, clock=app.clock)
    app.close()
    client = client_as(pages_app(), "analyst")
    for path in ("/industry/forecast", "/industry/scenarios/largest-donor-stops?runs=100"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        assert 'href="#area-1"' in response.text or 'id="area-1"' in response.text, path
        why = response.text[response.text.index('id="no-floor"') :]
        assert why.startswith('id="no-floor">The floor cannot be forecast for this year: <span lang="en">'), path
        assert "the ledger has no entries from" in why, path
