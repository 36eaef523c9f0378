"""Ledger entries as CSV: read a file into rows for `services.ledger_import`, write rejected rows aside.

The columns are `services.entry_form.COLUMNS`; `kind, donor, amount, currency, date` are required and the
order is free. Problems of the file as a whole (encoding, header, a row cut short, an unterminated quote)
are returned as issues; problems of a field are found later, row by row, by the service.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from ramstein.adapters.importers.files import IssueList, load_text
from ramstein.domain.issues import DataIssue
from ramstein.services.entry_form import COLUMNS, REQUIRED
from ramstein.services.ledger_import import Row

EXPECTED = f"expected a CSV file with a header row naming columns such as {', '.join(COLUMNS[:6])}"


def read_ledger_csv(path: Path) -> tuple[list[Row], list[DataIssue]]:
    """The rows of the file and its problems. An issue at row 0 or 1 (the file, its header) or one that
    says the file is cut short rejects the whole file; other issues belong to their row."""
    loaded = load_text(path, expected=EXPECTED)
    if loaded.text is None:
        return [], loaded.issues
    issues = IssueList(path.name)
    reader = csv.reader(io.StringIO(loaded.text), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        issues.add(1, "", f"the header cannot be read ({exc}); {EXPECTED}")
        return [], issues.as_list()
    _check_header(header, issues)
    if issues:
        return [], issues.as_list()
    rows: list[Row] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                issues.add(
                    line, "", f"expected {len(header)} columns, found {len(cells)}; is a comma missing or extra?"
                )
            rows.append(Row(line, dict(zip(header, cells, strict=False))))
    except csv.Error as exc:
        issues.add(0, "", f"the file ends inside a quoted field at row {reader.line_num} ({exc}); it may be cut short")
    last = rows[-1] if rows else None
    if last is not None and len(last.fields) < len(header) and not loaded.text.endswith(("\n", "\r")):
        issues.add(0, "", f"the file stops in the middle of row {last.number} (no line end): it looks cut short")
    if not rows and not issues:
        issues.add(0, "", "the file has a header but no rows; nothing to import")
    return rows, issues.as_list()


def _check_header(header: list[str], issues: IssueList) -> None:
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if unknown:
        issues.add(1, unknown[0], f"unknown column(s) {', '.join(unknown)}; the columns are {', '.join(COLUMNS)}")
    if missing:
        issues.add(1, missing[0], f"missing required column(s) {', '.join(missing)}; {EXPECTED}")
    if repeated:
        issues.add(1, repeated[0], f"column(s) named twice: {', '.join(repeated)}")


def write_rejects(path: Path, rejected: Sequence[tuple[Row, Sequence[DataIssue]]]) -> None:
    """The rejected rows as they were, with their row number and problems, ready to fix and import again."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["row", *COLUMNS, "problems"])
        for row, problems in rejected:
            fields = [row.fields.get(c, "") for c in COLUMNS]
            writer.writerow([row.number, *fields, "; ".join(f"{p.column}: {p.message}" for p in problems)])
