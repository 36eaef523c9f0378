"""The coordination engine's pages: Ukraine's requirement list with its coverage, the donors' offers and
courses, and the allocation rounds with the reason for every assignment and every need left open. Each page
offers the actions (forms in need_forms, supply_forms, round_forms) its reader may use."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ramstein.domain.access import Resource
from ramstein.interfaces.web import round_view
from ramstein.interfaces.web.forms import FormState
from ramstein.interfaces.web.page import Page, PageDep, PageRoute
from ramstein.services import coordination_access as coordination
from ramstein.services import coordination_reads

router = APIRouter(route_class=PageRoute)
Id = Annotated[str, Query(max_length=20)]
Flag = Annotated[str, Query(max_length=1)]


@router.get("/needs", response_class=HTMLResponse, name="needs")
def requirement_list(p: PageDep, proposed: Id = "", approved: Id = "", withdrawn: Id = "", delivered: Id = "",
                     package: Id = "") -> HTMLResponse:  # fmt: skip
    lines = coordination_reads.requirements(p.app.uow, p.caller, p.app.clock)
    done = {"needs.proposed": proposed, "needs.approved": approved, "needs.withdrawn": withdrawn,
            "needs.delivered": delivered, "needs.package_proposed": package}  # fmt: skip
    notices = [(key, line) for key, line in done.items() if line]
    ukraine = coordination.UKRAINES_LIST
    return p.render(
        "needs.html.j2",
        lines=lines,
        notices=notices,
        may_propose=p.may("requirements.propose", ukraine),
        may_approve=p.may("requirements.approve", ukraine),
        may_withdraw=p.may("requirements.withdraw", ukraine),
        may_confirm=p.may("deliveries.confirm", ukraine),
    )


@router.get("/offers", response_class=HTMLResponse, name="offers")
def offers(p: PageDep, restriction: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> HTMLResponse:
    """Offers, courses and the register of end-use restrictions (`restriction`: one just recorded)."""
    registers = coordination_reads.offers(p.app.uow, p.caller, p.app.clock)
    committed = registers.committed_by_offer()
    return p.render(
        "offers.html.j2",
        registers=registers,
        committed=committed,
        withdrawn=registers.withdrawn(),
        may_offer=p.may("offers.add", Resource("offer", nation=p.actor.nation)),
        may_course=p.may("courses.add", Resource("course", nation=p.actor.nation)),
        may_restrict=p.may("restrictions.add", Resource("restriction", nation=p.actor.nation)),
        recorded_restriction=restriction,
    )


@router.get("/rounds", response_class=HTMLResponse, name="rounds")
def round_list(p: PageDep) -> HTMLResponse:
    return rounds_page(p, FormState({"as_of": p.app.clock().date().isoformat()}))


def rounds_page(p: Page, state: FormState) -> HTMLResponse:
    registers = coordination_reads.round_list(p.app.uow, p.caller, p.app.clock)
    accepted = {a.round for a in registers.acceptances}
    return p.render("rounds.html.j2", state.status, rounds=list(reversed(registers.rounds)), accepted=accepted,
                    state=state, may_run=p.may("rounds.run", Resource("round")))  # fmt: skip


@router.get("/rounds/{number}", response_class=HTMLResponse, name="round")
def round_page(p: PageDep, number: int, ran: Flag = "", accepted: Flag = "") -> HTMLResponse:
    notice = "round.ran" if ran == "1" else "round.accepted_now" if accepted == "1" else ""
    return draw_round(p, number, FormState({}), notice)


def draw_round(p: Page, number: int, state: FormState, notice: str = "") -> HTMLResponse:
    view = coordination_reads.round_view(p.app.uow, p.caller, p.app.clock, number)
    resource = Resource("round", id=str(number))
    return p.render(
        "round.html.j2",
        state.status,
        view=view,
        assignments=round_view.assignments(view, p.t, p.f),
        shortfalls=round_view.shortfalls(view),
        state=state,
        notice=notice,
        may_accept=p.may("rounds.accept", resource) and view.acceptance is None,
        may_lock=p.may("rounds.run", resource),
    )
