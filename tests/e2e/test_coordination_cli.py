"""The coordination engine as a user meets it: the illustrative round after init, the whole workflow from a
proposed need to a delivered one, list import and export, and every bad input refused with nothing written."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from ramstein.adapters.importers.table_files import read_table, write_table
from ramstein.services.coordination_forms import (
    NEED_COLUMNS,
    NEED_PROGRESS_COLUMNS,
    NEED_REQUIRED,
    OFFER_COLUMNS,
    OFFER_REQUIRED,
    OFFER_STATE_COLUMNS,
)
from tests.e2e.conftest import Cli

SOON = (date.today() + timedelta(days=30)).isoformat()
TABLES = ("requirements", "requirement_events", "offers", "courses", "restriction_changes", "rounds", "ledger_entries")


def counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_init_shows_an_invented_round_with_unmet_needs_and_a_restriction_at_work(database: Path, cli: Cli):
    shown = cli("rounds", "show", "1")
    assert shown.code == 0, shown.err
    assert "INVENTED" in shown.out and "proposed (not accepted" in shown.out
    assert "restricted" in shown.out and "strikes-deep-inside-russia" in shown.out
    assert "no-compatible-offer" in shown.out
    body = cli("rounds", "show", "1", "--json").json()
    assert body["round"]["result"]["status"] == "optimal" and body["accepted"] is None
    with sqlite3.connect(database) as conn:  # nothing invented reached the ledger
        assert conn.execute("SELECT count(*) FROM ledger_entries WHERE source LIKE 'allocation round%'").fetchone() == (
            0,
        )
    again = cli("init")
    assert again.code == 0 and cli("rounds", "list", "--json").json()[0]["number"] == 1
    assert len(cli("rounds", "list", "--json").json()) == 1  # a second init adds nothing


def test_from_a_proposed_need_to_a_delivered_one(database: Path, cli: Cli):
    added = cli("needs", "add", "--item", "demining-vehicle", "--quantity", "4", "--priority", "5",
                "--needed-by", SOON, "--json")  # fmt: skip
    assert added.code == 0, added.err
    need = added.json()[0]["id"]
    assert cli("needs", "approve", need).code == 0
    offered = cli("offers", "add", "--donor", "NOR", "--item", "demining-vehicle", "--quantity", "3",
                  "--available-on", SOON, "--unit-value", "2.5m", "--currency", "NOK", "--json")  # fmt: skip
    offer = offered.json()[0]["id"]
    run = cli("rounds", "run", "--lock", f"{offer}:{need}:2", "--json")
    assert run.code == 0, run.err
    number = run.json()["round"]["number"]
    mine = [a for a in run.json()["round"]["result"]["assignments"] if (a["offer"], a["need"]) == (offer, need)]
    assert sum(a["quantity"] for a in mine) == 3 and any(a["locked"] for a in mine) and number == 2
    accepted = cli("accept", str(number), "--json")
    assert accepted.code == 0, accepted.err
    with sqlite3.connect(database) as conn:
        row = conn.execute("SELECT donor, amount, currency, source FROM ledger_entries WHERE external_id = ?",
                           (f"round-{number}:{offer}:{need}",)).fetchone()  # fmt: skip
    assert row == ("NOR", "7500000", "NOK", f"allocation round {number}")
    assert cli("accept", "1").code == 6  # stale: round 2 was accepted after it
    part = cli("deliveries", "confirm", "--requirement", need, "--offer", offer, "--quantity", "1")
    assert part.code == 0 and "partly-met" in part.out
    rest = cli("deliveries", "confirm", "--requirement", need, "--offer", offer, "--quantity", "2")
    assert rest.code == 0 and "partly-met (3 of 4 delivered)" in rest.out  # the fourth was never offered
    line = next(p for p in cli("needs", "list", "--json").json() if p["id"] == need)
    assert (line["committed"], line["delivered"], line["open"]) == (3, 3, 1)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["needs", "add", "--item", "155mm-he-round", "--quantity", "-5", "--priority", "5", "--needed-by", SOON],
         3, "must be positive"),
        (["needs", "add", "--item", "laser-cannon", "--quantity", "5", "--priority", "5", "--needed-by", SOON],
         3, "unknown item 'laser-cannon'"),
        (["needs", "add", "--item", "155mm-he-round", "--quantity", "5", "--priority", "5", "--needed-by",
          "2020-01-01"], 3, "is already past"),
        (["offers", "add", "--donor", "XXX", "--item", "gmlrs", "--quantity", "5", "--available-on", SOON,
          "--unit-value", "1"], 3, "unknown nation 'XXX'"),
        (["offers", "add", "--donor", "DEU", "--item", "gmlrs", "--quantity", "0", "--available-on", SOON,
          "--unit-value", "1"], 3, "must be positive"),
        (["rounds", "run", "--lock", "O1:R1:999999"], 3, "which has only"),
        (["rounds", "run", "--lock", "O1:R1:-5"], 3, "a positive quantity"),
        (["rounds", "run", "--lock", "O1-R1-5"], 3, "is not OFFER:NEED:QUANTITY"),
        (["needs", "add", "--item", "155mm-he-round", "--quantity", "5", "--priority", "9", "--needed-by", SOON],
         3, "priority must be 1 (low) to 5 (high)"),
        (["needs", "add", "--item", "155mm-he-round", "--quantity", "5", "--priority", "5", "--needed-by", SOON,
          "--crew-for", "R999"], 3, "R999, which is not a requirement"),
        (["offers", "add", "--donor", "DEU", "--item", "gmlrs", "--quantity", "5", "--available-on", "soon",
          "--unit-value", "1"], 3, "not a date"),
        (["courses", "add", "--host", "GBR", "--course-type", "gmlrs", "--seats", "5", "--starts", SOON,
          "--ends", SOON], 3, "not a course type"),
        (["courses", "add", "--host", "GBR", "--course-type", "course-himars-crew", "--seats", "5", "--starts", SOON,
          "--ends", "2020-01-01"], 3, "before it starts"),
        (["restrictions", "add", "--donor", "XXX", "--use", "x", "--action", "imposed", "--on", "2024-01-01"],
         5, "unknown nation 'XXX'"),
        (["needs", "approve", "R999"], 5, "no requirement R999"),
        (["courses", "add", "--host", "ATL", "--course-type", "course-himars-crew", "--seats", "5", "--starts", SOON,
          "--ends", SOON], 5, "unknown nation 'ATL'"),
        (["restrictions", "add", "--donor", "DEU", "--use", "x", "--action", "lifted", "--on", "2024-01-01",
          "--scope", "nothing"], 3, "neither an item"),
        (["accept", "99"], 5, "no allocation round 99"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_clearly_with_nothing_written(database: Path, cli: Cli, args, code, message):
    before = counts(database)
    refused = cli(*args)
    assert refused.code == code, refused.err
    assert message in refused.err
    assert counts(database) == before


def test_lists_import_all_or_nothing_and_export_to_csv_and_xlsx(database: Path, cli: Cli, tmp_path: Path):
    bad = tmp_path / "needs.csv"
    bad.write_text(f"item,quantity,priority,needed_by\n155mm-he-round,10,5,{SOON}\nlaser,-1,5,2020-01-01\n")
    before = counts(database)
    rejected = cli("needs", "import", str(bad))
    assert rejected.code == 4
    assert "needs.csv, row 3, column 'item'" in rejected.err and "row 3, column 'quantity'" in rejected.err
    assert counts(database) == before
    offers = tmp_path / "offers.csv"
    offers.write_text(f"donor,item,quantity,available_on,unit_value,currency\nXXX,gmlrs,5,{SOON},1,EUR\n")
    assert "unknown nation 'XXX'" in cli("offers", "import", str(offers)).err
    for suffix in ("csv", "xlsx"):
        assert cli("needs", "export", str(tmp_path / f"needs.{suffix}")).code == 0
        assert cli("offers", "export", str(tmp_path / f"offers.{suffix}")).code == 0
    for kind, columns, required in (("needs", (*NEED_COLUMNS, *NEED_PROGRESS_COLUMNS), NEED_REQUIRED),
                                    ("offers", (*OFFER_COLUMNS, *OFFER_STATE_COLUMNS), OFFER_REQUIRED)):  # fmt: skip
        from_csv, _ = read_table(tmp_path / f"{kind}.csv", columns, required)
        from_xlsx, _ = read_table(tmp_path / f"{kind}.xlsx", columns, required)
        assert [r.fields for r in from_xlsx] == [r.fields for r in from_csv] and len(from_csv) > 10
    assert cli("needs", "import", str(tmp_path / "needs.xlsx")).code == 6  # the ids exist already
    fresh = tmp_path / "fresh.xlsx"
    write_table(fresh, NEED_COLUMNS, [{"item": "atacms", "quantity": "5", "priority": "3", "needed_by": SOON,
                                       "intended_use": "strikes-deep-inside-russia"}])  # fmt: skip
    assert cli("needs", "import", str(fresh)).code == 0
    assert counts(database)["requirements"] == before["requirements"] + 1


def test_registers_list_as_tables_and_json(database: Path, cli: Cli):
    for group in ("needs", "offers", "courses", "restrictions", "rounds"):
        shown = cli(group, "list")
        assert shown.code == 0, (group, shown.err)
        assert cli(group, "list", "--json").json()
    assert "155mm-he-round" in cli("catalogue", "list").out
    added = cli("restrictions", "add", "--donor", "DEU", "--use", "strikes-deep-inside-russia", "--action",
                "lifted", "--on", "2025-01-01", "--scope", "iris-t-slm-missile")  # fmt: skip
    assert added.code == 0 and "lifted" in added.out
    course = cli("courses", "add", "--host", "GBR", "--course-type", "course-himars-crew", "--seats", "12",
                 "--starts", SOON, "--ends", SOON, "--seat-value", "50000", "--currency", "GBP")  # fmt: skip
    assert course.code == 0, course.err
