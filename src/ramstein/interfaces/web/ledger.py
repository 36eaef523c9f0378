"""The ledger: every entry with filters and pages, one entry with its reversal, and the drill-down from a
report's figure to exactly the entries (and the share of each) it sums."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from ramstein.domain.access import Marking
from ramstein.domain.errors import InvalidInput
from ramstein.domain.ledger import AidType, EntryKind
from ramstein.interfaces.web import burden_choice
from ramstein.interfaces.web.burden_choice import ChoiceDep
from ramstein.interfaces.web.page import Page, PageDep, PageRoute, query
from ramstein.interfaces.web.problems import Said
from ramstein.services import ledger_access, reads, sources
from ramstein.services.ports import LedgerQuery

router = APIRouter(route_class=PageRoute)
PAGE_SIZE = 50
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Filters:
    donor: str
    kind: str
    aid_type: str
    since: str
    until: str
    live: bool
    page: int

    def params(self, **changed: object) -> dict[str, object]:
        kept = {"donor": self.donor, "kind": self.kind, "aid_type": self.aid_type, "since": self.since,
                "until": self.until, "live": "1" if self.live else "", "page": self.page}  # fmt: skip
        return kept | changed

    def to_query(self) -> LedgerQuery:
        return LedgerQuery(
            donor=self.donor.upper() or None,
            kind=_member(EntryKind, self.kind, "kind"),
            aid_type=_member(AidType, self.aid_type, "aid_type"),
            since=_day(self.since, "since"),
            until=_day(self.until, "until"),
            live_only=self.live,
            limit=PAGE_SIZE,
            offset=(self.page - 1) * PAGE_SIZE,
        )


def filters(
    donor: Annotated[str, Query(max_length=3)] = "",
    kind: Annotated[str, Query(max_length=12)] = "",
    aid_type: Annotated[str, Query(max_length=14)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    live: Annotated[str, Query(max_length=1)] = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Filters:
    return Filters(donor.strip(), kind, aid_type, since, until, live == "1", page)


@router.get("/ledger", response_class=HTMLResponse, name="ledger")
def entries(p: PageDep, chosen: Annotated[Filters, Depends(filters)]) -> HTMLResponse:
    found, total = ledger_access.find(p.app.uow, p.actor, chosen.to_query())
    pages = max(1, -(-total // PAGE_SIZE))
    return p.render(
        "ledger.html.j2",
        rows=[(record, None) for record, _ in found],
        total=total,
        filters=chosen,
        pages=pages,
        previous=query(**chosen.params(page=chosen.page - 1)) if chosen.page > 1 else None,
        following=query(**chosen.params(page=chosen.page + 1)) if chosen.page < pages else None,
        nations=reads.nations(p.app.uow, p.caller, p.app.clock),
        kinds=list(EntryKind),
        aid_types=list(AidType),
    )


@router.get("/ledger/explain", response_class=HTMLResponse, name="explain")
def explain(
    p: PageDep, chosen: ChoiceDep, nation: Annotated[str, Query(max_length=3)], stage: Annotated[str, Query()] = ""
) -> HTMLResponse:
    asked = burden_choice.request(p, chosen)
    wanted = _member(EntryKind, stage, "stage")
    found = [(r, s) for r, s in burden_choice.explain(p, asked, nation) if wanted is None or r.entry.kind is wanted]
    return p.render(
        "explain.html.j2",
        found=found,
        nation=reads.nation(p.app.uow, p.caller, p.app.clock, nation.upper()),
        stage=wanted,
        asked=asked,
        chosen=chosen,
    )


@router.get("/ledger/{seq}", response_class=HTMLResponse, name="entry")
def entry(
    p: PageDep, seq: int, recorded: Annotated[str, Query(max_length=1)] = "",
    marked: Annotated[str, Query(max_length=1)] = "",
) -> HTMLResponse:  # fmt: skip
    return entry_page(p, seq, recorded=recorded == "1", marked=marked == "1")


def entry_page(
    p: Page, seq: int, status: int = 200, *, recorded: bool = False, marked: bool = False,
    errors: dict[str, str] | None = None, refusal: Said | None = None,
) -> HTMLResponse:  # fmt: skip
    """One entry, its marking and reversal, and the reversal and marking forms when the reader may use them;
    `refusal` is a refused or failed write's message (the decision's reason)."""
    record, marking, reversal = ledger_access.show(p.app.uow, p.caller, seq, p.app.clock)
    resource = ledger_access.resource(record, marking)
    origin = sources.origin(p.app.uow, p.caller, record, p.app.clock) if p.may("sources.read") else None
    return p.render("entry.html.j2", status, record=record, marking=marking, resource=resource, reversal=reversal,
                    recorded=recorded, marked=marked, errors=errors or {}, refusal=refusal, origin=origin,
                    markings=list(Marking))  # fmt: skip


def _member(enum: type[E], value: str, name: str) -> E | None:
    if not value:
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise InvalidInput(f"{name} {value!r} is not one of: {allowed}") from None


def _day(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name} {value!r} is not a date", hint="write YYYY-MM-DD, e.g. 2024-07-10.") from None
