"""/api/v1/requirements: Ukraine's list with each line's progress; propose a line or complete packages of a
platform, approve, withdraw."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ramstein.domain.coordination.requirements import Decision, LineProgress, Requirement
from ramstein.domain.errors import RejectedImport
from ramstein.interfaces.api.deps import Asker, Container, Page, Paged, Writer, created
from ramstein.interfaces.api.schemas import ERRORS
from ramstein.services import coordination_access as coordination
from ramstein.services.coordination_forms import parse_requirement

router = APIRouter(prefix="/requirements", tags=["requirements"], responses=ERRORS)
LineId = Annotated[str, Path(max_length=20, examples=["R1"])]


class RequirementIn(BaseModel):
    """A line of Ukraine's needs, as text fields (as `ramstein needs add` takes them)."""

    item: str = Field(examples=["155mm-he"], max_length=80, description="a catalogue item (`ramstein needs catalogue`)")
    quantity: str = Field(examples=["50000"], max_length=12)
    priority: str = Field("3", examples=["5"], max_length=2, description="1 (low) to 5 (high)")
    needed_by: str = Field(examples=["2027-06-30"], max_length=10)
    capability: str = Field("", max_length=40, description="default: the catalogue item's")
    intended_use: str = Field("", max_length=200)
    crew_for: str = Field("", max_length=20)
    note: str = Field("", max_length=2000)


class DecisionIn(BaseModel):
    note: str = Field("", max_length=2000)


class LineOut(BaseModel):
    id: str = Field(examples=["R1"])
    item: str
    capability: str
    quantity: int
    priority: int
    needed_by: str
    intended_use: str | None
    package: str | None
    crew_for: str | None
    note: str
    status: str = Field(examples=["approved"])
    committed: int
    delivered: int
    open: int


def line_out(p: LineProgress) -> LineOut:
    r = p.requirement
    return LineOut(
        id=r.id, item=r.item, capability=r.capability.value, quantity=r.quantity, priority=r.priority,
        needed_by=r.needed_by.isoformat(), intended_use=r.intended_use, package=r.package, crew_for=r.crew_for,
        note=r.note, status=p.status.value, committed=p.committed, delivered=p.delivered, open=p.open,
    )  # fmt: skip


@router.get("", response_model=Page[LineOut], summary="The requirement list with each line's progress")
def list_lines(app: Container, asker: Asker, paged: Paged, status: str | None = None) -> Page[LineOut]:
    lines = coordination.registers(app.uow, asker, app.clock, "requirements.read").progress()
    found = [line_out(p) for p in lines if status is None or p.status.value == status]
    return Page[LineOut](items=found[paged.offset : paged.offset + paged.limit], total=len(found),
                         limit=paged.limit, offset=paged.offset)  # fmt: skip


@router.post("", status_code=201, response_model=LineOut, summary="Propose a line (Ukraine's liaison)")
def propose(body: RequirementIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    parsed = parse_requirement(body.model_dump(), app.catalogue(), today=app.clock().date(), source="request body")
    if not isinstance(parsed, Requirement):
        raise RejectedImport("the line was not recorded", parsed, hint="correct the fields named in `issues`.")
    (line,) = coordination.propose(app.uow, asker, [parsed], app.clock)
    return created(request, _progress_of(app, asker, line.id)[0].model_dump())


@router.post(
    "/packages",
    status_code=201,
    response_model=list[LineOut],
    summary="Propose complete packages of a platform: `quantity` packages, a line per part (Ukraine's liaison)",
)
def propose_package(body: RequirementIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    """The platform's line first, then its ammunition, parts and crews' training, sharing one package tag; the
    training lines are tied to the platform's, so crews are trained before it arrives."""
    parsed = parse_requirement(body.model_dump(), app.catalogue(), today=app.clock().date(), source="request body")
    if not isinstance(parsed, Requirement):
        raise RejectedImport("the package was not recorded", parsed, hint="correct the fields named in `issues`.")
    lines = coordination.propose_package(app.uow, asker, app.catalogue(), parsed, app.clock)
    return created(request, [out.model_dump() for out in _progress_of(app, asker, *(line.id for line in lines))])


@router.post("/{line}/approval", status_code=201, response_model=LineOut, summary="Approve a line (coordinator)")
def approve(line: LineId, body: DecisionIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    coordination.decide(app.uow, asker, [line], Decision.APPROVED, app.clock, body.note)
    return created(request, _progress_of(app, asker, line)[0].model_dump())


@router.post("/{line}/withdrawal", status_code=201, response_model=LineOut, summary="Withdraw a line")
def withdraw(line: LineId, body: DecisionIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    coordination.decide(app.uow, asker, [line], Decision.WITHDRAWN, app.clock, body.note)
    return created(request, _progress_of(app, asker, line)[0].model_dump())


def _progress_of(app: Container, asker: Asker, *lines: str) -> list[LineOut]:
    """The lines' progress, in the order asked, from one read of the registers."""
    progress = {p.requirement.id: p for p in coordination.registers(app.uow, asker, app.clock,
                                                                    "requirements.read").progress()}  # fmt: skip
    return [line_out(progress[line]) for line in lines]
