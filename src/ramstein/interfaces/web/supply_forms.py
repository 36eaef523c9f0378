"""The donors' side in the browser: add an offer or a training course (a nation's representative for its own
nation, or a coordinator), see one offer or course with what is committed of it, and withdraw it; impose or
lift an end-use restriction. The fields are those of `ramstein offers add`, `courses add` and `restrictions
add`, parsed by the same code; the writes go through the same use cases, which decide (own nation only), audit
and refuse with the decision's reason."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ramstein.domain.access import Resource, Role
from ramstein.domain.coordination.catalogue import ItemKind
from ramstein.domain.coordination.offers import Origin
from ramstein.domain.coordination.restrictions import EVERY_ITEM, Action
from ramstein.domain.errors import NotFound, RamsteinError
from ramstein.interfaces.auth import check_csrf, require_user
from ramstein.interfaces.web.forms import FormState, Problem, decimal_number, failed, kept, submitted, whole_number
from ramstein.interfaces.web.need_forms import refuse_unless
from ramstein.interfaces.web.page import Page, PageDep, PageRoute
from ramstein.services import coordination_access as coordination
from ramstein.services import reads, reference
from ramstein.services.coordination_forms import (
    COURSE_COLUMNS,
    OFFER_COLUMNS,
    RESTRICTION_COLUMNS,
    parse_course,
    parse_offer,
    parse_restriction,
)

router = APIRouter(route_class=PageRoute, dependencies=[Depends(require_user)])
OFFER_FIELDS = OFFER_COLUMNS[1:]  # an offer's id is given on recording
Text = Annotated[str, Form(max_length=500)]
Long = Annotated[str, Form(max_length=2000)]


def _own(p: Page) -> str | None:
    """A representative writes for its own nation: the form shows it, read-only (the service checks it)."""
    return p.actor.nation if p.actor.role is Role.NATION else None


@router.get("/offers/new", response_class=HTMLResponse, name="new-offer")
def new_offer(p: PageDep) -> HTMLResponse:
    refuse_unless(p, "offers.add", Resource("offer", nation=p.actor.nation), "add offers")
    today = p.app.clock().date().isoformat()
    return _offer_form(p, FormState({"donor": _own(p) or "", "available_on": today, "origin": "stock",
                                     "currency": "EUR"}))  # fmt: skip


@router.post("/offers/new", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def add_offer(
    p: PageDep, donor: Text = "", item: Text = "", quantity: Text = "", available_on: Text = "", origin: Text = "",
    unit_value: Text = "", currency: Text = "", restrictions: Text = "", note: Long = "",
) -> Response:  # fmt: skip
    state = FormState(kept(dict(zip(OFFER_FIELDS, (donor, item, quantity, available_on, origin, unit_value,
                                                   currency, restrictions, note), strict=True))))  # fmt: skip
    fields = {**state.values, "quantity": whole_number(quantity, p.lang),
              "unit_value": decimal_number(unit_value, p.lang)}  # fmt: skip
    parsed = parse_offer(fields, p.app.catalogue(), reference.nations(p.app.uow), source="form")
    write = partial(coordination.add_offer, p.app.uow, p.caller, p.app.catalogue(), clock=p.app.clock)
    return submitted(p, state, parsed, columns=OFFER_FIELDS, draw=_offer_form, write=write,
                     next_url=lambda done: f"/offers/{done.id}?recorded=1")  # fmt: skip


@router.get("/courses/new", response_class=HTMLResponse, name="new-course")
def new_course(p: PageDep) -> HTMLResponse:
    refuse_unless(p, "courses.add", Resource("course", nation=p.actor.nation), "add courses")
    return _course_form(p, FormState({"host": _own(p) or "", "currency": "EUR", "language": "en"}))


@router.post("/courses/new", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def add_course(
    p: PageDep, host: Text = "", course_type: Text = "", seats: Text = "", starts: Text = "", ends: Text = "",
    language: Text = "", prerequisites: Long = "", seat_value: Text = "", currency: Text = "",
) -> Response:  # fmt: skip
    state = FormState(kept(dict(zip(COURSE_COLUMNS, (host, course_type, seats, starts, ends, language,
                                                     prerequisites, seat_value, currency), strict=True))))  # fmt: skip
    fields = {**state.values, "seats": whole_number(seats, p.lang), "seat_value": decimal_number(seat_value, p.lang)}
    parsed = parse_course(fields, p.app.catalogue(), reference.nations(p.app.uow))
    write = partial(coordination.add_course, p.app.uow, p.caller, p.app.catalogue(), clock=p.app.clock)
    return submitted(p, state, parsed, columns=COURSE_COLUMNS, draw=_course_form, write=write,
                     next_url=lambda done: f"/offers/{done.id}?recorded=1")  # fmt: skip


@router.get("/restrictions/new", response_class=HTMLResponse, name="new-restriction")
def new_restriction(p: PageDep) -> HTMLResponse:
    refuse_unless(p, "restrictions.add", Resource("restriction", nation=p.actor.nation), "record restrictions")
    today = p.app.clock().date().isoformat()
    return _restriction_form(p, FormState({"donor": _own(p) or "", "action": "imposed", "on": today,
                                           "scope": EVERY_ITEM}))  # fmt: skip


@router.post("/restrictions/new", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def add_restriction(
    p: PageDep, donor: Text = "", use: Text = "", action: Text = "", on: Text = "", scope: Text = "",
    source: Long = "",
) -> Response:  # fmt: skip
    state = FormState(kept(dict(zip(RESTRICTION_COLUMNS, (donor, use, action, on, scope, source), strict=True))))
    parsed = parse_restriction(state.values, p.app.catalogue(), reference.nations(p.app.uow))
    write = partial(coordination.add_restriction, p.app.uow, p.caller, p.app.catalogue(), clock=p.app.clock)
    return submitted(p, state, parsed, columns=RESTRICTION_COLUMNS, draw=_restriction_form,
                     write=write, form="restriction",
                     next_url=lambda done: f"/offers?restriction={done.id}#restriction-{done.id}")  # fmt: skip


@router.get("/offers/{supply}", response_class=HTMLResponse, name="supply")
def supply_page(p: PageDep, supply: str, recorded: Annotated[str, Query(max_length=1)] = "") -> HTMLResponse:
    return _supply(p, supply, FormState({}), recorded=recorded == "1")


@router.post("/offers/{supply}/withdrawal", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def withdraw(p: PageDep, supply: str, reason: Long = "") -> Response:
    state = FormState({"reason": reason.strip()})
    if not state.values["reason"]:
        state.errors["reason"], state.status = Problem(p.t("invalid.reason")), 422
        return _supply(p, supply, state)
    try:
        coordination.withdraw_supply(p.app.uow, p.caller, [supply], state.values["reason"], p.app.clock)
    except RamsteinError as exc:
        return _supply(p, supply, failed(p, state, exc))
    return RedirectResponse(f"/offers/{supply}", status_code=303)


def _supply(p: Page, id_: str, state: FormState, *, recorded: bool = False) -> HTMLResponse:
    registers = coordination.registers(p.app.uow, p.caller, p.app.clock, "offers.read")
    offer = next((o for o in registers.offers if o.id == id_), None)
    course = next((c for c in registers.courses if c.id == id_), None)
    if offer is None and course is None:
        raise NotFound(f"no offer or course {id_}", hint="the offers page lists them.")
    owner = offer.donor if offer else course.host if course else None
    withdrawal = next((w for w in registers.withdrawals if w.supply == id_), None)
    size = offer.quantity if offer else course.seats if course else 0
    committed = registers.committed_by_offer()[id_]
    may = p.decision("offers.withdraw", Resource("offer", nation=owner, id=id_))
    return p.render("supply.html.j2", state.status, offer=offer, course=course, id=id_, state=state,
                    withdrawal=withdrawal, committed=committed, left=0 if withdrawal else size - committed,
                    may_withdraw=may, recorded=recorded)  # fmt: skip


def _offer_form(p: Page, state: FormState) -> HTMLResponse:
    items = sorted(
        (i for i in p.app.catalogue() if i.kind is not ItemKind.TRAINING), key=lambda i: (i.capability, i.code)
    )
    return p.render("offer_form.html.j2", state.status, state=state, items=items, own=_own(p), origins=list(Origin),
                    nations=reads.nations(p.app.uow, p.caller, p.app.clock))  # fmt: skip


def _course_form(p: Page, state: FormState) -> HTMLResponse:
    types = sorted((i for i in p.app.catalogue() if i.kind is ItemKind.TRAINING), key=lambda i: i.code)
    return p.render("course_form.html.j2", state.status, state=state, items=types, own=_own(p),
                    nations=reads.nations(p.app.uow, p.caller, p.app.clock))  # fmt: skip


def _restriction_form(p: Page, state: FormState) -> HTMLResponse:
    catalogue = p.app.catalogue()
    registers = coordination.registers(p.app.uow, p.caller, p.app.clock, "offers.read")
    stated = {r.intended_use for r in registers.requirements if r.intended_use}  # the uses needs name
    items = sorted((i for i in catalogue if i.kind is not ItemKind.TRAINING), key=lambda i: (i.capability, i.code))
    return p.render("restriction_form.html.j2", state.status, state=state, own=_own(p), actions=list(Action),
                    items=items, families=sorted({i.family for i in items}),
                    uses=sorted(stated | {c.use for c in registers.restrictions}),
                    nations=reads.nations(p.app.uow, p.caller, p.app.clock))  # fmt: skip
