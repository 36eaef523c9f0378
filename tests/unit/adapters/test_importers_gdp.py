"""The World Bank GDP reader: the shipped file, aggregates left out, and bad files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ramstein.adapters.importers import read_gdp, read_nations, shipped_gdp, shipped_nations
from ramstein.adapters.importers.worldbank import VALUE_SOURCE
from ramstein.domain.issues import DataIssue
from ramstein.domain.nations import GdpValue
from ramstein.domain.reference import DatasetInfo, DatasetKind

LOADED_AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
KNOWN = {"AFG", "DEU", "BHS", "XKX"}
LINES = [
    "Country Name,Country Code,Year,Value",
    "Afghanistan,AFG,2000,3521418059.923445",
    "Afghanistan,AFG,2001,2813571753.8725324",
    '"Bahamas, The",BHS,2001,190098039.21568626',
    "World,WLD,2001,33000000000000",
]
SAMPLE = "\n".join(LINES) + "\n"


@dataclass(frozen=True)
class Shipped:
    values: dict[tuple[str, int], GdpValue]
    info: DatasetInfo
    issues: list[DataIssue]


@pytest.fixture(scope="module")
def shipped() -> Shipped:
    nations, _, _ = read_nations(*shipped_nations(), loaded_at=LOADED_AT)
    values, info, issues = read_gdp(shipped_gdp(), {n.code for n in nations}, loaded_at=LOADED_AT)
    return Shipped({(v.nation, v.year): v for v in values}, info, issues)


def write(tmp_path: Path, text: str, name: str = "gdp.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def only_issue(path: Path) -> DataIssue:
    values, _, issues = read_gdp(path, KNOWN, loaded_at=LOADED_AT)
    assert values == [], "a file with an issue must give no values"
    assert len(issues) == 1, issues
    return issues[0]


class TestShippedFile:
    def test_reads_without_issues(self, shipped: Shipped) -> None:
        assert shipped.issues == []
        assert shipped.info.kind is DatasetKind.GDP
        assert shipped.info.rows == len(shipped.values)
        assert shipped.info.label.startswith("World Bank GDP (current US$) 1960 to 2023")

    def test_usa_2023_in_us_dollars_with_its_source(self, shipped: Shipped) -> None:
        usa = shipped.values[("USA", 2023)]
        assert usa.value.currency == "USD"
        assert usa.value.amount == Decimal("27360935000000.0")
        assert usa.source == VALUE_SOURCE == "World Bank NY.GDP.MKTP.CD, current US$, via datahub core/gdp"

    def test_world_bank_aggregates_are_dropped(self, shipped: Shipped) -> None:
        codes = {code for code, _ in shipped.values}
        assert not codes & {"WLD", "EUU", "EMU", "EAS", "HIC", "OED"}
        assert {"USA", "DEU", "DNK", "UKR", "XKX"} <= codes

    def test_no_2024_yet(self, shipped: Shipped) -> None:
        assert max(year for _, year in shipped.values) == 2023


class TestSmallFiles:
    def test_only_known_codes_are_kept_and_quoted_names_read(self, tmp_path: Path) -> None:
        values, info, issues = read_gdp(write(tmp_path, SAMPLE), KNOWN, loaded_at=LOADED_AT)
        assert issues == []
        assert [(v.nation, v.year) for v in values] == [("AFG", 2000), ("AFG", 2001), ("BHS", 2001)]
        assert values[0].value.amount == Decimal("3521418059.923445")  # every digit, straight from the text
        assert info.rows == 3 and info.label == "World Bank GDP (current US$) 2000 to 2001, 2 nations"

    def test_an_empty_value_is_no_figure_not_an_error(self, tmp_path: Path) -> None:
        values, _, issues = read_gdp(
            write(tmp_path, SAMPLE.replace("2813571753.8725324", "")), KNOWN, loaded_at=LOADED_AT
        )
        assert issues == []
        assert len(values) == 2

    def test_scientific_notation_is_exact(self, tmp_path: Path) -> None:
        text = SAMPLE.replace("3521418059.923445", "3.521418059923445E9")
        values, _, issues = read_gdp(write(tmp_path, text), KNOWN, loaded_at=LOADED_AT)
        assert issues == []
        assert values[0].value.amount == Decimal("3521418059.923445")


class TestBadFiles:
    def test_an_ecb_file_given_by_mistake(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, "Date,USD,DKK,\n2024-04-02,1.0749,7.4582,\n", "eurofxref-hist.csv"))
        assert issue.row == 1
        assert "Country Name,Country Code,Year,Value" in issue.message and "--fx" in issue.message

    @pytest.mark.parametrize("bad", ["abc", "-5", "0", "3,521,418,059", "1.2bn"])
    def test_malformed_value(self, tmp_path: Path, bad: str) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("2813571753.8725324", f'"{bad}"')))
        assert (issue.row, issue.column) == (3, "Value")
        assert "US dollars" in issue.message and "no thousands separators" in issue.message

    def test_malformed_year(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("AFG,2001", "AFG,20O1")))
        assert (issue.row, issue.column) == (3, "Year")

    def test_malformed_code(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("AFG,2001", "afghan,2001")))
        assert (issue.row, issue.column) == (3, "Country Code")

    def test_duplicate_year(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("AFG,2001", "AFG,2000")))
        assert (issue.row, issue.column) == (3, "Year")
        assert "also on row 2" in issue.message

    def test_truncated_file(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE[: SAMPLE.rindex(",2001,3")]))
        assert issue.row == 5 and "cut short" in issue.message

    def test_empty_file(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, "\n\n"))
        assert issue.row == 0 and "empty" in issue.message

    def test_no_known_nation(self, tmp_path: Path) -> None:
        values, _, issues = read_gdp(write(tmp_path, SAMPLE), {"USA"}, loaded_at=LOADED_AT)
        assert values == []
        assert issues[0].row == 0 and "no GDP value for any known nation" in issues[0].message
