"""Requirement and offer lists as CSV or XLSX files: read into rows for the services, write for export.

XLSX is read with the standard library (a workbook is a zip of XML): the first sheet, its first row the
header. Excel stores dates as day numbers; in the date columns those are turned back into YYYY-MM-DD.
Problems of the file itself (missing, not a table, unknown or missing columns) are issues at row 0 or 1.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import xlsxwriter

from ramstein.adapters.importers.files import load_text
from ramstein.domain.issues import DataIssue
from ramstein.services.ledger_import import Row

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DATE_COLUMNS = ("needed_by", "available_on")
EXCEL_EPOCH = date(1899, 12, 30)


def read_table(path: Path, columns: Sequence[str], required: Sequence[str]) -> tuple[list[Row], list[DataIssue]]:
    if path.suffix.lower() == ".xlsx":
        records, issues = _xlsx_records(path)
    else:
        loaded = load_text(path, expected=f"a CSV file with a header row: {', '.join(columns)}")
        if loaded.text is None:
            return [], loaded.issues
        records, issues = list(enumerate(csv.reader(io.StringIO(loaded.text)), start=1)), []
    if issues or not records:
        return [], issues or [DataIssue(path.name, 0, "", "the file is empty")]
    header = [h.strip().lower() for h in records[0][1]]
    unknown = [h for h in header if h not in columns]
    missing = [c for c in required if c not in header]
    if unknown or missing:
        found = f"unknown column(s) {', '.join(unknown)}" if unknown else f"missing column(s) {', '.join(missing)}"
        return [], [DataIssue(path.name, 1, "", f"{found}; the columns are {', '.join(columns)}")]
    rows = [Row(number, dict(zip(header, cells, strict=False))) for number, cells in records[1:]
            if any(c.strip() for c in cells)]  # fmt: skip
    return rows, []


def write_table(path: Path, columns: Sequence[str], rows: Sequence[dict[str, str]]) -> None:
    if path.suffix.lower() == ".xlsx":
        workbook = xlsxwriter.Workbook(str(path))
        sheet = workbook.add_worksheet()
        for number, values in enumerate([dict(zip(columns, columns, strict=True)), *rows]):
            for column, name in enumerate(columns):
                sheet.write_string(number, column, values.get(name, ""))  # text: ids and dates stay as written
        workbook.close()
        return
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def _xlsx_records(path: Path) -> tuple[list[tuple[int, list[str]]], list[DataIssue]]:
    try:
        with zipfile.ZipFile(path) as book:
            names = book.namelist()
            shared = _shared_strings(book.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in names else []
            sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        return [], [DataIssue(path.name, 0, "", f"not a readable XLSX workbook ({exc}); save it again as .xlsx")]
    records = []
    for row in sheet.iter(f"{_NS}row"):
        cells: dict[int, str] = {}
        for cell in row.iter(f"{_NS}c"):
            cells[_column(cell.get("r", "A1"))] = _value(cell, shared)
        width = max(cells, default=-1) + 1
        records.append((int(row.get("r", "0")), [cells.get(i, "") for i in range(width)]))
    if records:
        header = [h.strip().lower() for h in records[0][1]]
        records = [records[0], *((n, _dates(header, cells)) for n, cells in records[1:])]
    return records, []


def _shared_strings(xml: bytes) -> list[str]:
    return ["".join(t.text or "" for t in si.iter(f"{_NS}t")) for si in ElementTree.fromstring(xml).iter(f"{_NS}si")]


def _value(cell: ElementTree.Element, shared: list[str]) -> str:
    kind, value = cell.get("t"), cell.find(f"{_NS}v")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_NS}t"))
    text = value.text or "" if value is not None else ""
    return shared[int(text)] if kind == "s" and text.isdigit() else text


def _column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref)
    number = 0
    for char in letters.group(0) if letters else "A":
        number = number * 26 + ord(char) - ord("A") + 1
    return number - 1


def _dates(header: list[str], cells: list[str]) -> list[str]:
    fixed = list(cells)
    for i, name in enumerate(header[: len(cells)]):
        if name in DATE_COLUMNS and re.fullmatch(r"\d+(\.0+)?", cells[i]):
            fixed[i] = (EXCEL_EPOCH + timedelta(days=int(float(cells[i])))).isoformat()
    return fixed
