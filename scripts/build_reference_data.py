"""Regenerate the reference data shipped in src/ramstein/data/ from the provenance copies in ../shared/data.

A development tool, never used at run time. It copies the ECB, World Bank and Kiel files unchanged and
derives the two nation files (nations.csv, memberships.csv); the hand-curated parts (EU accession dates,
the contact-group roster, a few name and currency fixes) are constants below so every choice is visible.

    .venv/bin/python scripts/build_reference_data.py [--shared ../shared/data] [--check]

With --check it writes nothing and exits 1 when a shipped file differs from what it would write.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "ramstein" / "data"
DEFAULT_SHARED = ROOT.parent / "shared" / "data"

COPIES = {
    "ecb-euro-reference-rates/eurofxref-hist.csv": "ecb/eurofxref-hist.csv",
    "worldbank-gdp/gdp.csv": "worldbank/gdp.csv",
    **{
        f"kiel-ukraine-support-tracker/{name}": f"kiel/release-29/{name}"
        for name in (
            "data_explorer.csv",
            "total_allocations.csv",
            "release_info.csv",
            "eu_aid_shares.csv",
            "weapons.csv",
            "procurement_trends.csv",
        )
    },
}

# CLDR's short display names abbreviate a few countries; reports read better with the full short name.
NAME_FIXES = {"GBR": "United Kingdom", "USA": "United States", "BIH": "Bosnia & Herzegovina"}

# The source leaves Türkiye's currency empty; several countries list two. The national currency is chosen.
CURRENCY_FIXES = {
    "TUR": "TRY",
    "BTN": "BTN",  # listed "INR,BTN"; the ngultrum is Bhutan's own currency
    "SLV": "USD",  # listed "SVC,USD"; the US dollar has been in use since 2001
    "PAN": "PAB",
    "HTI": "HTG",
    "LSO": "LSL",
    "NAM": "NAD",
    "URY": "UYU",
    "VEN": "VES",
}

EXTRA_NATIONS = [
    # The World Bank reports Kosovo as XKX (a user-assigned code; ISO has none).
    {"code": "XKX", "iso2": "XK", "name": "Kosovo", "currency": "EUR", "is_country": "true"},
    # EU institutions donate in their own right (Kiel's "EU (Commission and Council)").
    {
        "code": "EU",
        "iso2": "",
        "name": "EU institutions (Commission and Council)",
        "currency": "EUR",
        "is_country": "false",
    },
]

EEC = "founding member of the European Communities (EEC/Euratom in force 1958-01-01); EU since 1993-11-01"
EU_ACCESSIONS = {
    "1958-01-01": ("BEL", "DEU", "FRA", "ITA", "LUX", "NLD"),
    "1973-01-01": ("DNK", "IRL", "GBR"),
    "1981-01-01": ("GRC",),
    "1986-01-01": ("ESP", "PRT"),
    "1995-01-01": ("AUT", "FIN", "SWE"),
    "2004-05-01": ("CYP", "CZE", "EST", "HUN", "LTU", "LVA", "MLT", "POL", "SVK", "SVN"),
    "2007-01-01": ("BGR", "ROU"),
    "2013-07-01": ("HRV",),
}
EU_NOTES = {
    "DEU": EEC + "; unified Germany from 1990-10-03",
    "GBR": "left the EU on 2020-01-31 (membership ends before 2020-02-01)",
}
EU_UNTIL = {"GBR": "2020-02-01"}

# The contact group publishes no roster. This list is compiled from public reporting of its meetings
# (first held at Ramstein Air Base on 2022-04-26): the NATO allies, the EU members outside NATO, and the
# partners reported as taking part. Ukraine, the recipient, attends but is not a donor and is not listed;
# the EU institutions also take part (code EU) but are left out so GDP-based shares cover countries only.
UDCG_PARTNERS = ("AUS", "GEO", "ISR", "JOR", "JPN", "KEN", "KOR", "LBR", "MAR", "MDA", "NZL", "QAT", "TUN")
UDCG_NOTE = (
    "approximate: the Ukraine Defense Contact Group publishes no official roster; "
    "compiled from public reporting of its meetings since 2022-04-26"
)

NATION_FIELDS = ["code", "iso2", "name", "currency", "is_country"]
MEMBERSHIP_FIELDS = ["code", "body", "since", "until", "approximate", "note"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def nations(shared: Path) -> list[dict[str, str]]:
    rows = []
    for source in read_csv(shared / "country-codes" / "country-codes.csv"):
        code = source["ISO3166-1-Alpha-3"].strip()
        currency = source["ISO4217-currency_alphabetic_code"].strip()
        rows.append(
            {
                "code": code,
                "iso2": source["ISO3166-1-Alpha-2"].strip(),
                "name": NAME_FIXES.get(code, source["CLDR display name"].strip()),
                "currency": CURRENCY_FIXES.get(code, currency.split(",")[0]),
                "is_country": "true" if source["is_independent"].strip() == "Yes" else "false",
            }
        )
    rows.sort(key=lambda r: r["code"])
    return rows + EXTRA_NATIONS


def memberships(shared: Path) -> list[dict[str, str]]:
    rows = [
        _membership(r["iso3"], "NATO", r["accession_date"], note=r["notes"])
        for r in read_csv(shared / "nato-members" / "nato_members.csv")
    ]
    for since, codes in EU_ACCESSIONS.items():
        for code in codes:
            note = EU_NOTES.get(code, EEC if since == "1958-01-01" else "")
            rows.append(_membership(code, "EU", since, until=EU_UNTIL.get(code, ""), note=note))
    allies = {r["code"] for r in rows if r["body"] == "NATO"}
    eu_now = {r["code"] for r in rows if r["body"] == "EU" and not r["until"]}
    for code in sorted(allies | eu_now | set(UDCG_PARTNERS)):
        rows.append(_membership(code, "UDCG", "", approximate=True, note=UDCG_NOTE))
    return rows


def _membership(
    code: str, body: str, since: str, *, until: str = "", approximate: bool = False, note: str = ""
) -> dict[str, str]:
    return {
        "code": code,
        "body": body,
        "since": since,
        "until": until,
        "approximate": "true" if approximate else "false",
        "note": note,
    }


def render(rows: Iterable[dict[str, str]], fields: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def outputs(shared: Path) -> dict[Path, bytes]:
    files = {TARGET / target: (shared / source).read_bytes() for source, target in COPIES.items()}
    files[TARGET / "nations" / "nations.csv"] = render(nations(shared), NATION_FIELDS)
    files[TARGET / "nations" / "memberships.csv"] = render(memberships(shared), MEMBERSHIP_FIELDS)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the provenance copies (../shared/data)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a shipped file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, content in outputs(args.shared).items():
        if path.exists() and path.read_bytes() == content:
            continue
        stale.append(path.relative_to(ROOT))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    verb = "out of date" if args.check else "written"
    for path in stale:
        print(f"{verb}: {path}")
    if not stale:
        print("shipped reference data is up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
