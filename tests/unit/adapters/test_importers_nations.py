"""The nations reader: the shipped list and memberships, and bad files."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ramstein.adapters.importers import read_nations, shipped_nations
from ramstein.domain.issues import DataIssue
from ramstein.domain.nations import Body, NationRegistry
from ramstein.domain.reference import DatasetKind

LOADED_AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
TODAY = LOADED_AT.date()
NATIONS = (
    "code,iso2,name,currency,is_country\n"
    "DNK,DK,Denmark,DKK,true\n"
    "GBR,GB,United Kingdom,GBP,true\n"
    "EU,,EU institutions (Commission and Council),EUR,false\n"
)
MEMBERSHIPS = (
    "code,body,since,until,approximate,note\n"
    "DNK,NATO,1949-08-24,,false,\n"
    "GBR,EU,1973-01-01,2020-02-01,false,left on 2020-01-31\n"
    "DNK,UDCG,,,true,approximate\n"
)


@pytest.fixture(scope="module")
def registry() -> NationRegistry:
    nations, info, issues = read_nations(*shipped_nations(), loaded_at=LOADED_AT)
    assert issues == []
    assert info.kind is DatasetKind.NATIONS and info.rows == len(nations) == 251
    return NationRegistry(nations)


def read(tmp_path: Path, nations: str = NATIONS, memberships: str = MEMBERSHIPS) -> tuple[list, list[DataIssue]]:
    (tmp_path / "nations.csv").write_text(nations, encoding="utf-8")
    (tmp_path / "memberships.csv").write_text(memberships, encoding="utf-8")
    found, _, issues = read_nations(tmp_path / "nations.csv", tmp_path / "memberships.csv", loaded_at=LOADED_AT)
    return found, issues


def only_issue(tmp_path: Path, nations: str = NATIONS, memberships: str = MEMBERSHIPS) -> DataIssue:
    found, issues = read(tmp_path, nations, memberships)
    assert found == [], "a file with an issue must give no nations"
    assert len(issues) == 1, issues
    return issues[0]


class TestShippedFiles:
    def test_32_nato_allies_with_the_latest_accessions(self, registry: NationRegistry) -> None:
        allies = registry.members(Body.NATO, TODAY)
        assert len(allies) == 32
        fin, swe = registry.get("FIN").membership(Body.NATO), registry.get("SWE").membership(Body.NATO)
        assert fin is not None and fin.since == date(2023, 4, 4)
        assert swe is not None and swe.since == date(2024, 3, 7)
        assert not registry.get("FIN").member_of(Body.NATO, date(2023, 4, 3))
        assert not registry.get("UKR").member_of(Body.NATO, TODAY)

    def test_27_eu_members_and_the_united_kingdom_left(self, registry: NationRegistry) -> None:
        assert len(registry.members(Body.EU, TODAY)) == 27
        gbr = registry.get("GBR")
        assert gbr.name == "United Kingdom"
        assert gbr.member_of(Body.EU, date(2020, 1, 31))
        assert not gbr.member_of(Body.EU, date(2020, 2, 1))
        assert gbr.member_of(Body.NATO, TODAY)

    def test_contact_group_is_flagged_approximate(self, registry: NationRegistry) -> None:
        participants = registry.members(Body.UDCG, TODAY)
        assert 45 <= len(participants) <= 57
        codes = {n.code for n in participants}
        assert {"AUS", "NZL", "JPN", "KOR", "ISR", "QAT", "MDA", "GEO", "AUT", "IRL", "USA"} <= codes
        assert "UKR" not in codes
        for nation in participants:
            membership = nation.membership(Body.UDCG)
            assert membership is not None and membership.approximate and membership.since is None
            assert "approximate" in membership.note and "no official roster" in membership.note

    def test_currency_fixes(self, registry: NationRegistry) -> None:
        assert registry.get("TUR").currency == "TRY"
        assert registry.get("BGR").currency == "EUR"
        assert registry.get("DNK").currency == "DKK"
        assert registry.get("ATA").currency is None

    def test_organisations_and_kosovo(self, registry: NationRegistry) -> None:
        eu = registry.get("EU")
        assert not eu.is_country and eu.currency == "EUR"
        assert eu.name == "EU institutions (Commission and Council)"
        assert registry.get("XKX").is_country
        assert not registry.get("GRL").is_country  # part of Denmark


class TestSmallFiles:
    def test_reads_nations_and_memberships(self, tmp_path: Path) -> None:
        found, issues = read(tmp_path)
        assert issues == []
        by_code = {n.code: n for n in found}
        assert by_code["DNK"].member_of(Body.NATO, TODAY) and by_code["DNK"].member_of(Body.UDCG, TODAY)
        assert by_code["EU"].memberships == ()
        assert by_code["GBR"].membership(Body.EU).note == "left on 2020-01-31"  # type: ignore[union-attr]

    def test_a_nation_may_rejoin_a_body(self, tmp_path: Path) -> None:
        found, issues = read(tmp_path, memberships=MEMBERSHIPS + "GBR,EU,2030-01-01,,false,rejoined\n")
        assert issues == []
        gbr = next(n for n in found if n.code == "GBR")
        assert gbr.member_of(Body.EU, date(2031, 1, 1)) and not gbr.member_of(Body.EU, date(2025, 1, 1))


class TestBadFiles:
    def test_unknown_nation_in_memberships(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, memberships=MEMBERSHIPS + "FIN,NATO,2023-04-04,,false,\n")
        assert (issue.source, issue.row, issue.column) == ("memberships.csv", 5, "code")
        assert "add it to nations.csv first" in issue.message

    def test_unknown_body(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, memberships=MEMBERSHIPS.replace("DNK,NATO", "DNK,OSCE"))
        assert (issue.row, issue.column) == (2, "body") and "NATO, EU, UDCG" in issue.message

    def test_malformed_date(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, memberships=MEMBERSHIPS.replace("1949-08-24", "24.08.1949"))
        assert (issue.row, issue.column) == (2, "since") and "YYYY-MM-DD" in issue.message

    def test_ends_before_it_starts(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, memberships=MEMBERSHIPS.replace("2020-02-01", "1970-01-01"))
        assert (issue.row, issue.column) == (3, "until")

    def test_exact_membership_without_a_date(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, memberships=MEMBERSHIPS.replace("1949-08-24", ""))
        assert (issue.row, issue.column) == (2, "since") and "approximate" in issue.message

    def test_overlapping_memberships(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, memberships=MEMBERSHIPS + "DNK,NATO,1990-01-01,,false,\n")
        assert (issue.row, issue.column) == (5, "since") and "overlap" in issue.message

    def test_unknown_currency(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, nations=NATIONS.replace("DKK", "DKR"))
        assert (issue.source, issue.row, issue.column) == ("nations.csv", 2, "currency")

    def test_duplicate_nation(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, nations=NATIONS + "DNK,DK,Denmark again,DKK,true\n")
        assert (issue.row, issue.column) == (5, "code") and "also on row 2" in issue.message

    def test_malformed_country_code(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, nations=NATIONS + "Fi,FI,Finland,EUR,true\n")
        assert (issue.row, issue.column) == (5, "code") and "alpha-3" in issue.message

    def test_missing_column(self, tmp_path: Path) -> None:
        found, issues = read(tmp_path, nations=NATIONS.replace(",is_country", ",country"))
        assert found == []
        assert (issues[0].source, issues[0].row, issues[0].column) == ("nations.csv", 1, "is_country")

    def test_empty_memberships_file(self, tmp_path: Path) -> None:
        issue = only_issue(tmp_path, memberships="")
        assert (issue.source, issue.row) == ("memberships.csv", 0) and "empty" in issue.message
