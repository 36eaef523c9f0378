"""`ramstein sources`: read a statement, store it with drafts, review them into the ledger; bad input refused."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli

DANISH = (
    "USA har givet 60 milliarder dollar. Det svarer til omkring 410 milliarder kroner.\n"
    "Regeringen afsætter knap 50 milliarder kroner til en femårig fond.\n"
)


def rows(database: Path, table: str) -> int:
    with sqlite3.connect(database) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def statement(tmp_path: Path) -> Path:
    path = tmp_path / "fmn-2024-04-02.txt"
    path.write_text(DANISH, encoding="utf-8")
    return path


def test_extract_prints_findings_as_json_without_a_database(statement: Path, cli: Cli, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("RAMSTEIN_DATABASE_URL", f"sqlite:///{tmp_path / 'absent' / 'none.db'}")
    result = cli("sources", "extract", str(statement), "--lang", "auto", "--date", "2024-04-02", "--json")
    assert result.code == 0, result.err
    body = result.json()
    assert body["language"] == "da"
    usd, dkk, fund = body["findings"]
    assert {k: usd[k] for k in ("amount", "currency", "qualifier", "kind", "donor", "start", "end", "text")} == {
        "amount": "60000000000", "currency": "USD", "qualifier": None, "kind": None, "donor": "USA",
        "start": 14, "end": 34, "text": "60 milliarder dollar",
    }  # fmt: skip
    assert DANISH[usd["start"] : usd["end"]] == usd["text"]
    assert (dkk["amount"], dkk["currency"], dkk["qualifier"], dkk["conversion_of"]) == (
        "410000000000",
        "DKK",
        "about",
        0,
    )
    assert (fund["kind"], fund["starts"], fund["ends"], fund["donor"]) == ("fund", "2024-01-01", "2028-12-31", "DNK")


def test_add_then_review_turns_a_draft_into_a_sourced_pledge(database: Path, statement: Path, cli: Cli):
    added = cli("sources", "add", str(statement), "--lang", "da", "--date", "2024-04-02", "--json")
    assert added.code == 0, added.err
    drafts = added.json()["drafts"]
    assert [d["amount"] for d in drafts] == ["60000000000", "50000000000"]
    listed = cli("sources", "review")
    assert listed.code == 0 and "2 drafts waiting for review" in listed.out
    before = rows(database, "ledger_entries")
    corrected = cli("sources", "review", str(drafts[1]["draft"]), "--edit", "--amount", "48bn", "--reason", "typo")
    assert corrected.code == 0 and "corrections: {'amount': '48000000000'}" in corrected.out, corrected.err
    assert rows(database, "ledger_entries") == before  # a correction records nothing in the ledger
    bad = cli("sources", "review", str(drafts[1]["draft"]), "--edit", "--amount", "lots", "--donor", "D1")
    assert bad.code == 3 and "amount: malformed amount 'lots'" in bad.err and "donor: 'D1'" in bad.err
    confirmed = cli("sources", "review", str(drafts[1]["draft"]), "--confirm", "--amount", "49bn")
    assert confirmed.code == 0, confirmed.err
    assert "edited: recorded as ledger entry" in confirmed.out
    assert rows(database, "ledger_entries") == before + 1
    entry = cli("ledger", "show", str(before + 1), "--json").json()["entry"]
    assert Decimal(entry["entry"]["amount"]["amount"]) == Decimal("49e9")
    assert entry["entry"]["source"].startswith("source document #1: fmn-2024-04-02.txt (2024-04-02, da)")
    again = cli("sources", "review", str(drafts[1]["draft"]), "--reject", "--reason", "typo")
    assert again.code == 6 and "was edited by tester" in again.err
    rejected = cli("sources", "review", str(drafts[0]["draft"]), "--reject", "--reason", "from Kiel")
    assert rejected.code == 0, rejected.err
    documents = cli("sources", "list", "--json").json()
    assert [(d["id"], d["drafts"], d["waiting"], d["confirmed"], d["rejected"]) for d in documents] == [(1, 2, 0, 1, 1)]


@pytest.mark.parametrize(
    ("text", "args", "code", "message"),
    [
        ("", ["--lang", "da"], 3, "the text is empty"),
        ("Danmark har sendt 19 F-16-fly og 100 kampvogne til Ukraine.", ["--lang", "da"], 3, "no amounts of money"),
        ("Danmark giver 2 mia. kr.", ["--lang", "fr"], 3, "language 'fr' is not supported"),
        ("Le gouvernement a promis 5 milliards d'euros pour la défense du pays.", [], 3, "looks French"),
        ("Norge giver 1,2,3 mia. kr. til Ukraine.", ["--lang", "da"], 3, "'1,2,3' is not a number"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    database: Path, tmp_path: Path, cli: Cli, text, args, code, message
):
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    result = cli("sources", "add", str(path), "--date", "2024-04-02", *args)
    assert result.code == code, result.err
    assert message in result.err and "what to do:" in result.err
    assert rows(database, "source_documents") == rows(database, "source_drafts") == 0


def test_a_date_outside_the_exchange_rates_is_refused(database: Path, statement: Path, cli: Cli):
    result = cli("sources", "add", str(statement), "--date", "2027-01-04")
    assert result.code == 7
    assert "outside the exchange-rate data" in result.err and "--date" in result.err
    assert rows(database, "source_documents") == 0
