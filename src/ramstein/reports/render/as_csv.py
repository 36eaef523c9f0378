"""The ranked table as CSV, one row per nation, for a spreadsheet opened by double-click.

Excel reads a CSV with the list separator and decimal mark of the user's regional settings, so the file
follows the report language: English uses ',' between fields and '.' for decimals; Danish and Norwegian
use ';' between fields and ',' for decimals, as Excel does in those locales. Numbers carry no thousands
separators or units (the header names the unit), so every spreadsheet reads them as numbers. The file
starts with a UTF-8 byte order mark, without which Excel takes "Øremærket" for Latin-1.

Amounts are EUR rounded to the cent; shares and percents are percents with four decimals (Kiel's figures
are compared to 0.001 percentage points). JSON is the format with every digit.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_EVEN, Decimal

from ramstein.reports.burden import BurdenReport, BurdenRow
from ramstein.reports.render.locale import HUNDRED, Formatter
from ramstein.reports.render.messages import Messages

BOM = "\ufeff"
CENT = Decimal("0.01")
PCT_DIGITS = Decimal("0.0001")
# (separator, decimal mark) per report language; see the module docstring.
DIALECTS = {"en": (",", "."), "da": (";", ","), "nb": (";", ",")}


def render_csv(report: BurdenReport, lang: str) -> bytes:
    t, f = Messages(lang), Formatter(lang)
    separator, decimal_mark = DIALECTS[lang]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header(t))
    for row in report.rows:
        writer.writerow(_cells(row, t, f, decimal_mark))
    return (BOM + out.getvalue()).encode("utf-8")


def header(t: Messages) -> list[str]:
    return [
        t("col.rank"),
        t("col.code"),
        t("col.nation"),
        t("col.exempt"),
        f"{t('col.gdp')} (EUR)",
        f"{t('col.gdp_share')} (%)",
        f"{t('col.fair_share')} (EUR)",
        f"{t('col.pledged')} (EUR)",
        f"{t('col.committed')} (EUR)",
        f"{t('col.delivered')} (EUR)",
        f"{t('col.credit')} (EUR)",
        f"{t('col.gap')} (EUR)",
        f"{t('col.pct_gdp')}",
        f"{t('col.pct_fair_share')}",
        t("col.entries"),
    ]


def _cells(row: BurdenRow, t: Messages, f: Formatter, mark: str) -> list[str]:
    def eur(value: Decimal) -> str:
        return _plain(value.quantize(CENT, rounding=ROUND_HALF_EVEN), mark)

    def pct(value: Decimal | None) -> str:
        return "" if value is None else _plain(value.quantize(PCT_DIGITS, rounding=ROUND_HALF_EVEN), mark)

    return [
        str(row.rank),
        row.nation,
        f.nation(row.nation, row.name),
        t("yes" if row.exempt else "no"),
        eur(row.gdp_eur),
        pct(row.gdp_share * HUNDRED),
        eur(row.fair_share_eur),
        eur(row.pledged_eur),
        eur(row.committed_eur),
        eur(row.delivered_eur),
        eur(row.credit_eur),
        eur(row.gap_eur),
        pct(row.credit_pct_gdp),
        pct(row.credit_pct_fair_share),
        str(row.entries),
    ]


def _plain(value: Decimal, mark: str) -> str:
    """Fixed-point text with no exponent ('1E+9' is not a number to Excel)."""
    return format(value, "f").replace(".", mark)
