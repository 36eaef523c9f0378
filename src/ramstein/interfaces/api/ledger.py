"""/api/v1/ledger: list and read entries, append one, reverse one, mark one's releasability. Never edit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ramstein.domain.access import Marking
from ramstein.domain.errors import RejectedImport
from ramstein.domain.ledger import AidType, Entry, EntryKind
from ramstein.interfaces.answer_cache import keep
from ramstein.interfaces.api.deps import Asker, Container, IsoDate, Page, Paged, Writer, created
from ramstein.interfaces.api.schemas import ERRORS, LedgerEntryOut, entry_out
from ramstein.interfaces.auth import current_actor
from ramstein.services import ledger_access
from ramstein.services.entry_form import parse_entry
from ramstein.services.ports import LedgerQuery

router = APIRouter(prefix="/ledger", tags=["ledger"], responses=ERRORS)


class EntryIn(BaseModel):
    """A pledge, commitment or delivery, as text fields (as `ramstein ledger add` takes them)."""

    kind: str = Field(examples=["pledge"], description="pledge, commitment or delivery", max_length=20)
    donor: str = Field(examples=["DNK"], max_length=3)
    amount: str = Field(examples=["10.5bn"], description="digits, optionally scaled: 1500000.50, 2.5m, 10.5bn",
                        max_length=40)  # fmt: skip
    currency: str = Field(examples=["EUR"], max_length=3)
    date: str = Field(examples=["2024-07-10"], max_length=10)
    recipient: str = Field("UKR", max_length=3)
    aid_type: str = Field("military", max_length=20)
    instrument: str = Field("", max_length=40)
    channel: str = Field("bilateral", max_length=20)
    capability: str = Field("", max_length=40)
    items: str = Field("", examples=["155 mm round:50000:4000"], max_length=10_000)
    source: str = Field("", examples=["Danish MoD press release"], max_length=2000)
    external_id: str = Field("", max_length=200)
    starts: str = Field("", examples=["2024-01-01"], max_length=10)
    ends: str = Field("", examples=["2027-12-31"], max_length=10)
    note: str = Field("", max_length=10_000)


class ReversalIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, examples=["entered twice"])
    on: IsoDate | None = Field(None, description="the reversal's date (default: today)")


class MarkingIn(BaseModel):
    marking: Marking = Field(examples=["public"])
    reason: str = Field("", max_length=2000, examples=["released by the MoD on 2025-01-10"])


class MarkingOut(BaseModel):
    seq: int
    marking: Marking
    by: str
    at: str
    reason: str


@router.get("", response_model=Page[LedgerEntryOut], summary="List entries (those you may read)")
def list_entries(
    request: Request, app: Container, paged: Paged,
    donor: Annotated[str | None, Query(max_length=3, examples=["DEU"])] = None,
    kind: EntryKind | None = None, aid_type: AidType | None = None,
    since: IsoDate | None = None, until: IsoDate | None = None,
    live: Annotated[bool, Query(description="only entries in force")] = False,
) -> Page[LedgerEntryOut]:  # fmt: skip
    query = LedgerQuery(
        donor=donor.upper() if donor else None, kind=kind, aid_type=aid_type, since=since, until=until,
        live_only=live, limit=paged.limit, offset=paged.offset,
    )  # fmt: skip
    found, total = ledger_access.find(app.uow, current_actor(request), query)
    items = [entry_out(r, m) for r, m in found]
    keep(request)  # made from the ledger and its markings, as this reader may see them (answer_cache.py)
    return Page[LedgerEntryOut](items=items, total=total, limit=paged.limit, offset=paged.offset)


@router.get("/{seq}", response_model=LedgerEntryOut, summary="One entry (with `reversed_by` when cancelled)")
def show(seq: int, app: Container, asker: Asker) -> JSONResponse:
    record, marking, reversal = ledger_access.show(app.uow, asker, seq, app.clock)
    body = entry_out(record, marking).model_dump()
    return JSONResponse({**body, "reversed_by": reversal.seq if reversal else None})


@router.post("", status_code=201, response_model=LedgerEntryOut, summary="Append a pledge, commitment or delivery")
def append(body: EntryIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    parsed = parse_entry(body.model_dump(), source="request body")
    if not isinstance(parsed, Entry):
        raise RejectedImport("the entry was not recorded", parsed, hint="correct the fields named in `issues`.")
    (recorded,) = ledger_access.record(app.uow, asker, [parsed], app.clock)
    return created(request, entry_out(recorded, _marking(app, recorded.seq)).model_dump())


@router.post("/{seq}/reversal", status_code=201, response_model=LedgerEntryOut, summary="Cancel an entry")
def reverse(seq: int, body: ReversalIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    recorded = ledger_access.reverse(app.uow, asker, seq, reason=body.reason, clock=app.clock, on=body.on)
    return created(request, entry_out(recorded, _marking(app, recorded.seq)).model_dump())


@router.post("/{seq}/marking", status_code=201, response_model=MarkingOut, summary="Set an entry's releasability")
def mark(seq: int, body: MarkingIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    change = ledger_access.mark(app.uow, asker, seq, body.marking, reason=body.reason, clock=app.clock)
    out = MarkingOut(seq=seq, marking=change.marking, by=change.by, at=change.at.isoformat(), reason=change.reason)
    return created(request, out.model_dump())


def _marking(app: Container, seq: int) -> Marking:
    return ledger_access.marking(app.uow, seq)
