"""The report as JSON for other tools: the same values in every language, decimals as strings.

Strings keep every digit (a float would not) and are what `ramstein ... --json` prints elsewhere. Shares are
fractions, `*_pct_*` are percents, amounts are EUR, as in the report model. Labels are left to the reader.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ramstein.reports.burden import BurdenReport, BurdenRow, FundProgress, PeriodTotal


def render_json(report: BurdenReport) -> bytes:
    return (json.dumps(report_object(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def report_object(report: BurdenReport) -> dict[str, Any]:
    src = report.sources
    return {
        "rule_set": {"name": report.rule_set, "version": report.rule_set_version, "title": report.rule_set_title},
        "period": {
            "label": report.period_label,
            "start": _plain(report.period_start),
            "end": _plain(report.period_end),
        },
        "as_of": _plain(report.as_of),
        "floor_eur": _plain(report.floor_eur),
        "credit_eur": _plain(report.credit_eur),
        "floor_met": report.floor_met,
        "margin_eur": _plain(report.margin_eur),
        "rows": [_row(row) for row in report.rows],
        "history": [_period(p) for p in report.history],
        "fund": _fund(report.fund),
        "method": list(report.method),
        "sources": {
            "gdp": src.gdp,
            "gdp_dataset": src.gdp_dataset,
            "gdp_year": src.gdp_year,
            "fx": src.fx,
            "fx_dataset": src.fx_dataset,
            "fx_method": src.fx_method,
            "ledger": [{"source": name, "entries": count} for name, count in src.ledger],
            "prices": src.prices or None,  # the price list in-kind items were valued at; None: as recorded
        },
        "issues": [{"source": i.source, "row": i.row, "column": i.column, "message": i.message} for i in report.issues],
    }


def _row(row: BurdenRow) -> dict[str, Any]:
    return {f.name: _plain(getattr(row, f.name)) for f in fields(row)}


def _period(total: PeriodTotal) -> dict[str, Any]:
    return {**{f.name: _plain(getattr(total, f.name)) for f in fields(total)}, "met": total.met}


def _fund(fund: FundProgress | None) -> dict[str, Any] | None:
    if fund is None:
        return None
    years = [{f.name: _plain(getattr(y, f.name)) for f in fields(y)} for y in fund.years]
    return {"target_eur": _plain(fund.target_eur), "years": years}


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value
