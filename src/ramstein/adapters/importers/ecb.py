"""The ECB's euro reference rates file (eurofxref-hist.csv, or its .zip, or gzipped) into a `RateTable`.

Format: a header `Date,USD,JPY,...,` and one line per TARGET business day, newest first, each ending
with a comma (an extra empty column); rates are units of the currency per 1 EUR, `N/A` where none was
published. Rates go from text straight to Decimal so no digit is lost. Any problem rejects the whole
file: a half-read rate table would give wrong conversions without saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ramstein.adapters.importers.files import IssueList, LoadedFile, load_text, parse_iso_date, rows, shorten
from ramstein.domain.currency import is_known
from ramstein.domain.fx import BASE, RateSeries, RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.reference import DatasetInfo, DatasetKind

RATE_SOURCE = "ECB euro reference rates"
SOURCE = (
    "European Central Bank euro foreign exchange reference rates, https://www.ecb.europa.eu/stats/eurofxref/ "
    "(reuse permitted with the source acknowledged; published for information purposes only)"
)
EXPECTED = "expected a 'Date' column followed by currency codes, as in the ECB's eurofxref-hist.csv"
MISSING = frozenset({"N/A", ""})

_RATE = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_CODE = re.compile(r"[A-Z]{3}")


@dataclass(slots=True)
class _Parsed:
    currencies: list[str]
    points: list[list[tuple[date, Decimal]]] = field(default_factory=list)
    days: dict[date, int] = field(default_factory=dict)  # date -> row it was read from


def read_ecb_rates(path: Path, *, loaded_at: datetime) -> tuple[RateTable | None, DatasetInfo, list[DataIssue]]:
    """Read an ECB rates file; the table is None whenever an issue is found (every issue is fatal)."""
    loaded = load_text(path, expected=EXPECTED)
    if loaded.text is None:
        return None, _info(loaded, f"{loaded.name} (not loaded)", 0, loaded_at), loaded.issues
    issues = IssueList(loaded.name)
    parsed = _parse(loaded.text, issues)
    if parsed is not None and not parsed.days and not issues:
        issues.add(0, "", f"the file has a header but no rates; {EXPECTED}, then one line per day")
    if parsed is None or issues:
        return None, _info(loaded, f"{loaded.name} (not loaded)", 0, loaded_at), issues.as_list()
    table = RateTable(_series(parsed), source=RATE_SOURCE)
    first, last = min(parsed.days), max(parsed.days)
    label = f"ECB euro reference rates {first.isoformat()} to {last.isoformat()}"
    return table, _info(loaded, label, len(parsed.days), loaded_at), []


def _info(loaded: LoadedFile, label: str, count: int, loaded_at: datetime) -> DatasetInfo:
    return DatasetInfo(DatasetKind.FX, label, SOURCE, loaded.sha256, loaded_at, count)


def _parse(text: str, issues: IssueList) -> _Parsed | None:
    records = rows(text)
    first = next(records, None)
    if first is None:  # pragma: no cover - load_text already refuses a blank file
        return None
    line, header = first
    while header and not header[-1].strip():  # the ECB ends every line with a comma
        header.pop()
    currencies = _currencies(header, issues)
    if currencies is None:
        return None
    parsed = _Parsed(currencies, [[] for _ in currencies])
    for line, record in records:
        _read_row(line, record, parsed, issues)
    return parsed


def _currencies(header: list[str], issues: IssueList) -> list[str] | None:
    """The currency codes named by the header, or None when this is not an ECB file at all."""
    if not header or header[0].strip() != "Date" or len(header) < 2:
        found = shorten(",".join(header))
        hint = _other_format_hint(header)
        issues.add(1, header[0].strip() if header else "", f"not an ECB rates file: {EXPECTED}; found '{found}'{hint}")
        return None
    codes = [cell.strip() for cell in header[1:]]
    seen: set[str] = set()
    for code in codes:
        if code == BASE:
            issues.add(1, code, "EUR cannot be a column: every rate is quoted per 1 EUR; remove the column")
        elif not _CODE.fullmatch(code) or not is_known(code):
            issues.add(1, code, f"unknown currency code '{shorten(code)}'; {EXPECTED} (ISO 4217, e.g. USD, DKK)")
        elif code in seen:
            issues.add(1, code, f"currency {code} appears twice in the header; keep one column per currency")
        seen.add(code)
    return codes


def _other_format_hint(header: list[str]) -> str:
    names = [cell.strip().lower() for cell in header]
    if "country code" in names and "value" in names:
        return ". It looks like a World Bank GDP file: load it with `ramstein data update --gdp FILE`"
    return ""


def _read_row(line: int, record: list[str], parsed: _Parsed, issues: IssueList) -> None:
    width = len(parsed.currencies) + 1
    if len(record) < width or any(cell.strip() for cell in record[width:]):
        issues.add(
            line,
            "",
            f"the row has {len(record)} values but the header names {width} columns (Date and "
            f"{width - 1} currencies); if this is the last row the file was cut short, so download it again",
        )
        return
    day = _read_date(line, record[0].strip(), parsed, issues)
    for index, currency in enumerate(parsed.currencies):
        cell = record[index + 1].strip()
        if cell in MISSING:
            continue
        if not _RATE.fullmatch(cell) or (rate := Decimal(cell)) <= 0:
            issues.add(
                line,
                currency,
                f"rate '{shorten(cell)}' must be a positive decimal such as 7.4604 ({currency} per 1 EUR), "
                "or N/A when the ECB published none",
            )
        elif day is not None:
            parsed.points[index].append((day, rate))


def _read_date(line: int, text: str, parsed: _Parsed, issues: IssueList) -> date | None:
    day = parse_iso_date(text)
    if day is None:
        issues.add(line, "Date", f"malformed date '{shorten(text)}'; write dates as YYYY-MM-DD, e.g. 2024-04-02")
        return None
    earlier = parsed.days.get(day)
    if earlier is not None:
        issues.add(line, "Date", f"date {text} appears twice (also on row {earlier}); keep one line per day")
        return None
    parsed.days[day] = line
    return day


def _series(parsed: _Parsed) -> dict[str, RateSeries]:
    series = {}
    for currency, points in zip(parsed.currencies, parsed.points, strict=True):
        if not points:
            continue  # a column of N/A only: the ECB never published it in this period
        points.sort()  # newest first in the file; sorting a reversed run costs one pass
        dates, rates = zip(*points, strict=True)
        series[currency] = RateSeries(currency, dates, rates)
    return series
