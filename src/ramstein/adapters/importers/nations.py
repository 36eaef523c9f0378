"""The nations list and its memberships (NATO, EU, contact group) into `Nation`s.

nations.csv: `code,iso2,name,currency,is_country` (ISO 3166-1 alpha-3, alpha-2, short English name,
ISO 4217 code or empty, true/false). memberships.csv: `code,body,since,until,approximate,note`, one line
per membership; `until` is the first day a nation is no longer a member, `since` may be empty only for an
approximate membership (the contact group has no official roster). Any problem rejects both files.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from ramstein.adapters.importers.files import (
    IssueList,
    load_text,
    parse_bool,
    parse_iso_date,
    rows,
    shorten,
)
from ramstein.domain.currency import is_known
from ramstein.domain.issues import DataIssue
from ramstein.domain.nations import Body, Membership, Nation
from ramstein.domain.reference import DatasetInfo, DatasetKind

SOURCE = (
    "ramstein nations list: ISO codes from datahub core/country-codes (ODC-PDDL-1.0), NATO accession dates "
    "from nato.int, EU accession dates and the contact-group roster hand-curated (roster approximate)"
)
NATION_COLUMNS = ("code", "iso2", "name", "currency", "is_country")
MEMBERSHIP_COLUMNS = ("code", "body", "since", "until", "approximate", "note")
BODIES = ", ".join(b.value for b in Body)

_COUNTRY_CODE = re.compile(r"[A-Z]{3}")
_ORGANISATION_CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
_ISO2 = re.compile(r"[A-Z]{2}")

Row = dict[str, str]


def read_nations(
    nations_csv: Path, memberships_csv: Path, *, loaded_at: datetime
) -> tuple[list[Nation], DatasetInfo, list[DataIssue]]:
    """Read both files; the list is empty whenever an issue is found in either."""
    nations_file = load_text(nations_csv, expected=_expected(NATION_COLUMNS, "nations.csv"))
    members_file = load_text(memberships_csv, expected=_expected(MEMBERSHIP_COLUMNS, "memberships.csv"))
    # One checksum for the pair: a change to either file makes a different dataset.
    digest = hashlib.sha256(f"{nations_file.sha256}\n{members_file.sha256}".encode()).hexdigest()

    def info(label: str, count: int) -> DatasetInfo:
        return DatasetInfo(DatasetKind.NATIONS, label, SOURCE, digest, loaded_at, count)

    failed = f"{nations_file.name} and {members_file.name} (not loaded)"
    if nations_file.text is None or members_file.text is None:
        return [], info(failed, 0), nations_file.issues + members_file.issues
    nation_issues, member_issues = IssueList(nations_file.name), IssueList(members_file.name)
    nations, mentioned = _read_nations(nations_file.text, nation_issues)
    memberships = _read_memberships(members_file.text, mentioned, member_issues)
    if nation_issues or member_issues or not nations:
        if not nations and not nation_issues:
            nation_issues.add(0, "", f"no nations found; {_expected(NATION_COLUMNS, 'nations.csv')}")
        return [], info(failed, 0), nation_issues.as_list() + member_issues.as_list()
    result = [
        Nation(code, row["name"], row["currency"] or None, parse_bool(row["is_country"]) is True, memberships[code])
        for code, row in nations.items()
    ]
    return result, info(_label(result, loaded_at), len(result)), []


def _expected(columns: tuple[str, ...], name: str) -> str:
    return f"expected the columns '{','.join(columns)}', as in ramstein's shipped {name}"


def _label(nations: list[Nation], loaded_at: datetime) -> str:
    today = loaded_at.date()
    counts = {body: sum(n.member_of(body, today) for n in nations) for body in Body}
    return (
        f"Nations ({len(nations)}): {counts[Body.NATO]} NATO allies, {counts[Body.EU]} EU members, "
        f"{counts[Body.UDCG]} contact-group participants (approximate) on {today.isoformat()}"
    )


def _table(text: str, columns: tuple[str, ...], issues: IssueList, name: str) -> list[tuple[int, Row]] | None:
    """Rows as dicts keyed by the expected columns; None when the header lacks one of them."""
    records = rows(text)
    _, header = next(records, (1, []))
    names = [cell.strip().lower() for cell in header]
    missing = [c for c in columns if c not in names]
    if missing:
        issues.add(1, missing[0], f"missing column(s) {', '.join(missing)}; {_expected(columns, name)}")
        return None
    index = {c: names.index(c) for c in columns}
    table = []
    for line, record in records:
        if len(record) < len(header):
            issues.add(line, "", f"the row has {len(record)} values but the header names {len(header)} columns")
            continue
        table.append((line, {c: record[i].strip() for c, i in index.items()}))
    return table


def _read_nations(text: str, issues: IssueList) -> tuple[dict[str, Row], set[str]]:
    """The valid rows by code, and every code the file names (so one bad row does not cascade)."""
    table = _table(text, NATION_COLUMNS, issues, "nations.csv") or []
    found: dict[str, Row] = {}
    first_row: dict[str, int] = {}
    for line, row in table:
        code = row["code"]
        if code in first_row:
            issues.add(line, "code", f"nation {code} appears twice (also on row {first_row[code]}); keep one")
            continue
        first_row[code] = line
        if _nation_row_ok(line, row, issues):
            found[code] = row
    return found, set(first_row)


def _nation_row_ok(line: int, row: Row, issues: IssueList) -> bool:
    before = issues.count
    is_country = parse_bool(row["is_country"])
    if is_country is None:
        issues.add(line, "is_country", f"'{shorten(row['is_country'])}' must be true or false")
    pattern = _COUNTRY_CODE if is_country is not False else _ORGANISATION_CODE
    if not pattern.fullmatch(row["code"]):
        issues.add(line, "code", f"malformed code '{shorten(row['code'])}'; countries use ISO 3166-1 alpha-3, e.g. DEU")
    if row["iso2"] and not _ISO2.fullmatch(row["iso2"]):
        issues.add(
            line, "iso2", f"malformed code '{shorten(row['iso2'])}'; use ISO 3166-1 alpha-2 (DE) or leave it empty"
        )
    if not row["name"]:
        issues.add(line, "name", "the name is empty; give the short English name, e.g. Germany")
    if row["currency"] and not is_known(row["currency"]):
        issues.add(
            line, "currency", f"unknown currency '{shorten(row['currency'])}'; use an ISO 4217 code or leave it empty"
        )
    return issues.count == before


def _read_memberships(text: str, nations: set[str], issues: IssueList) -> dict[str, tuple[Membership, ...]]:
    table = _table(text, MEMBERSHIP_COLUMNS, issues, "memberships.csv") or []
    held: dict[str, list[tuple[int, Membership]]] = defaultdict(list)
    for line, row in table:
        membership = _membership(line, row, nations, issues)
        if membership is not None:
            _check_overlap(line, row["code"], membership, held[row["code"]], issues)
            held[row["code"]].append((line, membership))
    return defaultdict(tuple, {code: tuple(m for _, m in found) for code, found in held.items()})


def _membership(line: int, row: Row, nations: set[str], issues: IssueList) -> Membership | None:
    before = issues.count
    if row["code"] not in nations:
        issues.add(line, "code", f"unknown nation '{shorten(row['code'])}'; add it to nations.csv first")
    body = _body(line, row["body"], issues)
    since, until = (_optional_date(line, row, column, issues) for column in ("since", "until"))
    approximate = parse_bool(row["approximate"])
    if approximate is None:
        issues.add(line, "approximate", f"'{shorten(row['approximate'])}' must be true or false")
    if not row["since"] and approximate is False:
        issues.add(line, "since", "the date is empty; give the day membership took effect or mark it approximate")
    if since and until and until <= since:
        issues.add(line, "until", f"membership ends ({until}) before it starts ({since}); check both dates")
    if issues.count != before or body is None:
        return None
    return Membership(body, since, until, approximate is True, row["note"])


def _body(line: int, text: str, issues: IssueList) -> Body | None:
    try:
        return Body(text.upper())
    except ValueError:
        issues.add(line, "body", f"unknown body '{shorten(text)}'; use one of {BODIES}")
        return None


def _optional_date(line: int, row: Row, column: str, issues: IssueList) -> date | None:
    text = row[column]
    if not text:
        return None
    day = parse_iso_date(text)
    if day is None:
        issues.add(line, column, f"malformed date '{shorten(text)}'; write dates as YYYY-MM-DD, e.g. 2023-04-04")
    return day


def _check_overlap(
    line: int, code: str, new: Membership, earlier: list[tuple[int, Membership]], issues: IssueList
) -> None:
    """A nation may leave and rejoin a body, but two memberships of one body must not overlap."""
    for other_line, other in earlier:
        if other.body is not new.body:
            continue
        apart = (other.until is not None and new.since is not None and other.until <= new.since) or (
            new.until is not None and other.since is not None and new.until <= other.since
        )
        if not apart:
            issues.add(
                line, "since", f"{code} is already a member of {new.body} on row {other_line}; the periods overlap"
            )
