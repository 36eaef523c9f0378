"""Read a Kiel Ukraine Support Tracker release folder into a `Release`, checking it against its own totals.

A release folder holds the tracker's website extract: `release_info.csv` (number, period, date, label),
`data_explorer.csv` (one row per donor and month, EUR bn) and `total_allocations.csv` (monthly totals).
Amounts are read from the text straight into Decimal. The monthly sums of `data_explorer.csv` must equal
`total_allocations.csv` (Kiel checks the same), so a cut or edited file is caught before import.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ramstein.adapters.importers.files import IssueList, load_text, parse_iso_date, rows
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType
from ramstein.domain.tracker import Allocation, Release

EXPLORER = "data_explorer.csv"
TOTALS = "total_allocations.csv"
INFO = "release_info.csv"
AID_TYPES = (AidType.MILITARY, AidType.FINANCIAL, AidType.HUMANITARIAN)
TOLERANCE = Decimal("0.00001")  # EUR bn: Kiel rounds its cells to 1e-6 bn
_CODE = re.compile(r"^[A-Z]{2,3}$")
_EXPECTED = "expected the Kiel tracker's website extract (data_explorer.csv, total_allocations.csv, release_info.csv)"


def read_release(folder: Path) -> tuple[Release | None, list[DataIssue]]:
    if not folder.is_dir():
        return None, [DataIssue(str(folder), 0, "", f"not a folder; {_EXPECTED}")]
    info, info_issues = _read_info(folder / INFO)
    allocations, monthly, explorer_issues = _read_explorer(folder / EXPLORER)
    totals, totals_issues = _read_totals(folder / TOTALS)
    issues = [*info_issues, *explorer_issues, *totals_issues]
    if not issues:
        issues = _check_totals(monthly, totals)
    if issues or info is None:
        return None, issues
    number, period, published, label = info
    return Release(number, period, published, label, tuple(allocations)), []


def _table(path: Path) -> tuple[list[tuple[int, dict[str, str]]], IssueList]:
    loaded = load_text(path, expected=_EXPECTED)
    issues = IssueList(path.name)
    issues.items.extend(loaded.issues)
    if loaded.text is None:
        return [], issues
    records = list(rows(loaded.text))
    header = [h.strip() for h in records[0][1]]
    return [(line, dict(zip(header, cells, strict=False))) for line, cells in records[1:]], issues


def _read_info(path: Path) -> tuple[tuple[int, str, date, str] | None, list[DataIssue]]:
    table, issues = _table(path)
    if issues or not table:
        issues.add(0, "", f"release_info.csv must hold one row: release, period, date, label; {_EXPECTED}")
        return None, issues.as_list()
    line, row = table[-1]
    published = parse_iso_date(row.get("date", ""))
    if not row.get("release", "").isdigit() or published is None:
        issues.add(line, "release", "release must be a number and date a YYYY-MM-DD date")
        return None, issues.as_list()
    return (int(row["release"]), row.get("period", ""), published, row.get("label", "")), []


def _read_explorer(path: Path) -> tuple[list[Allocation], dict[date, Decimal], list[DataIssue]]:
    table, issues = _table(path)
    allocations: list[Allocation] = []
    monthly: dict[date, Decimal] = defaultdict(Decimal)
    for line, row in table:
        month = _month(row, line, issues)
        donor = row.get("iso", "").strip()
        if not _CODE.match(donor):
            issues.add(line, "iso", f"{donor!r} is not a donor code (ISO 3166 alpha-3 or EU)")
        parsed = {t: _bn(row, t.value, line, issues) for t in AID_TYPES}
        total = _bn(row, "total", line, issues)
        amounts = {t: v for t, v in parsed.items() if v is not None}
        if month is None or len(amounts) < len(AID_TYPES) or total is None or not _CODE.match(donor):
            continue
        if abs(sum(amounts.values(), Decimal(0)) - total) > TOLERANCE:
            issues.add(line, "total", f"military + financial + humanitarian differ from total {total}")
        monthly[month] += total
        allocations.extend(Allocation(donor, month, t, v) for t, v in amounts.items() if v)
    return allocations, monthly, issues.as_list()


def _read_totals(path: Path) -> tuple[dict[date, Decimal], list[DataIssue]]:
    table, issues = _table(path)
    totals: dict[date, Decimal] = {}
    for line, row in table:
        month = _month(row, line, issues)
        value = _bn(row, "total_allocations", line, issues)
        if month is not None and value is not None:
            totals[month] = value
    return totals, issues.as_list()


def _check_totals(monthly: dict[date, Decimal], totals: dict[date, Decimal]) -> list[DataIssue]:
    issues = IssueList(EXPLORER)
    for month in sorted(monthly.keys() | totals.keys()):
        summed, stated = monthly.get(month, Decimal(0)), totals.get(month, Decimal(0))
        if abs(summed - stated) > TOLERANCE:
            issues.add(
                0,
                "total",
                f"{month:%Y-%m}: the donors' rows sum to {summed} bn but {TOTALS} says {stated} bn; "
                "the files are incomplete or edited: use an unchanged release",
            )
    return issues.as_list()


def _month(row: dict[str, str], line: int, issues: IssueList) -> date | None:
    year, month = row.get("year", ""), row.get("month", "")
    if year.isdigit() and month.isdigit() and 2000 <= int(year) <= 2100 and 1 <= int(month) <= 12:
        return date(int(year), int(month), 1)
    issues.add(line, "month", f"year {year!r} and month {month!r} do not name a month")
    return None


def _bn(row: dict[str, str], column: str, line: int, issues: IssueList) -> Decimal | None:
    text = row.get(column)
    if text is None:
        issues.add(line, column, f"missing column {column!r}; the row may be cut short")
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        issues.add(line, column, f"{text!r} is not an amount in EUR bn (a non-negative decimal number)")
        return None
    return value
