"""JSON for other tools and CSV for spreadsheets: what a reading program gets back."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from ramstein.reports.render import render


def test_json_rows_carry_the_fields_other_tools_read(report):
    data = json.loads(render(report, "json", "en"))
    denmark = data["rows"][0]
    for key in ("nation", "gdp_share", "fair_share_eur", "credit_eur", "credit_pct_gdp", "gap_eur"):
        assert key in denmark
    assert denmark["nation"] == "DNK"
    assert Decimal(denmark["gdp_share"]) == Decimal("0.05")
    assert Decimal(denmark["fair_share_eur"]) == Decimal("2e9")


def test_json_decimals_are_strings_and_lose_no_digit(report):
    data = json.loads(render(report, "json", "en"))
    assert isinstance(data["credit_eur"], str)
    assert Decimal(data["rows"][1]["credit_pct_gdp"]) == report.rows[1].credit_pct_gdp
    assert data["floor_met"] is False
    assert Decimal(data["margin_eur"]) == Decimal("-2.3e9")
    assert data["rule_set"] == {"name": "washington-2024", "version": 1, "title": "Washington summit pledge, 2024"}
    assert data["fund"]["target_eur"] == "100000000000"
    assert [p["met"] for p in data["history"]] == [False, True, False]
    assert data["issues"][0]["column"] == "ISL"


def test_json_is_the_same_in_every_language(report):
    assert render(report, "json", "en") == render(report, "json", "da") == render(report, "json", "nb")


@pytest.mark.parametrize(("lang", "separator", "mark"), [("en", ",", "."), ("da", ";", ","), ("nb", ";", ",")])
def test_csv_reads_back_as_numbers_in_the_spreadsheet_convention(report, lang, separator, mark):
    data = render(report, "csv", lang)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel then reads Ø and å correctly
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))
    assert len(rows) == 1 + len(report.rows)
    germany = dict(zip(rows[0], rows[2], strict=True))
    credit = next(v for k, v in germany.items() if k.endswith("(EUR)") and v.startswith("9"))
    assert Decimal(credit.replace(mark, ".")) == Decimal("9e9")
    assert all(" " not in cell and "\u00a0" not in cell for cell in rows[2][4:])  # no grouping separators


def test_csv_header_and_names_are_in_the_readers_language(report):
    header, denmark = list(csv.reader(io.StringIO(render(report, "csv", "da").decode("utf-8-sig")), delimiter=";"))[:2]
    assert header[2] == "Allieret"
    assert denmark[2] == "Danmark"
    assert denmark[5] == "5,0000"  # share of GDP in percent


def test_csv_leaves_no_percent_of_fair_share_for_an_exempt_ally(report):
    last = render(report, "csv", "en").decode("utf-8-sig").splitlines()[-1].split(",")
    assert last[1] == "ISL"
    assert last[13] == ""
