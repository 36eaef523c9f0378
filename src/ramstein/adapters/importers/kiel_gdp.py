"""The Kiel tracker's own GDP figures as a GDP dataset: each donor's 2021 GDP in EUR bn.

`data_explorer.csv` repeats the donor's GDP on every month's row (column `gdp`, EUR bn, 2021, the
denominator of Kiel's "% of GDP"). Reproducing Kiel's figures needs exactly these numbers: the World Bank's
current vintage differs from the one Kiel used by about 1 % (SOURCES.md). A donor whose rows disagree is an
issue; a zero or empty GDP (the EU institutions) is no GDP, so it is left out.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ramstein.adapters.importers.files import IssueList, load_text, rows, shorten
from ramstein.domain.issues import DataIssue
from ramstein.domain.money import Money
from ramstein.domain.nations import GdpValue
from ramstein.domain.reference import DatasetInfo, DatasetKind

YEAR = 2021  # Kiel: "GDP figures refer to 2021"
BILLION = Decimal(10) ** 9
EXPECTED = "expected the Kiel tracker's data_explorer.csv with the columns iso and gdp (EUR bn, 2021)"
_CODE = re.compile(r"^[A-Z]{2,3}$")


def read_kiel_gdp(
    path: Path, known_codes: Collection[str], *, release: str, loaded_at: datetime
) -> tuple[list[GdpValue], DatasetInfo, list[DataIssue]]:
    """Read the GDP column of a Kiel release; the list is empty whenever an issue is found."""
    loaded = load_text(path, expected=EXPECTED)
    source = f"Kiel Institute for the World Economy, Ukraine Support Tracker, {release}: donors' {YEAR} GDP (EUR)"
    issues = IssueList(loaded.name)
    issues.items.extend(loaded.issues)
    found: dict[str, Decimal] = {}
    if loaded.text is not None:
        found = _parse(loaded.text, issues)
    values = [
        GdpValue(code, YEAR, Money(gdp * BILLION, "EUR"), source)
        for code, gdp in sorted(found.items())
        if gdp > 0 and code in known_codes
    ]
    if not values and not issues:
        issues.add(0, "gdp", f"no GDP value for any known nation; {EXPECTED}")
    label = f"Kiel tracker {release}: {YEAR} GDP in EUR, {len(values)} donors"
    info = DatasetInfo(DatasetKind.GDP_KIEL, label, source, loaded.sha256, loaded_at, len(values))
    if issues:
        return [], info, issues.as_list()
    return values, info, []


def _parse(text: str, issues: IssueList) -> dict[str, Decimal]:
    records = rows(text)
    _, header = next(records, (1, []))
    names = [h.strip() for h in header]
    if "iso" not in names or "gdp" not in names:
        issues.add(1, "", f"{EXPECTED}; found '{shorten(','.join(header))}'")
        return {}
    iso, column = names.index("iso"), names.index("gdp")
    found: dict[str, Decimal] = {}
    for line, cells in records:
        if len(cells) <= max(iso, column):
            issues.add(line, "", "the row is cut short")
            continue
        code, text = cells[iso].strip(), cells[column].strip()
        gdp = _amount(text)
        if not _CODE.match(code) or gdp is None:
            issues.add(line, "gdp", f"{code!r}: GDP {shorten(text)!r} is not a non-negative number of EUR bn")
            continue
        if found.setdefault(code, gdp) != gdp:
            issues.add(line, "gdp", f"{code}: GDP {gdp} differs from {found[code]} on an earlier row")
    return found


def _amount(text: str) -> Decimal | None:
    if text in ("", "NA"):
        return Decimal(0)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None
