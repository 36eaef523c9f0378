"""/api/v1/nations: the registry of donors and recipients with their memberships (public reference data)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from ramstein.domain.nations import Body, Nation
from ramstein.interfaces.answer_cache import keep
from ramstein.interfaces.api.deps import Asker, Container, Page, Paged
from ramstein.interfaces.api.schemas import ERRORS
from ramstein.services import reads

router = APIRouter(prefix="/nations", tags=["nations"], responses=ERRORS)


class MembershipOut(BaseModel):
    body: Body
    since: str | None = Field(examples=["1949-04-04"])
    until: str | None
    approximate: bool
    note: str


class NationOut(BaseModel):
    code: str = Field(examples=["DNK"])
    name: str = Field(examples=["Denmark"])
    currency: str | None = Field(examples=["DKK"])
    is_country: bool
    memberships: list[MembershipOut]


def nation_out(n: Nation) -> NationOut:
    return NationOut(
        code=n.code, name=n.name, currency=n.currency, is_country=n.is_country,
        memberships=[
            MembershipOut(body=m.body, since=m.since.isoformat() if m.since else None,
                          until=m.until.isoformat() if m.until else None, approximate=m.approximate, note=m.note)
            for m in n.memberships
        ],
    )  # fmt: skip


@router.get("", response_model=Page[NationOut], summary="List nations, by name")
def list_nations(
    request: Request, app: Container, asker: Asker, paged: Paged, member_of: Body | None = None
) -> Page[NationOut]:
    found = [n for n in reads.nations(app.uow, asker, app.clock) if member_of is None or n.membership(member_of)]
    items = [nation_out(n) for n in found[paged.offset : paged.offset + paged.limit]]
    keep(request)  # made from the nations dataset: kept while it is the newest (interfaces/answer_cache.py)
    return Page[NationOut](items=items, total=len(found), limit=paged.limit, offset=paged.offset)


@router.get("/{code}", response_model=NationOut, summary="One nation")
def show(
    request: Request, code: Annotated[str, Path(max_length=3, examples=["DNK"])], app: Container, asker: Asker
) -> NationOut:
    found = nation_out(reads.nation(app.uow, asker, app.clock, code))
    keep(request)
    return found
