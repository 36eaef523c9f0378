"""`ramstein allocate` on plain CSV files, end to end through the real entry point (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli import run_cli

NEEDS = """id,item,quantity,priority,needed_by,intended_use
n1,155mm,100,5,2025-01-01,
n2,155mm,50,3,2025-01-01,strike
n3,patriot,4,5,2025-01-01,
"""
OFFERS = """id,donor,item,quantity,available_on,forbidden_uses
o1,DEU,155mm,120,2024-12-01,
o2,USA,155mm,40,2025-02-01,strike
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "needs.csv").write_text(NEEDS)
    (tmp_path / "offers.csv").write_text(OFFERS)
    return tmp_path / "needs.csv", tmp_path / "offers.csv"


def test_json_has_status_objective_assignments_and_shortfalls(capsys, monkeypatch, files):
    needs, offers = files
    done = run_cli(capsys, monkeypatch, "allocate", "--needs", str(needs), "--offers", str(offers), "--json")
    assert done.code == 0, done.err
    body = done.json()
    assert body["status"] == "optimal"
    assert body["objective"] == pytest.approx(70 * 5 + 30 * 5 * 59 / 90 + 50 * 3)
    assert body["bound"] == body["objective"]
    assert {(a["offer"], a["need"], a["quantity"]) for a in body["assignments"]} == {
        ("o1", "n1", 70),
        ("o2", "n1", 30),
        ("o1", "n2", 50),
    }
    assert body["shortfalls"] == [
        {"need": "n3", "quantity": 4, "reason": "no-compatible-offer", "detail": "no offer of patriot"}
    ]


def test_locks_file_and_table_output(capsys, monkeypatch, files, tmp_path):
    needs, offers = files
    (tmp_path / "locks.csv").write_text("offer,need,quantity\no1,n2,50\n")
    args = ("allocate", "--needs", str(needs), "--offers", str(offers), "--locks", str(tmp_path / "locks.csv"))
    done = run_cli(capsys, monkeypatch, *args)
    assert done.code == 0, done.err
    assert "status: optimal" in done.out
    assert "no-compatible-offer" in done.out


def test_a_bad_file_exits_4_with_every_problem(capsys, monkeypatch, files, tmp_path):
    _, offers = files
    bad = tmp_path / "bad.csv"
    bad.write_text("id,item,quantity,priority,needed_by\nn1,155mm,-1,9,2025-01-01\n")
    done = run_cli(capsys, monkeypatch, "allocate", "--needs", str(bad), "--offers", str(offers), "--json")
    assert done.code == 4
    issues = done.json()["error"]["issues"]
    assert {i["column"] for i in issues} == {"quantity", "priority"}


def test_an_infeasible_lock_is_a_status(capsys, monkeypatch, files, tmp_path):
    needs, offers = files
    (tmp_path / "locks.csv").write_text("offer,need,quantity\no2,n2,1\n")
    args = ("allocate", "--needs", str(needs), "--offers", str(offers), "--locks", str(tmp_path / "locks.csv"))
    done = run_cli(capsys, monkeypatch, *args, "--json")
    assert done.code == 0
    assert done.json()["status"] == "infeasible"
    assert "forbid the use 'strike'" in done.json()["message"]


def test_the_shipped_catalogue_adds_substitutions_for_the_items_it_knows(capsys, monkeypatch, tmp_path):
    needs, offers = tmp_path / "needs.csv", tmp_path / "offers.csv"
    needs.write_text(
        "id,item,quantity,priority,needed_by\nn1,155mm-he-round,15,5,2025-01-01\nn2,155mm,5,5,2025-01-01\n"
    )
    offers.write_text("id,donor,item,quantity,available_on\no1,DEU,155mm-he-dm121,10,2025-01-01\n"
                      "o2,FRA,155mm-he-m795,5,2025-01-01\n")  # fmt: skip
    done = run_cli(capsys, monkeypatch, "allocate", "--needs", str(needs), "--offers", str(offers), "--json")
    assert done.code == 0, done.err
    body = done.json()
    assigned = sorted((a["offer"], a["need"], a["quantity"]) for a in body["assignments"])
    assert assigned == [("o1", "n1", 10), ("o2", "n1", 5)]
    assert [(s["need"], s["reason"]) for s in body["shortfalls"]] == [("n2", "no-compatible-offer")]  # unknown item
