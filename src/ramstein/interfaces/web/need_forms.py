"""Ukraine's side in the browser: propose a requirement line (the liaison, or a coordinator), approve one
(a coordinator) or withdraw one, and confirm the receipt of a delivery. The fields are those of
`ramstein needs add` and `ramstein deliveries confirm`, parsed by the same code; the writes go through the
same use cases (services/coordination_access.py), which decide, audit and refuse."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ramstein.domain.access import Resource, forbidden
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import Decision, Requirement
from ramstein.domain.errors import NotFound, RamsteinError
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import Capability
from ramstein.interfaces.auth import check_csrf, require_user
from ramstein.interfaces.web.forms import FormState, failed, kept, problems, whole_number
from ramstein.interfaces.web.page import Page, PageDep, PageRoute
from ramstein.services import coordination_access as coordination
from ramstein.services.coordination_forms import iso_date, parse_requirement, whole

router = APIRouter(route_class=PageRoute, dependencies=[Depends(require_user)])
NEED_FIELDS = ("item", "quantity", "priority", "needed_by", "capability", "intended_use", "crew_for", "note")
DELIVERY_FIELDS = ("pair", "quantity", "on")
Text = Annotated[str, Form(max_length=500)]
Note = Annotated[str, Form(max_length=2000)]
T = TypeVar("T")
Form_ = Callable[[Page, FormState], HTMLResponse]


def refuse_unless(p: Page, action: str, resource: Resource, what: str) -> None:
    """A form is drawn only for who may use it; the service decides again when it is sent."""
    decision = p.decision(action, resource)
    if not decision.allowed:
        message = f"{p.actor.name} may not {what}: {decision.reason}"
        raise forbidden(decision, message, "ask a coordinator if you need this.")


@router.get("/needs/new", response_class=HTMLResponse, name="new-need")
def new_need(p: PageDep) -> HTMLResponse:
    refuse_unless(p, "requirements.propose", coordination.UKRAINES_LIST, "propose requirements")
    return _need_form(p, FormState({"priority": "3"}))


@router.post("/needs/new", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def propose_need(
    p: PageDep, item: Text = "", quantity: Text = "", priority: Text = "", needed_by: Text = "",
    capability: Text = "", intended_use: Text = "", crew_for: Text = "", note: Note = "", package: Text = "",
) -> Response:  # fmt: skip
    state = FormState(kept(dict(zip(NEED_FIELDS, (item, quantity, priority, needed_by, capability, intended_use,
                                                  crew_for, note), strict=True))) | {"package": package})  # fmt: skip
    fields = {**state.values, "quantity": whole_number(quantity, p.lang)}
    parsed = parse_requirement(fields, p.app.catalogue(), today=p.app.clock().date(), source="form")
    if not isinstance(parsed, Requirement):
        return _invalid(p, state, parsed)
    if package == "1" and (not_a_platform := _not_a_platform(p, parsed.item)):
        state.errors, state.status = problems([not_a_platform], NEED_FIELDS, p.t, "package"), 422
        return _need_form(p, state)
    try:
        if package == "1":  # the item is a platform: the platform with its parts and crews, one package
            platform, *_ = coordination.propose_package(p.app.uow, p.caller, p.app.catalogue(), parsed, p.app.clock)
            return RedirectResponse(f"/needs?package={platform.package}#{platform.id}", status_code=303)
        (line,) = coordination.propose(p.app.uow, p.caller, [parsed], p.app.clock)
    except RamsteinError as exc:
        return _need_form(p, failed(p, state, exc))
    return RedirectResponse(f"/needs?proposed={line.id}#{line.id}", status_code=303)


@router.post("/needs/{line}/approval", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def approve_need(p: PageDep, line: str, note: Note = "") -> Response:
    coordination.decide(p.app.uow, p.caller, [line], Decision.APPROVED, p.app.clock, note.strip())
    return RedirectResponse(f"/needs?approved={line}#{line}", status_code=303)


@router.post("/needs/{line}/withdrawal", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def withdraw_need(p: PageDep, line: str, note: Note = "") -> Response:
    coordination.decide(p.app.uow, p.caller, [line], Decision.WITHDRAWN, p.app.clock, note.strip())
    return RedirectResponse(f"/needs?withdrawn={line}#{line}", status_code=303)


@router.get("/deliveries/new", response_class=HTMLResponse, name="new-delivery")
def new_delivery(p: PageDep, pair: Annotated[str, Query(max_length=50)] = "") -> HTMLResponse:
    refuse_unless(p, "deliveries.confirm", coordination.UKRAINES_LIST, "confirm deliveries")
    return _delivery_form(p, FormState({"pair": pair, "on": p.app.clock().date().isoformat()}))


@router.post("/deliveries/new", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def confirm_delivery(p: PageDep, pair: Text = "", quantity: Text = "", on: Text = "") -> Response:
    state = FormState(kept({"pair": pair, "quantity": quantity, "on": on}))
    offer, _, requirement = state.values["pair"].partition(":")
    issues = []
    if not (offer and requirement):
        issues.append(DataIssue("form", 0, "pair", "choose what arrived: an offer and the line it was committed to"))
    count = _parsed(issues, "quantity", lambda: whole(whole_number(quantity, p.lang)))
    day = _parsed(issues, "on", lambda: iso_date(on.strip()))
    if issues or count is None or day is None:
        return _invalid(p, state, issues, form=_delivery_form)
    try:
        coordination.confirm_delivery(p.app.uow, p.caller, p.app.clock, requirement=requirement, offer=offer,
                                      quantity=count, on=day)  # fmt: skip
    except RamsteinError as exc:
        return _delivery_form(p, failed(p, state, exc))
    return RedirectResponse(f"/needs?delivered={requirement}#{requirement}", status_code=303)


def outstanding(registers: Registers) -> list[tuple[str, str, str, str, int]]:
    """(offer, requirement, donor, item, quantity) for every pair an accepted round committed and that has
    not all arrived: what the liaison can confirm."""
    pairs = dict.fromkeys((a.offer, a.need) for _, a in registers.commitments())
    found = []
    for offer, need in pairs:
        left = registers.committed_pair(offer, need) - registers.delivered_pair(offer, need)
        supply = registers.supply(offer)
        if left > 0 and supply is not None:
            found.append((offer, need, supply.donor, supply.item, left))
    return found


def _parsed(issues: list[DataIssue], column: str, parse: Callable[[], T]) -> T | None:
    try:
        return parse()
    except ValueError as exc:
        issues.append(DataIssue("form", 0, column, str(exc)))
        return None


def _not_a_platform(p: Page, item: str) -> DataIssue | None:
    try:
        p.app.catalogue().package(item)
    except NotFound as exc:
        return DataIssue("form", 0, "item", f"{exc.message}; {exc.hint}")
    return None


def _invalid(p: Page, state: FormState, issues: list[DataIssue], form: Form_ | None = None) -> HTMLResponse:
    draw = form or _need_form
    fields = DELIVERY_FIELDS if draw is _delivery_form else NEED_FIELDS
    state.errors, state.status = problems(issues, fields, p.t), 422
    return draw(p, state)


def _need_form(p: Page, state: FormState) -> HTMLResponse:
    catalogue = sorted(p.app.catalogue(), key=lambda i: (i.capability, i.code))
    return p.render("need_form.html.j2", state.status, state=state, items=catalogue, capabilities=list(Capability))


def _delivery_form(p: Page, state: FormState) -> HTMLResponse:
    registers = coordination.registers(p.app.uow, p.caller, p.app.clock, "requirements.read")
    return p.render("delivery_form.html.j2", state.status, state=state, pairs=outstanding(registers))
