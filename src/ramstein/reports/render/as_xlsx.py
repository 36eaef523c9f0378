"""The report as a workbook (XlsxWriter): real numbers with number formats, so the reader can sort, sum and chart.

Sheets: a summary (floor met or not, by how much, period, rule set), the ranked allies (header frozen,
autofilter), the history against the floor, the fund when there is one, and the method with its sources.
Amounts are EUR as numbers; shares and percents are fractions shown with a percent format, as spreadsheets
expect. Excel stores IEEE doubles, so each Decimal becomes a float here, at the last step (15 significant
digits: cents of a trillion). The creation date is the report's `as_of`, and XlsxWriter stamps the archive
entries with a fixed date: the same report gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import xlsxwriter

from ramstein.reports.burden import BurdenReport, BurdenRow
from ramstein.reports.render.locale import HUNDRED, Formatter, in_utc
from ramstein.reports.render.messages import Messages
from ramstein.reports.render.view import ReportView, build_view

# Excel number formats are written in its neutral syntax; Excel shows them with the reader's own separators.
EUR_FORMATS = {"en": '"€"#,##0', "da": '#,##0 "€"', "nb": '#,##0 "€"'}
PERCENT_2, PERCENT_3, PERCENT_1 = "0.00%", "0.000%", "0.0%"


@dataclass(frozen=True, slots=True)
class Styles:
    """The workbook's cell formats, made once per workbook (XlsxWriter formats belong to one workbook)."""

    header: Any
    eur: Any
    pct1: Any
    pct2: Any
    pct3: Any
    date: Any
    moment: Any
    wrap: Any
    title: Any
    bold: Any


def render_xlsx(report: BurdenReport, lang: str) -> bytes:
    t, f = Messages(lang), Formatter(lang)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": t("title"), "author": "ramstein", "created": _excel_moment(report.as_of)})
    styles, view = _styles(book, lang), build_view(report, lang)
    _summary_sheet(book, report, view, t, styles)
    _allies_sheet(book, report, t, f, styles)
    _history_sheet(book, report, t, styles)
    if report.fund is not None:
        _fund_sheet(book, report, t, styles)
    _method_sheet(book, view, t, styles)
    book.close()
    return buffer.getvalue()


def _styles(book: Any, lang: str) -> Styles:
    def fmt(**props: Any) -> Any:
        return book.add_format(props)

    return Styles(
        header=fmt(bold=True, bottom=2, text_wrap=True, valign="top", bg_color="#F2F4F7"),
        eur=fmt(num_format=EUR_FORMATS[lang]),
        pct1=fmt(num_format=PERCENT_1),
        pct2=fmt(num_format=PERCENT_2),
        pct3=fmt(num_format=PERCENT_3),
        date=fmt(num_format="yyyy-mm-dd"),
        moment=fmt(num_format="yyyy-mm-dd hh:mm"),
        wrap=fmt(text_wrap=True, valign="top"),
        title=fmt(bold=True, font_size=16),
        bold=fmt(bold=True),
    )


def _number(value: Decimal) -> float:
    return float(value)


def _excel_moment(moment: datetime) -> datetime:
    """Excel has no time zones: the moment in UTC without one (the sheet's label says UTC)."""
    return in_utc(moment).replace(tzinfo=None)


def _summary_sheet(book: Any, report: BurdenReport, view: ReportView, t: Messages, s: Styles) -> None:
    sheet = book.add_worksheet(t("sheet.summary"))
    sheet.write(0, 0, t("title"), s.title)
    sheet.write(1, 0, view.subtitle)
    for i, sentence in enumerate(view.summary.paragraphs):
        sheet.write(3 + i, 0, sentence)
    fields: list[tuple[str, Any, Any]] = [
        (t("field.rule_set"), report.rule_set, None),
        (t("field.version"), report.rule_set_version, None),
        (t("field.period"), report.period_label, None),
        (t("field.start"), report.period_start, s.date),
        (t("field.end"), report.period_end, s.date),
        (t("field.as_of"), _excel_moment(report.as_of), s.moment),
        (t("figure.floor"), _number(report.floor_eur), s.eur),
        (t("figure.credit"), _number(report.credit_eur), s.eur),
        (t("figure.margin"), _number(report.margin_eur), s.eur),
        (t("field.floor_met"), t("yes" if report.floor_met else "no"), s.bold),
    ]
    if report.fund is not None:
        fields.append((t("field.target"), _number(report.fund.target_eur), s.eur))
    top = 4 + len(view.summary.paragraphs)
    for i, (label, value, style) in enumerate(fields):
        sheet.write(top + i, 0, label, s.bold)
        sheet.write(top + i, 1, value, style)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 22)


ALLY_COLUMNS = (  # message id, column width
    ("col.rank", 8), ("col.code", 7), ("col.nation", 22), ("col.exempt", 9), ("col.gdp", 20),
    ("col.gdp_share", 11), ("col.fair_share", 18), ("col.pledged", 18), ("col.committed", 18),
    ("col.delivered", 18), ("col.credit", 18), ("col.gap", 18), ("col.pct_gdp", 12),
    ("col.pct_fair_share", 12), ("col.entries", 10),
)  # fmt: skip


def _allies_sheet(book: Any, report: BurdenReport, t: Messages, f: Formatter, s: Styles) -> None:
    sheet = book.add_worksheet(t("sheet.allies"))
    for col, (key, width) in enumerate(ALLY_COLUMNS):
        sheet.write(0, col, t(key), s.header)
        sheet.set_column(col, col, width)
    for i, row in enumerate(report.rows, start=1):
        _ally_row(sheet, i, row, t, f, s)
    sheet.freeze_panes(1, 3)  # the header row and the ally's rank, code and name stay in view
    sheet.autofilter(0, 0, len(report.rows), len(ALLY_COLUMNS) - 1)


def _ally_row(sheet: Any, i: int, row: BurdenRow, t: Messages, f: Formatter, s: Styles) -> None:
    sheet.write_number(i, 0, row.rank)
    sheet.write_string(i, 1, row.nation)
    sheet.write_string(i, 2, f.nation(row.nation, row.name))
    sheet.write_string(i, 3, t("yes" if row.exempt else "no"))
    amounts = (row.gdp_eur, None, row.fair_share_eur, row.pledged_eur, row.committed_eur, row.delivered_eur)
    for col, amount in enumerate(amounts, start=4):
        if amount is not None:
            sheet.write_number(i, col, _number(amount), s.eur)
    sheet.write_number(i, 5, _number(row.gdp_share), s.pct2)
    sheet.write_number(i, 10, _number(row.credit_eur), s.eur)
    sheet.write_number(i, 11, _number(row.gap_eur), s.eur)
    sheet.write_number(i, 12, _number(row.credit_pct_gdp / HUNDRED), s.pct3)
    if row.credit_pct_fair_share is not None:
        sheet.write_number(i, 13, _number(row.credit_pct_fair_share / HUNDRED), s.pct1)
    sheet.write_number(i, 14, row.entries)


def _history_sheet(book: Any, report: BurdenReport, t: Messages, s: Styles) -> None:
    sheet = book.add_worksheet(t("sheet.history"))
    headers = ("col.period", "field.start", "field.end", "col.credit", "col.floor", "col.met")
    for col, key in enumerate(headers):
        sheet.write(0, col, t(key), s.header)
    for i, period in enumerate(report.history, start=1):
        sheet.write_string(i, 0, period.label)
        sheet.write_datetime(i, 1, period.start, s.date)
        sheet.write_datetime(i, 2, period.end, s.date)
        sheet.write_number(i, 3, _number(period.credit_eur), s.eur)
        sheet.write_number(i, 4, _number(period.floor_eur), s.eur)
        sheet.write_string(i, 5, t("yes" if period.met else "no"))
    sheet.set_column(0, 2, 12)
    sheet.set_column(3, 5, 20)
    sheet.freeze_panes(1, 0)


def _fund_sheet(book: Any, report: BurdenReport, t: Messages, s: Styles) -> None:
    assert report.fund is not None
    sheet = book.add_worksheet(t("sheet.fund"))
    headers = ("col.year", "col.credit", "col.cumulative", "col.target_cumulative")
    for col, key in enumerate(headers):
        sheet.write(0, col, t(key), s.header)
    for i, year in enumerate(report.fund.years, start=1):
        sheet.write_string(i, 0, year.label)
        for col, amount in enumerate((year.credit_eur, year.cumulative_eur, year.target_cumulative_eur), start=1):
            sheet.write_number(i, col, _number(amount), s.eur)
    sheet.write(len(report.fund.years) + 2, 0, t("field.target"), s.bold)
    sheet.write_number(len(report.fund.years) + 2, 1, _number(report.fund.target_eur), s.eur)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 3, 20)
    sheet.freeze_panes(1, 0)


def _method_sheet(book: Any, view: ReportView, t: Messages, s: Styles) -> None:
    """The method and sources of the brief, one paragraph per row, in a column wide enough to read."""
    sheet = book.add_worksheet(t("sheet.method"))
    sections = [view.method, view.parameters, view.sources, view.citation, view.issues]
    line = 0
    for section in (x for x in sections if x is not None):
        sheet.write(line, 0, section.heading, s.bold)
        for text in [*section.paragraphs, *(f"• {item}" for item in section.items)]:
            line += 1
            sheet.write_string(line, 0, text, s.wrap)
        line += 2
    sheet.set_column(0, 0, 110)
