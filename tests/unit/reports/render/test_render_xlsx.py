"""The workbook opened as a reader would: numbers are numbers with formats, the header is frozen and filtered."""

from __future__ import annotations

import io

import openpyxl
import pytest

from ramstein.reports.render import render


@pytest.fixture
def book(report):
    return openpyxl.load_workbook(io.BytesIO(render(report, "xlsx", "da")))


def test_sheets_in_the_readers_language(book):
    assert book.sheetnames == ["Sammenfatning", "Allierede", "Historik", "Fond", "Metode og kilder"]


def test_ally_cells_are_numbers_with_eur_and_percent_formats(book):
    sheet = book["Allierede"]
    header = [c.value for c in sheet[1]]
    germany = dict(zip(header, sheet[3], strict=True))
    assert germany["Allieret"].value == "Tyskland"
    assert germany["Medregnet"].value == 9_000_000_000
    assert germany["Medregnet"].data_type == "n"
    assert "€" in germany["Medregnet"].number_format
    assert germany["Andel af BNP"].value == pytest.approx(0.20)
    assert germany["Andel af BNP"].number_format == "0.00%"
    assert germany["Medregnet, % af BNP"].value == pytest.approx(0.001125)
    assert germany["Medregnet, % af BNP"].number_format == "0.000%"
    assert germany["Placering"].value == 2


def test_header_frozen_filtered_and_columns_sized(book):
    sheet = book["Allierede"]
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == "A1:O6"
    assert sheet.column_dimensions["C"].width > 15


def test_summary_says_whether_the_floor_was_met_and_by_how_much(book):
    sheet = book["Sammenfatning"]
    values = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=6) if row[0].value}
    assert values["Minimumsniveau nået"] == "nej"
    assert values["Margin over minimumsniveauet"] == -2_300_000_000
    assert values["Regelsæt"] == "washington-2024"
    assert "mangler 2,3\u00a0mia.\u00a0€" in sheet["A4"].value


def test_method_and_sources_sheet_cites_kiel(book):
    text = "\n".join(str(c.value) for row in book["Metode og kilder"].iter_rows() for c in row if c.value)
    assert "Kiel Institute" in text
    assert "Antezza" in text
