"""/api/v1/public/totals: released aggregates of the entries marked public, for anyone (no sign-in)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from ramstein.interfaces.answer_cache import keep
from ramstein.interfaces.api.deps import Asker, Container
from ramstein.interfaces.api.schemas import ERRORS
from ramstein.services import public

router = APIRouter(prefix="/public", tags=["public"], responses=ERRORS)


class AggregateOut(BaseModel):
    key: str = Field(examples=["2024"])
    total: str | None = Field(examples=["12500000000"], description="EUR, as text; null when withheld")
    nations: int = Field(description="how many nations contribute")
    withheld: bool


class TotalsOut(BaseModel):
    by: str
    currency: str
    min_nations: int = Field(description="aggregates with fewer contributing nations are withheld")
    aggregates: list[AggregateOut]
    entries: int
    unconverted: int


@router.get("/totals", response_model=TotalsOut, summary="Sums of the public entries in force, by a grouping")
def totals(
    request: Request, app: Container, asker: Asker,
    by: Annotated[str, Query(max_length=20, description=", ".join(public.GROUPS))] = "year",
) -> TotalsOut:  # fmt: skip
    found = public.totals(app.uow, asker, app.clock, by=by, min_nations=app.settings.public_min_nations)
    keep(request)  # made from the public entries and their markings (interfaces/answer_cache.py)
    aggregates = [AggregateOut(key=a.key, total=str(a.total) if a.total is not None else None, nations=a.nations,
                               withheld=a.withheld) for a in found.aggregates]  # fmt: skip
    return TotalsOut(by=found.by, currency=found.currency, min_nations=found.min_nations, aggregates=aggregates,
                     entries=found.entries, unconverted=found.unconverted)  # fmt: skip
