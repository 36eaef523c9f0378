"""The coordinator's allocation work in the browser: run a round (its date, a note, and locks), lock one
assignment of a round and re-optimise the rest around it (a new round: a round is never re-run in place),
and accept a round (its commitments go to the ledger). The same use cases as `ramstein rounds run` and
`ramstein accept` decide, audit and refuse; a failed rule (a lock beyond a quantity, a stale round) is shown
on the page that asked, with nothing stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ramstein.domain.allocation import Lock
from ramstein.domain.errors import RamsteinError
from ramstein.domain.issues import DataIssue
from ramstein.interfaces.auth import check_csrf, require_user
from ramstein.interfaces.web.coordination import draw_round, rounds_page
from ramstein.interfaces.web.forms import FormState, failed, kept, problems, whole_number
from ramstein.interfaces.web.page import PageDep, PageRoute
from ramstein.services import coordination_access as coordination
from ramstein.services import coordination_reads
from ramstein.services.coordination_forms import iso_date

router = APIRouter(route_class=PageRoute, dependencies=[Depends(require_user)])
Text = Annotated[str, Form(max_length=500)]
Locks = Annotated[str, Form(max_length=20_000)]


@router.post("/rounds", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def run(p: PageDep, as_of: Text = "", note: Annotated[str, Form(max_length=2000)] = "", locks: Locks = "") -> Response:
    state = FormState(kept({"as_of": as_of, "note": note, "locks": locks}))
    issues: list[DataIssue] = []
    day = p.app.clock().date()
    if state.values["as_of"]:
        try:
            day = iso_date(state.values["as_of"])
        except ValueError as exc:
            issues.append(DataIssue("form", 0, "as_of", str(exc)))
    parsed = parse_locks(state.values["locks"], p.lang, issues)
    if issues:
        state.errors, state.status = problems(issues, ("as_of", "locks"), p.t), 422
        return rounds_page(p, state)
    try:
        done = coordination.run_round(p.app.uow, p.caller, p.app.optimiser(), p.app.catalogue(), p.app.clock,
                                      as_of=day, locks=parsed, note=state.values["note"])  # fmt: skip
    except RamsteinError as exc:
        return rounds_page(p, failed(p, state, exc))
    return RedirectResponse(f"/rounds/{done.number}?ran=1", status_code=303)


@router.post("/rounds/{number}/lock", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def lock(p: PageDep, number: int, offer: Text = "", need: Text = "", quantity: Text = "") -> Response:
    """Keep this assignment (with the round's own locks) and re-optimise the rest: a new round of the same day."""
    state = FormState(kept({"offer": offer, "need": need, "quantity": quantity}))
    earlier = coordination_reads.round_view(p.app.uow, p.caller, p.app.clock, number).round
    issues: list[DataIssue] = []
    (added,) = parse_locks(f"{offer}:{need}:{quantity}", p.lang, issues) or (None,)
    if added is None:
        state.errors, state.status = problems(issues, (), p.t), 422
        return draw_round(p, number, state)
    kept_locks = [x for x in earlier.locks if (x.offer, x.need) != (added.offer, added.need)]
    note = p.t("round.lock_note", number=number, offer=added.offer, need=added.need)
    try:
        done = coordination.run_round(p.app.uow, p.caller, p.app.optimiser(), p.app.catalogue(), p.app.clock,
                                      as_of=earlier.as_of, locks=[*kept_locks, added], note=note)  # fmt: skip
    except RamsteinError as exc:
        return draw_round(p, number, failed(p, state, exc))
    return RedirectResponse(f"/rounds/{done.number}?ran=1", status_code=303)


@router.post("/rounds/{number}/acceptance", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def accept(p: PageDep, number: int) -> Response:
    try:
        coordination.accept_round(p.app.uow, p.caller, number, p.app.clock)
    except RamsteinError as exc:
        return draw_round(p, number, failed(p, FormState({}), exc))
    return RedirectResponse(f"/rounds/{number}?accepted=1", status_code=303)


def parse_locks(text: str, lang: str, issues: list[DataIssue]) -> list[Lock]:
    """One lock a line, OFFER:NEED:QUANTITY (as `ramstein rounds run --lock`); every bad line is named."""
    found = []
    for row, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        offer, _, rest = line.strip().partition(":")
        need, _, quantity = rest.partition(":")
        digits = whole_number(quantity, lang)
        if not (offer.strip() and need.strip() and digits.isdigit() and int(digits) > 0):
            issues.append(DataIssue("form", row, "locks", f"line {row}, {line.strip()!r}: write OFFER:NEED:QUANTITY"))
            continue
        found.append(Lock(offer.strip(), need.strip(), int(digits)))
    return found
