"""/api/v1/offers, /api/v1/courses, /api/v1/restrictions: the supply side, each nation adding its own."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ramstein.domain.coordination.offers import Course, DonorOffer
from ramstein.domain.coordination.restrictions import Action, RestrictionChange
from ramstein.domain.errors import RejectedImport
from ramstein.domain.money import money
from ramstein.interfaces.api.deps import Asker, Container, IsoDate, Page, Paged, Writer, created
from ramstein.interfaces.api.schemas import ERRORS
from ramstein.interfaces.jsonable import to_jsonable
from ramstein.services import coordination_access as coordination
from ramstein.services import reference
from ramstein.services.coordination_forms import parse_offer

router = APIRouter(tags=["offers, courses and restrictions"], responses=ERRORS)


class OfferIn(BaseModel):
    donor: str = Field(examples=["DNK"], max_length=3)
    item: str = Field(examples=["155mm-he"], max_length=80)
    quantity: str = Field(examples=["20000"], max_length=12)
    available_on: str = Field(examples=["2026-03-01"], max_length=10)
    origin: str = Field("stock", examples=["stock"], max_length=20, description="stock or production")
    unit_value: str = Field(examples=["4000"], max_length=40)
    currency: str = Field("EUR", max_length=3)
    restrictions: str = Field("", max_length=500, description="uses the offer forbids, separated by ;")
    note: str = Field("", max_length=2000)


class CourseIn(BaseModel):
    host: str = Field(examples=["DNK"], max_length=3)
    course_type: str = Field(examples=["f16-pilot"], max_length=80)
    seats: int = Field(strict=True, gt=0, le=1_000_000, examples=[12])
    starts: IsoDate
    ends: IsoDate
    language: str = Field("", max_length=40)
    prerequisites: str = Field("", max_length=2000)
    seat_value: str = Field("", max_length=40, examples=["150000"], description="what a seat costs the host")
    currency: str = Field("EUR", max_length=3)


class RestrictionIn(BaseModel):
    donor: str = Field(examples=["DEU"], max_length=3)
    use: str = Field(examples=["strikes-deep-inside-russia"], min_length=1, max_length=200)
    action: Action
    on: IsoDate
    scope: str = Field("*", max_length=80, description="an item code, a family, or * for every item")
    source: str = Field("", max_length=2000)


def _page(items: list[object], paged: Paged) -> dict[str, object]:
    window = items[paged.offset : paged.offset + paged.limit]
    return {"items": to_jsonable(window), "total": len(items), "limit": paged.limit, "offset": paged.offset}


@router.get("/offers", response_model=Page[dict[str, object]], summary="Donors' offers")
def list_offers(app: Container, asker: Asker, paged: Paged, donor: str | None = None) -> dict[str, object]:
    offers = coordination.registers(app.uow, asker, app.clock, "offers.read").offers
    return _page([o for o in offers if donor is None or o.donor == donor.upper()], paged)


@router.post("/offers", status_code=201, summary="Add an offer of your own nation")
def add_offer(body: OfferIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    nations = reference.nations(app.uow)
    parsed = parse_offer(body.model_dump(), app.catalogue(), nations, source="request body")
    if not isinstance(parsed, DonorOffer):
        raise RejectedImport("the offer was not recorded", parsed, hint="correct the fields named in `issues`.")
    return created(request, coordination.add_offer(app.uow, asker, app.catalogue(), parsed, app.clock))


@router.get("/courses", response_model=Page[dict[str, object]], summary="Training courses")
def list_courses(app: Container, asker: Asker, paged: Paged) -> dict[str, object]:
    return _page(list(coordination.registers(app.uow, asker, app.clock, "courses.read").courses), paged)


@router.post("/courses", status_code=201, summary="Add a course your nation hosts")
def add_course(body: CourseIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    value = money(body.seat_value, body.currency) if body.seat_value else None
    course = Course("", body.host.upper(), body.course_type, body.seats, body.starts, body.ends, body.language,
                    body.prerequisites, value)  # fmt: skip
    return created(request, coordination.add_course(app.uow, asker, app.catalogue(), course, app.clock))


@router.get("/restrictions", response_model=Page[dict[str, object]], summary="End-use restriction changes")
def list_restrictions(app: Container, asker: Asker, paged: Paged) -> dict[str, object]:
    return _page(list(coordination.registers(app.uow, asker, app.clock, "offers.read").restrictions), paged)


@router.post("/restrictions", status_code=201, summary="Impose or lift a restriction of your own nation")
def add_restriction(body: RestrictionIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    change = RestrictionChange(body.donor.upper(), body.use, body.action, body.on, body.scope, body.source)
    return created(request, coordination.add_restriction(app.uow, asker, app.catalogue(), change, app.clock))
