"""/api/v1/rounds and /api/v1/deliveries: run and accept allocation rounds, read each assignment's reason,
confirm what arrived."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ramstein.domain.allocation import Lock
from ramstein.interfaces.api.deps import Asker, Container, IsoDate, Page, Paged, Writer, created
from ramstein.interfaces.api.schemas import ERRORS
from ramstein.interfaces.jsonable import to_jsonable
from ramstein.services import coordination_access as coordination
from ramstein.services.rounds import RoundView

router = APIRouter(tags=["allocation rounds"], responses=ERRORS)


class LockIn(BaseModel):
    offer: str = Field(max_length=20, examples=["O3"])
    need: str = Field(max_length=20, examples=["R1"])
    quantity: int = Field(strict=True, gt=0, le=10**12, examples=[500])


class RunIn(BaseModel):
    as_of: IsoDate | None = Field(None, description="the day the round plans from (default: today)")
    locks: list[LockIn] = Field(default_factory=list, max_length=10_000)
    note: str = Field("", max_length=2000)


class DeliveryIn(BaseModel):
    requirement: str = Field(max_length=20, examples=["R1"])
    offer: str = Field(max_length=20, examples=["O3"])
    quantity: int = Field(strict=True, gt=0, le=10**12, examples=[500])
    on: IsoDate | None = Field(None, description="the day it arrived (default: today; never in the future)")


def round_out(view: RoundView) -> dict[str, Any]:
    r, registers = view.round, view.registers
    assignments = []
    for a in r.result.assignments:
        supply, line = registers.supply(a.offer), registers.requirement(a.need)
        named = {"donor": supply.donor if supply else None, "item": supply.item if supply else None,
                 "for_item": line.item if line else None}  # fmt: skip
        assignments.append({**to_jsonable(a), **named})
    return {
        "number": r.number, "as_of": r.as_of.isoformat(), "basis": r.basis, "status": r.result.status.value,
        "objective": r.result.objective, "bound": r.result.bound, "message": r.result.message,
        "run_by": r.run_by, "run_at": r.run_at.isoformat(), "note": r.note, "locks": to_jsonable(r.locks),
        "assignments": assignments, "shortfalls": to_jsonable(r.result.shortfalls),
        "accepted": to_jsonable(view.acceptance),
    }  # fmt: skip


@router.get("/rounds", response_model=Page[dict[str, Any]], summary="Allocation rounds, newest first")
def list_rounds(app: Container, asker: Asker, paged: Paged) -> dict[str, Any]:
    registers = coordination.registers(app.uow, asker, app.clock, "rounds.read")
    accepted = {a.round: a for a in registers.acceptances}
    found = sorted(registers.rounds, key=lambda r: -r.number)
    items = [{"number": r.number, "as_of": r.as_of.isoformat(), "status": r.result.status.value,
              "assignments": len(r.result.assignments), "shortfalls": len(r.result.shortfalls),
              "accepted": r.number in accepted, "note": r.note}
             for r in found[paged.offset : paged.offset + paged.limit]]  # fmt: skip
    return {"items": items, "total": len(found), "limit": paged.limit, "offset": paged.offset}


@router.get("/rounds/{number}", summary="One round: every assignment and the reason for every unmet need")
def show_round(number: int, app: Container, asker: Asker) -> dict[str, Any]:
    return round_out(coordination.round_view(app.uow, asker, app.clock, number))


@router.post("/rounds", status_code=201, summary="Run a round over the approved lines and open offers (coordinator)")
def run_round(body: RunIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    locks = [Lock(lock.offer, lock.need, lock.quantity) for lock in body.locks]
    done = coordination.run_round(app.uow, asker, app.optimiser(), app.catalogue(), app.clock,
                                  as_of=body.as_of or app.clock().date(), locks=locks, note=body.note)  # fmt: skip
    return created(request, round_out(coordination.round_view(app.uow, asker, app.clock, done.number)))


@router.post("/rounds/{number}/acceptance", status_code=201, summary="Accept a round: commitments in the ledger")
def accept_round(number: int, request: Request, app: Container, asker: Writer) -> JSONResponse:
    return created(request, coordination.accept_round(app.uow, asker, number, app.clock))


@router.post("/deliveries", status_code=201, summary="Confirm a delivery's arrival (Ukraine's liaison)")
def confirm_delivery(body: DeliveryIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    done = coordination.confirm_delivery(app.uow, asker, app.clock, requirement=body.requirement, offer=body.offer,
                                         quantity=body.quantity, on=body.on or app.clock().date())  # fmt: skip
    return created(request, done)
