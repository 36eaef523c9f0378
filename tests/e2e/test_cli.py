"""The CLI as a user meets it: the shipped data, the ledger commands, and every bad input answered clearly."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

from ramstein.adapters.importers.shipped import shipped_gdp, shipped_kiel_release_dir
from tests.e2e.conftest import Cli

PLEDGE = ["ledger", "add", "--kind", "pledge", "--donor", "DNK", "--amount", "10.5bn", "--currency", "EUR",
          "--on", "2024-07-10", "--starts", "2024-01-01", "--ends", "2027-12-31", "--source", "MoD"]  # fmt: skip


def entry_count(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT count(*) FROM ledger_entries").fetchone()[0]


def test_init_again_changes_nothing_and_the_totals_equal_the_trackers(database: Path, cli: Cli):
    again = cli("init")
    assert again.code == 0, again.err
    assert "already imported, nothing changed" in again.out
    overview = cli("overview", "--json").json()
    assert Decimal(overview["totals"]["total"]) == Decimal("358399501000")  # Kiel: 358.40 bn
    assert Decimal(overview["totals"]["military"]) == Decimal("172992996000")  # Kiel: 172.99 bn
    assert overview["rows"][0]["code"] == "USA"


def test_the_overview_table_names_its_sources(database: Path, cli: Cli):
    shown = cli("overview")
    assert shown.code == 0
    assert "Release 29" in shown.out and "World Bank" in shown.out and "ECB" in shown.out
    assert "172.99" in shown.out


def test_seed_figures_of_the_coalition_debate(database: Path, cli: Cli):
    usd = cli("fx", "convert", "100bn", "USD", "DKK", "--on", "2024-04-02", "--json").json()
    assert abs(Decimal(usd["result"]["amount"]) / 10**9 - 690) < 10  # "USD 100 bn ≈ DKK 690 bn"
    eur = cli("fx", "convert", "40bn", "EUR", "DKK", "--on", "2024-04-02", "--json").json()
    assert round(Decimal(eur["result"]["amount"]) / 10**9) == 298


def test_a_weekend_date_uses_the_last_rate_and_says_so(database: Path, cli: Cli):
    shown = cli("fx", "convert", "100", "USD", "EUR", "--on", "2024-04-07")
    assert shown.code == 0
    assert "ECB rate of 2024-04-05 (last published on or before 2024-04-07)" in shown.out


def test_a_date_with_no_rate_is_an_error_with_a_way_out(database: Path, cli: Cli):
    stopped = cli("fx", "convert", "100", "RUB", "EUR", "--on", "2023-01-02")
    assert stopped.code == 7
    assert "stopped publishing RUB after 2022-03-01" in stopped.err
    future = cli("fx", "convert", "100", "USD", "EUR", "--on", "2026-11-20")
    assert future.code == 7
    assert "ramstein data update --fx" in future.err


def test_record_list_show_reverse_and_verify(database: Path, cli: Cli):
    added = cli(*PLEDGE, "--json")
    assert added.code == 0, added.err
    seq = added.json()["entry"]["seq"]
    assert added.json()["entry"]["recorded_by"] == "tester"
    listed = cli("ledger", "list", "--donor", "DNK", "--kind", "pledge", "--json").json()
    assert [e["seq"] for e in listed["entries"]] == [seq]
    reversed_ = cli("ledger", "reverse", str(seq), "--reason", "announced twice", "--json")
    assert reversed_.code == 0
    shown = cli("ledger", "show", str(seq), "--json").json()
    assert shown["reversed_by"] == seq + 1
    again = cli("ledger", "reverse", str(seq), "--reason", "again")
    assert again.code == 6 and f"already reversed by entry #{seq + 1}" in again.err
    live = cli("ledger", "list", "--donor", "DNK", "--kind", "pledge", "--live", "--json").json()
    assert live["total"] == 0
    verified = cli("verify")
    assert verified.code == 0 and "Ledger intact" in verified.out


def test_bad_input_is_answered_with_what_to_do_and_nothing_is_recorded(database: Path, cli: Cli):
    before = entry_count(database)
    cases = {
        ("--amount", "1,5"): (3, "malformed amount"),
        ("--currency", "XYZ"): (3, "ISO 4217"),
        ("--donor", "XXX"): (5, "unknown nation XXX"),
        ("--on", "2024-13-01"): (3, "YYYY-MM-DD"),
    }
    for (option, value), (code, message) in cases.items():
        args = list(PLEDGE)
        args[args.index(option) + 1] = value
        result = cli(*args)
        assert result.code == code, (option, result.err)
        assert message in result.err
        assert "what to do" in result.err or "--" in result.err
    assert entry_count(database) == before


def test_a_duplicate_external_id_is_refused(database: Path, cli: Cli):
    assert cli(*PLEDGE, "--external-id", "dnk-2024-07").code == 0
    again = cli(*PLEDGE, "--external-id", "dnk-2024-07")
    assert again.code == 6 and "external id 'dnk-2024-07' is already recorded" in again.err


def test_unknown_entry_and_missing_database(database: Path, cli: Cli, tmp_path: Path, monkeypatch):
    missing = cli("ledger", "show", "999999")
    assert missing.code == 5 and "ledger list" in missing.err
    monkeypatch.setenv("RAMSTEIN_DATABASE_URL", f"sqlite:///{tmp_path / 'nothing-here.db'}")
    empty = cli("overview")
    assert empty.code == 9 and "ramstein init" in empty.err


def test_verify_finds_an_edited_row(database: Path, cli: Cli):
    with sqlite3.connect(database) as conn:  # an attacker with write access drops the guard first
        conn.execute("DROP TRIGGER ledger_entries_no_update")
        conn.execute("UPDATE ledger_entries SET amount = '1' WHERE seq = 10")
    broken = cli("verify")
    assert broken.code == 8
    assert "entry #10 was changed after it was recorded" in broken.err
    as_json = cli("verify", "--json")
    assert as_json.code == 8 and as_json.json()["broken_at"] == 10


def test_csv_import_is_all_or_nothing(database: Path, cli: Cli, tmp_path: Path):
    good = tmp_path / "good.csv"
    good.write_text("kind,donor,amount,currency,date,external_id\npledge,NOR,6.6bn,NOK,2024-02-01,nor-1\n")
    assert cli("import", "ledger", str(good)).code == 0
    before = entry_count(database)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "kind,donor,amount,currency,date,external_id\n"
        "delivery,DEU,12,EUR,2024-03-01,deu-1\n"
        "delivery,DEU,1.2.3,EUR,2024-03-01,deu-2\n"
        "pledge,NOR,6.6bn,NOK,2024-02-01,nor-1\n"
        "delivery,DEU,12,EUX,2024-03-01,deu-3\n"
    )
    rejected = cli("import", "ledger", str(bad))
    assert rejected.code == 4
    for expected in ("row 3, column 'amount'", "row 4, column 'external_id'", "row 5, column 'currency'"):
        assert expected in rejected.err
    assert entry_count(database) == before
    rejects = tmp_path / "rejects.csv"
    skipped = cli("import", "ledger", str(bad), "--skip-invalid", str(rejects))
    assert skipped.code == 0 and entry_count(database) == before + 1
    assert [line.split(",")[0] for line in rejects.read_text().splitlines()[1:]] == ["3", "4", "5"]


def test_a_truncated_csv_is_rejected_whole(database: Path, cli: Cli, tmp_path: Path):
    cut = tmp_path / "cut.csv"
    cut.write_text('kind,donor,amount,currency,date,note\npledge,NOR,1,NOK,2024-02-01,"ok"\npledge,NOR,2,NOK,2024-0')
    before = entry_count(database)
    result = cli("import", "ledger", str(cut), "--skip-invalid", str(tmp_path / "rejects.csv"))
    assert result.code == 4
    assert "row 3" in result.err
    cut.write_text('kind,donor,amount,currency,date,note\npledge,NOR,1,NOK,2024-02-01,"unterminated')
    result = cli("import", "ledger", str(cut), "--skip-invalid", str(tmp_path / "rejects.csv"))
    assert result.code == 4 and "cut short" in result.err
    assert entry_count(database) == before


def test_a_newer_tracker_release_supersedes_through_reversals(database: Path, cli: Cli, tmp_path: Path):
    newer = tmp_path / "release-30"
    shutil.copytree(shipped_kiel_release_dir(), newer)
    info = newer / "release_info.csv"
    info.write_text(info.read_text().replace('"29"', '"30"').replace("Release 29", "Release 30"))
    explorer = newer / "data_explorer.csv"  # Australia, 2022-02: military 0.002645 -> 0.003645 bn
    explorer.write_text(explorer.read_text().replace("2022,2,0.002645,0,0,0.002645", "2022,2,0.003645,0,0,0.003645"))
    totals = newer / "total_allocations.csv"
    totals.write_text(totals.read_text().replace("2022,2,3.123279,", "2022,2,3.124279,"))
    imported = cli("import", "kiel", str(newer), "--json")
    assert imported.code == 0, imported.err
    assert (imported.json()["added"], imported.json()["reversed"]) == (1, 1)
    assert Decimal(imported.json()["in_force"]["military"]) == Decimal("172993996000")
    assert cli("import", "kiel", str(newer), "--json").json()["added"] == 0
    older = cli("import", "kiel", str(shipped_kiel_release_dir()))
    assert older.code == 6 and "older" in older.err


def test_an_edited_tracker_file_is_rejected(database: Path, cli: Cli, tmp_path: Path):
    edited = tmp_path / "release"
    shutil.copytree(shipped_kiel_release_dir(), edited)
    explorer = edited / "data_explorer.csv"
    explorer.write_text(explorer.read_text().replace("2022,2,0.002645,0,0,0.002645", "2022,2,0.003645,0,0,0.003645"))
    result = cli("import", "kiel", str(edited))
    assert result.code == 4 and "2022-02" in result.err


def test_data_update_reports_what_a_newer_file_changes(database: Path, cli: Cli, tmp_path: Path):
    wrong = cli("data", "update", "--fx", str(shipped_gdp()))
    assert wrong.code == 4 and "--gdp" in wrong.err
    revised = tmp_path / "gdp.csv"
    lines = shipped_gdp().read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Denmark,DNK,2023,"))
    lines[at] = "Denmark,DNK,2023,400000000000"
    revised.write_text("\n".join(lines) + "\n")
    dry = cli("data", "update", "--gdp", str(revised), "--dry-run")
    assert dry.code == 0 and "1 values revised" in dry.out
    done = cli("data", "update", "--gdp", str(revised), "--json").json()
    assert done["stored"] and done["diff"]["changed"] == 1
    kinds = [d["kind"] for d in cli("data", "list", "--json").json()]
    assert kinds.count("gdp") == 2  # the old dataset stays


def test_nations_lists_the_allies_with_accession_dates(database: Path, cli: Cli):
    allies = cli("nations", "--body", "NATO", "--json").json()
    assert len(allies) == 32
    finland = next(n for n in allies if n["code"] == "FIN")
    assert next(m for m in finland["memberships"] if m["body"] == "NATO")["since"] == "2023-04-04"
    before_sweden = cli("nations", "--body", "NATO", "--on", "2024-03-06", "--json").json()
    assert "SWE" not in {n["code"] for n in before_sweden}


def test_an_anchor_noted_earlier_detects_a_ledger_cut_back(database: Path, cli: Cli):
    assert cli(*PLEDGE).code == 0
    head = cli("verify").out.split("Head: ")[1].strip()
    assert cli("verify", "--anchor", head).code == 0
    with sqlite3.connect(database) as conn:  # cutting entries from the end leaves a self-consistent chain
        conn.execute("DROP TRIGGER ledger_entries_no_delete")
        conn.execute("DELETE FROM ledger_entries WHERE seq = (SELECT max(seq) FROM ledger_entries)")
    assert cli("verify").code == 0
    cut = cli("verify", "--anchor", head)
    assert cut.code == 8 and "is missing: the ledger was cut back" in cut.err
    assert cli("verify", "--anchor", "12:abc").code == 3


def test_the_overview_counts_allies_as_they_were_each_year(database: Path, cli: Cli):
    """Finland joined in 2023 and Sweden in 2024: their 2022 aid is not the allies' (as in the fair-share report)."""
    by_year = cli("overview", "--json").json()["allies_military_by_year"]
    rounded = {year: round(Decimal(value) / 10**9, 2) for year, value in by_year.items()}
    assert rounded["2022"] == Decimal("36.66") and rounded["2023"] == Decimal("44.67")
    assert rounded["2024"] == Decimal("41.15")
