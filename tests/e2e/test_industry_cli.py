"""The industrial base as a user meets it after init: stocks, lines, a forecast, a scenario with bands and a
comparison report; bad input refused with nothing written; scenarios that never write."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.conftest import Cli

TABLES = ("stock_counts", "stock_donations", "replenishments", "production_lines", "production_ramps",
          "production_contracts", "offers", "ledger_entries")  # fmt: skip
LATER = (date.today() + timedelta(days=60)).isoformat()


def counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_init_shows_stocks_at_risk_lines_and_a_forecast_that_closes_gaps(database: Path, cli: Cli):
    stocks = cli("stock", "list", "--json").json()
    risky = [s for s in stocks["stocks"] if s["below"]]
    assert {(s["donor"], s["item"]) for s in risky} >= {("DEU", "155mm-he-dm121")}
    assert any(d["backfilled_by"] for d in stocks["donations"])
    assert len(cli("production", "list", "--json").json()["lines"]) == 7
    found = cli("forecast", "--json")
    assert found.code == 0, found.err
    body = found.json()
    shells = next(a for a in body["areas"] if a["area"]["family"] == "155mm-nato")
    assert shells["closes"] is not None and shells["contracts"][-1] > 0
    assert len(body["floor"]["rows"]) == 32  # every ally against its fair share


def test_a_scenario_run_gives_bands_the_same_for_the_same_seed_and_writes_nothing(database: Path, cli: Cli):
    before = counts(database)
    first = cli("scenario", "run", "largest-donor-stops", "--runs", "300", "--seed", "5", "--json")
    assert first.code == 0, first.err
    again = cli("scenario", "run", "largest-donor-stops", "--runs", "300", "--seed", "5", "--json")
    assert first.json()["simulation"] == again.json()["simulation"]
    bands = first.json()["simulation"]["areas"][0]["supplied"]
    assert all(lo <= mid <= hi for lo, mid, hi in zip(bands["p10"], bands["p50"], bands["p90"], strict=True))
    assert counts(database) == before


def test_compare_writes_a_pdf_with_every_scenario(database: Path, cli: Cli, tmp_path: Path):
    out = tmp_path / "outlook.pdf"
    done = cli("scenario", "compare", "floor-50bn", "slower-ramps", "--output", str(out))
    assert done.code == 0, done.err
    assert "floor-50bn" in done.out and "Fair-share gap per ally" in done.out
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "155mm-nato" in text and "slower-ramps" in text


def test_bad_input_is_refused_and_nothing_is_written(database: Path, cli: Cli, tmp_path: Path):
    before = counts(database)
    too_much = cli("stock", "donate", "--donor", "CZE", "--item", "152mm-he-round", "--quantity", "999999")
    assert too_much.code == 3 and "would fall to" in too_much.err
    overbooked = cli("production", "contract", "L3", "--buyer", "FRA", "--quantity", "9000000", "--due", LATER,
                     "--price", "4000")  # fmt: skip
    assert overbooked.code == 3 and "can make only" in overbooked.err and "--allow-overbooking" in overbooked.err
    overlap = cli("production", "ramp", "L1", "--starts", date.today().replace(day=1).isoformat(), "--months", "3",
                  "--surge", "9")  # fmt: skip
    assert overlap.code == 3 and "overlap" in overlap.err
    odd = tmp_path / "odd.yaml"
    odd.write_text("scenarios:\n  - {name: odd, changes: [{donor_stops: XYZ, after_months: 1}]}\n")
    unknown = cli("scenario", "run", "odd", "--file", str(odd), "--runs", "10")
    assert unknown.code == 5 and "unknown donor 'XYZ'" in unknown.err
    assert counts(database) == before


def test_a_scenario_run_gives_floor_bands_per_ally_and_for_the_coalition(database: Path, cli: Cli, tmp_path: Path):
    args = ("scenario", "run", "floor-50bn", "--runs", "400", "--seed", "2", "--year", "2026")
    first = cli(*args, "--json")
    assert first.code == 0, first.err
    body = first.json()
    bands, floor = body["simulation"]["floor"], body["floor"]
    assert bands["nations"] == [r["nation"] for r in floor["rows"]] and len(bands["nations"]) == 32
    spread = bands["expected"]
    assert all(lo <= mid <= hi for lo, mid, hi in zip(spread["p10"], spread["p50"], spread["p90"], strict=True))
    assert bands["total"][0] <= bands["total"][1] <= bands["total"][2] and bands["floor"] == 50e9
    assert cli(*args, "--json").json()["simulation"]["floor"] == bands  # the same seed, the same bands
    shown = cli(*args, "--output", str(tmp_path / "floor.html"))
    assert "reached in" in shown.out and "expected P10" in shown.out
    html = (tmp_path / "floor.html").read_text()
    assert "The coalition&#x27;s expected total against the floor" in html
    assert html.count("<svg") >= 3  # the areas, the coalition's total, the allies with their bands
