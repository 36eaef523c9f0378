"""The plain interchange form of an allocation problem: needs, offers and locks as CSV, no database.

    needs.csv   id,item,quantity,priority,needed_by[,intended_use,group]
    offers.csv  id,donor,item,quantity,available_on[,forbidden_uses]   (forbidden_uses: ';'-separated)
    locks.csv   offer,need,quantity

A file with any problem is rejected whole (`RejectedImport`, every problem listed with its row and column):
an allocation computed from part of a list would silently leave needs or offers out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from ramstein.adapters.importers.files import IssueList, load_text, parse_iso_date, rows, shorten
from ramstein.domain.allocation import MAX_PRIORITY, MIN_PRIORITY, Lock, Need, Offer
from ramstein.domain.errors import RejectedImport
from ramstein.domain.issues import DataIssue

T = TypeVar("T")
NEED_COLUMNS = ("id", "item", "quantity", "priority", "needed_by", "intended_use", "group")
OFFER_COLUMNS = ("id", "donor", "item", "quantity", "available_on", "forbidden_uses")
LOCK_COLUMNS = ("offer", "need", "quantity")


class _Row:
    """One record's cells by column name; each getter records an issue and returns None when a cell is bad."""

    def __init__(self, number: int, cells: dict[str, str], issues: IssueList) -> None:
        self.number, self.cells, self.issues = number, cells, issues

    def text(self, column: str, *, required: bool = True) -> str | None:
        value = self.cells.get(column, "").strip()
        if not value and required:
            self.issues.add(self.number, column, "is empty; a value is required")
            return None
        return value or None

    def integer(self, column: str, low: int, high: int | None = None) -> int | None:
        raw = self.text(column)
        if raw is None:
            return None
        try:
            value = int(raw)
        except ValueError:
            self.issues.add(self.number, column, f"{shorten(raw)!r} is not a whole number")
            return None
        if value < low or (high is not None and value > high):
            allowed = f"from {low} to {high}" if high is not None else f"{low} or more"
            self.issues.add(self.number, column, f"{value} is out of range; it must be {allowed}")
            return None
        return value

    def day(self, column: str) -> date | None:
        raw = self.text(column)
        if raw is None:
            return None
        found = parse_iso_date(raw)
        if found is None:
            self.issues.add(self.number, column, f"{shorten(raw)!r} is not a date; write YYYY-MM-DD")
        return found


def read_needs(path: Path) -> tuple[Need, ...]:
    def need(r: _Row) -> Need | None:
        key, item, by = r.text("id"), r.text("item"), r.day("needed_by")
        qty, prio = r.integer("quantity", 0), r.integer("priority", MIN_PRIORITY, MAX_PRIORITY)
        if key is None or item is None or qty is None or prio is None or by is None:
            return None
        use, group = r.text("intended_use", required=False), r.text("group", required=False)
        return Need(key, item, qty, prio, by, intended_use=use, group=group)

    return _read(path, NEED_COLUMNS, 5, need, "id")


def read_offers(path: Path) -> tuple[Offer, ...]:
    def offer(r: _Row) -> Offer | None:
        key, donor, item, on = r.text("id"), r.text("donor"), r.text("item"), r.day("available_on")
        qty = r.integer("quantity", 0)
        if key is None or donor is None or item is None or qty is None or on is None:
            return None
        listed = (r.text("forbidden_uses", required=False) or "").split(";")
        return Offer(key, donor, item, qty, on, frozenset(u.strip() for u in listed if u.strip()))

    return _read(path, OFFER_COLUMNS, 5, offer, "id")


def read_locks(path: Path) -> tuple[Lock, ...]:
    def lock(r: _Row) -> Lock | None:
        offer, need, qty = r.text("offer"), r.text("need"), r.integer("quantity", 1)
        return None if offer is None or need is None or qty is None else Lock(offer, need, qty)

    return _read(path, LOCK_COLUMNS, 3, lock, None)


def _read(
    path: Path, columns: tuple[str, ...], required: int, build: Callable[[_Row], T | None], key: str | None
) -> tuple[T, ...]:
    expected = f"expected a CSV file with the columns {','.join(columns[:required])}"
    loaded = load_text(path, expected=expected)
    if loaded.text is None:
        raise _rejected(path, loaded.issues)
    issues = IssueList(path.name)
    records = rows(loaded.text)
    number, header = next(records, (1, []))
    header = [h.strip().lower() for h in header]
    _check_header(header, columns, required, issues)
    if issues:
        raise _rejected(path, issues.as_list())
    out: list[T] = []
    seen: dict[str, int] = {}
    for number, cells in records:
        if len(cells) != len(header):
            issues.add(number, "", f"expected {len(header)} columns, found {len(cells)}")
            continue
        row = _Row(number, dict(zip(header, cells, strict=True)), issues)
        if key is not None and (name := row.cells[key].strip()) in seen:
            issues.add(number, key, f"{shorten(name)!r} is already used on row {seen[name]}; ids must be unique")
        elif key is not None:
            seen[name] = number
        built = build(row)
        if built is not None:
            out.append(built)
    if issues:
        raise _rejected(path, issues.as_list())
    return tuple(out)


def _check_header(header: list[str], columns: tuple[str, ...], required: int, issues: IssueList) -> None:
    unknown = [h for h in header if h not in columns]
    missing = [c for c in columns[:required] if c not in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if unknown:
        issues.add(1, unknown[0], f"unknown column(s) {', '.join(unknown)}; the columns are {', '.join(columns)}")
    if missing:
        issues.add(1, missing[0], f"missing required column(s) {', '.join(missing)}")
    if repeated:
        issues.add(1, repeated[0], f"column(s) named twice: {', '.join(repeated)}")


def _rejected(path: Path, issues: Sequence[DataIssue]) -> RejectedImport:
    return RejectedImport(
        f"{path.name} was rejected: {len(issues)} problem(s)",
        issues,
        hint="fix the rows listed and run again; nothing was allocated",
    )
