"""The ECB rates reader: the shipped file, the ECB's wrappings, and a bad file of every kind."""

from __future__ import annotations

import gzip
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ramstein.adapters.importers import read_ecb_rates, shipped_ecb
from ramstein.adapters.importers.files import MAX_ISSUES
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.reference import DatasetInfo, DatasetKind

LOADED_AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
LINES = [
    "Date,USD,DKK,RUB,",
    "2024-04-03,1.0780,7.4588,N/A,",
    "2024-04-02,1.0749,7.4589,N/A,",
    "2024-04-01,1.0790,7.4580,N/A,",
]
SAMPLE = "\n".join(LINES) + "\n"


def write(tmp_path: Path, text: str, name: str = "eurofxref-hist.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(path: Path) -> tuple[RateTable | None, list[DataIssue]]:
    table, _, issues = read_ecb_rates(path, loaded_at=LOADED_AT)
    return table, issues


def only_issue(path: Path) -> DataIssue:
    table, issues = read(path)
    assert table is None, "a file with an issue must not give a table"
    assert len(issues) == 1, issues
    return issues[0]


@dataclass(frozen=True)
class Shipped:
    table: RateTable
    info: DatasetInfo
    issues: list[DataIssue]


@pytest.fixture(scope="module")
def shipped() -> Shipped:
    table, info, issues = read_ecb_rates(shipped_ecb(), loaded_at=LOADED_AT)
    assert table is not None, issues
    return Shipped(table, info, issues)


class TestShippedFile:
    def test_reads_every_day_without_issues(self, shipped: Shipped) -> None:
        info = shipped.info
        assert shipped.issues == []
        assert info.kind is DatasetKind.FX
        assert info.rows == 6983
        assert info.label == "ECB euro reference rates 1999-01-04 to 2026-04-13"
        assert info.loaded_at == LOADED_AT
        assert "ecb.europa.eu" in info.source
        assert len(info.sha256) == 64

    def test_first_and_last_dates(self, shipped: Shipped) -> None:
        table = shipped.table
        usd = table.series("USD")
        assert usd.dates[0] == date(1999, 1, 4)
        assert usd.dates[-1] == date(2026, 4, 13)
        assert table.last_date == date(2026, 4, 13)
        assert usd.rates[0] == Decimal("1.1789")

    def test_rates_are_exact_decimals(self, shipped: Shipped) -> None:
        quote = shipped.table.quote("DKK", date(2024, 4, 2))
        assert quote.rate == Decimal("7.4582")
        assert str(quote.rate) == "7.4582"

    def test_discontinued_currencies_end_where_the_ecb_stopped(self, shipped: Shipped) -> None:
        table = shipped.table
        assert table.series("RUB").dates[-1] == date(2022, 3, 1)
        assert table.series("BGN").dates[-1] < date(2026, 1, 1)


class TestWrappings:
    def test_gzip(self, tmp_path: Path) -> None:
        path = tmp_path / "eurofxref-hist.csv.gz"
        path.write_bytes(gzip.compress(SAMPLE.encode()))
        table, issues = read(path)
        assert issues == []
        assert table is not None and table.quote("USD", date(2024, 4, 2)).rate == Decimal("1.0749")

    def test_the_ecbs_own_zip(self, tmp_path: Path) -> None:
        path = tmp_path / "eurofxref-hist.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("eurofxref-hist.csv", SAMPLE)
        table, info, issues = read_ecb_rates(path, loaded_at=LOADED_AT)
        assert issues == []
        assert table is not None and info.rows == 3
        assert info.label == "ECB euro reference rates 2024-04-01 to 2024-04-03"

    def test_zip_with_two_files(self, tmp_path: Path) -> None:
        path = tmp_path / "rates.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("a.csv", SAMPLE)
            archive.writestr("b.csv", SAMPLE)
        issue = only_issue(path)
        assert issue.row == 0 and "exactly one .csv" in issue.message

    def test_damaged_gzip(self, tmp_path: Path) -> None:
        path = tmp_path / "eurofxref-hist.csv.gz"
        path.write_bytes(gzip.compress(SAMPLE.encode())[:20])
        issue = only_issue(path)
        assert issue.row == 0 and "download it again" in issue.message

    def test_oldest_first_and_no_trailing_comma_are_accepted(self, tmp_path: Path) -> None:
        text = "Date,USD\n2024-04-01,1.0790\n2024-04-02,1.0749\n"
        table, issues = read(write(tmp_path, text))
        assert issues == []
        assert table is not None and table.series("USD").dates == (date(2024, 4, 1), date(2024, 4, 2))

    def test_a_column_of_na_only_gives_no_series(self, tmp_path: Path) -> None:
        table, issues = read(write(tmp_path, SAMPLE))
        assert issues == []
        assert table is not None and "RUB" not in table.currencies


class TestBadFiles:
    def test_a_gdp_file_given_by_mistake(self, tmp_path: Path) -> None:
        path = write(tmp_path, "Country Name,Country Code,Year,Value\nAfghanistan,AFG,2000,3521418059.92\n", "gdp.csv")
        issue = only_issue(path)
        assert (issue.source, issue.row) == ("gdp.csv", 1)
        assert "expected a 'Date' column followed by currency codes, as in the ECB's eurofxref-hist.csv" in (
            issue.message
        )
        assert "--gdp" in issue.message

    def test_a_random_text_file(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, "hello world\nthis is not a rates file\n", "notes.txt"))
        assert issue.row == 1 and "not an ECB rates file" in issue.message

    def test_a_binary_file(self, tmp_path: Path) -> None:
        path = tmp_path / "picture.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00")
        issue = only_issue(path)
        assert issue.row == 0 and "UTF-8" in issue.message

    def test_empty_file(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, ""))
        assert issue.row == 0
        assert "empty" in issue.message and "'Date' column" in issue.message

    def test_header_only(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, "Date,USD,DKK,\n"))
        assert issue.row == 0 and "no rates" in issue.message

    def test_missing_file(self, tmp_path: Path) -> None:
        table, info, issues = read_ecb_rates(tmp_path / "nowhere.csv", loaded_at=LOADED_AT)
        assert table is None and info.rows == 0
        assert issues[0].row == 0 and "not found" in issues[0].message

    def test_malformed_date(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("2024-04-02", "02/04/2024")))
        assert (issue.row, issue.column) == (3, "Date")
        assert "'02/04/2024'" in issue.message and "YYYY-MM-DD" in issue.message

    def test_impossible_date(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("2024-04-02", "2024-02-30")))
        assert (issue.row, issue.column) == (3, "Date")

    def test_duplicate_date(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("2024-04-01", "2024-04-03")))
        assert (issue.row, issue.column) == (4, "Date")
        assert "appears twice (also on row 2)" in issue.message

    @pytest.mark.parametrize("bad", ["-1.0749", "0", "0.0000", "1,0749", "abc", "1e3", "NaN"])
    def test_rate_that_is_not_a_positive_decimal(self, tmp_path: Path, bad: str) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("1.0749", bad if "," not in bad else f'"{bad}"')))
        assert (issue.row, issue.column) == (3, "USD")
        assert "positive decimal" in issue.message and "N/A" in issue.message

    def test_unknown_currency_column(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("DKK", "XYZ")))
        assert (issue.row, issue.column) == (1, "XYZ")
        assert "unknown currency code" in issue.message

    def test_euro_column(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("RUB", "EUR")))
        assert (issue.row, issue.column) == (1, "EUR")

    def test_truncated_file(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE[: SAMPLE.rindex("7.4580")]))
        assert issue.row == 4
        assert "cut short" in issue.message and "download it again" in issue.message

    def test_too_many_values(self, tmp_path: Path) -> None:
        issue = only_issue(write(tmp_path, SAMPLE.replace("7.4589,N/A,", "7.4589,N/A,1.5,")))
        assert issue.row == 3

    def test_every_problem_is_listed_up_to_a_cap(self, tmp_path: Path) -> None:
        lines = ["Date,USD,"] + [f"bad-date-{i},1.0," for i in range(MAX_ISSUES + 20)]
        table, issues = read(write(tmp_path, "\n".join(lines) + "\n"))
        assert table is None
        assert len(issues) == MAX_ISSUES + 1
        assert issues[-1].row == 0 and "20 more problems" in issues[-1].message

    def test_provenance_of_a_rejected_file_keeps_its_checksum(self, tmp_path: Path) -> None:
        table, info, issues = read_ecb_rates(write(tmp_path, "nonsense\n"), loaded_at=LOADED_AT)
        assert table is None and issues
        assert len(info.sha256) == 64 and info.rows == 0
