"""Who entered what, offers and courses withdrawn, the catalogue extended, and a line shown in full: as a user
meets them on the command line, each refusal clear and with nothing written."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli

SOON = (date.today() + timedelta(days=30)).isoformat()
REASONS = {"no-compatible-offer", "outbid", "short-of-supply", "restricted", "too-late"}
TABLES = ("catalogue_items", "supply_withdrawals", "offers", "requirements", "rounds")


def counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def add_offer(cli: Cli, item: str = "demining-vehicle", quantity: str = "3") -> str:
    offered = cli("offers", "add", "--donor", "NOR", "--item", item, "--quantity", quantity, "--available-on", SOON,
                  "--unit-value", "2.5m", "--currency", "NOK", "--json")  # fmt: skip
    assert offered.code == 0, offered.err
    return str(offered.json()[0]["id"])


def test_offers_courses_and_restrictions_record_who_entered_them(database: Path, cli: Cli):
    offer = add_offer(cli)
    listed = next(o for o in cli("offers", "list", "--json").json() if o["id"] == offer)
    assert listed["recorded_by"] == "tester" and listed["recorded_at"].startswith(date.today().isoformat()[:4])
    assert "tester" in cli("offers", "list").out
    course = cli("courses", "add", "--host", "GBR", "--course-type", "course-himars-crew", "--seats", "12",
                 "--starts", SOON, "--ends", SOON, "--json").json()  # fmt: skip
    assert course["recorded_by"] == "tester" and course["recorded_at"]
    change = cli("restrictions", "add", "--donor", "DEU", "--use", "strikes-deep-inside-russia", "--action",
                 "lifted", "--on", "2025-01-01", "--scope", "iris-t-slm-missile", "--json").json()  # fmt: skip
    assert change["recorded_by"] == "tester"
    assert [c["recorded_by"] for c in cli("restrictions", "list", "--json").json()][-1] == "tester"


def test_a_withdrawn_offer_leaves_the_pool_and_an_older_round_using_it_cannot_be_accepted(database: Path, cli: Cli):
    need = cli("needs", "add", "--item", "demining-vehicle", "--quantity", "4", "--priority", "5",
               "--needed-by", SOON, "--json").json()[0]["id"]  # fmt: skip
    assert cli("needs", "approve", need).code == 0
    offer = add_offer(cli)
    before = cli("rounds", "run", "--json").json()["round"]["number"]
    assert cli("offers", "withdraw", offer).code == 2  # --reason is required
    withdrawn = cli("offers", "withdraw", offer, "--reason", "needed at home", "--json")
    assert withdrawn.code == 0, withdrawn.err
    assert withdrawn.json()[0] | {"recorded_at": None} == {"supply": offer, "reason": "needed at home",
                                                           "recorded_by": "tester", "recorded_at": None}  # fmt: skip
    refused = cli("accept", str(before))
    assert refused.code == 6 and f"assigns {offer}" in refused.err and "withdrawn since it was run" in refused.err
    again = cli("offers", "withdraw", offer, "--reason", "twice")
    assert again.code == 6 and "withdrawn already" in again.err
    after = cli("rounds", "run", "--json").json()["round"]["result"]
    assert all(a["offer"] != offer for a in after["assignments"])
    assert next(s for s in after["shortfalls"] if s["need"] == need)["reason"] == "no-compatible-offer"
    shown = next(o for o in cli("offers", "list", "--json").json() if o["id"] == offer)
    assert (shown["status"], shown["left"], shown["committed"]) == ("withdrawn", 0, 0)
    assert cli("offers", "withdraw", "O999", "--reason", "x").code == 5


def test_the_catalogue_is_extended_from_the_command_line_and_the_item_can_be_used(database: Path, cli: Cli):
    added = cli("catalogue", "add", "--code", "155mm-he-ammo-x", "--name", "155 mm round of a new maker",
                "--family", "155mm-nato", "--capability", "ammunition", "--kind", "ammunition",
                "--fires-from", "caesar;pzh-2000", "--json")  # fmt: skip
    assert added.code == 0, added.err
    assert added.json()["recorded_by"] == "tester"
    listed = {i["code"]: i for i in cli("catalogue", "list", "--json").json()}
    assert listed["155mm-he-ammo-x"]["fires_from"] == ["caesar", "pzh-2000"]
    assert "tester" in cli("catalogue", "list").out
    need = cli("needs", "add", "--item", "155mm-he-round", "--quantity", "10", "--priority", "5",
               "--needed-by", SOON, "--json").json()[0]["id"]  # fmt: skip
    assert cli("needs", "approve", need).code == 0
    offer = add_offer(cli, item="155mm-he-ammo-x", quantity="10")  # a new maker's round serves the family's needs
    result = cli("rounds", "run", "--json").json()["round"]["result"]
    served = {a["need"]: a["quantity"] for a in result["assignments"] if a["offer"] == offer}
    items = {line["id"]: line["item"] for line in cli("needs", "list", "--json").json()}
    assert sum(served.values()) == 10 and {items[n] for n in served} <= {"155mm-he-round", "155mm-he-m795"}
    assert cli("restrictions", "add", "--donor", "NOR", "--use", "x", "--action", "imposed", "--on", SOON,
               "--scope", "155mm-he-ammo-x").code == 0  # fmt: skip


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--code", "155mm-he-round", "--family", "155mm-nato", "--kind", "ammunition"], "in the catalogue already"),
        (["--code", "155mm-he-y", "--family", "155mm-natoo", "--kind", "ammunition"], "unknown family '155mm-natoo'"),
        (["--code", "155mm-he-y", "--family", "155mm-nato", "--kind", "ammunition", "--fires-from", "big-bertha"],
         "'big-bertha' is not a platform"),
        (["--code", "155mm-he-y", "--family", "155mm-nato", "--kind", "ammunition", "--fires-from", "gmlrs"],
         "'gmlrs' is not a platform"),
        (["--code", "new-gun", "--family", "155mm-nato", "--kind", "platform"], "holds items of kind ammunition"),
        (["--code", "new-gun", "--family", "new-gun", "--kind", "platform", "--fires-from", "caesar"],
         "only ammunition names"),
        (["--code", "New Gun", "--family", "New Gun", "--kind", "platform"], "is not a code"),
        (["--code", "155mm-nato", "--family", "155mm-nato", "--kind", "ammunition"], "is the name of a family"),
    ],
)  # fmt: skip
def test_a_bad_catalogue_item_is_refused_with_nothing_added(database: Path, cli: Cli, options, message):
    before = counts(database)
    refused = cli("catalogue", "add", "--name", "test item", "--capability", "artillery", *options)
    assert refused.code == 3, refused.err
    assert message in refused.err and "nothing was added" in refused.err
    assert counts(database) == before


def test_a_partly_met_line_shows_how_much_is_met_by_whom_and_what_is_open_and_why(
    database: Path, cli: Cli, tmp_path: Path
):
    need = cli("needs", "add", "--item", "demining-vehicle", "--quantity", "5", "--priority", "5",
               "--needed-by", SOON, "--json").json()[0]["id"]  # fmt: skip
    assert "awaiting approval" in cli("needs", "show", need).out
    assert cli("needs", "approve", need).code == 0
    assert "no round has run" in cli("needs", "show", need, "--json").json()["progress"]["why_open"]
    offer = add_offer(cli, quantity="3")
    number = cli("rounds", "run", "--json").json()["round"]["number"]
    assert cli("accept", str(number)).code == 0
    assert cli("deliveries", "confirm", "--requirement", need, "--offer", offer, "--quantity", "1").code == 0
    shown = cli("needs", "show", need)
    assert shown.code == 0, shown.err
    assert "partly-met: committed 3, delivered 1, open 2" in shown.out.replace("status ", "")
    assert "NOR" in shown.out
    body = cli("needs", "show", need, "--json").json()
    assert body["commitments"] == [{"offer": offer, "donor": "NOR", "item": "demining-vehicle", "rounds": [number],
                                    "quantity": 3, "delivered": 1}]  # fmt: skip
    assert [e["decision"] for e in body["events"]] == ["proposed", "approved"]
    why = body["progress"]["why_open"]  # the newest round's reason (which one is the optimiser's to explain)
    assert f"(round {number}: 2 short)" in why and why.split(":")[0] in REASONS and f"why open: {why}" in shown.out
    assert cli("needs", "export", str(tmp_path / "needs.csv")).code == 0
    exported = (tmp_path / "needs.csv").read_text().splitlines()
    assert exported[0].endswith("status,committed,delivered,open,committed_by,why_open")
    row = next(line for line in exported if line.startswith(f"{need},"))
    assert ",partly-met,3,1,2,NOR 3," in row
    assert cli("needs", "show", "R999").code == 5
