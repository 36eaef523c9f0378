"""World Bank GDP in current US$ (indicator NY.GDP.MKTP.CD) in Datahub's long format into `GdpValue`s.

Format (datahub core/gdp, data/gdp.csv): `Country Name,Country Code,Year,Value`, one line per country
and year, the value in US dollars (not billions), e.g. 3521418059.923445. The file also holds World Bank
aggregates (WLD, EUU, EAS, ...); only codes the caller knows (its nations list) are kept, so shares are
never computed over a region by mistake. Any problem rejects the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ramstein.adapters.importers.files import IssueList, LoadedFile, load_text, rows, shorten
from ramstein.domain.issues import DataIssue
from ramstein.domain.money import Money
from ramstein.domain.nations import GdpValue
from ramstein.domain.reference import DatasetInfo, DatasetKind

VALUE_SOURCE = "World Bank NY.GDP.MKTP.CD, current US$, via datahub core/gdp"
SOURCE = (
    "World Bank GDP (current US$, NY.GDP.MKTP.CD) via https://github.com/datasets/gdp "
    "(ODC-PDDL-1.0; World Bank data CC BY 4.0, attribute the World Bank)"
)
HEADER = ("Country Name", "Country Code", "Year", "Value")
EXPECTED = "expected the columns 'Country Name,Country Code,Year,Value', as in the World Bank GDP file gdp.csv"

_NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
_YEAR = re.compile(r"\d{4}")
_CODE = re.compile(r"[A-Z0-9]{3}")


def read_gdp(
    path: Path, known_codes: Collection[str], *, loaded_at: datetime
) -> tuple[list[GdpValue], DatasetInfo, list[DataIssue]]:
    """Read a GDP file, keeping nations in `known_codes`; the list is empty whenever an issue is found."""
    loaded = load_text(path, expected=EXPECTED)
    if loaded.text is None:
        return [], _info(loaded, f"{loaded.name} (not loaded)", 0, loaded_at), loaded.issues
    issues = IssueList(loaded.name)
    values = _parse(loaded.text, frozenset(known_codes), issues)
    if values is not None and not values and not issues:
        issues.add(0, "", f"no GDP value for any known nation; {EXPECTED}")
    if values is None or issues:
        return [], _info(loaded, f"{loaded.name} (not loaded)", 0, loaded_at), issues.as_list()
    years = [v.year for v in values]
    nations = len({v.nation for v in values})
    label = f"World Bank GDP (current US$) {min(years)} to {max(years)}, {nations} nations"
    return values, _info(loaded, label, len(values), loaded_at), []


def _info(loaded: LoadedFile, label: str, count: int, loaded_at: datetime) -> DatasetInfo:
    return DatasetInfo(DatasetKind.GDP, label, SOURCE, loaded.sha256, loaded_at, count)


def _parse(text: str, known: frozenset[str], issues: IssueList) -> list[GdpValue] | None:
    records = rows(text)
    _, header = next(records, (1, []))
    if tuple(cell.strip().lower() for cell in header) != tuple(name.lower() for name in HEADER):
        hint = _other_format_hint(header)
        issues.add(1, "", f"not a GDP file: {EXPECTED}; found '{shorten(','.join(header))}'{hint}")
        return None
    found: dict[tuple[str, int], int] = {}  # (code, year) -> row
    values = []
    for line, record in records:
        value = _read_row(line, record, found, issues)
        if value is not None and value.nation in known:
            values.append(value)
    values.sort(key=lambda v: (v.nation, v.year))
    return values


def _other_format_hint(header: list[str]) -> str:
    if header and header[0].strip() == "Date":
        return ". It looks like an ECB rates file: load it with `ramstein data update --fx FILE`"
    return ""


def _read_row(line: int, record: list[str], found: dict[tuple[str, int], int], issues: IssueList) -> GdpValue | None:
    if len(record) != len(HEADER):
        issues.add(
            line,
            "",
            f"the row has {len(record)} values, expected 4 ({', '.join(HEADER)}); quote names that contain "
            "commas, and if this is the last row the file was cut short, so download it again",
        )
        return None
    code, year_text, value_text = (cell.strip() for cell in record[1:])
    if not _CODE.fullmatch(code):
        issues.add(line, "Country Code", f"malformed code '{shorten(code)}'; use ISO 3166-1 alpha-3, e.g. DEU")
        return None
    year = _read_year(line, year_text, issues)
    if not value_text:
        return None  # the World Bank has no figure for that year: nothing to load, nothing wrong
    if not _NUMBER.fullmatch(value_text) or (amount := Decimal(value_text)) <= 0:
        issues.add(
            line,
            "Value",
            f"GDP value '{shorten(value_text)}' must be a positive number of US dollars (not billions) with a "
            "decimal point and no thousands separators, e.g. 3521418059.92",
        )
        return None
    if year is None:
        return None
    earlier = found.setdefault((code, year), line)
    if earlier != line:
        issues.add(line, "Year", f"{code} {year} appears twice (also on row {earlier}); keep one value per year")
        return None
    return GdpValue(code, year, Money(amount, "USD"), VALUE_SOURCE)


def _read_year(line: int, text: str, issues: IssueList) -> int | None:
    if _YEAR.fullmatch(text):
        return int(text)
    issues.add(line, "Year", f"malformed year '{shorten(text)}'; write a four-digit year such as 2023")
    return None
