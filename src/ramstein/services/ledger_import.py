"""Import ledger entries from a table (CSV): all rows or none, unless the caller asks to skip bad rows.

Each row is checked on its own (fields, nations, external ids against the file and the ledger); a file with
any bad row is rejected whole with every problem listed, so nothing is ever half-imported. With
`skip_invalid`, the good rows are recorded and the bad ones are returned for the caller to write aside.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ramstein.domain.access import Actor
from ramstein.domain.errors import RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import Entry, LedgerEntry
from ramstein.domain.nations import NationRegistry
from ramstein.services.entry_form import parse_entry
from ramstein.services.ledger import append
from ramstein.services.ports import Clock, Progress, UnitOfWorkFactory, no_progress


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of the file as read: its spreadsheet row number and its text fields."""

    number: int
    fields: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class LedgerImport:
    recorded: list[LedgerEntry]
    rejected: list[tuple[Row, list[DataIssue]]]


def import_rows(
    uow_factory: UnitOfWorkFactory,
    source: str,
    rows: Sequence[Row],
    issues: Sequence[DataIssue],
    *,
    actor: Actor,
    clock: Clock,
    skip_invalid: bool = False,
    progress: Progress = no_progress,
) -> LedgerImport:
    """`issues` found while reading: those of a row (number > 1) belong to it and can be skipped; those of
    the file itself (its header, encoding, or a cut-off end: row 0 or 1) always reject it."""
    with uow_factory() as uow:
        uow.lock_ledger()
        parsed = {row.number: parse_entry(row.fields, source=source, row=row.number) for row in rows}
        good = {n: e for n, e in parsed.items() if isinstance(e, Entry)}  # may still clash below
        problems = {n: list(p) for n, p in parsed.items() if not isinstance(p, Entry)}
        for issue in issues:
            if issue.row > 1:
                problems.setdefault(issue.row, []).insert(0, issue)
        file_issues = [i for i in issues if i.row <= 1]
        known = uow.ledger.existing_external_ids([e.external_id for e in good.values() if e.external_id])
        for number, issue in _reference_issues(source, good, uow.reference.nations(), known):
            problems.setdefault(number, []).append(issue)
        if file_issues or (problems and not skip_invalid):
            listed = [*file_issues, *(i for n in sorted(problems) for i in problems[n])]
            where = f"{len(problems)} row(s)" if problems else "the file"
            raise RejectedImport(
                f"{source} was rejected: {len(listed)} problem(s) in {where}; nothing was recorded",
                listed,
                hint="fix the rows listed, or pass --skip-invalid FILE to record the good rows and set the bad aside.",
            )
        entries = [e for n, e in sorted(good.items()) if n not in problems]
        recorded = append(uow, entries, actor, clock, progress)
        uow.commit()
    rejected = [(row, problems[row.number]) for row in rows if row.number in problems]
    return LedgerImport(recorded, rejected)


def _reference_issues(
    source: str, entries: Mapping[int, Entry], nations: NationRegistry, known_ids: set[str]
) -> list[tuple[int, DataIssue]]:
    counts = Counter(e.external_id for e in entries.values() if e.external_id)
    found = []
    for number, entry in sorted(entries.items()):
        for column in ("donor", "recipient"):
            code = getattr(entry, column)
            if code not in nations:
                found.append(
                    (number, DataIssue(source, number, column, f"unknown nation {code!r}; see `ramstein nations`"))
                )
        external = entry.external_id
        if external and external in known_ids:
            found.append((number, DataIssue(source, number, "external_id", f"{external!r} is already in the ledger")))
        elif external and counts[external] > 1:
            found.append((number, DataIssue(source, number, "external_id", f"{external!r} appears more than once")))
    return found
